"""The ``stdkg`` command line: the top of the product, where settings are read and passed down.
``cli.main:main`` is the console script; ``python -m cli`` runs it too."""
