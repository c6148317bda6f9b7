"""Plan references and diarienummer: unique under concurrent creates, never lost on a conflict."""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import migrate
from inkop_desktop.db.tables import DirectAward, NumberSeries, PlanItem, Supplier
from inkop_desktop.domain.errors import ValidationError, WriteConflictError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.base import (
    CONFLICT_TEXT,
    TRIES,
    Service,
    ServiceContext,
    retry_on_conflict,
)
from inkop_desktop.services.registry import Services
from tests.services import numbering_worker
from tests.services.award_setup import AwardWorld, world
from tests.services.conftest import BaseRows

__all__ = ["world"]

PROCESSES = 8
CREATES = 15
"""Creates of each kind per process: eight processes at once make the races, not the count."""


def _context() -> Any:
    """Fresh processes: forked from a clean server that has imported the app once, else spawned.

    Spawning eight interpreters that each import the whole app costs more CPU than the creates
    themselves; the fork server's children are as independent (no state of the test process).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([numbering_worker.__name__])
    return ctx


def test_eight_processes_creating_at_once_all_succeed_with_unique_numbers(
    services: Services, world: AwardWorld, db_url: str
) -> None:
    ctx = _context()
    barrier, out = ctx.Barrier(PROCESSES), ctx.Queue()
    workers = [
        ctx.Process(
            target=numbering_worker.run,
            args=(db_url, world, i, CREATES, barrier, out),
            daemon=True,
        )
        for i in range(PROCESSES)
    ]
    for w in workers:
        w.start()
    try:
        results = [out.get(timeout=120) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=30)
    errors = [e for _refs, _numbers, errs, _s in results for e in errs]
    assert errors == []
    references = [r for refs, _n, _e, _s in results for r in refs]
    numbers = [n for _r, nums, _e, _s in results for n in nums]
    elapsed = max(seconds for *_rest, seconds in results)
    assert len(references) == len(set(references)) == PROCESSES * CREATES
    assert len(numbers) == len(set(numbers)) == PROCESSES * CREATES
    assert all(r.startswith("UP-2026-") for r in references)
    assert all(n.startswith("RS 2026-") for n in numbers)
    after = services.plan.create(numbering_worker.plan_item(world, "Efteråt"))
    assert after.reference == f"UP-2026-{PROCESSES * CREATES + 1:04d}"
    print(f"{PROCESSES}×{CREATES}×2 concurrent creates in {elapsed:.1f} s")


def test_numbers_already_in_use_are_skipped(services: Services, world: AwardWorld) -> None:
    awards = services.direct_awards
    first = awards.create(world.record())
    assert first.diarienummer == "RS 2025-00001"
    typed = awards.create(world.record(diarienummer="RS 2025-00002"))
    assert typed.diarienummer == "RS 2025-00002"
    assert awards.create(world.record()).diarienummer == "RS 2025-00003"
    vma = awards.create(world.record(region=Parties.VASTMANLAND))
    assert vma.diarienummer == "RV 2025-00001"


def test_a_refused_create_stores_nothing_and_numbering_goes_on(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    plan = services.plan
    assert plan.create(numbering_worker.plan_item(world, "Först")).reference == "UP-2026-0001"
    missing = numbering_worker.plan_item(world, "Fel nämnd", organisation_ids=(uuid.uuid4(),))
    with pytest.raises(ValidationError, match="hänvisar till något som inte finns"):
        plan.create(missing)
    assert plan.create(numbering_worker.plan_item(world, "Sedan")).reference == "UP-2026-0002"
    awards = services.direct_awards
    assert awards.create(world.record()).diarienummer == "RS 2025-00001"
    with pytest.raises(ValidationError, match="Diarienumret RS 2025-00001 finns redan"):
        awards.create(world.record(diarienummer="RS 2025-00001"))
    assert awards.create(world.record()).diarienummer == "RS 2025-00002"
    with sessions() as s:
        titles = s.execute(select(PlanItem.title).order_by(PlanItem.reference)).scalars().all()
        assert titles == ["Först", "Sedan"]
        assert s.execute(select(func.count()).select_from(DirectAward)).scalar_one() == 2


def test_a_create_that_keeps_conflicting_is_tried_three_times_then_explained() -> None:
    calls: list[int] = []

    @retry_on_conflict
    def create(succeed_on: int) -> str:
        calls.append(1)
        if len(calls) < succeed_on:
            raise WriteConflictError("låst")
        return "sparad"

    assert create(TRIES) == "sparad" and len(calls) == TRIES
    calls.clear()
    with pytest.raises(WriteConflictError) as refused:
        create(TRIES + 1)
    assert len(calls) == TRIES and refused.value.text == CONFLICT_TEXT
    assert "Inget har sparats" in CONFLICT_TEXT


def _insert(engine: Engine, table: Any, **values: Any) -> None:
    """Insert into *table* as the database has it now (an older revision lacks later columns)."""
    existing = {c["name"] for c in sa.inspect(engine).get_columns(table.name)}
    columns = [c._copy() for c in table.columns if c.name in existing]
    old = sa.Table(table.name, sa.MetaData(), *columns)
    with engine.begin() as conn:
        conn.execute(old.insert().values(id=uuid.uuid4(), version=1, **values))


def test_migration_0005_starts_each_series_above_the_highest_number(engine: Engine) -> None:
    migrate.downgrade(engine, "0004")
    plan, award = PlanItem.__table__, DirectAward.__table__
    for reference in ("UP-2025-0041", "UP-2025-0007", "UP-2026-0003", "UP-X"):
        _insert(engine, plan, reference=reference, title="t", status="planerad", year=2025,
                parties="SRM", estimated_total_ore=0)  # fmt: skip
    for number in ("RS 2025-00017", "RS 2025-00017/2", "RS 2025-00009", "RV 2026-00003"):
        _insert(engine, award, diarienummer=number, region="SRM", title="t", cpv="38432000-2",
                same_kind_key="38", value_ore=0, legal_ground="under_grans",
                award_date=date(2025, 1, 1), status="utkast")  # fmt: skip
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(NumberSeries.series, NumberSeries.last_number)).all()
    assert dict(rows) == {"UP-2025": 41, "UP-2026": 3, "RS 2025": 17, "RV 2026": 3}


class _Inserts(Service):
    """Stores rows as a create does, counting how often it was asked to."""

    calls = 0

    @retry_on_conflict
    def store(self, row: Any) -> None:
        self.calls += 1
        with self._session() as s:
            s.add(row)


def _plan_row(reference: str) -> PlanItem:
    return PlanItem(version=1, reference=reference, title="t", status="planerad", year=2026,
                    parties="SRM", estimated_total_ore=0)  # fmt: skip


def test_only_a_number_taken_meanwhile_is_tried_again(
    sessions: sessionmaker[Session], base_rows: BaseRows
) -> None:
    service = _Inserts(ServiceContext(sessions))
    service.store(_plan_row("UP-2026-0001"))
    with pytest.raises(WriteConflictError, match="Andra sparade samtidigt"):
        service.store(_plan_row("UP-2026-0001"))
    assert service.calls == 1 + TRIES
    service.calls = 0
    twin = Supplier(version=1, name="Kopia AB", name_key="KOPIA AB", orgnr="556016-0680",
                    vat_number="SE556016068001")  # fmt: skip
    with pytest.raises(ValidationError, match="Det finns redan en post med samma nummer"):
        service.store(twin)  # the same organisationsnummer: the user's own mistake, said at once
    assert service.calls == 1
