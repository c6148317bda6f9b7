"""The navigation column: "Att göra" with live counts above the list of views, with icons."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui import icons

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The badge's number on an "Att göra" entry (None: not counted yet or not available)."""
KEY_ROLE = Qt.ItemDataRole.UserRole
"""The entry's key: a view name, or a badge key."""
WIDTH = 244


def tr(text: str) -> str:
    """Translate a navigation text (context "Navigering")."""
    return QCoreApplication.translate("Navigering", text)


@dataclass(frozen=True)
class Badge:
    """An "Att göra" entry: key (a field of OverviewCounts), text, icon and what it counts."""

    key: str
    text: str
    icon: str
    explains: str


BADGES = (
    Badge(
        "bevakningar",
        tr("Bevakningar"),
        "bevakning",
        tr("Avtal inom sin ledtid för ny upphandling (slut eller optionsbeslut)"),
    ),
    Badge(
        "forsenade_uppfoljningar",
        tr("Försenade uppföljningar"),
        "forsenad",
        tr("Avtalsuppföljningar vars datum har passerats"),
    ),
    Badge(
        "mina_deklarationer",
        tr("Mina deklarationer"),
        "deklaration",
        tr("Dina jävsdeklarationer att lämna eller bekräfta"),
    ),
    Badge(
        "att_bedoma",
        tr("Att bedöma"),
        "bedoma",
        tr("Anmälda omständigheter som väntar på din jävsbedömning"),
    ),
    Badge("avsteg", tr("Avsteg"), "avsteg", tr("Avsteg som väntar på hantering")),
)
VIEW_ICONS = {
    "plan": "plan",
    "avtal": "avtal",
    "uppfoljning": "uppfoljning",
    "jav": "jav",
    "direktupphandling": "direktupphandling",
    "leverantorer": "leverantorer",
    "tidslinje": "tidslinje",
    "avtalskatalog": "avtalskatalog",
    "uppfoljning-rapport": "uppfoljning-rapport",
    "avsteg": "avsteg",
    "avtalstrohet": "avtalstrohet",
    "administration": "administration",
    "oversikt": "uppfoljning-rapport",
}


class BadgeDelegate(QStyledItemDelegate):
    """Paints an entry as usual with its count in a rounded badge at the right edge."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The entry (its text elided before the badge), then the badge."""
        count = index.data(COUNT_ROLE)
        text = "" if count is None else str(count) if isinstance(count, int) else "–"
        entry = QStyleOptionViewItem(option)
        self.initStyleOption(entry, index)
        metrics = entry.fontMetrics
        rect: QRect = entry.rect
        width = max(metrics.horizontalAdvance(text) + 12, metrics.height() + 4) if text else 0
        room = rect.width() - entry.decorationSize.width() - width - 24
        entry.text = metrics.elidedText(entry.text, Qt.TextElideMode.ElideRight, room)
        widget = entry.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, entry, painter, widget)
        if not text:
            return
        box = QRect(rect.right() - width - 6, rect.top() + 3, width, rect.height() - 6)
        palette: QPalette = entry.palette
        busy = isinstance(count, int) and count > 0
        fill = palette.color(QPalette.ColorRole.Highlight if busy else QPalette.ColorRole.Mid)
        ink = palette.color(
            QPalette.ColorRole.HighlightedText if busy else QPalette.ColorRole.WindowText
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def _list(name: str, accessible: str, parent: QWidget) -> QListWidget:
    """A navigation list without a frame of its own."""
    widget = QListWidget(parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setIconSize(icons.NAV_SIZE)
    widget.setUniformItemSizes(True)
    widget.setSpacing(1)
    return widget


class Navigation(QWidget):
    """Two lists: the counted to-dos (activate one to go there) and the views (Ctrl+1 …)."""

    todo_chosen = Signal(str)
    """An "Att göra" entry was activated (its badge key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationPanel")
        self.setAccessibleName(tr("Navigering"))
        self.setFixedWidth(WIDTH)
        self.todo = _list("todo", tr("Att göra"), self)
        self.todo.setItemDelegate(BadgeDelegate(self.todo))
        self.views = _list("navigation", tr("Vyer"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(tr("Att &göra"), self.todo))
        layout.addWidget(self.todo)
        layout.addWidget(self._heading(tr("V&yer"), self.views))
        layout.addWidget(self.views, 1)
        for badge in BADGES:
            self._add_badge(badge)
        self.todo.setFixedHeight(self._rows_height(self.todo))
        self.todo.itemActivated.connect(self._chosen)  # Enter (and a click where that activates)
        if not self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.todo.itemClicked.connect(self._chosen)

    def _heading(self, text: str, buddy: QWidget) -> QLabel:
        """A bold section title whose mnemonic (Alt+G, Alt+Y) moves focus to its list."""
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _rows_height(widget: QListWidget) -> int:
        """The height that shows every row without scrolling."""
        rows = sum(widget.sizeHintForRow(i) + 2 * widget.spacing() for i in range(widget.count()))
        return rows + 2 * widget.frameWidth() + 2

    def _add_badge(self, badge: Badge) -> None:
        """One counted entry (its count unknown until the first counts arrive)."""
        item = QListWidgetItem(icons.icon(badge.icon, self.palette()), badge.text, self.todo)
        item.setData(KEY_ROLE, badge.key)
        item.setToolTip(badge.explains)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, badge.text)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, badge.explains)

    def add_view(self, name: str, title: str, shortcut: str = "") -> QListWidgetItem:
        """The entry of the view *name*; the tooltip names its shortcut."""
        item = QListWidgetItem(title, self.views)
        item.setData(KEY_ROLE, name)
        if name in VIEW_ICONS:
            item.setIcon(icons.icon(VIEW_ICONS[name], self.palette()))
        if shortcut:
            item.setToolTip(f"{title} ({shortcut})")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        return item

    def badge_item(self, key: str) -> QListWidgetItem:
        """The "Att göra" entry *key*."""
        for row in range(self.todo.count()):
            item = self.todo.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        raise KeyError(key)

    def count(self, key: str) -> int | None:
        """The number the badge *key* shows (None: not known)."""
        value = self.badge_item(key).data(COUNT_ROLE)
        return value if isinstance(value, int) else None

    def set_counts(self, counts: dict[str, int]) -> None:
        """Show the numbers; the accessible text reads "Bevakningar: 85"."""
        for badge in BADGES:
            item = self.badge_item(badge.key)
            value = counts.get(badge.key)
            item.setData(COUNT_ROLE, value)
            item.setToolTip(badge.explains)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{badge.text}: {value}")
        self.todo.viewport().update()

    def counts_failed(self, text: str) -> None:
        """The counts could not be read: every badge shows "–" and the reason in its tooltip."""
        for badge in BADGES:
            item = self.badge_item(badge.key)
            item.setData(COUNT_ROLE, "–")
            item.setToolTip(badge.explains + "\n" + tr("Kunde inte räknas: %1").replace("%1", text))
        self.todo.viewport().update()

    def retheme(self) -> None:
        """Draw every icon again in the current palette's colours (light or dark)."""
        for badge in BADGES:
            self.badge_item(badge.key).setIcon(icons.icon(badge.icon, self.palette()))
        for row in range(self.views.count()):
            item = self.views.item(row)
            name = VIEW_ICONS.get(item.data(KEY_ROLE))
            if name:
                item.setIcon(icons.icon(name, self.palette()))

    def _chosen(self, item: QListWidgetItem) -> None:
        """Go to what the entry counts."""
        self.todo_chosen.emit(item.data(KEY_ROLE))
