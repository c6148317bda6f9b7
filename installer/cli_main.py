"""Entry script of the bundled command line (``inkop``)."""

from inkop_desktop.cli import main

raise SystemExit(main())
