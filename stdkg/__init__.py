"""stdkg: the standards knowledge graph.

This package is the kernel every other one stands on: the settings (``config``) and the error
root with its categories (``errors``); it imports none of them. The work is in ``nlp``
(extraction), ``graph`` (Neo4j), ``analysis`` (search, gaps, overlaps), ``api`` (HTTP), ``cli``
(the ``stdkg`` command) and ``evaluation``; ``corpus`` holds the project's own data. See
``docs/architecture.md``.
"""

__version__ = "0.1.0"
