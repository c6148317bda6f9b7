"""A plan import numbers its new rows in one go and records each row's avsteg with its item."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Avsteg, PlanItem
from inkop_desktop.services.numbering import allocate_block
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
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
