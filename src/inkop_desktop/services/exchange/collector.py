"""Python's cycle collector paused while an import builds its rows (they all live to the end).

An import of 10 000 rows keeps every parsed row, checked item and audit entry until it commits;
the collector would walk them again and again (about a seventh of the import's time) and find
nothing to free. Reference counting still frees everything else at once; the collector runs
again, as before, when the last running import ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection while any import runs (imports in several threads nest)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
