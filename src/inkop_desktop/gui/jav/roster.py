"""The jäv roster grouped by procurement: one heading row each, what blocks a decision first."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.gui.jav.common import tr
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.row_state import RowState
from inkop_desktop.gui.table_model import Index, RowTableModel
from inkop_desktop.services.jav.dto import RosterRow

BLOCKING = frozenset(
    {DeclarationState.SAKNAS, DeclarationState.OBEKRAFTAD, DeclarationState.EJ_BEDOMD}
)
"""States that stand in the way of the procurement's decision."""

_SHORT = {
    DeclarationState.SAKNAS: tr("saknas"),
    DeclarationState.OBEKRAFTAD: tr("ska bekräftas"),
    DeclarationState.EJ_BEDOMD: tr("väntar på bedömning"),
}


@dataclass(frozen=True)
class GroupRow:
    """The heading row of one procurement: its participants counted, what blocks it named."""

    id: tuple[str, uuid.UUID | None]
    plan_item_id: uuid.UUID | None
    direct_award_id: uuid.UUID | None
    procurement: str
    procurement_title: str
    person: str
    role: str
    state: str
    blocked: bool
    signed_version: None = None
    external_company: None = None
    added_on: date | None = None


@dataclass(frozen=True)
class MemberRow:
    """A participant under its procurement's heading (the procurement not repeated)."""

    row: RosterRow

    def __getattr__(self, name: str) -> Any:
        """The participant's fields; the procurement's own are left blank."""
        if name in ("procurement", "procurement_title"):
            return ""
        return getattr(self.row, name)


def _summary(members: Sequence[RosterRow]) -> str:
    """ "Blockerar: 2 saknas, 1 väntar på bedömning" or "Alla klara"."""
    counts = {s: sum(m.state is s for m in members) for s in _SHORT}
    parts = [f"{n} {_SHORT[s]}" for s, n in counts.items() if n]
    return tr("Blockerar: ") + ", ".join(parts) if parts else tr("Inget blockerar")


def _heading(members: Sequence[RosterRow]) -> GroupRow:
    """The heading row of one procurement's participants."""
    first = members[0]
    count = len(members)
    return GroupRow(
        id=("grupp", first.plan_item_id or first.direct_award_id),
        plan_item_id=first.plan_item_id,
        direct_award_id=first.direct_award_id,
        procurement=first.procurement,
        procurement_title=first.procurement_title,
        person=tr("1 deltagare") if count == 1 else tr("%1 deltagare").replace("%1", str(count)),
        role="",
        state=_summary(members),
        blocked=any(m.state in BLOCKING for m in members),
    )


def grouped(rows: Sequence[RosterRow]) -> list[Any]:
    """Heading and participants per procurement; blocked procurements and blockers first."""
    groups: dict[uuid.UUID | None, list[RosterRow]] = {}
    for row in rows:
        groups.setdefault(row.plan_item_id or row.direct_award_id, []).append(row)
    ordered = sorted(groups.values(), key=lambda g: not any(m.state in BLOCKING for m in g))
    result: list[Any] = []
    for members in ordered:
        result.append(_heading(members))
        members = sorted(members, key=lambda m: m.state not in BLOCKING)
        result.extend(MemberRow(m) for m in members)
    return result


def roster_state(row: Any) -> RowState | None:
    """Blocking rows (heading or participant) red, excluded participants dimmed."""
    if isinstance(row, GroupRow):
        return RowState.FORSENAD if row.blocked else None
    if row.state in BLOCKING:
        return RowState.FORSENAD
    return RowState.AVSLUTAD if row.state is DeclarationState.JAVIG else None


ROSTER_LEGEND = (
    tr("Deklaration:"),
    [(RowState.FORSENAD, tr("blockerar beslutet")), (RowState.AVSLUTAD, tr("jävig – utesluten"))],
)


class RosterModel(RowTableModel):
    """The participants' page shown as procurement headings (bold) with their people."""

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Group the page's participants by procurement."""
        super().set_rows(grouped(rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Heading rows in bold; everything else as the base model."""
        heading = index.isValid() and isinstance(self.row_at(index.row()), GroupRow)
        if role == Qt.ItemDataRole.FontRole and heading:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class RosterPage(ListPage):
    """The "Status per upphandling" tab: a list page over the grouping model."""

    def _make_model(self) -> RowTableModel:
        """The grouping model with the page's columns and colour rule."""
        return RosterModel(self.spec.columns, self, self.spec.row_state, self.spec.marked)

    def heading_rows(self) -> list[GroupRow]:
        """The procurement headings in screen order."""
        rows = (self.model.row_at(i) for i in range(self.model.rowCount()))
        return [r for r in rows if isinstance(r, GroupRow)]
