"""Every validation problem at once, each beside its field; the first one's tab is selected."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.gui.errors import user_text

T = TypeVar("T")

ERROR_COLOUR = "#b00020"
INVALID_STYLE = f"border: 1px solid {ERROR_COLOUR};"


class FieldErrors:
    """Show a ValidationError's problems beside the fields named in *fields*.

    Problems without a known field go to *summary*; editing a field clears its message.
    """

    def __init__(
        self, fields: Mapping[str, QWidget], summary: QLabel, tabs: QTabWidget | None = None
    ) -> None:
        self._fields = dict(fields)
        self._summary = summary
        self._tabs = tabs
        self._labels: dict[str, QLabel] = {}
        self._shown: set[str] = set()
        self._counted = False
        for name, widget in self._fields.items():
            self._labels[name] = _error_label(widget)
            signal = _edited(widget)
            if signal is not None:
                signal.connect(lambda *_a, n=name: self.clear_field(n))

    def show(self, exc: BaseException) -> None:
        """Explain *exc*: a ValidationError by field, anything else in the summary."""
        self.clear()
        self._counted = False
        if not isinstance(exc, ValidationError):
            self._summary.setText(user_text(exc))
            return
        loose: list[str] = []
        texts: dict[str, list[str]] = {}
        for name, text in exc.problems:
            if name in self._fields:
                texts.setdefault(name, []).append(text)
            else:
                loose.append(text)
        for name, lines in texts.items():
            self._mark(name, "\n".join(lines))
        self._counted = bool(texts) and not loose
        self._summary.setText("\n".join(loose) if loose else _count_text(len(texts)))
        if texts:
            self._reveal(self._fields[next(iter(texts))])

    def clear(self) -> None:
        """No message anywhere."""
        for name in list(self._shown):
            self.clear_field(name)
        self._summary.setText("")

    def clear_field(self, name: str) -> None:
        """Remove the message of field *name* (the user edited it)."""
        if name not in self._shown:
            return
        self._shown.discard(name)
        widget, label = self._fields[name], self._labels[name]
        label.hide()
        label.setText("")
        widget.setStyleSheet(str(widget.property("plainStyle") or ""))
        widget.setToolTip(str(widget.property("plainToolTip") or ""))
        widget.setAccessibleDescription("")
        if not self._shown and self._counted:
            self._summary.setText("")

    def message(self, name: str) -> str:
        """The message shown beside field *name* ("" if none)."""
        return self._labels[name].text() if name in self._shown else ""

    def _mark(self, name: str, text: str) -> None:
        """Red frame, tooltip, accessible description and the text below the field."""
        widget, label = self._fields[name], self._labels[name]
        if name not in self._shown:
            widget.setProperty("plainStyle", widget.styleSheet())
            widget.setProperty("plainToolTip", widget.toolTip())
        self._shown.add(name)
        label.setText(text)
        label.show()
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


def _count_text(count: int) -> str:
    """The summary when every problem sits beside its field."""
    if count == 0:
        return ""
    if count == 1:
        return "Rätta det markerade fältet."
    return f"Rätta de {count} markerade fälten."


def _error_label(widget: QWidget) -> QLabel:
    """A hidden red label right below *widget* (the widget moves into a small column)."""
    label = QLabel()
    label.setObjectName(f"{widget.objectName() or 'field'}Error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    layout = _owning_layout(widget)
    if layout is None:
        return label
    column = QWidget()
    inner = QVBoxLayout(column)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(2)
    layout.replaceWidget(widget, column)
    inner.addWidget(widget)
    inner.addWidget(label)
    return label


def _owning_layout(widget: QWidget) -> QLayout | None:
    """The layout that holds *widget* directly (searching nested layouts)."""
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    pending = [top] if top is not None else []
    while pending:
        layout = pending.pop()
        if layout.indexOf(widget) >= 0:
            return layout
        for i in range(layout.count()):
            item = layout.itemAt(i)
            inner = item.layout() if item is not None else None
            if inner is not None:
                pending.append(inner)
    return None


def _edited(widget: QWidget) -> SignalInstance | None:
    """The signal that says the user changed *widget*."""
    changed = getattr(widget, "changed", None)
    if isinstance(changed, SignalInstance):
        return changed
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QAbstractSpinBox):
        return widget.editingFinished
    if isinstance(widget, QListWidget):
        return widget.itemChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None
