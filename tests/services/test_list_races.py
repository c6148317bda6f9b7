"""Two users save the same record at the same moment, one of them changing only a list.

RACES races on each engine, spread over every kind of list and the roster (INKOP_STRESS=full:
500 on each engine, 1 000 together):
no edit is ever lost, and the one who loses is told so with ConcurrentEditError (never the
false "Det finns redan en post …" of a delete-and-reinsert collision).
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Participant
from inkop_desktop.domain.errors import ConcurrentEditError, DomainError
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.list_kinds import KINDS, Kind, World, build_world, plan_data
from tests.services.test_list_versions import same

SLOTS = len(KINDS) + 1
"""Every list kind, and the roster of a plan item."""
RACES = 500 if os.environ.get("INKOP_STRESS") == "full" else 6 * SLOTS
"""Races per engine: in CI six of every kind (each kind's races alternate with the others')."""

Outcome = tuple[str, Any]


def _both(pool: ThreadPoolExecutor, first: Callable[[], Any], second: Callable[[], Any]) -> Any:
    """Run the two saves in two threads released at the same moment."""
    barrier = threading.Barrier(2, timeout=30)

    def run(save: Callable[[], Any]) -> Outcome:
        barrier.wait()
        try:
            return "saved", save()
        except DomainError as exc:
            return "refused", exc

    futures = [pool.submit(run, first), pool.submit(run, second)]
    return [f.result(timeout=60) for f in futures]


def _race(
    pool: ThreadPoolExecutor, services: Services, world: World, kind: Kind, opened: Any, n: int
) -> tuple[str, Any]:
    """One race of two saves on the version both opened; which side won, and the record now."""
    outcomes = _both(
        pool,
        lambda: kind.list_save(services, world, opened, n),
        lambda: kind.other_save(services, world, opened, n),
    )
    saved = [value for what, value in outcomes if what == "saved"]
    refused = [value for what, value in outcomes if what == "refused"]
    assert len(saved) == 1, f"{kind.name}, lopp {n}: {outcomes}"
    assert isinstance(refused[0], ConcurrentEditError), f"{kind.name}, lopp {n}: {refused[0]!r}"
    stored = kind.get(services, opened.id)
    assert same(stored, saved[0]), f"{kind.name}, lopp {n}: ändring förlorad"
    return "list" if outcomes[0][0] == "saved" else "other", stored


def _roster_race(
    pool: ThreadPoolExecutor,
    services: Services,
    sessions: sessionmaker[Session],
    plan_id: uuid.UUID,
    person: uuid.UUID,
    n: int,
) -> str:
    """A person joins the roster while the plan item, opened before, is saved."""
    opened = services.plan.get(plan_id)
    joined, edited = _both(
        pool,
        lambda: services.jav.add_participant(
            {"person_id": person, "role": "Sakkunnig", "added_on": date(2025, 5, 1)},
            plan_item_id=plan_id,
        ),
        lambda: services.plan.update(
            plan_id, opened.version, {**opened.data.model_dump(), "title": f"Städ {n}"}
        ),
    )
    assert joined[0] == "saved", f"roster, lopp {n}: {joined}"
    with sessions() as s:
        roster = set(s.scalars(select(Participant.person_id)))
    assert person in roster, f"roster, lopp {n}: deltagaren förlorad"
    title = services.plan.get(plan_id).data.title
    if edited[0] == "refused":
        assert isinstance(edited[1], ConcurrentEditError), f"roster, lopp {n}: {edited[1]!r}"
        assert title == opened.data.title
        return "list"
    assert title == f"Städ {n}", f"roster, lopp {n}: ändringen av planposten förlorad"
    return "other"


def test_races_between_two_saves_lose_no_list_edit(
    services: Services, sessions: sessionmaker[Session], base_rows: BaseRows
) -> None:
    world = build_world(sessions, base_rows, people=RACES // SLOTS + 1)
    records = [kind.get(services, kind.create(services, world)) for kind in KINDS]
    plan_id = services.plan.create(plan_data(base_rows, title="Deltagarlistan")).id
    won: Counter[tuple[str, str]] = Counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for n in range(RACES):
            slot = n % SLOTS
            if slot < len(KINDS):
                winner, records[slot] = _race(pool, services, world, KINDS[slot], records[slot], n)
                won[(KINDS[slot].name, winner)] += 1
            else:
                winner = _roster_race(
                    pool, services, sessions, plan_id, world.people[n // SLOTS], n
                )
                won[("roster", winner)] += 1
    assert sum(won.values()) == RACES
    # real races: over all kinds, each side won some of them
    assert {side for _kind, side in won} == {"list", "other"}, won
