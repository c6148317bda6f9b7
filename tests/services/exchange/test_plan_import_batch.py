"""A plan import numbers its new rows in one go and records each row's avsteg with its item."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import AuditEntry, Avsteg, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.services.numbering import allocate_block
from inkop_desktop.services.registry import Services
from tests.services.conftest import TEST_ACTOR, BaseRows
from tests.services.exchange.test_exchange import PLAN_HEADERS, _sheet

REASON = "Synnerlig brådska efter avbrott hos tidigare leverantör."


def test_a_block_of_numbers_skips_those_in_use_and_continues_the_counter(
    sessions: sessionmaker[Session],
) -> None:
    used = {9, 14}
    with sessions.begin() as s:
        first = allocate_block(s, "TEST-2026", 5, lambda: 7, lambda r: used & set(r))
        second = allocate_block(s, "TEST-2026", 2, lambda: 7, lambda r: used & set(r))
    assert first == [8, 10, 11, 12, 13]
    assert second == [15, 16]


def test_new_rows_get_free_references_and_each_lighter_procedure_its_avsteg(
    services: Services, base_rows: BaseRows
) -> None:
    headers = ("Referens", *PLAN_HEADERS)
    big = 20_000_000
    rows = [
        (None, f"Tvätt {n}", 2026, "SRM" if n % 2 else "Region Västmanland", None, "98310000-9",
         big, "Direktupphandling", REASON, None, date(2026, 9, 1))
        for n in range(6)
    ]  # fmt: skip
    rows[3] = ("UP-2026-0002", *rows[3][1:])  # a reference the file gives itself
    report = services.exchange.import_file("plan", _sheet(headers, *rows), "p.xlsx")
    assert report.ok and report.imported == 6
    with services.context.sessions() as s:
        items = s.execute(select(PlanItem.id, PlanItem.reference, PlanItem.parties)).all()
        avsteg = s.execute(select(Avsteg.plan_item_id, Avsteg.region, Avsteg.reason)).all()
    assert sorted(i.reference for i in items) == [f"UP-2026-000{n}" for n in range(1, 7)]
    assert sorted(avsteg) == sorted((i.id, i.parties, REASON) for i in items)


def _plan_rows(count: int) -> list[tuple[object, ...]]:
    """*count* plan rows, each with one nämnd and two CPV codes."""
    return [
        (f"Städ {n}", 2026, "SRM", "Region Sörmland", "98310000-9, 98311000-6", 500_000,
         None, None, None, date(2026, 9, 1))
        for n in range(count)
    ]  # fmt: skip


PLAN_TABLES = (PlanItem, PlanItemCpv, PlanItemParty)


def _counts(services: Services) -> dict[str, int]:
    """Rows of the plan tables and their audit entries."""
    with services.context.sessions() as s:
        counts = {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in PLAN_TABLES
        }
        logged = select(func.count()).where(
            AuditEntry.table_name.in_([t.__tablename__ for t in PLAN_TABLES])
        )
        return counts | {"audit_entry": s.scalar(logged) or 0}


def test_every_imported_row_and_each_of_its_codes_and_namnder_get_one_audit_entry(
    services: Services, base_rows: BaseRows
) -> None:
    before = _counts(services)
    report = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *_plan_rows(4)), "p.xlsx")
    assert report.ok and report.imported == 4
    with services.context.sessions() as s:
        items = {i.id: i for i in s.scalars(select(PlanItem))}
        children = [*s.scalars(select(PlanItemCpv)), *s.scalars(select(PlanItemParty))]
        stmt = select(AuditEntry).where(AuditEntry.action == "insert")
        logged = {(e.table_name, e.row_id): e for e in s.scalars(stmt)}
        assert audit.verify_chain(s).broken is None
    assert sorted(i.reference for i in items.values()) == [f"UP-2026-000{n}" for n in (1, 2, 3, 4)]
    assert len(children) == 4 * 3 and {c.plan_item_id for c in children} == set(items)
    written = [*items.values(), *children]
    assert after_minus(_counts(services), before)["audit_entry"] == len(written)
    for row in written:
        entry = logged[(row.__tablename__, str(row.id))]
        new = json.loads(entry.new_row or "")
        assert (new["id"], new["version"], new["created_by"]) == (str(row.id), 1, TEST_ACTOR)
        assert entry.old_row is None  # (PostgreSQL logs the server login as actor)
        if isinstance(row, PlanItemCpv):
            assert (new["cpv"], new["plan_item_id"]) == (row.cpv, str(row.plan_item_id))
        if isinstance(row, PlanItem):
            assert entry.summary == row.title and new["reference"] == row.reference


def after_minus(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    """How many rows each table gained."""
    return {name: after[name] - before[name] for name in after}


def test_an_error_in_row_7_of_10_saves_nothing(services: Services, base_rows: BaseRows) -> None:
    rows = _plan_rows(10)
    rows[5] = (rows[5][0], "nästa år", *rows[5][2:])  # sheet row 7: a year that is no number
    before = _counts(services)
    report = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *rows), "p.xlsx")
    assert not report.ok and [(p.row, p.column) for p in report.errors] == [(7, "År")]
    assert _counts(services) == before


def _statements(services: Services, count: int, offset: int) -> int:
    """SQL statements an import of *count* new rows sends (an executemany counts once)."""
    rows = [(f"Rad {offset + n}", *r[1:]) for n, r in enumerate(_plan_rows(count))]
    with services.context.sessions() as s:
        engine = s.get_bind()
    sent: list[str] = []

    def note(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        report = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *rows), "p.xlsx")
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert report.ok and report.imported == count
    return len(sent)


def test_an_imports_statements_do_not_grow_with_its_rows(
    services: Services, base_rows: BaseRows
) -> None:
    _statements(services, 2, 0)  # the year's number series exists from here on
    assert _statements(services, 3, 100) == _statements(services, 30, 200)
