"""Save something the services produce (PDF, Excel, iCalendar) to a file the user chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner


def ask_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> Path | None:
    """The file the user picks, or None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(chosen) if chosen else None


def export_to_file(
    parent: QWidget | None,
    tasks: TaskRunner,
    produce: Callable[[], bytes],
    *,
    title: str,
    suggested: str,
    file_filter: str,
    on_done: Callable[[Path], None] | None = None,
) -> None:
    """Ask for a file, then produce and write the bytes in the background."""
    path = ask_path(parent, title, suggested, file_filter)
    if path is None:
        return

    def job() -> Path:
        path.write_bytes(produce())
        return path

    def done(written: Path) -> None:
        if on_done is not None:
            on_done(written)
        else:
            QMessageBox.information(parent, title, f"Sparad: {written}")

    tasks.run(job, done, lambda exc: show_error(parent, exc))
