"""The read side: search, gap analysis, overlaps and report formats, as services over a graph
reader (``graph.reader``). Used alike by the API, the CLI, the evaluation and the benchmarks;
no HTTP here, errors are ``StdkgError`` subclasses with a category."""
