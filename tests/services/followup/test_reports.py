"""Follow-up reports for internal control, counted on a portfolio built from an empty database."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.services.followup.report_export import ReportKind
from inkop_desktop.services.followup.reports import FollowupReports
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.followup.portfolio import (
    NAMND_A,
    NAMND_B,
    SUPPLIER_1,
    SUPPLIER_2,
    TODAY,
    build,
)


@pytest.fixture
def reports(
    services: Services, sessions: sessionmaker[Session], base_rows: BaseRows
) -> FollowupReports:
    build(sessions, base_rows)
    return services.followup_reports.reports(TODAY)


def _status(rows: tuple) -> dict[str, tuple[int, ...]]:  # type: ignore[type-arg]
    return {r.label: (r.plans, r.done, r.due, r.overdue, r.without_plan) for r in rows}


def test_status_per_namnd_counts_done_due_overdue_and_without_plan(
    reports: FollowupReports,
) -> None:
    # (plans, done this year, still due this year, overdue, in force without plan)
    assert _status(reports.per_namnd) == {
        NAMND_A: (2, 2, 1, 1, 1),  # the ended SRM-3 was followed up in January: done, not planned
        NAMND_B: (1, 1, 1, 0, 0),  # VMA-2 starts in September: not without a plan yet
        "Ingen nämnd angiven": (1, 0, 1, 0, 0),
    }
    total = reports.totals
    assert (total.plans, total.done, total.due, total.overdue, total.without_plan) == (
        4,
        3,
        3,
        1,
        1,
    )


def test_status_per_region(reports: FollowupReports) -> None:
    assert _status(reports.per_region) == {
        "Region Sörmland": (1, 2, 0, 1, 1),
        "Region Västmanland": (2, 1, 2, 0, 0),
        "Båda regionerna": (1, 0, 1, 0, 0),
    }


def test_open_deviations_by_supplier_and_category_serious_first(reports: FollowupReports) -> None:
    found = [
        (d.supplier, d.category, d.open, d.serious, d.open_actions) for d in reports.deviations
    ]
    assert found == [
        (SUPPLIER_1, CheckCategory.SKATTER.label, 1, 1, 0),
        (SUPPLIER_1, CheckCategory.UNDERLEVERANTORER.label, 1, 0, 1),
        (SUPPLIER_2, CheckCategory.LEVERANS.label, 1, 0, 1),
    ]
    assert reports.deviations[0].oldest == date(2026, 2, 15)
    assert (reports.open_deviations, reports.serious_open) == (3, 1)


def test_supplier_summary_across_follow_ups(reports: FollowupReports) -> None:
    found = {
        s.supplier: (s.contracts, s.done, s.last_done, s.deviations, s.open, s.serious,
                     s.open_actions, s.sanctions)
        for s in reports.suppliers
    }  # fmt: skip
    assert found == {
        SUPPLIER_1: (4, 3, date(2026, 2, 15), 3, 2, 1, 1, 1),  # the vite on the closed one
        SUPPLIER_2: (2, 1, date(2026, 5, 20), 1, 1, 0, 1, 0),  # "ingen" is no sanction
        "Ingen leverantör angiven": (1, 0, None, 0, 0, 0, 0, 0),
    }
    assert [s.supplier for s in reports.suppliers][:2] == [SUPPLIER_1, SUPPLIER_2]


def test_months_due_done_and_open_deviations(reports: FollowupReports) -> None:
    months = {m.month: (m.due, m.done, m.open_deviations) for m in reports.months}
    assert (reports.months[0].month, reports.months[-1].month) == ("2025-10", "2026-09")
    assert months["2025-10"] == (1, 1, 0)
    assert months["2026-01"] == (1, 1, 0)
    assert months["2026-02"] == (1, 1, 3)
    assert months["2026-04"] == (0, 0, 2)  # the invoice deviation was closed on 1 April
    assert months["2026-05"] == (1, 1, 3)
    assert months["2026-06"] == (1, 0, 3)  # SRM-1's plan, overdue since 3 June
    assert months["2026-07"] == (2, 0, None)  # the future has no open count yet


def test_an_empty_database_gives_empty_reports(services: Services) -> None:
    empty = services.followup_reports.reports(TODAY)
    assert (empty.per_namnd, empty.deviations, empty.suppliers) == ((), (), ())
    assert [r.plans for r in empty.per_region] == [0, 0, 0]
    assert all((m.due, m.done) == (0, 0) for m in empty.months)


def test_each_report_exports_to_excel_with_its_rows(
    services: Services, reports: FollowupReports
) -> None:
    from openpyxl import load_workbook

    expected = {
        ReportKind.NAMND: len(reports.per_namnd) + 1,  # with the total line
        ReportKind.REGION: 4,
        ReportKind.AVVIKELSER: 3,
        ReportKind.LEVERANTORER: 3,
        ReportKind.MANADER: 12,
    }
    sheets = {}
    for kind in ReportKind:
        book = load_workbook(io.BytesIO(services.followup_reports.report_xlsx(kind, TODAY)))
        sheet = book.active
        assert sheet is not None and sheet.title == kind.label
        sheets[kind] = list(sheet.iter_rows(values_only=True))[1:]
        assert len(sheets[kind]) == expected[kind], kind
    assert sheets[ReportKind.NAMND][-1] == ("Totalt", 4, 3, 3, 1, 1)
    assert sheets[ReportKind.AVVIKELSER][0][:4] == (SUPPLIER_1, CheckCategory.SKATTER.label, 1, 1)
    assert sheets[ReportKind.MANADER][4][:3] == ("2026-02", 1, 1)
