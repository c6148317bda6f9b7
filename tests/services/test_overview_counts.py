"""The navigation's counts on both engines: each number is what its list or queue shows."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Avsteg
from inkop_desktop.domain.avsteg import Handling
from inkop_desktop.services.avsteg import AvstegFilter
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data
from tests.services.followup.helpers import planned
from tests.services.jav_helpers import DAY, acting, answers, build_world, owns_shares

TODAY = date.today()


def _avsteg(sessions: sessionmaker[Session], contract_id: object, on: date, reason: str) -> None:
    with sessions.begin() as s:
        s.add(
            Avsteg(
                version=1,
                kind="befintligt_avtal",
                reason=reason,
                reported_on=on,
                contract_id=contract_id,
            )
        )


def test_nothing_waits_in_an_empty_database(services: Services) -> None:
    counts = services.overview.counts()
    assert counts.model_dump() == {
        "bevakningar": 0,
        "forsenade_uppfoljningar": 0,
        "mina_deklarationer": 0,
        "att_bedoma": 0,
        "avsteg": 0,
    }


def test_overdue_follow_ups_are_the_lists_forsenad_rows(
    services: Services, base_rows: BaseRows
) -> None:
    late = planned(services, base_rows, contract_number="SRM-2026-0001")
    services.followup.save_plan(
        late.contract_id,
        {"risk_tier": late.plan.risk_tier, "interval_months": 12,
         "template_ids": late.plan.template_ids, "responsible_id": base_rows.officer,
         "next_due": TODAY - timedelta(days=12)},
        late.plan.version,
    )  # fmt: skip
    on_time = planned(services, base_rows, contract_number="SRM-2026-0002")
    assert on_time.plan.next_due is not None and on_time.plan.next_due >= TODAY
    counts = services.overview.counts()
    listed = services.followup_overview.list(ListQuery(filters={"state": "forsenad"}))
    assert counts.forsenade_uppfoljningar == listed.total == 1
    later = services.overview.counts(on_time.plan.next_due + timedelta(days=1))
    assert later.forsenade_uppfoljningar == 2


def test_a_contract_inside_its_lead_time_is_a_bevakning(
    services: Services, base_rows: BaseRows
) -> None:
    services.contracts.create(
        contract_data(
            base_rows,
            start_date=TODAY - timedelta(days=400),
            end_date=TODAY + timedelta(days=40),
            total_value_ore=500_000_00,
            annual_value_ore=400_000_00,
        )
    )
    services.contracts.create(
        contract_data(
            base_rows,
            contract_number="SRM-2026-0002",
            start_date=TODAY - timedelta(days=400),
            end_date=TODAY + timedelta(days=4000),
        )
    )
    assert services.overview.counts().bevakningar == 1


def test_open_avsteg_are_counted_and_a_closed_one_no_longer(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    contract = services.contracts.create(contract_data(base_rows))
    _avsteg(sessions, contract.id, date(TODAY.year, 1, 2), "Ramavtalsleverantören kunde inte.")
    _avsteg(sessions, contract.id, date(TODAY.year - 1, 12, 31), "Förra året, fortfarande öppet.")
    assert services.overview.counts().avsteg == 2
    first = services.avsteg.entries(AvstegFilter())[0]
    services.avsteg.handle(first.id, first.version, Handling("Påmint", "", close=True))
    assert services.overview.counts().avsteg == 1


def test_declarations_to_make_and_assessments_to_do_follow_the_jav_work(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    world = build_world(sessions, base_rows.officer, base_rows.supplier)
    where = {"direct_award_id": world.award}
    data = {"person_id": world.anna, "role": "Beställare", "added_on": DAY}
    anna_id = services.jav.add_participant(data, **where)
    anna = acting(services, "anna.ek")
    assert anna.overview.counts().mina_deklarationer == 1
    anna.jav.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    assert anna.overview.counts().mina_deklarationer == 0
    maker = acting(services, "beslut")
    assert maker.overview.counts().att_bedoma == len(maker.jav.assessment_queue()) == 1
    assert anna.overview.counts().att_bedoma == 0  # nobody assesses their own declaration
