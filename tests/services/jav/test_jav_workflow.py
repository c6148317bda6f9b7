"""Jäv workflow on both engines: rosters, versions, confirmation, assessment, gating."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import DeclaredInterest, JavDeclaration
from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.jav.access import JavAccessError
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, DeclarationState
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows, acting_as
from tests.services.jav_helpers import (
    DAY,
    JavWorld,
    acting,
    add_quote,
    answers,
    build_world,
    owns_shares,
)


@pytest.fixture
def world(sessions: sessionmaker[Session], base_rows: BaseRows) -> JavWorld:
    return build_world(sessions, base_rows.officer, base_rows.supplier)


def _join(services: Services, person: uuid.UUID, role: str, **where: Any) -> uuid.UUID:
    data = {"person_id": person, "role": role, "added_on": DAY}
    return services.jav.add_participant(data, **where)


def _assessment(item: uuid.UUID | None, outcome: AssessmentOutcome, reason: str) -> dict[str, Any]:
    return {"interest_id": item, "outcome": outcome, "reason": reason}


def test_a_new_version_keeps_the_old_one(services: Services, world: JavWorld, sessions) -> None:
    anna_id = _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    anna = acting(services, "anna.ek").jav
    first = anna.declare(anna_id, answers(), sign=True)
    second = anna.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    assert (first.version_no, second.version_no) == (1, 2)
    assert [v.version_no for v in second.versions] == [1, 2] and second.is_current
    old = anna.declaration(anna_id, 1)
    assert old.interests == () and not old.is_current
    with sessions() as s:
        rows = s.scalars(select(JavDeclaration).order_by(JavDeclaration.version_no)).all()
        assert [r.supersedes_id for r in rows] == [None, rows[0].id]
        interest = s.scalars(select(DeclaredInterest)).one()
        assert interest.company_orgnr == "556016-0680" and interest.declaration_id == rows[1].id


def test_unsigned_draft_does_not_replace_the_signed_version(
    services: Services, world: JavWorld
) -> None:
    anna_id = _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    anna = acting(services, "anna.ek").jav
    anna.declare(anna_id, answers(), sign=True)
    draft = anna.declare(anna_id, answers(secrecy_accepted=False))
    assert draft.signed_at is None and draft.version_no == 2
    assert services.jav.signing_blockers(plan_item_id=world.plan_item) == []
    with pytest.raises(ValidationError, match="sekretessförbindelsen"):
        anna.sign(draft.id)


def test_only_the_person_declares_and_only_allowed_people_read(
    services: Services, world: JavWorld
) -> None:
    anna_id = _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    bo_id = _join(services, world.bo, "Extern sakkunnig", plan_item_id=world.plan_item)
    with pytest.raises(JavAccessError, match="Bara personen själv"):
        services.jav.declare(anna_id, answers(), sign=True)
    acting(services, "anna.ek").jav.declare(anna_id, answers(), sign=True)
    assert services.jav.declaration(anna_id).person == "Anna Ek"
    assert acting(services, "chef").jav.declaration(anna_id).version_no == 1
    with pytest.raises(JavAccessError, match=r"OSL 19 kap\. 3 §"):
        acting(services, "bo.berg").jav.declaration(anna_id)
    roster = acting(services, "bo.berg").jav.procurement_jav(plan_item_id=world.plan_item)
    rows = {r.person: r for r in roster.participants}
    assert not rows["Anna Ek"].may_view and rows["Bo Berg"].is_self
    assert rows["Bo Berg"].id == bo_id
    with pytest.raises(JavAccessError, match="Jävsprotokollet"):
        acting(services, "anna.ek").jav.protocol_pdf(plan_item_id=world.plan_item)


def test_bidders_mark_for_confirmation_and_cross_check_flags(
    services: Services, world: JavWorld
) -> None:
    anna_id = _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    bo_id = _join(services, world.bo, "Extern sakkunnig", plan_item_id=world.plan_item)
    anna, bo = acting(services, "anna.ek").jav, acting(services, "bo.berg").jav
    anna.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    bo.declare(bo_id, answers(), sign=True)
    assert services.jav.add_bidder(world.plan_item, world.supplier, DAY) == 2
    status = services.jav.procurement_jav(plan_item_id=world.plan_item)
    states = {r.person: r.state for r in status.participants}
    assert states == {
        "Anna Ek": DeclarationState.OBEKRAFTAD,
        "Bo Berg": DeclarationState.OBEKRAFTAD,
    }
    [hit] = next(r for r in status.participants if r.person == "Anna Ek").matches
    assert hit.supplier == "Städ & Service AB" and hit.basis == "Samma organisationsnummer"
    assert any("Anna Ek (Beställare)" in b and "träff" in b for b in status.blockers)
    assert len(bo.my_declarations()) == 1
    bo.confirm(bo_id)
    assert bo.my_declarations() == []
    with pytest.raises(ValidationError, match="behöver inte bekräftas"):
        bo.confirm(bo_id)


def test_gating_names_people_until_the_manager_assesses(
    services: Services, world: JavWorld, sessions
) -> None:
    where = {"direct_award_id": world.award}
    anna_id = _join(services, world.anna, "Beställare", **where)
    _join(services, world.bo, "Extern sakkunnig", **where)
    anna = acting(services, "anna.ek").jav
    anna.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    add_quote(sessions, world.award, world.supplier)
    assert services.jav.mark_suppliers_known(direct_award_id=world.award) == 1
    blockers = services.jav.signing_blockers(direct_award_id=world.award)
    assert [b.split(":")[0] for b in blockers] == [
        "Anna Ek (Beställare)",
        "Bo Berg (Extern sakkunnig)",
    ]
    assert "inte bekräftad" in blockers[0] and "signerad jävsdeklaration saknas" in blockers[1]
    anna.confirm(anna_id)
    maker = acting(services, "beslut").jav
    [queued] = maker.assessment_queue()
    assert queued.person == "Anna Ek" and queued.matched == 1
    item = maker.declaration(anna_id).items[0]
    with pytest.raises(JavAccessError, match="egen"):
        anna.assess(anna_id, _assessment(item.interest_id, AssessmentOutcome.INTE_JAV, "x" * 30))
    with pytest.raises(ValidationError, match="misstanke"):
        maker.assess(anna_id, _assessment(item.interest_id, AssessmentOutcome.JAV, "Misstänkt"))
    reason = "Äger aktier i anbudsgivaren; intresset är inte obetydligt (FL 16 § 1)."
    maker.assess(anna_id, _assessment(item.interest_id, AssessmentOutcome.JAV, reason))
    blockers = services.jav.signing_blockers(direct_award_id=world.award)
    assert [b.split(":")[0] for b in blockers] == ["Bo Berg (Extern sakkunnig)"]
    roster = services.jav.procurement_jav(direct_award_id=world.award)
    anna_row = next(r for r in roster.participants if r.person == "Anna Ek")
    assert anna_row.state is DeclarationState.JAVIG and not anna_row.active
    assert maker.assessment_queue() == []


def test_removing_a_participant_never_clears_a_due_declaration(
    services: Services, world: JavWorld
) -> None:
    where = {"direct_award_id": world.award}
    bo_id = _join(services, world.bo, "Extern sakkunnig", **where)
    with pytest.raises(ValidationError, match="redan är förfallen"):
        services.jav.remove_participant(bo_id, date(2026, 11, 3))
    services.jav.remove_participant(bo_id, date(2026, 11, 3), "Uppdraget avslutat i förtid.")
    [blocker] = services.jav.signing_blockers(direct_award_id=world.award)
    assert blocker.startswith(
        "Bo Berg (Extern sakkunnig, borttagen 2026-11-03 men deklarationen var redan förfallen)"
    )
    [row] = services.jav.procurement_jav(**where).participants
    assert row.removed_by == "Karin Öberg" and row.removal_reason == "Uppdraget avslutat i förtid."
    assert row.blocks_after_removal and row.missing == ("signerad jävsdeklaration saknas",)
    bo = acting(services, "bo.berg").jav
    assert [w.person for w in bo.my_declarations()] == ["Bo Berg"]
    bo.declare(bo_id, answers(), sign=True)
    assert services.jav.signing_blockers(direct_award_id=world.award) == []


def test_a_same_day_removal_corrects_a_mistaken_entry(services: Services, world: JavWorld) -> None:
    bo_id = _join(services, world.bo, "Extern sakkunnig", direct_award_id=world.award)
    services.jav.remove_participant(bo_id, DAY)
    assert services.jav.signing_blockers(direct_award_id=world.award) == []


def test_only_the_responsible_officer_or_inkopschef_edits_a_roster(
    services: Services, world: JavWorld
) -> None:
    anna = acting(services, "anna.ek").jav
    other = acting_as(services, "ulla.u", "Ulla Upphandlare", Role.UPPHANDLARE).jav
    data = {"person_id": world.bo, "role": "Extern sakkunnig", "added_on": DAY}
    for who in (anna, other):
        with pytest.raises(PermissionDeniedError, match="ändra vilka som deltar"):
            who.add_participant(data, plan_item_id=world.plan_item)
    chief = acting(services, "chef").jav
    bo_id = chief.add_participant(data, plan_item_id=world.plan_item)
    with pytest.raises(PermissionDeniedError, match="som är ansvarig för posten"):
        other.remove_participant(bo_id, DAY)
    chief.remove_participant(bo_id, DAY)


def test_plan_item_award_is_refused_with_the_names(services: Services, world: JavWorld) -> None:
    _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    with pytest.raises(TransitionError, match="Anna Ek"):
        services.jav.ensure_may_award(world.plan_item)
    anna_id = services.jav.procurement_jav(plan_item_id=world.plan_item).participants[0].id
    acting(services, "anna.ek").jav.declare(anna_id, answers(), sign=True)
    services.jav.ensure_may_award(world.plan_item)


def test_roster_rules_and_the_list(services: Services, world: JavWorld) -> None:
    anna_id = _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    with pytest.raises(ValidationError, match="finns redan"):
        _join(services, world.anna, "Beställare", plan_item_id=world.plan_item)
    with pytest.raises(ValidationError, match="före datumet"):
        services.jav.remove_participant(anna_id, date(2026, 1, 1))
    with pytest.raises(ValidationError, match="antingen"):
        services.jav.signing_blockers()
    services.jav.remove_participant(anna_id, DAY)
    again = _join(services, world.anna, "Sakkunnig", plan_item_id=world.plan_item)
    assert again == anna_id
    from inkop_desktop.services.dto import ListQuery

    page = services.jav.roster(ListQuery(text="städtjänster"))
    assert [(r.person, r.role, r.state) for r in page.rows] == [
        ("Anna Ek", "Sakkunnig", DeclarationState.SAKNAS)
    ]
    assert page.rows[0].plan_item_id == world.plan_item
    [picked] = services.jav.procurements("städtjänster")
    assert (picked.kind, picked.responsible) == ("plan", "Karin Öberg")
    assert [r.kind for r in services.jav.procurements("")] == ["plan", "direktupphandling"]
