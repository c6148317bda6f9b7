"""The jäv roster grouped by procurement: blocked procurements first, their blockers on top."""

from __future__ import annotations

import uuid
from datetime import date
from unittest import mock

from PySide6.QtCore import Qt

from inkop_desktop.domain.jav.kinds import DeclarationState as S
from inkop_desktop.gui import views
from inkop_desktop.gui.jav.roster import GroupRow, RosterModel, grouped, roster_state
from inkop_desktop.gui.row_state import STATE_ROLE
from inkop_desktop.services.jav.dto import RosterRow

PLAN_A, PLAN_B = uuid.uuid4(), uuid.uuid4()


def _row(plan: uuid.UUID, reference: str, person: str, state: S) -> RosterRow:
    return RosterRow(
        id=uuid.uuid4(),
        plan_item_id=plan,
        procurement=reference,
        procurement_title=f"Upphandling {reference}",
        person=person,
        external_company=None,
        role="Sakkunnig",
        added_on=date(2026, 11, 1),
        state=state,
        signed_version=None,
    )


ROWS = [
    _row(PLAN_A, "RS 2026-00001", "Anna", S.KLAR),
    _row(PLAN_A, "RS 2026-00001", "Bengt", S.JAVIG),
    _row(PLAN_B, "RS 2026-00002", "Cecilia", S.KLAR),
    _row(PLAN_B, "RS 2026-00002", "David", S.SAKNAS),
    _row(PLAN_B, "RS 2026-00002", "Eva", S.EJ_BEDOMD),
]


def test_blocked_procurement_first_with_its_blockers_on_top() -> None:
    rows = grouped(ROWS)
    assert [(type(r).__name__, r.procurement, r.person) for r in rows] == [
        ("GroupRow", "RS 2026-00002", "3 deltagare"),
        ("MemberRow", "", "David"),
        ("MemberRow", "", "Eva"),
        ("MemberRow", "", "Cecilia"),
        ("GroupRow", "RS 2026-00001", "2 deltagare"),
        ("MemberRow", "", "Anna"),
        ("MemberRow", "", "Bengt"),
    ]
    heading = rows[0]
    assert isinstance(heading, GroupRow) and heading.plan_item_id == PLAN_B
    assert heading.state == "Blockerar: 1 saknas, 1 väntar på bedömning"
    assert rows[4].state == "Inget blockerar"


def test_blocking_rows_carry_the_overdue_role_and_excluded_ones_are_dimmed(qapp: object) -> None:
    spec = views.jav_view(mock.Mock())  # columns only, nothing is loaded
    model = RosterModel(spec.columns, None, roster_state, ("procurement", "state"))
    model.set_rows(ROWS)
    state = [c.key for c in spec.columns].index("state")
    person = [c.key for c in spec.columns].index("person")

    def cell(row: int, column: int, role: int) -> object:
        return model.data(model.index(row, column), role)

    assert [cell(r, state, STATE_ROLE) for r in range(7)] == [
        "forsenad", "forsenad", "forsenad", None, None, None, "avslutad"
    ]  # fmt: skip
    assert cell(0, state, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(1, person, Qt.ItemDataRole.ForegroundRole) is None  # only the state cell is red
    assert cell(0, person, Qt.ItemDataRole.FontRole).bold()  # type: ignore[attr-defined]
    assert cell(1, person, Qt.ItemDataRole.FontRole) is None
    assert cell(3, state, Qt.ItemDataRole.DisplayRole) == "Klar"
    assert "David" in model.as_tsv([1])
