"""stdkg: the standards knowledge graph.

Cross-cutting pieces live here (settings, errors, the command line); the work itself is in the
top-level packages ``graph`` (Neo4j), ``nlp`` (extraction), ``api`` (FastAPI) and ``corpus``
(the project's own taxonomies, gazetteers and labelled data).
"""

__version__ = "0.1.0"
