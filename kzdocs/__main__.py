"""``python -m kzdocs``: the staff command line."""

from kzdocs.cli import main

main()
