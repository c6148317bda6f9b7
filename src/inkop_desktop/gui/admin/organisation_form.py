"""One organisation: name, kind, region, organisationsnummer and its place in the tree."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from inkop_desktop.domain.organisation import OrgKind, Region
from inkop_desktop.gui.admin.common import EditDialog, tree_choices
from inkop_desktop.gui.form_helpers import current_enum, fill_enum, fill_items, select_data
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import OrganisationAdmin, OrganisationNode


class OrganisationForm(EditDialog):
    """New or changed organisation; the region must have its own organisationsnummer."""

    def __init__(
        self,
        service: OrganisationAdmin,
        tasks: TaskRunner,
        organisations: Sequence[OrganisationNode],
        opened: OrganisationNode | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Ändra organisation") if opened else self.tr("Ny organisation")
        super().__init__(title, tasks, parent)
        self._service = service
        self._opened = opened
        self.name = QLineEdit(self)
        self.short_name = QLineEdit(self)
        self.kind = QComboBox(self)
        fill_enum(self.kind, OrgKind)
        self.region = QComboBox(self)
        fill_enum(self.region, Region, empty=self.tr("(gemensam)"))
        self.orgnr = QLineEdit(self)
        self.orgnr.setPlaceholderText("NNNNNN-NNNN")
        self.parent_org = QComboBox(self)
        below = _below(organisations, opened.id) if opened else set()
        choices = [(t, i) for t, i in tree_choices(organisations) if i not in below]
        fill_items(self.parent_org, choices, empty=self.tr("(ingen – högst upp)"))
        for label, widget in (
            ("&Namn", self.name), ("&Kortnamn", self.short_name), ("&Typ", self.kind),
            ("&Region", self.region), ("&Organisationsnummer", self.orgnr),
            ("Ö&verordnad", self.parent_org),
        ):  # fmt: skip
            self.form.addRow(self.tr(label), widget)
        if opened is not None:
            self.name.setText(opened.name)
            self.short_name.setText(opened.short_name)
            select_data(self.kind, opened.kind)
            select_data(self.region, opened.region)
            self.orgnr.setText(opened.orgnr or "")
            select_data(self.parent_org, opened.parent_id)
        self.resize(520, self.sizeHint().height())

    def field_widgets(self) -> dict[str, QWidget]:
        """Each OrganisationEdit field's widget."""
        return {
            "name": self.name, "short_name": self.short_name, "kind": self.kind,
            "region": self.region, "orgnr": self.orgnr, "parent_id": self.parent_org,
        }  # fmt: skip

    def values(self) -> dict[str, Any]:
        """The form as an OrganisationEdit dict."""
        return {
            "name": self.name.text().strip(),
            "short_name": self.short_name.text().strip(),
            "kind": current_enum(self.kind, OrgKind),
            "region": current_enum(self.region, Region),
            "orgnr": self.orgnr.text().strip() or None,
            "parent_id": self.parent_org.currentData(),
        }

    def store(self, data: dict[str, Any]) -> Any:
        """Create, or update the version that was opened."""
        if self._opened is None:
            return self._service.create(data)
        return self._service.update(self._opened.id, self._opened.version, data)


def _below(organisations: Sequence[OrganisationNode], root: uuid.UUID) -> set[uuid.UUID]:
    """*root* and every unit under it (never offered as its parent)."""
    found = {root}
    grew = True
    while grew:
        grew = False
        for o in organisations:
            if o.parent_id in found and o.id not in found:
                found.add(o.id)
                grew = True
    return found
