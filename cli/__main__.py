"""``python -m stdkg`` runs the command line."""

from stdkg.cli import main

main()
