"""First run: local or shared database, then (locally) who you are or the organisation file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QWidget,
)

from inkop_desktop.domain.first_person import FIRST_RUN_KINDS
from inkop_desktop.domain.organisation import OrgKind, Region
from inkop_desktop.gui.admin.local_setup import LocalDatabase, LocalSetup
from inkop_desktop.gui.admin.org_file import OrgFilePage, import_org_file
from inkop_desktop.gui.admin.role_choice import RoleChoice
from inkop_desktop.gui.database_choice import ConnectionTest, DatabaseChoice
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.form_helpers import current_enum, fill_items
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.admin import FirstRunService, PersonRef
from inkop_desktop.services.connection import Connection

__all__ = ["FirstRunDialog", "FirstRunResult", "LocalDatabase", "ask"]


@dataclass(frozen=True)
class FirstRunResult:
    """What was chosen; the password is held in memory only, never in the settings."""

    database_url: str | None
    user_login: str | None
    password: str | None = None
    remember_password: bool = False


def _people(connection: Connection) -> list[PersonRef]:
    """The people of the local database (background)."""
    return FirstRunService(connection.services.context).people()


class FirstRunDialog(QDialog):
    """The database; then locally: the first person, the organisation file, or a pick list."""

    def __init__(
        self,
        tasks: TaskRunner,
        test_connection: ConnectionTest,
        local: LocalDatabase,
        os_login: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._test = test_connection
        self._os_login = os_login
        self._history: list[QWidget] = []
        self.setup = LocalSetup(tasks, local, self)
        self.result_value: FirstRunResult | None = None
        self._closed = False
        form = embed_form("first_run", self)
        self.choice = DatabaseChoice(local.path, tasks, test_connection, form)
        host_layout = child(form, QWidget, "choiceHost").layout()
        assert host_layout is not None
        host_layout.addWidget(self.choice)
        self._bind(form)
        self.login.setText(os_login)
        self._show_page(self.choice_page)

    def _bind(self, f: QWidget) -> None:
        """Find the form's widgets, fill the combos and connect the buttons."""
        self.pages = child(f, QStackedWidget, "pages")
        self.choice_page = child(f, QWidget, "choicePage")
        self.start_page = child(f, QWidget, "startPage")
        self.person_page = child(f, QWidget, "personPage")
        self.import_page = child(f, QWidget, "importPage")
        self.pick_page = child(f, QWidget, "pickPage")
        self.own_radio = child(f, QRadioButton, "ownRadio")
        self.import_radio = child(f, QRadioButton, "importRadio")
        self.name = child(f, QLineEdit, "nameEdit")
        self.email = child(f, QLineEdit, "emailEdit")
        self.login = child(f, QLineEdit, "loginEdit")
        self.organisation = child(f, QLineEdit, "organisationEdit")
        self.kind = child(f, QComboBox, "kindCombo")
        self.region = child(f, QComboBox, "regionCombo")
        self.orgnr = child(f, QLineEdit, "orgnrEdit")
        self.roles = RoleChoice(child(f, QWidget, "rolesGroup"))
        self.files = OrgFilePage(f)
        self.people = child(f, QListWidget, "peopleList")
        self.pick_intro = child(f, QLabel, "pickIntroLabel")
        self.status = child(f, QLabel, "statusLabel")
        self.error = child(f, QLabel, "errorLabel")
        self.back_button = child(f, QPushButton, "backButton")
        self.next_button = child(f, QPushButton, "nextButton")
        self.cancel_button = child(f, QPushButton, "cancelButton")
        fill_items(self.kind, [(k.label, k) for k in FIRST_RUN_KINDS])
        fill_items(self.region, [(r.label, r) for r in Region], empty=self.tr("Båda regionerna"))
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self.reject)
        self.choice.embedded.toggled.connect(lambda _on: self._update_buttons())
        self.people.itemDoubleClicked.connect(lambda _item: self._next())

    def _show_page(self, page: QWidget, *, forward: bool = True) -> None:
        """Switch page (remembering the way back) and clear old messages."""
        current = self.pages.currentWidget()
        if forward and current is not None and current is not page:
            self._history.append(current)
        self.pages.setCurrentWidget(page)
        self.error.setText("")
        self._update_buttons()

    def _back(self) -> None:
        """The page before."""
        if self._history:
            self._show_page(self._history.pop(), forward=False)

    def _update_buttons(self) -> None:
        """Nästa on the way, Läs in on the file page, Slutför where the choice is made."""
        page = self.pages.currentWidget()
        self.back_button.setVisible(page is not self.choice_page)
        if page is self.import_page:
            text = self.tr("Läs in ›")
        elif page is self.start_page or (
            page is self.choice_page and self.choice.embedded.isChecked()
        ):
            text = self.tr("Nästa ›")
        else:
            text = self.tr("Slutför")
        self.next_button.setText(text)

    def _busy(self, text: str | None) -> None:
        """Show what is going on; no clicks while the database works."""
        self.status.setText(text or "")
        for button in (self.next_button, self.back_button, self.cancel_button):
            button.setEnabled(text is None)
        if text is not None:
            self.error.setText("")

    def _next(self) -> None:
        """Go on from the current page."""
        page = self.pages.currentWidget()
        if page is self.choice_page:
            self._from_choice()
        elif page is self.start_page:
            self._show_page(self.person_page if self.own_radio.isChecked() else self.import_page)
        elif page is self.person_page:
            self._create_person()
        elif page is self.import_page:
            self._import()
        else:
            self._pick_person()

    def _from_choice(self) -> None:
        """The server is checked and finished here; the local database goes on."""
        url = self.choice.chosen_url()
        if url is not None:
            problem = self.choice.missing()
            if problem:
                self.error.setText(problem)
                return
            password = self.choice.typed_password()
            result = FirstRunResult(url, None, password, self.choice.remember.isChecked())
            self._busy(self.tr("Ansluter till servern…"))
            self._tasks.run(
                lambda: self._test(url, password),
                lambda _version: self._finish(result),
                self._failed,
                owner=self,
            )
        elif self.setup.created:
            self._show_page(self.start_page)  # nothing to read, and nothing written yet
        else:
            self._busy(self.tr("Öppnar den lokala databasen…"))
            self.setup.call(_people, self._people_read, self._failed)

    def _people_read(self, people: list[PersonRef]) -> None:
        """A pick list when people exist, else how to begin."""
        self._busy(None)
        if people:
            self._offer(people, imported=False)
        else:
            self._show_page(self.start_page)

    def _offer(self, people: list[PersonRef], *, imported: bool) -> None:
        """The pick list, on the person with this OS login if there is one."""
        self.people.clear()
        for person in people:
            item = QListWidgetItem(person.display, self.people)
            item.setData(Qt.ItemDataRole.UserRole, person.login)
        logins = [p.login for p in people]
        self.people.setCurrentRow(logins.index(self._os_login) if self._os_login in logins else 0)
        self.pick_intro.setText(
            self.tr(
                "Organisationsfilen är inläst. Välj vem du är bland personerna; är ingen av "
                "dem administratör blir du det."
            )
            if imported
            else self.tr(
                "Den lokala databasen har redan personer. Välj vem du är; programmet minns "
                "valet för ditt konto på den här datorn."
            )
        )
        self._show_page(self.pick_page)

    def person_data(self) -> dict[str, Any]:
        """The form's values as the service expects them."""
        return {
            "name": self.name.text(),
            "email": self.email.text(),
            "login": self.login.text(),
            "organisation": self.organisation.text(),
            "kind": current_enum(self.kind, OrgKind),
            "region": current_enum(self.region, Region),
            "orgnr": self.orgnr.text().strip() or None,
            "roles": self.roles.chosen(),
        }

    def _create_person(self) -> None:
        """Create the database if needed, then the organisation and the person."""
        data = self.person_data()
        self._busy(self.tr("Sparar…"))
        self.setup.call(
            lambda c: FirstRunService(c.services.context).create_first_person(data),
            self._chosen,
            self._failed,
        )

    def _import(self) -> None:
        """Read the organisation file into the database, then offer its people."""
        paths = self.files.paths()
        if isinstance(paths, str):
            self.error.setText(paths)
            return
        self._busy(self.tr("Läser in organisationsfilen…"))
        self.setup.call(lambda c: import_org_file(c, *paths), self._imported, self._failed)

    def _imported(self, people: list[PersonRef]) -> None:
        """The people of the file: choose yourself."""
        self._busy(None)
        self._offer(people, imported=True)

    def _pick_person(self) -> None:
        """The chosen person is who uses the program (administratör if nobody is)."""
        item = self.people.currentItem()
        if item is None:
            self.error.setText(self.tr("Välj vem du är i listan."))
            return
        login = str(item.data(Qt.ItemDataRole.UserRole))
        self._busy(self.tr("Sparar…"))
        self.setup.call(
            lambda c: FirstRunService(c.services.context).choose(login),
            self._chosen,
            self._failed,
        )

    def _chosen(self, person: PersonRef) -> None:
        """Done: this person is who uses the program on this account."""
        self._busy(None)
        self._finish(FirstRunResult(None, person.login))

    def _failed(self, exc: BaseException) -> None:
        """Say in Swedish what went wrong; the user may correct it and try again."""
        self._busy(None)
        self.error.setText(user_text(exc))

    def _finish(self, result: FirstRunResult) -> None:
        """Close with *result* (unless the dialog was closed meanwhile)."""
        if self._closed:
            return
        self.result_value = result
        self.accept()

    def done(self, code: int) -> None:
        """Closed in any way: the local database is let go (removed again on a cancel)."""
        self._closed = True
        super().done(code)
        self.setup.release(cancelled=code != QDialog.DialogCode.Accepted.value)


def ask(
    parent: QWidget | None,
    tasks: TaskRunner,
    test_connection: ConnectionTest,
    local: LocalDatabase,
    os_login: str,
) -> FirstRunResult | None:
    """Show the first-run dialog; the choice, or None if the user cancelled."""
    dialog = FirstRunDialog(tasks, test_connection, local, os_login, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.result_value if accepted else None
