"""Every Cypher statement of stdkg, split by purpose: ``schema`` (constraints, index names, the
vector indexes for a given dimension), ``catalog`` and ``policies`` (writes), ``admin``
(counts, checksums, wipe), and the reads ``search``, ``standards``, ``documents``, ``meta``,
``gaps``, ``overlaps``.

Why one folder: reviewers check parameterization and index use in one place; every value is a
``$parameter``, only labels, relationship types and index names (from ``schema``) are literal.
"""
