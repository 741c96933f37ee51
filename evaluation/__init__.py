"""Accuracy measurements on the labelled data of ``corpus/gold/``: extraction, search, gaps.
Nothing in the product imports this package; the CLI adds its ``eval`` commands as a plugin
(entry point group ``stdkg.commands``)."""
