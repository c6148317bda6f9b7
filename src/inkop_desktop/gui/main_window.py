"""The main window: navigation, menus and status bar only; areas live in their pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop import __version__
from inkop_desktop.gui import toolbar
from inkop_desktop.gui.actions import REGISTER_ACTIONS, ActionId, ActionRegistry
from inkop_desktop.gui.badges import BadgeCounter
from inkop_desktop.gui.navigation import Navigation
from inkop_desktop.gui.page_registry import PageFactory, Pages
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:  # lists and services are imported after the first paint
    from inkop_desktop.gui.list_page import ListPage, ViewSpec
    from inkop_desktop.services.overview_counts import OverviewCountService

VIEW_KEYS = "1234567890"
"""Ctrl+1 … Ctrl+9, then Ctrl+0: the first ten views."""


class MainWindow(QMainWindow):
    """Shell: navigation (to-dos with counts, views) on the left, one page per area beside it."""

    view_loaded = Signal(str)
    view_failed = Signal(str, str)
    page_built = Signal(str, QWidget)
    """A view's page was made (the first time it was needed)."""
    closing = Signal()
    """The window is being closed (background watchers stop)."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.registry = ActionRegistry(self)
        self.pages = Pages(self._page_built)
        self.counter: BadgeCounter | None = None
        self._overview: OverviewCountService | None = None
        self._retheming = False
        self.setWindowTitle(self.tr("Inköp Sörmland–Västmanland"))
        self.resize(1360, 800)
        self._build_central()
        self._build_menus()
        self._build_status()

    def _build_central(self) -> None:
        """Warning bar on top; navigation list and page stack (a waiting label until connected)."""
        central = QWidget(self)
        outer = QVBoxLayout(central)
        self._banners = QVBoxLayout()
        outer.addLayout(self._banners)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.navigation = Navigation(central)
        self.navigation.todo_chosen.connect(self.go_to_todo)
        self.nav = self.navigation.views
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemActivated.connect(lambda _item: self.focus_page())  # Enter goes in
        self.stack = QStackedWidget(central)
        self.waiting = QLabel(self.tr("Hämtar… (ansluter till databasen)"), self.stack)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.waiting)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def add_banner(self, banner: QWidget) -> None:
        """Put a warning bar above the pages (the areas' bars are wired by the start-up)."""
        self._banners.addWidget(banner)

    def _build_menus(self) -> None:
        """Arkiv, Redigera, Visa and Hjälp menus from the action registry."""
        bar = self.menuBar()
        archive = bar.addMenu(self.tr("&Arkiv"))
        archive.addAction(self.registry[ActionId.NEW_SUPPLIER])
        archive.addAction(self.registry[ActionId.REFERENCE_VALUES])
        archive.addAction(self.registry[ActionId.ADMINISTRATION])
        registers = archive.addMenu(self.tr("&Register"))
        for index, action_id in enumerate(REGISTER_ACTIONS):
            if index == 3:
                registers.addSeparator()
            registers.addAction(self.registry[action_id])
        archive.addAction(self.registry[ActionId.SETTINGS])
        archive.addSeparator()
        for action_id in (ActionId.WORK_OFFLINE, ActionId.SYNC_NOW):  # a server only (offline)
            archive.addAction(self.registry[action_id])
            self.registry[action_id].setEnabled(False)
        self.registry[ActionId.WORK_OFFLINE].setCheckable(True)
        archive.addSeparator()
        archive.addAction(self.registry[ActionId.QUIT])
        edit = bar.addMenu(self.tr("&Redigera"))
        edit.addAction(self.registry[ActionId.COPY_ROWS])
        self.view_menu = bar.addMenu(self.tr("&Visa"))
        self.view_menu.addAction(self.registry[ActionId.RELOAD])
        self.view_menu.addSeparator()
        self.commands_menu = bar.addMenu(self.tr("Å&tgärder"))
        self.commands_menu.setEnabled(False)
        help_menu = bar.addMenu(self.tr("&Hjälp"))
        help_menu.addAction(self.registry[ActionId.ABOUT])
        self.registry[ActionId.QUIT].triggered.connect(self.close)
        self.registry[ActionId.RELOAD].triggered.connect(self.reload_current)
        self.registry[ActionId.COPY_ROWS].triggered.connect(self._copy_rows)
        self.registry[ActionId.ABOUT].triggered.connect(self._about)
        self.registry[ActionId.ADMINISTRATION].triggered.connect(self._administration)

    def _build_status(self) -> None:
        """Database and user in the status bar."""
        self.database_label = QLabel(self.tr("Ingen databas"), self)
        self.database_label.setAccessibleName(self.tr("Databas"))
        self.user_label = QLabel("", self)
        self.user_label.setAccessibleName(self.tr("Inloggad person"))
        self.demo_label = QLabel(self.tr("DEMO – övningsdata"), self)
        self.demo_label.setObjectName("demoMarker")
        self.demo_label.setStyleSheet(
            "QLabel#demoMarker { background: #b45309; color: white; font-weight: bold;"
            " padding: 1px 8px; border-radius: 3px; }"
        )
        self.demo_label.setAccessibleName(self.tr("Demodatabas"))
        self.demo_label.hide()
        self.statusBar().addPermanentWidget(self.demo_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.database_label)

    def set_status(self, database: str, user: str, *, demo: bool = False, where: str = "") -> None:
        """Show the database by name (its location in the tooltip), the person, and DEMO."""
        self.database_label.setText(database)
        self.database_label.setToolTip(where)
        self.user_label.setText(self.tr("Inloggad: %1").replace("%1", user) if user else "")
        self.demo_label.setVisible(demo)
        title = self.tr("Inköp Sörmland–Västmanland")
        self.setWindowTitle(title + (self.tr(" – DEMO") if demo else ""))

    def show_failure(self, text: str) -> None:
        """Replace the waiting text with a Swedish explanation."""
        self.waiting.setText(text)
        self.waiting.setWordWrap(True)
        self.stack.setCurrentWidget(self.waiting)

    def add_pages(self, specs: list[ViewSpec]) -> None:
        """Create one list page per area."""
        from inkop_desktop.gui.list_page import ListPage

        for spec in specs:
            self.add_page(spec.name, spec.title, ListPage(spec, self.tasks, self.stack))

    def add_page(self, name: str, title: str, page: QWidget) -> None:
        """Add a page that is already made, with its navigation entry and shortcut."""
        self.add_view(name, title, lambda: page)
        self.pages[name]

    def add_view(self, name: str, title: str, factory: PageFactory) -> None:
        """Add a view with its navigation entry and shortcut (Ctrl+1 …); *factory* makes its
        page when the view is first shown or asked for.

        A page has ``loaded``/``failed`` signals, ``has_loaded`` and ``reload()``.
        """
        self.pages.register(name, factory)
        action = self.view_menu.addAction(title)
        if len(self.pages) <= len(VIEW_KEYS):
            action.setShortcut(f"Ctrl+{VIEW_KEYS[len(self.pages) - 1]}")
        self.navigation.add_view(name, title, action.shortcut().toString())
        action.triggered.connect(lambda _c=False, n=name: self.show_view(n))

    def _page_built(self, name: str, page: QWidget) -> None:
        """Wire a page just made: its load signals, its place in the stack."""
        page.loaded.connect(lambda n=name: self.view_loaded.emit(n))  # type: ignore[attr-defined]
        page.failed.connect(lambda text, n=name: self.view_failed.emit(n, text))  # type: ignore[attr-defined]
        self.stack.addWidget(page)
        self.page_built.emit(name, page)

    def show_view(self, name: str) -> QWidget:
        """Switch to the page *name* (making and loading it the first time); the waiting text
        while the database is being opened."""
        row = self.pages.index(name)
        if self.nav.currentRow() == row:  # chosen while the database was being opened
            self._nav_changed(row)
        self.nav.setCurrentRow(row)
        return self.pages[name] if self.pages.ready else self.waiting

    def show_early(self, name: str, page: QWidget) -> None:
        """Show *page*, made before the database is open, as the view *name*'s page."""
        self.pages.put(name, page)
        self.stack.setCurrentWidget(page)
        blocked = self.nav.blockSignals(True)  # the pages cannot be made yet
        self.nav.setCurrentRow(self.pages.index(name))
        self.nav.blockSignals(blocked)

    def list_page(self, name: str) -> ListPage | None:
        """The list page *name*, if that page is a list (made if it was not yet)."""
        from inkop_desktop.gui.list_page import ListPage

        page = self.pages.get(name)
        return page if isinstance(page, ListPage) else None

    def current_page(self) -> QWidget | None:
        """The page on screen, if any."""
        widget = self.stack.currentWidget()
        return widget if widget is not self.waiting else None

    def _nav_changed(self, row: int) -> None:
        """Show the chosen page; load it on first show."""
        name = self.pages.name_at(row)
        if name is None or not self.pages.ready:
            return  # the waiting text stays until the data can come
        page = self.pages[name]
        self.stack.setCurrentWidget(page)
        self._fill_commands(page)
        if not page.has_loaded:  # type: ignore[attr-defined]
            page.reload()  # type: ignore[attr-defined]
        if not self.nav.hasFocus():  # arrow keys in the list keep browsing; Enter goes in
            self.focus_page()

    def focus_page(self) -> None:
        """Put the keyboard focus in the page on screen (its search field, if it has one)."""
        page = self.current_page()
        if page is not None:
            getattr(page, "search", page).setFocus()

    def _fill_commands(self, page: QWidget) -> None:
        """The Åtgärder menu lists the page's own commands (only those: no shortcut twice)."""
        self.commands_menu.clear()
        found = [
            a
            for a in page.findChildren(QAction)
            if a.objectName().startswith(toolbar.COMMAND_PREFIX)
        ]
        self.commands_menu.addActions(found)
        if found:
            self.commands_menu.addSeparator()
        self.commands_menu.addAction(self.registry[ActionId.RELOAD])
        self.commands_menu.setEnabled(True)

    def watch_counts(self, service: OverviewCountService) -> BadgeCounter:
        """Count the to-dos now, and again after every view load or announced change."""
        self._overview = service
        self.counter = BadgeCounter(
            self.tasks,
            service.counts,
            self.navigation.set_counts,
            self.navigation.counts_failed,
            self,
        )
        self.view_loaded.connect(self.counter.request)
        self.closing.connect(self.counter.stop)
        self.counter.count_now()
        return self.counter

    def after_counts(self, run: Callable[[], None]) -> None:
        """Call *run* once the to-dos have been counted (at once when they are, or never will)."""
        if self.counter is None or self.counter.has_counted:
            run()
        else:
            self.counter.settled.connect(run, Qt.ConnectionType.SingleShotConnection)

    def refresh_counts(self, *_why: Any) -> None:
        """Something changed (here or elsewhere): count the to-dos again shortly."""
        if self.counter is not None:
            self.counter.request()

    def go_to_todo(self, key: str) -> None:
        """Open where an "Att göra" entry's items are listed."""
        view, then = _TODO_TARGETS[key]
        if view in self.pages:
            then(self.show_view(view))

    def open_target(self, target: Any) -> None:
        """Open the list behind an Översikt picture with its filters (others shown as "alla")."""
        if target.view in ("avsteg", "jav"):
            self.go_to_todo("avsteg" if target.view == "avsteg" else "att_bedoma")
            return
        if target.view not in self.pages:
            return
        page = self.show_view(target.view)
        closed = getattr(page, "show_closed", None)
        if closed is not None:
            closed.setChecked(target.show_closed)
        for key, box in getattr(page, "filter_boxes", {}).items():
            box.setCurrentIndex(max(0, box.findData(target.filters.get(key, ""))))

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark): draw the icons again in its colours."""
        changed = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changed and not self._retheming:
            self._retheming = True  # once every widget has its new palette
            QTimer.singleShot(0, self._retheme)
        super().changeEvent(event)

    def _retheme(self) -> None:
        """Every shipped icon of the window drawn again in the palette's colours."""
        self._retheming = False
        self.navigation.retheme()
        toolbar.retheme(self)

    def reload_current(self) -> None:
        """Re-read the page on screen."""
        page = self.current_page()
        if page is not None:
            page.reload()  # type: ignore[attr-defined]

    def _copy_rows(self) -> None:
        """Copy the selected rows of the current page."""
        from inkop_desktop.gui.list_page import ListPage

        page = self.current_page()
        if isinstance(page, ListPage):
            page.copy_selection()

    def _administration(self) -> None:
        """Arkiv → Administration: the administration page, once the database is open."""
        if "administration" in self.pages:
            self.show_view("administration")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell the start-up that the program is closing, then close."""
        self.closing.emit()
        super().closeEvent(event)

    def _about(self) -> None:
        """A short about box."""
        QMessageBox.about(
            self,
            self.tr("Om inkop-desktop"),
            self.tr(
                "inkop-desktop %1\nFör den gemensamma inköpsverksamheten i "
                "Region Sörmland och Region Västmanland."
            ).replace("%1", __version__),
        )


def _trigger(icon_name: str) -> Any:
    """Run the page's command drawn with *icon_name* (e.g. Bevakningar… on the Avtal page)."""

    def run(page: QWidget) -> None:
        for action in page.findChildren(QAction):
            if action.property("icon_name") == icon_name and action.isEnabled():
                action.trigger()
                return

    return run


def _filter(key: str, value: str) -> Any:
    """Set the list page's filter *key* to *value* (the list is read again)."""

    def run(page: QWidget) -> None:
        box = getattr(page, "filter_boxes", {}).get(key)
        if box is not None and box.findData(value) >= 0:
            box.setCurrentIndex(box.findData(value))

    return run


def _tab(index: int) -> Any:
    """Show the page's tab *index* (the jäv page's own declarations and its queue)."""

    def run(page: QWidget) -> None:
        tabs = getattr(page, "tabs", None)
        if tabs is not None:
            tabs.setCurrentIndex(index)

    return run


_TODO_TARGETS = {
    "bevakningar": ("avtal", _trigger("bevakning")),
    "forsenade_uppfoljningar": ("uppfoljning", _filter("state", "forsenad")),
    "mina_deklarationer": ("jav", _tab(1)),
    "att_bedoma": ("jav", _tab(2)),
    "avsteg": ("avsteg", lambda _page: None),
}
"""Where each counted to-do is listed: the view, and what to do there."""
