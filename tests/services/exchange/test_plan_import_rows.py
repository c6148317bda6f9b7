"""Items a plan import inserts in one statement behave like items saved one by one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import AuditEntry, Avsteg, PlanItem
from inkop_desktop.services import counting
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.exchange.rows import UNCHANGED
from inkop_desktop.services.registry import Services
from tests.services.conftest import TEST_ACTOR, BaseRows
from tests.services.exchange.test_audit_written import mismatches
from tests.services.exchange.test_exchange import PLAN_HEADERS, _sheet
from tests.services.exchange.test_plan_import_batch import REASON, _plan_rows


def _import(services: Services, count: int, first: int = 0, update: bool = False) -> int:
    """Import *count* new plan rows titled from *first*; the rows imported."""
    rows = [(f"Rad {first + n}", *r[1:]) for n, r in enumerate(_plan_rows(count))]
    data = _sheet(PLAN_HEADERS, *rows)
    report = services.exchange.import_file("plan", data, "p.xlsx", update=update)
    assert report.ok, report.errors
    return report.imported


def test_the_plan_lists_total_counts_the_items_just_imported(
    services: Services, base_rows: BaseRows, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "EXACT_UP_TO", 1)  # totals above 1 are remembered
    counting.EXACT.clear()
    _import(services, 2)
    counted = services.plan.list(ListQuery(limit=10, exact_total=True))
    assert (counted.total, counted.estimated) == (2, False)
    _import(services, 3, first=2)
    after = services.plan.list(ListQuery(limit=10))
    assert after.estimated or after.total == 5  # never the total remembered before the import
    assert services.plan.list(ListQuery(limit=10, exact_total=True)).total == 5


def test_an_imported_item_opens_and_saves_at_version_one(
    services: Services, base_rows: BaseRows
) -> None:
    _import(services, 1)
    with services.context.sessions() as s:
        item_id = s.scalars(select(PlanItem.id)).one()
    opened = services.plan.get(item_id)
    assert (opened.version, opened.data.title, opened.data.cpv_codes) == (
        1, "Rad 0", ("98310000-9", "98311000-6")
    )  # fmt: skip
    data = opened.data.model_dump() | {"title": "Rad 0 ändrad"}
    saved = services.plan.update(item_id, 1, data)
    assert (saved.version, saved.data.title) == (2, "Rad 0 ändrad")


def test_importing_the_exported_items_again_is_refused_or_leaves_them_unchanged(
    services: Services, base_rows: BaseRows
) -> None:
    _import(services, 2)
    table = services.exchange.export_table("plan")
    data = services.exchange.export_file("plan", "xlsx")
    refused = services.exchange.import_file("plan", data, "p.xlsx")
    assert not refused.ok and {p.column for p in refused.errors} == {"Referens"}
    again = services.exchange.import_file("plan", data, "p.xlsx", update=True)
    assert again.ok and {o.action for o in again.outcomes} == {UNCHANGED}
    assert services.exchange.export_table("plan").rows == table.rows


def test_the_avsteg_of_imported_items_are_logged_as_the_database_holds_them(
    services: Services, sessions: sessionmaker[Session], base_rows: BaseRows
) -> None:
    with sessions() as s:
        since = s.scalar(select(func.max(AuditEntry.id))) or 0
    lighter = [(*r[:5], 20_000_000, "Direktupphandling", REASON, *r[8:]) for r in _plan_rows(3)]
    report = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *lighter), "p.xlsx")
    assert report.ok and report.imported == 3
    tables, differ = mismatches(sessions, since)
    assert differ == [] and tables == {"avsteg", "plan_item", "plan_item_cpv", "plan_item_party"}
    with sessions() as s:
        kinds = s.execute(select(Avsteg.kind, Avsteg.version, Avsteg.created_by)).all()
    assert kinds == [("lagre_forfarande", 1, TEST_ACTOR)] * 3
