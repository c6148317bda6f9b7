"""Bevakning, plan items from alerts, the deadline calendar and the reports — on both engines."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Contract, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

TODAY = date(2025, 6, 1)  # thresholds for 2024–2025 are in the shipped data
KR = 100


def _add(services: Services, rows: BaseRows, number: str, **changes: Any) -> uuid.UUID:
    options = changes.pop("options", None)
    data = contract_data(rows, contract_number=number, title=f"Avtal {number}", **changes)
    return services.contracts.create(data, options).id


@pytest.fixture
def portfolio(services: Services, base_rows: BaseRows) -> dict[str, uuid.UUID]:
    """Contracts on both sides of their lead times on 2025-06-01."""
    add = lambda number, **kw: _add(services, base_rows, number, **kw)  # noqa: E731
    framework = add("GEM-1", is_framework=True, end_date=date(2027, 12, 31))
    return {
        "eu": add("A-EU", total_value_ore=3_000_000 * KR, end_date=date(2026, 3, 31)),
        "below": add("B-UNDER", total_value_ore=1_000_000 * KR, end_date=date(2025, 10, 31)),
        "later": add("C-SENARE", total_value_ore=1_000_000 * KR, end_date=date(2026, 12, 31)),
        "option": add(
            "D-OPTION",
            total_value_ore=1_000_000 * KR,
            end_date=date(2026, 3, 31),
            notice_months=6,
            options=[{"months": 12, "decision": OptionDecision.EJ_BESLUTAD}],
        ),
        "works": add(
            "E-BYGG", cpv="45210000-2", total_value_ore=10_000_000 * KR, end_date=date(2025, 11, 30)
        ),
        "calloff": add(
            "F-AVROP",
            procedure=Procedure.AVROP,
            framework_id=framework,
            total_value_ore=100_000 * KR,
            end_date=date(2025, 7, 1),
        ),
        "ended": add("G-SLUT", end_date=date(2025, 5, 1)),
    }


def test_alerts_use_the_lead_time_of_the_procedure_the_value_needs(
    services: Services, portfolio: dict[str, uuid.UUID]
) -> None:
    alerts = {a.contract_number: a for a in services.contract_alerts.alerts(TODAY)}
    assert sorted(alerts) == ["A-EU", "B-UNDER", "D-OPTION", "E-BYGG"]
    assert (alerts["A-EU"].lead_months, alerts["A-EU"].start_by) == (12, date(2025, 3, 31))
    assert alerts["A-EU"].procedure == "EU-förfarande" and alerts["A-EU"].late
    assert (alerts["B-UNDER"].lead_months, alerts["B-UNDER"].start_by) == (6, date(2025, 4, 30))
    assert alerts["E-BYGG"].lead_months == 6  # works threshold, not the goods one
    option = alerts["D-OPTION"]
    assert (option.event, option.event_date) == (
        "Sista dag för beslut om option 1",
        date(2025, 9, 30),
    )
    assert all(a.note == "" and a.plan_item_id is None for a in alerts.values())


def test_a_missing_threshold_means_the_eu_lead_time_and_the_alert_says_so(
    services: Services, base_rows: BaseRows
) -> None:
    _add(services, base_rows, "H-2027", total_value_ore=1_000_000 * KR, end_date=date(2027, 3, 31))
    (alert,) = services.contract_alerts.alerts(date(2026, 6, 1))
    assert alert.lead_months == 12
    assert "Tröskelvärde för 2026 saknas — längsta ledtid används." in alert.text


def test_skapa_planpost_links_a_planned_item_and_removes_the_suggestion(
    services: Services,
    base_rows: BaseRows,
    portfolio: dict[str, uuid.UUID],
    sessions: sessionmaker[Session],
) -> None:
    created = services.contract_alerts.create_plan_item(portfolio["eu"], TODAY)
    assert (created.reference, created.title) == ("UP-2025-0001", "Ny upphandling: Avtal A-EU")
    with sessions() as s:
        item = s.get(PlanItem, created.id)
        assert item is not None
        assert (item.status, item.replaces_contract_id, item.responsible_id) == (
            "planerad",
            portfolio["eu"],
            base_rows.officer,
        )
        assert (item.parties, item.estimated_total_ore, item.procedure) == (
            "SRM",
            3_000_000 * KR,
            "oppet",
        )
        assert (item.planned_start, item.contract_start_on) == (TODAY, date(2026, 4, 1))
        assert s.execute(select(PlanItemCpv.cpv)).scalars().all() == ["90910000-9"]
        assert s.execute(select(PlanItemParty.organisation_id)).scalars().all() == [
            base_rows.region
        ]
    alerts = {a.contract_number: a for a in services.contract_alerts.alerts(TODAY)}
    assert alerts["A-EU"].plan_reference == "UP-2025-0001"
    suggestions = [a.contract_number for a in services.contract_alerts.suggestions(TODAY)]
    assert "A-EU" not in suggestions and "B-UNDER" in suggestions
    with pytest.raises(ValidationError, match="har redan planposten UP-2025-0001"):
        services.contract_alerts.create_plan_item(portfolio["eu"], TODAY)
    second = services.contract_alerts.create_plan_item(portfolio["below"], TODAY)
    assert second.reference == "UP-2025-0002"


def test_calendar_holds_end_dates_option_deadlines_and_notice_dates(
    services: Services, portfolio: dict[str, uuid.UUID]
) -> None:
    cal = Calendar.from_ical(services.contract_alerts.calendar(TODAY, months=12))
    found = {(str(e["summary"]), e.decoded("dtstart")) for e in cal.walk("VEVENT")}
    assert ("Sista dag för beslut om option 1: D-OPTION Avtal D-OPTION", date(2025, 9, 30)) in found
    assert ("Avtalet löper ut: A-EU Avtal A-EU", date(2026, 3, 31)) in found
    assert ("Sista dag för uppsägning: A-EU Avtal A-EU", date(2025, 12, 31)) in found
    assert not any("G-SLUT" in summary for summary, _day in found)  # already ended
    assert all(TODAY <= day <= date(2026, 6, 1) for _summary, day in found)


def test_reports_missing_roles_groups_and_expiring_per_month(
    services: Services, portfolio: dict[str, uuid.UUID], sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as s:
        missing_owner = update(Contract).where(Contract.id == portfolio["below"])
        s.execute(missing_owner.values(owner_id=None, owner_org_id=None))
    reports = services.contract_reports.reports(TODAY)
    assert [(r.contract_number, r.missing) for r in reports.missing_roles] == [
        ("B-UNDER", "Avtalsägare")
    ]
    region = {r.label: r.contracts for r in reports.per_region}
    assert region == {"Region Sörmland": 7, "Region Västmanland": 0, "Båda regionerna": 0}
    assert [(r.label, r.contracts) for r in reports.per_supplier] == [
        ("Städ & Service AB (556016-0680)", 7)
    ]
    assert {r.label for r in reports.per_namnd} == {
        "Region Sörmland",
        "Ingen organisation angiven",
    }
    months = {m.month: m.contracts for m in reports.expiring}
    assert len(reports.expiring) == 24 and reports.expiring[0].month == "2025-06"
    assert (months["2025-07"], months["2025-10"], months["2026-03"]) == (1, 1, 2)
