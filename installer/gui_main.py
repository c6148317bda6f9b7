"""Entry script of the bundled desktop program (``inkop-desktop``)."""

from inkop_desktop.app import main

raise SystemExit(main())
