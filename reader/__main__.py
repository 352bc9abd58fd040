"""Lets `python -m reader` run the same CLI as the `reader` console script."""

from reader.cli import main

raise SystemExit(main())
