"""One process of the concurrent-create test: plan items and direct awards, as a user would."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from inkop_desktop.db import audit
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld


def plan_item(world: AwardWorld, title: str, **changes: Any) -> dict[str, Any]:
    """A plan item of 2026 for the world's region (no procedure: no reference data needed)."""
    values: dict[str, Any] = dict(
        title=title,
        year=2026,
        parties=Parties.SORMLAND,
        organisation_ids=(world.region,),
        cpv_codes=("90910000-9",),
        estimated_total_ore=1_000_000_00,
        responsible_id=world.requester,
        planned_start=date(2026, 3, 1),
    )
    values.update(changes)
    return values


def run(url: str, world: AwardWorld, index: int, count: int, barrier: Any, out: Any) -> None:
    """Wait for the others, create *count* plan items and *count* direct awards, report."""
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        audit.install(sessions)
        services = Services.create(ServiceContext(sessions, actor="karin.oberg"))
        references: list[str] = []
        numbers: list[str] = []
        errors: list[str] = []
        barrier.wait(timeout=60)
        started = time.monotonic()
        for n in range(count):
            title = f"Process {index} nummer {n}"
            try:
                references.append(services.plan.create(plan_item(world, title)).reference)
                award = world.record(title=title, award_date=date(2026, 5, 12))
                numbers.append(services.direct_awards.create(award).diarienummer)
            except DomainError as exc:
                errors.append(f"{type(exc).__name__}: {exc.text}")
        out.put((references, numbers, errors, time.monotonic() - started))
    except BaseException as exc:  # reported, so the test fails at once with the cause
        out.put(([], [], [f"process {index}: {type(exc).__name__}: {exc}"], 0.0))
        raise
    finally:
        engine.dispose()
