"""Load Qt Designer forms from ``ui/`` and check the widgets the code relies on."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, Qt
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inkop_desktop.paths import ui_dir

W = TypeVar("W", bound=QWidget)


class FormError(RuntimeError):
    """A form lacks a widget the code expects (a developer error, not a user error)."""


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Load ``ui/<name>.ui``; raise FormError if it cannot be read."""
    path = ui_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FormError(f"Formuläret {path} kunde inte öppnas.")
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise FormError(f"Formuläret {path} kunde inte läsas.")
    if parent is not None:
        # A form whose top level is a QDialog would stay a separate window; embed it instead.
        widget.setWindowFlags(Qt.WindowType.Widget)
    return widget


def child(form: QWidget, kind: type[W], name: str) -> W:
    """The child *name* of type *kind*; fail loudly if missing or of another type."""
    found = form.findChild(kind, name)
    if found is None:
        raise FormError(f"Formuläret {form.objectName()} saknar {kind.__name__} ”{name}”.")
    return found


def embed_form(name: str, dialog: QWidget) -> QWidget:
    """Load ``ui/<name>.ui`` as the whole content of *dialog*, with the form's title and size."""
    form = load_form(name, dialog)
    dialog.setWindowTitle(form.windowTitle())
    dialog.resize(form.size())
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(form)
    return form
