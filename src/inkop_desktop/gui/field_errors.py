"""Every validation problem at once, each marked at its field; the first one's tab is selected."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.gui.errors import user_text

T = TypeVar("T")

ERROR_COLOUR = "#b00020"
INVALID_STYLE = f"border: 1px solid {ERROR_COLOUR};"


class FieldErrors:
    """Show a ValidationError's problems at their fields (named in *fields*).

    Each field with a problem gets a red frame, the text as tooltip and accessible description;
    the summary lists every problem, one a line, so all are read at once. The tab of the first
    one is selected and its field focused; editing a field clears its mark. Fields in
    *elsewhere* are explained by the editor itself (only the tab and focus are handled here).
    """

    def __init__(
        self,
        fields: Mapping[str, QWidget],
        summary: QLabel,
        tabs: QTabWidget | None = None,
        elsewhere: Collection[str] = (),
    ) -> None:
        self._anchors = dict(fields)
        self._fields = {k: w for k, w in fields.items() if k not in frozenset(elsewhere)}
        self._summary = summary
        self._tabs = tabs
        self._shown: dict[str, str] = {}
        for name, widget in self._fields.items():
            signal = _edited(widget)
            if signal is not None:
                signal.connect(lambda *_a, n=name: self.clear_field(n))

    def show(self, exc: BaseException) -> None:
        """Explain *exc*: a ValidationError by field, anything else in the summary."""
        self.clear()
        if not isinstance(exc, ValidationError):
            self._summary.setText(user_text(exc))
            return
        texts: dict[str, list[str]] = {}
        for name, text in exc.problems:
            if name in self._fields:
                texts.setdefault(name, []).append(text)
        for name, lines in texts.items():
            self._mark(name, "\n".join(lines))
        self._summary.setText("\n".join(text for _name, text in exc.problems))
        first = next((name for name, _text in exc.problems if name in self._anchors), None)
        if first is not None:
            self._reveal(self._anchors[first])

    def clear(self) -> None:
        """No message anywhere."""
        for name in list(self._shown):
            self.clear_field(name)
        self._summary.setText("")

    def clear_field(self, name: str) -> None:
        """Remove the mark of field *name* (the user edited it) and its summary lines."""
        text = self._shown.pop(name, None)
        if text is None:
            return
        widget = self._fields[name]
        widget.setStyleSheet(str(widget.property("plainStyle") or ""))
        widget.setToolTip(str(widget.property("plainToolTip") or ""))
        widget.setAccessibleDescription("")
        gone = set(text.splitlines())
        left = [line for line in self._summary.text().splitlines() if line not in gone]
        self._summary.setText("\n".join(left))

    def message(self, name: str) -> str:
        """The message shown at field *name* ("" if none)."""
        return self._shown.get(name, "")

    def _mark(self, name: str, text: str) -> None:
        """Red frame, tooltip and accessible description."""
        widget = self._fields[name]
        if name not in self._shown:
            widget.setProperty("plainStyle", widget.styleSheet())
            widget.setProperty("plainToolTip", widget.toolTip())
        self._shown[name] = text
        widget.setStyleSheet(f"{widget.metaObject().className()} {{ {INVALID_STYLE} }}")
        widget.setToolTip(text)
        widget.setAccessibleDescription(text)

    def _reveal(self, widget: QWidget) -> None:
        """Select the tab holding *widget* and put the cursor there."""
        if self._tabs is not None:
            for index in range(self._tabs.count()):
                page = self._tabs.widget(index)
                if page is not None and (page is widget or page.isAncestorOf(widget)):
                    self._tabs.setCurrentIndex(index)
                    break
        widget.setFocus()


def collect(errors: list[ValidationError], name: str, read: Callable[[], T], fallback: T) -> T:
    """*read()*, or *fallback* with its ValidationError noted under field *name*."""
    try:
        return read()
    except ValidationError as exc:
        errors.append(ValidationError(exc.text, field=name))
        return fallback


def raise_all(errors: list[ValidationError]) -> None:
    """Raise one ValidationError with every problem collected (nothing if none)."""
    if errors:
        raise ValidationError.joined(errors)


def _edited(widget: QWidget) -> SignalInstance | None:
    """The signal that says the user changed *widget*."""
    changed = getattr(widget, "changed", None)
    if isinstance(changed, SignalInstance):
        return changed
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.activated  # the user's choice (a combo being destroyed also "changes")
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QAbstractSpinBox):
        return widget.editingFinished
    if isinstance(widget, QListWidget):
        return widget.itemChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None
