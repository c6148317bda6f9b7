"""A contract shown for reading only: for those who may look it up but not change it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from inkop_desktop.gui.views import tr


def lock(form: QWidget, buttons: QDialogButtonBox) -> None:
    """Every field read-only, every command but Stäng and Historik disabled, Spara hidden."""
    texts: list[QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox] = [
        *form.findChildren(QLineEdit),
        *form.findChildren(QPlainTextEdit),
        *form.findChildren(QTextEdit),
        *form.findChildren(QAbstractSpinBox),
    ]
    for text in texts:
        text.setReadOnly(True)
    for view in form.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    kept = set(buttons.findChildren(QAbstractButton))
    commands: list[QWidget] = [*form.findChildren(QComboBox), *form.findChildren(QAbstractButton)]
    for widget in commands:
        if widget not in kept and not widget.objectName().startswith("qt_"):
            widget.setEnabled(False)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        save.hide()
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(tr("Stäng"))
