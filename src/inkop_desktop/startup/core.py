"""Start-up of the desktop program: show the window, then open the database in the background."""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from inkop_desktop.credentials import CredentialStore, account_for
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui import login_dialog
from inkop_desktop.gui.actions import ActionId
from inkop_desktop.gui.admin.missing_bar import MissingValuesBar
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.login_dialog import LoginAnswer
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.server_address import uses_kerberos
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.settings import (
    PasswordInSettingsError,
    Settings,
    backup_dir,
    data_dir,
    default_sqlite_path,
    effective_database_url,
    load_settings,
    save_settings,
    settings_exist,
)
from inkop_desktop.startup import pages

if TYPE_CHECKING:  # the services and the areas' pages are imported once they are needed
    from inkop_desktop.gui.admin.first_run import FirstRunResult
    from inkop_desktop.gui.contracts.commands import ContractCommands
    from inkop_desktop.gui.direct_award.commands import DirectAwardCommands
    from inkop_desktop.gui.followup import FollowupCommands
    from inkop_desktop.gui.list_page import ListPage
    from inkop_desktop.gui.offline import OfflineController
    from inkop_desktop.gui.plan.commands import PlanCommands
    from inkop_desktop.services.access import Actor
    from inkop_desktop.services.changes import ChangeFeed
    from inkop_desktop.services.connection import Connection
    from inkop_desktop.services.dto import ListQuery
    from inkop_desktop.services.early_page import QuickPage
    from inkop_desktop.services.exchange.kinds import ExchangeKind
    from inkop_desktop.services.registry import Services

log = logging.getLogger(__name__)

_REGISTERS = {
    ActionId.IMPORT_ORGANISATIONS: ("organisationer", True),
    ActionId.IMPORT_PEOPLE: ("personer", True),
    ActionId.IMPORT_DELEGATION: ("delegation", True),
    ActionId.EXPORT_ORGANISATIONS: ("organisationer", False),
    ActionId.EXPORT_PEOPLE: ("personer", False),
    ActionId.EXPORT_DELEGATION: ("delegation", False),
}
"""Arkiv → Register: the register (an ExchangeKind value) and whether it is loaded."""
SCREENSHOT_TIMEOUT_MS = 60_000
DIALOG_VIEWS = {"uppfoljning-checklista": "uppfoljning"}
"""Views that are a dialog opened over a list once the list has loaded (for screenshots)."""


def remove_local_database() -> None:
    """Remove the local database a cancelled first run created, with its WAL files."""
    path = default_sqlite_path()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def first_view(asked: str | None, configured: str, roles: frozenset[Role]) -> str:
    """The view asked for; else the Översikt for an inköpschef; else the configured one."""
    if asked is None and Role.INKOPSCHEF in roles:
        return "oversikt"
    return asked or configured


class Startup(QObject):
    """Wires settings, credentials, services and the main window."""

    def __init__(
        self,
        *,
        demo: bool,
        database: str | None,
        view: str | None,
        screenshot: Path | None,
        window: MainWindow | None = None,
    ):
        super().__init__()
        self.demo = demo
        self.database = database
        self.notice: str | None = None
        self.settings = self._load_settings()
        self.url = effective_database_url(self.settings, demo=demo, override=database)
        self.asked_view = view
        self.view = view or self.settings.last_view
        self.screenshot = screenshot
        self.exit_code: int | None = None
        self._early_tried = False
        self._early: ListPage | None = None
        self._early_page: ListPage | None = None
        """The list page shown before the database was open (its toolbar comes after)."""
        self._early_commands: Callable[[Startup, Actor], list[tuple[str, Callable[[], None]]]]
        self._capture_waiting: str | None = None
        self.connection: Connection | None = None
        self.me: Actor | None = None
        self.feed: ChangeFeed | None = None
        self.offline = False
        self.offline_sync: OfflineController | None = None
        self.credentials = CredentialStore()
        self.window = window or MainWindow(TaskRunner())
        self.tasks = self.window.tasks
        self.missing_bar = MissingValuesBar(self.window)
        self.missing_bar.open_requested.connect(self.open_reference)
        self.window.add_banner(self.missing_bar)
        self.window.pages.ready = False  # the views are named now; made once the data can come
        pages.install(self)
        self.window.registry[ActionId.SETTINGS].triggered.connect(self.open_settings)
        self.window.registry[ActionId.REFERENCE_VALUES].triggered.connect(self.open_reference)
        self.window.registry[ActionId.NEW_SUPPLIER].triggered.connect(
            lambda: self.edit_supplier(None)
        )
        for action_id, (kind, load) in _REGISTERS.items():
            self.window.registry[action_id].triggered.connect(
                lambda _c=False, k=kind, i=load: self.register_file(k, i)
            )

    def _load_settings(self) -> Settings:
        """The settings; a refused file (password in it) is remembered as a notice to show."""
        try:
            return load_settings()
        except PasswordInSettingsError as exc:
            self.notice = exc.text
        try:
            return load_settings()
        except PasswordInSettingsError:
            return Settings()

    def _show_notice(self) -> None:
        """Tell the user why the settings file was refused (logged in screenshot mode)."""
        if self.notice is None:
            return
        log.warning("%s", self.notice)
        if self.screenshot is None:
            QMessageBox.warning(self.window, self.tr("Inställningar"), self.notice)

    @property
    def login(self) -> str:
        """Who is using the program."""
        if self.demo:
            from inkop_desktop.demo import DEMO_LOGIN

            return DEMO_LOGIN
        if not self.url.startswith("sqlite"):  # the database login; the server confirms it
            return urlsplit(self.url).username or getpass.getuser()
        return self.settings.user_login or getpass.getuser()

    def begin(self) -> None:
        """Show the window now; connect in the background."""
        self.window.show()
        QTimer.singleShot(0, self._show_notice)
        if self.screenshot is not None:
            self.window.view_loaded.connect(self._maybe_capture)
            self.window.view_failed.connect(self._view_failed)
            QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, self._screenshot_timeout)
        typed = None
        if self._first_start():
            result = self._run_first_run()
            if result is None:  # cancelled: close once the local file is let go, nothing kept
                self._close_when_idle()
                return
            typed = self._apply_first_run(result)
        self.open_database(typed)

    def _close_when_idle(self) -> None:
        """End the program (exit code 0) when no background work is left; never wait here."""
        if self.tasks.pending:
            self.tasks.busy_changed.connect(self._closed_if_idle)
        else:
            self._closed_if_idle(False)

    def _closed_if_idle(self, busy: bool) -> None:
        """Close the window once the pool has nothing of ours left."""
        if not busy and self.exit_code is None:
            self.exit_code = 0
            self.window.close()

    def _first_start(self) -> bool:
        """No settings yet and nothing given on the command line (never the demo or a picture)."""
        chosen = self.demo or self.database or self.screenshot is not None
        return not chosen and self.notice is None and not settings_exist()

    def _run_first_run(self) -> FirstRunResult | None:
        """The first-run dialog; it closes the local database it opened itself, in the pool."""
        from inkop_desktop.gui.admin import first_run
        from inkop_desktop.gui.admin.first_run import LocalDatabase
        from inkop_desktop.services.system import test_connection

        path = default_sqlite_path()
        local = LocalDatabase(str(path), path.exists, self._open_setup, remove_local_database)
        return first_run.ask(self.window, self.tasks, test_connection, local, getpass.getuser())

    def _open_setup(self) -> Connection:
        """Create or migrate the local database for the first run (background; the result)."""
        from inkop_desktop.services.connection import connect

        url = effective_database_url(Settings())
        return connect(url, actor=getpass.getuser(), backups=backup_dir())

    def _apply_first_run(self, result: FirstRunResult) -> LoginAnswer | None:
        """Save the choice (never a password); the password for this start, if one was typed."""
        chosen = Settings(database_url=result.database_url, user_login=result.user_login)
        self._apply_settings(chosen)
        self.settings = chosen  # used for this start even if the file could not be written
        self.url = effective_database_url(chosen)
        if not result.password:
            return None
        return LoginAnswer(result.password, result.remember_password)

    def open_database(self, typed: LoginAnswer | None = None) -> None:
        """Look up the password, migrate, seed the demo and load the user, off the GUI thread
        (after the Avtal page's first page, when that can be read without them)."""
        if typed is None and self._read_first_page():
            return
        url, login, demo = self.url, self.login, self.demo
        self.tasks.run(lambda: self._open(url, login, demo, typed), self._opened, self._open_failed)

    def _read_first_page(self) -> bool:
        """Start on Avtal or the plan: read its opening page straight from a local file while
        the page is made (``startup.early``); the database is opened after that."""
        from inkop_desktop.services.early_page import is_local_file

        name = DIALOG_VIEWS.get(self.view, self.view)
        if self._early_tried or not is_local_file(self.url):  # a server: the ordinary way
            return False
        self._early_tried = True
        from inkop_desktop.gui.list_page import PAGE_SIZE
        from inkop_desktop.startup.early import early_view

        view = early_view(name)
        if view is None:
            return False
        url, login, query, read = self.url, self.login, view.opening(PAGE_SIZE), view.read
        self.tasks.run(
            lambda: read(url, login, query, date.today()),
            lambda found: self._first_page_read(name, query, found),
            lambda exc: self._first_page_read(name, query, None, exc),
        )
        self._early = view.make(self)  # made while the page is read
        self._early_commands = view.commands
        return True

    def _first_page_read(
        self,
        name: str,
        query: ListQuery,
        read: QuickPage[Any] | None,
        exc: BaseException | None = None,
    ) -> None:
        """Show the early page (with the rows if it asks for that page), then open the database;
        an inköpschef who asked for no view starts in the Översikt instead."""
        page, self._early = self._early, None
        assert page is not None
        if exc is not None:  # the ordinary read will say what is wrong, if anything is
            log.warning("Listans första sida kunde inte läsas i förväg: %s", user_text(exc))
        if read is None or (read.inkopschef and self.asked_view is None):
            page.deleteLater()  # never shown: its layout is neither restored nor stored
        else:
            from inkop_desktop.gui.column_layout import remember_layouts

            remember_layouts([page], self.login)  # the stored sort decides if the rows fit
            self.window.show_early(name, page)
            self._early_page = page
            if page.query() == query:
                page.show_first(read)
        self.open_database()

    def _open(
        self, url: str, login: str, demo: bool, typed: LoginAnswer | None
    ) -> tuple[Connection, Any, Actor]:
        """Background part of opening the database (the replica when the server is not there)."""
        from inkop_desktop.services.connection import read_only, sync_reference

        try:
            connection = self._log_in(url, login, typed)
        except ConnectionFailedError as exc:
            connection = self._offline_or_raise(url, login, exc)
        if demo:  # the demo's data is judged against the shipped reference values
            from inkop_desktop.demo import ensure_demo

            sync_reference(connection.services)
            ensure_demo(connection)
        person = connection.services.people.by_login(connection.actor)
        if person is None and not url.startswith("sqlite") and not self.offline:
            sync_reference(connection.services)  # while its login may still write them
            read_only(connection)  # a login without a person may look, never change
        return connection, person, connection.services.people.me()

    def _opened(self, result: tuple[Connection, Any, Actor]) -> None:
        """Name the views (each page is made when first shown) and show the start view."""
        from inkop_desktop.gui.column_layout import remember_layouts

        connection, person, me = result
        self.connection, self.me = connection, me
        self._gate_actions(me)
        s = connection.services
        self.window.page_built.connect(lambda _name, page: remember_layouts([page], me.login))
        self.window.pages.ready = True
        self._show_who(connection, person)
        self.view = first_view(self.asked_view, self.view, me.roles)
        start = DIALOG_VIEWS.get(self.view, self.view)
        self.window.view_loaded.connect(lambda _name: self._after_first_view(s))
        self.window.view_failed.connect(lambda _name, _text: self._after_first_view(s))
        early = self._early_page
        if early is not None:  # on screen already: the toolbar now; a view chosen meanwhile
            early.data_ready(self._early_commands(self, me))
            start = self.window.pages.name_at(self.window.nav.currentRow()) or start
        self.window.show_view(start if start in self.window.pages else "plan")
        if early is not None and early.has_loaded:
            self._after_first_view(s)
        if self._capture_waiting is not None:
            self._maybe_capture(self._capture_waiting)

    def _after_first_view(self, s: Services) -> None:
        """Once the first view has its data: count the to-dos, check the reference values and
        follow other users' changes; on a server keep the offline replica (none of it delays the
        first data)."""
        if self.window.counter is not None:
            return  # done at the first view already
        if self.connection is not None:
            self._start_offline(self.connection)
        self.window.watch_counts(s.overview)
        self._add_shipped(s)
        self._start_live(s)

    def opened(self) -> tuple[Services, Actor]:
        """The services and the person, once the database is open (pages are made after)."""
        assert self.connection is not None and self.me is not None
        return self.connection.services, self.me

    def _show_who(self, connection: Connection, person: Any) -> None:
        """Database and person in the status bar; a login without a person only looks."""
        local = connection.url.startswith("sqlite")
        user = person.with_roles if person is not None else connection.actor
        if person is None and not local:
            from inkop_desktop.gui.admin.read_only_bar import ReadOnlyBar

            user = self.tr("%1 (endast läsning)").replace("%1", connection.actor)
            self.window.add_banner(ReadOnlyBar(connection.actor, self.window))
        where = connection.url.removeprefix("sqlite:///").partition("?")[0] if local else ""
        self.window.set_status(connection.label, user, demo=self.demo, where=where)

    @cached_property
    def followup(self) -> FollowupCommands:
        """The follow-up dialogs (made when first needed)."""
        from inkop_desktop.gui.followup import FollowupCommands

        assert self.connection is not None
        s = self.connection.services
        return FollowupCommands(self.window, s, self.tasks, self._followup_changed)

    @cached_property
    def contracts(self) -> ContractCommands:
        """The contract dialogs, with the follow-up tab."""
        from inkop_desktop.gui.contracts.commands import ContractCommands

        assert self.connection is not None
        s = self.connection.services
        tabs = lambda: self.followup.contract_tabs()  # noqa: E731 - the follow-up when edited
        return ContractCommands(self.window, s, self.tasks, self._contracts_changed, tabs)

    @cached_property
    def plan(self) -> PlanCommands:
        """The plan item dialogs."""
        from inkop_desktop.gui.plan.commands import PlanCommands

        assert self.connection is not None
        return PlanCommands(self.window, self.connection.services, self.tasks, self.plan_changed)

    @cached_property
    def direct_awards(self) -> DirectAwardCommands:
        """The direct-award dialogs; a quote may register a new supplier."""
        from inkop_desktop.gui.direct_award.commands import DirectAwardCommands

        assert self.connection is not None
        return DirectAwardCommands(
            self.window,
            self.connection.services,
            self.tasks,
            lambda: self._reload("direktupphandling"),
            self._new_supplier,
        )

    def _offline_or_raise(self, url: str, login: str, exc: ConnectionFailedError) -> Connection:
        """The server cannot be reached: work in the person's replica if there is one."""
        from inkop_desktop.services.connection import PasswordNeededError, connect_offline
        from inkop_desktop.services.offline import replica_path

        path = replica_path(data_dir(), url, login)
        if isinstance(exc, PasswordNeededError) or url.startswith("sqlite") or not path.exists():
            raise exc
        log.warning("Servern kan inte nås; arbetar offline i %s (%s)", path, user_text(exc))
        self.offline = True
        return connect_offline(path, actor=login)

    def _start_offline(self, connection: Connection) -> None:
        """On a server: the replica kept synchronised, the switch to it and back (gui.offline)."""
        if self.url.startswith("sqlite"):
            return
        from inkop_desktop.gui.offline import OfflineController
        from inkop_desktop.services.offline import ConnectionSwitch, OfflineLink, replica_path

        engine = connection.services.context.sessions.kw["bind"]
        path = replica_path(data_dir(), self.url, connection.actor)
        if self.offline:
            password = self.credentials.get(account_for(self.url))
            link = OfflineLink(self.url, connection.actor, path, password=password, replica=engine)
        else:
            link = OfflineLink(self.url, connection.actor, path, server=engine)
        switch = ConnectionSwitch(connection.services.context, link, offline=self.offline)
        actions = (
            self.window.registry[ActionId.WORK_OFFLINE],
            self.window.registry[ActionId.SYNC_NOW],
        )
        self.offline_sync = OfflineController(
            self.window, self.tasks, switch, actions, self.reload_all
        )
        if self.screenshot is None:
            self.offline_sync.start()

    def _start_live(self, s: Services) -> None:
        """Other users' changes refresh the open views; stopped when the window closes."""
        if self.screenshot is not None:
            return  # a picture is taken once; nothing to keep up to date
        from inkop_desktop.gui.live import LiveRefresh
        from inkop_desktop.services.changes import ChangeFeed

        self.feed = ChangeFeed(s.context)
        self.live = LiveRefresh(self.window, self.feed)
        self.live.received.connect(self.window.refresh_counts)
        self.window.closing.connect(self.stop_live)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_live)
        self.feed.start()

    def stop_live(self) -> None:
        """Stop listening for other users' changes (the background thread ends)."""
        if self.feed is not None:
            self.feed.stop()

    def _log_in(self, url: str, login: str, typed: LoginAnswer | None) -> Connection:
        """Connect with the typed or the stored password; keep a typed one only once it worked."""
        from inkop_desktop.services.connection import WrongPasswordError, connect

        password = typed.password if typed is not None else None
        server = not url.startswith("sqlite")
        if password is None and server and not uses_kerberos(url):
            password = self.credentials.get(account_for(url))
        try:
            connection = connect(
                url, actor=login, password=password, backups=backup_dir(), shipped=False
            )
        except WrongPasswordError:
            if typed is None and password is not None:
                self.credentials.delete(account_for(url))  # the stale stored password goes
            raise
        if typed is not None and server:
            self._keep(url, typed)
        return connection

    def _keep(self, url: str, typed: LoginAnswer) -> bool:
        """A password that worked: to the keyring if asked (True), else this process only."""
        account = account_for(url)
        if typed.remember:
            return self.credentials.set(account, typed.password)
        self.credentials.keep(account, typed.password)
        return False

    def open_followup_row(self, row: Any) -> None:
        """Enter/double-click in the follow-up list: the plan's follow-up, else the contract."""
        if row.plan_id is not None:
            self.followup.open_plan(row.plan_id)
        else:
            self.contracts.edit(row.contract_id)  # its Uppföljning tab proposes a plan

    def _gate_actions(self, me: Actor) -> None:
        """Disable the menu commands the person's roles do not allow (tooltip: the rule)."""
        from inkop_desktop.gui.access import gate_action

        gate_action(self.window.registry[ActionId.NEW_SUPPLIER], me, Act.SUPPLIER_EDIT)
        for action_id, (_kind, load) in _REGISTERS.items():
            if load:
                gate_action(self.window.registry[action_id], me, Act.ADMINISTER)

    def _add_shipped(self, s: Services) -> None:
        """Add newly shipped reference values and checklists (background), then check them;
        a replica gets them from the server, never on its own."""
        from inkop_desktop.services.connection import sync_reference

        if self.offline:
            self.check_reference_values()
            return

        def failed(exc: BaseException) -> None:
            log.warning("Nya referensvärden kunde inte läggas in: %s", user_text(exc))
            self.check_reference_values()

        self.tasks.run(
            lambda: sync_reference(s),
            lambda _none: self.check_reference_values(),
            failed,
            owner=self.window,
        )

    def check_reference_values(self) -> None:
        """Look for values in force that are missing (in the background); warn in the bar."""
        if self.connection is None:
            return
        reference, today = self.connection.services.reference, date.today()
        self.tasks.run(
            lambda: reference.missing_in_force(today),
            lambda keys: self.missing_bar.show_missing(keys, today.year),
            lambda exc: log.warning("Kunde inte kontrollera beloppsgränserna: %s", user_text(exc)),
            owner=self.window,
        )

    def _open_failed(self, exc: BaseException) -> None:
        """Ask for the password if that is what is missing or wrong; otherwise explain."""
        from inkop_desktop.services.connection import PasswordNeededError, WrongPasswordError

        asks = self.screenshot is None and not uses_kerberos(self.url)
        if isinstance(exc, PasswordNeededError) and asks:
            typed = self._ask_password(isinstance(exc, WrongPasswordError))
            if typed is not None:
                self.open_database(typed)
                return
        self.window.show_failure(user_text(exc))
        if self.screenshot is not None:
            log.error("Kunde inte öppna databasen: %s", user_text(exc))
            self._finish(1)

    def _ask_password(self, wrong: bool) -> LoginAnswer | None:
        """The login dialog for this server; after a refusal it says so."""
        user, _at, server = account_for(self.url).rpartition("@")
        message = (
            self.tr("Fel användarnamn eller lösenord. Skriv lösenordet igen.") if wrong else ""
        )
        available = self.credentials.keyring_available()
        return login_dialog.ask(self.window, user, server, available, message)

    def exchange(self, kind: ExchangeKind, view: str) -> list[tuple[str, Callable[[], None]]]:
        """Export and import buttons for the list *view*."""
        from inkop_desktop.gui.exchange.commands import ExchangeCommands

        assert self.connection is not None
        services = self.connection.services
        return ExchangeCommands(
            self.window,
            lambda: services.exchange,
            self.tasks,
            kind,
            lambda: self.window.list_page(view),
            lambda: self._reload(view),
        ).commands(self.me)

    def _reload(self, name: str) -> None:
        """Re-read a page after a change made in a dialog (and the navigation's counts)."""
        self.window.refresh_counts()
        page = self.window.pages.built(name)  # a page made later loads fresh
        if page is not None and getattr(page, "has_loaded", False):
            page.reload()  # type: ignore[attr-defined]

    def plan_changed(self) -> None:
        """A plan item changed in a dialog: re-read the plan and the timeline."""
        self._reload("plan")
        self._reload("tidslinje")

    def _followup_changed(self) -> None:
        """A follow-up, action or contact changed: re-read the follow-up list."""
        self._reload("uppfoljning")

    def _contracts_changed(self) -> None:
        """A contract or a plan item raised from an alert changed: re-read the lists."""
        self._reload("avtal")
        self.plan_changed()

    def edit_supplier(self, supplier_id: uuid.UUID | None) -> None:
        """Open the supplier editor; reload the list after a save."""
        if self.connection is None:
            return
        from inkop_desktop.gui.suppliers.editor import SupplierEditor

        saved = SupplierEditor.ask(
            self.window, self.connection.services.suppliers, self.tasks, supplier_id
        )
        if saved is not None:
            self._reload("leverantorer")

    def _new_supplier(self, parent: QWidget) -> tuple[uuid.UUID, str] | None:
        """A supplier registered from a quote: its id and pick-list text (None if cancelled)."""
        if self.connection is None:
            return None
        from inkop_desktop.gui.suppliers.editor import SupplierEditor

        saved = SupplierEditor.ask(parent, self.connection.services.suppliers, self.tasks)
        if saved is None:
            return None
        self._reload("leverantorer")
        return saved.id, f"{saved.name} ({saved.orgnr})"

    def register_file(self, kind: str, load: bool) -> None:
        """Arkiv → Register: import (all or nothing, with the row report) or export a register."""
        if self.connection is None:
            return
        from inkop_desktop.gui.exchange.commands import ExchangeCommands
        from inkop_desktop.services.exchange.kinds import ExchangeKind

        services = self.connection.services
        commands = ExchangeCommands(
            self.window, lambda: services.exchange, self.tasks, ExchangeKind(kind),
            lambda: None, self.reload_all,
        )  # fmt: skip
        if load:
            commands.import_file()
        else:
            commands.export("xlsx")

    def reload_all(self) -> None:
        """Re-read every loaded page (people and organisations appear in many)."""
        for name in self.window.pages:
            self._reload(name)

    def open_reference(self) -> None:
        """Beloppsgränser, tröskelvärden och ledtider."""
        if self.connection is not None:
            from inkop_desktop.gui.admin.reference_dialog import ReferenceDialog

            ReferenceDialog(self.connection.services.reference, self.tasks, self.window).exec()
            self.check_reference_values()

    def open_settings(self) -> None:
        """Show the settings dialog and store what the user chose."""
        from inkop_desktop.gui.settings_dialog import SettingsDialog
        from inkop_desktop.services.system import test_connection

        result = SettingsDialog.ask(
            self.window, self.settings, str(default_sqlite_path()), self.tasks, test_connection
        )
        if result is not None and self._apply_settings(result.settings):
            url = result.settings.database_url
            if url and result.password and not uses_kerberos(url):
                self._check_and_keep(url, LoginAnswer(result.password, result.remember_password))

    def _apply_settings(self, chosen: Settings) -> bool:
        """Save settings (never a password); False (and said why) if they could not be saved."""
        try:
            save_settings(chosen)
        except (ValueError, OSError) as exc:
            show_error(self.window, exc)
            return False
        self.settings = chosen
        return True

    def _check_and_keep(self, url: str, typed: LoginAnswer) -> None:
        """Try the typed password in the background; only one that connects is kept."""
        from inkop_desktop.services.system import test_connection

        def check() -> bool:
            test_connection(url, typed.password)
            return self._keep(url, typed)

        self.tasks.run(check, self._stored, lambda e: show_error(self.window, e))

    def _stored(self, in_keyring: bool) -> None:
        """Tell the user where the password that worked ended up."""
        if in_keyring:
            text = self.tr("Lösenordet fungerar och är sparat i datorns nyckelring.")
        else:
            text = self.tr("Lösenordet fungerar; det sparas bara tills programmet avslutas.")
        self.window.statusBar().showMessage(text, 10000)

    def _maybe_capture(self, name: str) -> None:
        """Save the screenshot once the requested view has its data (and the database is open)."""
        if self.connection is None:  # an early first page: the picture shows the toolbar too
            self._capture_waiting = name
            return
        self._capture_waiting = None
        if name == self.view and self.screenshot is not None:
            QTimer.singleShot(150, lambda: self.window.after_counts(self._capture))
        elif DIALOG_VIEWS.get(self.view) == name and self.screenshot is not None:
            self.followup.show_example(
                lambda dialog: QTimer.singleShot(150, lambda: self._capture(dialog)),
                lambda text: self._view_failed(self.view, text),
            )

    def _view_failed(self, name: str, text: str) -> None:
        """In screenshot mode a view that cannot load ends the run with exit code 1."""
        if name == self.view:
            log.error("Vyn %s kunde inte visas: %s", name, text)
            self._finish(1)

    def _capture(self, widget: QWidget | None = None) -> None:
        """Grab the main window (or the dialog of a dialog view) into the PNG file and quit."""
        assert self.screenshot is not None
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = (widget or self.window).grab().save(str(self.screenshot))
        self._finish(0 if ok else 1)

    def _screenshot_timeout(self) -> None:
        """Give up if the view never loaded."""
        if self.exit_code is None:
            log.error("Vyn laddades inte inom tidsgränsen")
            self._finish(1)

    def _finish(self, code: int) -> None:
        """Quit with *code* once background work is done."""
        self.exit_code = code
        self.tasks.wait_idle(30000)
        QApplication.quit()
