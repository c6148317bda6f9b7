"""Run the desktop application with ``python -m inkop_desktop``."""

from inkop_desktop.app import main

raise SystemExit(main())
