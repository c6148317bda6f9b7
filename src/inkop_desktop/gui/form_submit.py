"""The one way a small form is sent: read the fields, store in the background, close or explain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.field_errors import FieldErrors
from inkop_desktop.gui.tasks import TaskRunner

T = TypeVar("T")


def submit(
    tasks: TaskRunner,
    error: QLabel | FieldErrors,
    buttons: QDialogButtonBox,
    read: Callable[[], dict[str, Any]],
    store: Callable[[dict[str, Any]], T],
    done: Callable[[T], None],
    also_failed: Callable[[BaseException], None] | None = None,
) -> None:
    """Typing errors are shown at once; otherwise store off the GUI thread, keeping the input.

    *error* is the form's message label, or its FieldErrors to show each problem by its field.
    *also_failed* runs after the error is shown (an editor offers its conflict dialog there).
    """
    try:
        data = read()
    except DomainError as exc:
        _explain(error, exc)
        return

    def failed(exc: BaseException) -> None:
        buttons.setEnabled(True)
        _explain(error, exc)
        if also_failed is not None:
            also_failed(exc)

    buttons.setEnabled(False)
    _explain(error, None)
    tasks.run(lambda: store(data), done, failed, owner=buttons)


def _explain(error: QLabel | FieldErrors, exc: BaseException | None) -> None:
    """Show *exc* (None: clear) in the label or beside the fields."""
    if not isinstance(error, FieldErrors):
        error.setText("" if exc is None else user_text(exc))
    elif exc is None:
        error.clear()
    else:
        error.show(exc)
