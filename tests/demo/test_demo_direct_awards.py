"""The demo's signed direct awards obey the signing rules the services enforce."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import DelegationRule, DirectAward, PersonRole
from inkop_desktop.services.direct_award import facts
from tests.conftest import DemoDb

TODAY = date(2026, 11, 24)


def _covers(s: Session, rule: DelegationRule, award: DirectAward) -> bool:
    """The recorded rule was in force on the decision date, for this value and this person."""
    day = award.award_date
    in_force = rule.valid_from <= day and (rule.valid_to is None or day <= rule.valid_to)
    roles = s.scalars(select(PersonRole.role).where(PersonRole.person_id == award.signed_by_id))
    held = rule.person_id == award.signed_by_id or rule.role in set(roles)
    return in_force and held and award.value_ore <= rule.max_amount_ore


def test_signed_demo_awards_are_signed_by_the_delegated_decision_maker(
    sessions: sessionmaker[Session],
    demo_db: DemoDb,
) -> None:
    demo_db(TODAY)
    with sessions() as s:
        signed = [a for a in s.scalars(select(DirectAward)) if a.status in ("signerad", "ersatt")]
        assert len(signed) >= 20
        late = 0
        for award in signed:
            assert award.signed_at is not None and award.decision_maker_id is not None
            assert award.signed_by_id == award.decision_maker_id, award.diarienummer
            facts.delegation(s, award)  # a DelegationError unless one covers it on the day
            rule = s.get(DelegationRule, award.delegation_rule_id)
            assert rule is not None and _covers(s, rule, award), award.diarienummer
            other_day = award.signed_at.date() != award.award_date
            assert bool(award.decision_date_reason.strip()) == other_day, award.diarienummer
            late += other_day
        assert 0 < late < len(signed)  # both kinds are in the demo
