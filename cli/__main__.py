"""``python -m cli`` runs the ``stdkg`` command line."""

from cli.main import main

main()
