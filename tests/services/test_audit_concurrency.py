"""Eight people saving at once: the audit chain stays one chain (no fork) and verifies.

Each writer edits its own plan item, so no row lock queues the saves one after the other:
only the chain's own serialisation keeps two saves from building on the same head.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import AuditEntry
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.services.registry import Services
from tests.services import numbering_worker
from tests.services.award_setup import AwardWorld, world

__all__ = ["world"]

WRITERS = 8
SAVES = 30


@dataclass
class _Start:
    """The writers report ready (their item exists), then all go at once."""

    ready: threading.Barrier = field(default_factory=lambda: threading.Barrier(WRITERS + 1))
    go: threading.Event = field(default_factory=threading.Event)
    errors: list[str] = field(default_factory=list)


def _writer(services: Services, world: AwardWorld, index: int, start: _Start) -> None:
    """Create a plan item, wait for the others, then save SAVES edits of it."""
    item = services.plan.create(numbering_worker.plan_item(world, f"Skrivare {index}"))
    start.ready.wait(timeout=60)
    start.go.wait(timeout=60)
    for n in range(SAVES):
        values = numbering_worker.plan_item(world, f"Skrivare {index} ändring {n}")
        try:
            item = services.plan.update(item.id, item.version, values)
        except DomainError as exc:
            start.errors.append(f"{type(exc).__name__}: {exc.text}")


def _count(s: Session, since: int = 0) -> int:
    stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.id > since)
    return int(s.execute(stmt).scalar_one())


def test_concurrent_savers_never_fork_the_audit_chain(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    start = _Start()
    threads = [
        threading.Thread(target=_writer, args=(services, world, i, start), daemon=True)
        for i in range(WRITERS)
    ]
    for t in threads:
        t.start()
    start.ready.wait(timeout=60)
    with sessions() as s:
        last = s.execute(select(func.max(AuditEntry.id))).scalar_one()
    began = time.perf_counter()
    start.go.set()
    for t in threads:
        t.join(timeout=120)
    seconds = time.perf_counter() - began
    assert start.errors == []
    status = services.audit.verify()
    with sessions() as s:
        created, total = _count(s, last), _count(s)
        shared = s.execute(
            select(AuditEntry.prev_hash).group_by(AuditEntry.prev_hash).having(func.count() > 1)
        ).all()
    print(f"{WRITERS}×{SAVES} samtidiga sparningar, {created} loggposter på {seconds:.1f} s")
    assert created == WRITERS * SAVES  # one entry per save: each changed only its own item
    assert shared == []
    assert status.broken is None and status.count == total
