"""Administration: organisations, people with roles, delegationsordning, checklists, issuers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.admin.checklists_tab import ChecklistsTab
from inkop_desktop.gui.admin.common import AdminData
from inkop_desktop.gui.admin.delegation_tab import DelegationTab
from inkop_desktop.gui.admin.organisations_tab import OrganisationsTab
from inkop_desktop.gui.admin.people_tab import PeopleTab
from inkop_desktop.gui.admin.trust_tab import TrustTab
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services

READ_ONLY = (
    "Du kan se organisationer, personer, delegationsordningen, checklistorna och de betrodda "
    "utfärdarna men inte ändra dem: bara administratörer förvaltar installationens grunddata."
)


class AdministrationWindow(QWidget):
    """A page (or window) with one tab per register; read-only for non-administrators."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("administration")
        self.setWindowTitle(self.tr("Administration"))
        self._services = services
        self._tasks = tasks
        self.has_loaded = False
        self.data = AdminData(may_edit=False)
        self.notice = QLabel("", self)
        self.notice.setWordWrap(True)
        self.notice.setObjectName("adminNotice")
        self.tabs = QTabWidget(self)
        self.organisations = OrganisationsTab(services.organisation_admin, tasks, self.tabs)
        self.people = PeopleTab(services.person_admin, tasks, self.tabs)
        self.delegation = DelegationTab(
            services.delegation_admin, services.decision_rights, tasks, self.tabs
        )
        self.tabs.addTab(self.organisations, self.tr("&Organisationer"))
        self.tabs.addTab(self.people, self.tr("&Personer"))
        self.checklists = ChecklistsTab(services.followup_templates, tasks, self.tabs)
        self.tabs.addTab(self.delegation, self.tr("&Delegationsordning"))
        self.tabs.addTab(self.checklists, self.tr("&Checklistor"))
        self.trust = TrustTab(services.trusted_issuers, tasks, self.tabs)
        self.tabs.addTab(self.trust, self.tr("&Betrodda utfärdare"))
        for tab in (self.organisations, self.people, self.delegation):
            tab.changed.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.resize(1200, 720)

    def reload(self) -> None:
        """Read every register and whether the user may change them, in the background."""
        self.notice.setText(self.tr("Läser in…"))
        self._tasks.run(self._read, self._show, self._failed, owner=self)

    def _read(self) -> AdminData:
        """Background: who the user is and the three registers."""
        s = self._services
        organisations = s.organisation_admin.tree()
        return AdminData(
            may_edit=s.people.me().may(Act.ADMINISTER),
            organisations=organisations,
            people=s.person_admin.list(),
            rules=s.delegation_admin.list(),
            names={o.id: o.name for o in organisations},
        )

    def _show(self, data: AdminData) -> None:
        """Hand the data to the tabs."""
        self.data = data
        self.notice.setText("" if data.may_edit else self.tr(READ_ONLY))
        self.notice.setVisible(not data.may_edit)
        for tab in (self.organisations, self.people, self.delegation, self.checklists, self.trust):
            tab.show_data(data)
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        text = user_text(exc)
        self.notice.setText(text)
        self.notice.setVisible(True)
        self.failed.emit(text)


def install(window: object, services: Services, tasks: TaskRunner) -> AdministrationWindow:
    """Add the administration page to the main window (Arkiv → Administration shows it)."""
    page = AdministrationWindow(services, tasks)
    window.add_page("administration", page.tr("Administration"), page)  # type: ignore[attr-defined]
    return page
