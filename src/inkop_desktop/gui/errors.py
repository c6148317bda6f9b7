"""One way to show errors: typed domain errors as their Swedish text, anything else generically."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from inkop_desktop.domain.errors import ConcurrentEditError, DomainError

log = logging.getLogger(__name__)


def user_text(exc: BaseException) -> str:
    """The Swedish text for *exc*; never a traceback."""
    if isinstance(exc, DomainError):
        return exc.text
    log.error("Oväntat fel", exc_info=exc)
    return (
        "Ett oväntat fel inträffade och åtgärden avbröts. Inget har sparats halvvägs. "
        "Detaljer finns i programmets logg."
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show *exc* in a warning box with a Swedish title."""
    heading = title or _title(exc)
    QMessageBox.warning(parent, heading, user_text(exc))


def _title(exc: BaseException) -> str:
    """A short Swedish heading for the kind of error."""
    if isinstance(exc, ConcurrentEditError):
        return "Posten har ändrats"
    if isinstance(exc, DomainError):
        return "Kan inte utföras"
    return "Fel"


def wants_reload(parent: QWidget | None, exc: BaseException) -> bool:
    """After a concurrent edit: ask whether to read the saved version (the user's edits go)."""
    if not isinstance(exc, ConcurrentEditError):
        return False
    question = (
        exc.text
        + "\n\n"
        + QCoreApplication.translate(
            "Fel", "Vill du läsa in den sparade versionen? Dina ändringar förloras."
        )
    )
    answer = QMessageBox.question(parent, _title(exc), question)
    return answer == QMessageBox.StandardButton.Yes
