"""A record shown for reading only: fields that look read-only, a bar saying why, no Spara."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PERMISSIONS, Act

READ_ONLY_LOOK = (
    'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"],'
    ' QAbstractSpinBox[readOnly="true"] { background: #eeeeee; color: #404040; }'
)
BAR_STYLE = (
    "QLabel#readOnlyReason { background: #fff4ce; color: #3b2f00;"
    " border: 1px solid #d9b300; padding: 6px 10px; }"
)


def tr(text: str) -> str:
    """Translate (context "Formulär")."""
    return QCoreApplication.translate("Formulär", text)


def lock(form: QWidget, buttons: QDialogButtonBox, reason: str = "") -> QLabel | None:
    """Every field read-only and greyed, every command but Stäng and Historik disabled, Spara
    hidden; *reason* in a bar at the top of the form (returned), when given."""
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
    if READ_ONLY_LOOK not in form.styleSheet():
        form.setStyleSheet(form.styleSheet() + READ_ONLY_LOOK)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    if save is not None:
        save.hide()
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText(tr("Stäng"))
    return _bar(form, reason) if reason else None


def _bar(form: QWidget, reason: str) -> QLabel:
    """The yellow bar at the top of *form* that says why nothing can be changed."""
    bar = form.findChild(QLabel, "readOnlyReason")
    if bar is None:
        bar = QLabel(form)
        bar.setObjectName("readOnlyReason")
        bar.setWordWrap(True)
        bar.setStyleSheet(BAR_STYLE)
        bar.setAccessibleName(tr("Endast läsning"))
        layout = form.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, bar)
    bar.setText(reason)
    bar.show()
    return bar


def not_allowed(act: Act) -> str:
    """The bar's text when the user may not perform *act*: who may, and the rule."""
    grant = PERMISSIONS[act]
    who = ", ".join(r.label.lower() for r in Role if r in grant.roles)
    return (
        tr("Endast läsning: du får inte %1. Det får bara %2: %3.")
        .replace("%1", grant.what)
        .replace("%2", who)
        .replace("%3", grant.rule)
    )


def offer(button: QAbstractButton, applies: bool, refusal: str = "") -> None:
    """Hide *button* when its command can never apply here; grey it, naming the rule, when the
    user lacks the permission (*refusal* is the Swedish reason)."""
    button.setVisible(applies)
    button.setEnabled(applies and not refusal)
    button.setToolTip(refusal)
