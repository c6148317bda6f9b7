"""Start-up of the desktop program: show the window, then open the database in the background.

``core`` wires settings, credentials and the connection; ``pages`` names the views, each made
when it is first shown.
"""

from __future__ import annotations

from inkop_desktop.startup.core import (
    DIALOG_VIEWS,
    SCREENSHOT_TIMEOUT_MS,
    Startup,
    first_view,
    remove_local_database,
)

__all__ = [
    "DIALOG_VIEWS",
    "SCREENSHOT_TIMEOUT_MS",
    "Startup",
    "first_view",
    "remove_local_database",
]
