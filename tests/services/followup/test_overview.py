"""The follow-up list around the next action, on a portfolio built from an empty database."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.followup.overview import DueState, OverviewRow
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.followup.portfolio import NAMND_A, NAMND_B, TODAY, Portfolio, build


@pytest.fixture
def portfolio(
    services: Services, sessions: sessionmaker[Session], base_rows: BaseRows
) -> Portfolio:
    return build(sessions, base_rows)


def _rows(services: Services, today: date = TODAY, **filters: str) -> list[OverviewRow]:
    page = services.followup_overview.list(ListQuery(filters=filters), today)
    assert page.total == len(page.rows)
    return page.rows


def _numbers(rows: list[OverviewRow]) -> list[str]:
    return [r.contract_number for r in rows]


def test_one_row_per_contract_in_force_or_planned_without_plan_last(
    services: Services, portfolio: Portfolio
) -> None:
    rows = _rows(services)
    assert _numbers(rows) == ["SRM-1", "VMA-1", "BADA-1", "VMA-3", "SRM-2"]
    by = {r.contract_number: r for r in rows}
    assert (by["SRM-2"].state, by["SRM-2"].due, by["SRM-2"].plan_id) == (
        DueState.UTAN_PLAN, "Saknar plan", None,
    )  # fmt: skip
    assert by["SRM-2"].id == portfolio.contracts["SRM-2"]
    assert (by["SRM-1"].state, by["SRM-1"].due) == (DueState.FORSENAD, "12 dagar sen")
    assert (by["VMA-1"].state, by["VMA-1"].due) == (DueState.SNART, "om 30 dagar")
    assert (by["BADA-1"].state, by["BADA-1"].due) == (DueState.PLANERAD, "om 31 dagar")


def test_the_same_plan_is_due_soon_then_overdue_as_days_pass(
    services: Services, portfolio: Portfolio
) -> None:
    def state_on(day: date) -> tuple[DueState, str]:
        row = next(r for r in _rows(services, day) if r.contract_number == "VMA-1")
        return row.state, row.due

    assert state_on(date(2026, 6, 14)) == (DueState.PLANERAD, "om 31 dagar")
    assert state_on(date(2026, 7, 15)) == (DueState.SNART, "idag")
    assert state_on(date(2026, 7, 16)) == (DueState.FORSENAD, "1 dag sen")


def test_open_deviations_read_as_text_with_the_serious_ones(
    services: Services, portfolio: Portfolio
) -> None:
    by = {r.contract_number: r for r in _rows(services)}
    first = by["SRM-1"]
    assert (
        first.deviations == "2 öppna (1 allvarlig)"
    )  # the closed one and the draft's do not count
    assert (first.open_actions, first.last_done, first.namnd) == (1, date(2026, 2, 15), NAMND_A)
    assert first.suppliers == "Städ & Service AB"
    assert by["VMA-1"].deviations == "1 öppen"
    assert by["BADA-1"].deviations == ""
    assert by["BADA-1"].suppliers == "Städ & Service AB, Transport Mälardalen AB"
    assert by["VMA-3"].namnd == "Ingen nämnd angiven"


def test_filters_mine_namnd_region_tier_and_state(services: Services, portfolio: Portfolio) -> None:
    assert _numbers(_rows(services, mine="1")) == ["SRM-1", "BADA-1"]
    assert _numbers(_rows(services, namnd=str(portfolio.namnd_a))) == ["SRM-1", "BADA-1", "SRM-2"]
    assert _numbers(_rows(services, namnd=str(portfolio.namnd_b))) == ["VMA-1"]
    assert _numbers(_rows(services, region="SRM")) == ["SRM-1", "BADA-1", "SRM-2"]
    assert _numbers(_rows(services, region="VMA")) == ["VMA-1", "BADA-1", "VMA-3"]
    assert _numbers(_rows(services, risk_tier="hog")) == ["VMA-1", "VMA-3"]
    assert _numbers(_rows(services, risk_tier="normal")) == ["BADA-1", "SRM-2"]
    assert _numbers(_rows(services, state="forsenad")) == ["SRM-1"]
    assert _numbers(_rows(services, state="snart")) == ["VMA-1"]
    assert _numbers(_rows(services, state="utan_plan")) == ["SRM-2"]
    assert _numbers(_rows(services, region="SRM", state="forsenad", mine="1")) == ["SRM-1"]


def test_mine_is_empty_for_a_person_responsible_for_nothing(
    services: Services, portfolio: Portfolio
) -> None:
    from tests.services.conftest import acting_as

    other = acting_as(services, "nils.nyman", "Nils Nyman")
    assert _rows(other, mine="1") == []
    assert len(_rows(other)) == 5


def test_sorting_and_paging(services: Services, portfolio: Portfolio) -> None:
    def numbers(sort: str, descending: bool = False, **page: int) -> list[str]:
        query = ListQuery(sort=sort, descending=descending, **page)
        return _numbers(services.followup_overview.list(query, TODAY).rows)

    assert numbers("next_due", descending=True) == ["SRM-2", "VMA-3", "BADA-1", "VMA-1", "SRM-1"]
    assert numbers("deviations", descending=True)[:2] == ["SRM-1", "VMA-1"]
    assert numbers("contract_number") == ["BADA-1", "SRM-1", "SRM-2", "VMA-1", "VMA-3"]
    page = services.followup_overview.list(ListQuery(offset=2, limit=2), TODAY)
    assert (page.total, _numbers(page.rows)) == (5, ["BADA-1", "VMA-3"])


def test_namnd_options_name_each_namnd_with_its_region(
    services: Services, portfolio: Portfolio
) -> None:
    options = dict(services.followup_overview.namnd_options())
    assert options[str(portfolio.namnd_a)] == NAMND_A
    assert options[str(portfolio.namnd_b)] == NAMND_B


def test_excel_export_has_the_filtered_rows_with_dates(
    services: Services, portfolio: Portfolio
) -> None:
    from openpyxl import load_workbook

    data = services.followup_overview.export_xlsx(ListQuery(filters={"region": "SRM"}), TODAY)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Avtalsnr", "Avtal", "Leverantör")
    assert [r[0] for r in rows[1:]] == ["SRM-1", "BADA-1", "SRM-2"]
    first = rows[1]
    assert first[6].date() == date(2026, 6, 3) and first[7] == "12 dagar sen"
    assert first[10:13] == (2, 1, 1)
