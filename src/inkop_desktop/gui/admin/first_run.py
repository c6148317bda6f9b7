"""First run: local or shared database, then (locally) who you are and your organisation."""

from __future__ import annotations

from collections.abc import Callable
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
    QStackedWidget,
    QWidget,
)

from inkop_desktop.domain.first_person import FIRST_RUN_KINDS
from inkop_desktop.domain.organisation import OrgKind, Region
from inkop_desktop.gui.database_choice import ConnectionTest, DatabaseChoice
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.form_helpers import current_enum, fill_items
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.admin import FirstRunService, PersonRef


@dataclass(frozen=True)
class FirstRunResult:
    """What was chosen; the password is held in memory only, never in the settings."""

    database_url: str | None
    user_login: str | None
    password: str | None = None
    remember_password: bool = False


@dataclass(frozen=True)
class LocalDatabase:
    """The local database: where it is, whether it exists, and how to open it (background)."""

    path: str
    exists: Callable[[], bool]
    open: Callable[[], FirstRunService]


class FirstRunDialog(QDialog):
    """Page 1 the database; page 2 the first person, or a pick list when people exist."""

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
        self._local = local
        self._os_login = os_login
        self._setup: FirstRunService | None = None
        self.result_value: FirstRunResult | None = None
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
        self.person_page = child(f, QWidget, "personPage")
        self.pick_page = child(f, QWidget, "pickPage")
        self.name = child(f, QLineEdit, "nameEdit")
        self.email = child(f, QLineEdit, "emailEdit")
        self.login = child(f, QLineEdit, "loginEdit")
        self.organisation = child(f, QLineEdit, "organisationEdit")
        self.kind = child(f, QComboBox, "kindCombo")
        self.region = child(f, QComboBox, "regionCombo")
        self.orgnr = child(f, QLineEdit, "orgnrEdit")
        self.people = child(f, QListWidget, "peopleList")
        self.status = child(f, QLabel, "statusLabel")
        self.error = child(f, QLabel, "errorLabel")
        self.back_button = child(f, QPushButton, "backButton")
        self.next_button = child(f, QPushButton, "nextButton")
        self.cancel_button = child(f, QPushButton, "cancelButton")
        fill_items(self.kind, [(k.label, k) for k in FIRST_RUN_KINDS])
        fill_items(self.region, [(r.label, r) for r in Region], empty=self.tr("Båda regionerna"))
        self.back_button.clicked.connect(lambda: self._show_page(self.choice_page))
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self.reject)
        self.choice.embedded.toggled.connect(lambda _on: self._update_buttons())
        self.people.itemDoubleClicked.connect(lambda _item: self._next())

    def _show_page(self, page: QWidget) -> None:
        """Switch page and clear old messages."""
        self.pages.setCurrentWidget(page)
        self.error.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        """The button says Nästa towards page 2 of the local database, else Slutför."""
        first = self.pages.currentWidget() is self.choice_page
        self.back_button.setVisible(not first)
        more = first and self.choice.embedded.isChecked()
        self.next_button.setText(self.tr("Nästa ›") if more else self.tr("Slutför"))

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
        elif page is self.person_page:
            self._create_person()
        else:
            self._pick_person()

    def _from_choice(self) -> None:
        """The server is finished here; the local database goes on to who you are."""
        url = self.choice.chosen_url()
        if url is not None:
            problem = self.choice.missing()
            if problem:
                self.error.setText(problem)
                return
            password = self.choice.typed_password()
            self._finish(FirstRunResult(url, None, password, self.choice.remember.isChecked()))
        elif not self._local.exists():
            self._show_page(self.person_page)  # nothing to read, and nothing written yet
        else:
            self._busy(self.tr("Öppnar den lokala databasen…"))
            self._tasks.run(lambda: self._service().people(), self._people_read, self._failed)

    def _service(self) -> FirstRunService:
        """The first-run service on the local database, opened once (background only)."""
        if self._setup is None:
            self._setup = self._local.open()
        return self._setup

    def _people_read(self, people: list[PersonRef]) -> None:
        """A pick list when people exist, else the form for the first person."""
        self._busy(None)
        if not people:
            self._show_page(self.person_page)
            return
        self.people.clear()
        for person in people:
            item = QListWidgetItem(person.display, self.people)
            item.setData(Qt.ItemDataRole.UserRole, person.login)
        logins = [p.login for p in people]
        self.people.setCurrentRow(logins.index(self._os_login) if self._os_login in logins else 0)
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
        }

    def _create_person(self) -> None:
        """Create the database if needed, then the organisation and the person."""
        data = self.person_data()
        self._busy(self.tr("Sparar…"))
        self._tasks.run(
            lambda: self._service().create_first_person(data), self._created, self._failed
        )

    def _created(self, person: PersonRef) -> None:
        """Done: the new person is who uses the program on this account."""
        self._busy(None)
        self._finish(FirstRunResult(None, person.login))

    def _pick_person(self) -> None:
        """The chosen person is who uses the program on this account."""
        item = self.people.currentItem()
        if item is None:
            self.error.setText(self.tr("Välj vem du är i listan."))
            return
        self._finish(FirstRunResult(None, str(item.data(Qt.ItemDataRole.UserRole))))

    def _failed(self, exc: BaseException) -> None:
        """Say in Swedish what went wrong; the user may correct it and try again."""
        self._busy(None)
        self.error.setText(user_text(exc))

    def _finish(self, result: FirstRunResult) -> None:
        """Close with *result*."""
        self.result_value = result
        self.accept()


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
