"""Kill during synchronisation: 1 000 queued operations, the client killed and the connection cut
at random points (after the server committed and before the client recorded it, at random
moments, and mid-transaction), then restarted: exactly 1 000 applied, none twice, none lost,
the outbox empty, server and replica agree. The 200-point run: benchmarks/bench_offline.py."""

from __future__ import annotations

import random

import pytest

from tests.services.offline import kill_harness
from tests.services.offline.conftest import LOGIN, World

pytestmark = pytest.mark.postgres
ROOTS, ROUNDS = 100, 9  # 100 creates + 900 saves = 1 000 operations
KILLS, CUTS = 12, 4


def test_killed_and_cut_synchronisations_apply_every_operation_exactly_once(world: World) -> None:
    rng = random.Random(15)
    ids = kill_harness.queue(world.sessions, ROOTS, ROUNDS)
    assert len(ids) == 1000
    figures = kill_harness.Figures(operations=len(ids))
    url = world.server.url.render_as_string(hide_password=False)
    kill_harness.kill_children(url, world.replica, KILLS, rng, figures)
    kill_harness.cut_connections(world.server, world.replica, LOGIN, CUTS, rng, figures)
    kill_harness.finish_and_count(world.server, world.replica, LOGIN, ids, ROUNDS, figures)
    assert figures.after_commit_kills >= KILLS // 2 - 1, figures
    assert figures.kill_points >= KILLS, figures
    assert (figures.applied_on_server, figures.distinct_on_server) == (1000, 1000), figures
    assert (figures.duplicated, figures.lost, figures.outbox_left) == (0, 0, 0), figures
    assert figures.replica_agrees, figures
    assert not figures.notes, figures
