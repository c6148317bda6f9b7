"""The replica pulled with a real per-person login: privacy and role changes (PostgreSQL).

The other offline tests pull as the superuser, which bypasses row security; here the person's
own login (``inkop db add-user``) pulls, so grants and row security apply as in production.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.offline.replica import open_replica, replica_sessions
from inkop_desktop.db.server_setup import add_user, init_server
from inkop_desktop.db.tables import DirectAward, PersonRole, PlanItem
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.offline import Synchroniser
from inkop_desktop.services.offline.conflicts import open_conflicts
from inkop_desktop.services.offline.sync import NOT_ALLOWED
from tests.conftest import PgServer, _admin
from tests.services.offline.conftest import award, fresh_replica, make_server, seed
from tests.services.offline.test_privacy import SECRETS, _bytes
from tests.services.offline.test_privacy import _seed as seed_secrets

pytestmark = pytest.mark.postgres


@dataclass
class Served:
    """The server (admin engine), Karin's own login and her replica's synchroniser."""

    server: Engine
    login: str
    replica: Engine
    sync: Synchroniser
    me: uuid.UUID
    other: uuid.UUID


def _only(server: Engine, person: uuid.UUID, roles: tuple[Role, ...]) -> None:
    """The person holds exactly *roles* (today)."""
    with Session(server) as s, s.begin():
        s.execute(delete(PersonRole).where(PersonRole.person_id == person))
        s.add_all(PersonRole(version=1, person_id=person, role=r.value) for r in roles)


@pytest.fixture
def served(
    pg_server: PgServer, migrated_template: str, replica_template: Path, tmp_path: Path
) -> Iterator[Served]:
    """A server set up for per-person logins; Karin (upphandlare) pulls with her own login."""
    server, name = make_server(pg_server, migrated_template)
    login = f"karin_{uuid.uuid4().hex[:8]}"
    as_login: Engine | None = None
    try:
        me, other = seed(server)
        _only(server, me, (Role.UPPHANDLARE,))
        init_server(server)
        add_user(server, login, str(me), None)
        as_login = make_engine(pg_server.database_url(name).set(username=login))
        replica = open_replica(fresh_replica(replica_template, tmp_path))
        yield Served(server, login, replica, Synchroniser(as_login, replica, login), me, other)
        replica.dispose()
    finally:
        if as_login is not None:
            as_login.dispose()
        server.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP ROLE IF EXISTS {}", login)


def test_pulled_with_her_own_login_the_file_holds_no_secret(served: Served) -> None:
    seed_secrets(served)  # type: ignore[arg-type]
    served.sync.run()
    with served.replica.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(DirectAward)) == 2  # olles_klar, mine
    raw = _bytes(served.replica)
    assert b"MIN-JAV" in raw  # the scan sees what is copied
    for secret in SECRETS:
        assert secret.encode() not in raw, secret


def _plan_item(server: Engine, title: str, responsible: uuid.UUID) -> uuid.UUID:
    """A plan item on the server."""
    with Session(server) as s, s.begin():
        row = PlanItem(version=1, reference=f"UP-2026-{title[:4]}", title=title, year=2026,
                       parties="SRM", status="planerad", responsible_id=responsible,
                       planned_start=date(2026, 3, 1), estimated_total_ore=1)  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def test_after_her_roles_are_removed_the_next_pull_removes_what_she_may_not_read(
    served: Served,
) -> None:
    kept = _plan_item(served.server, "Städ", served.me)
    edited = _plan_item(served.server, "Tolk", served.me)
    with Session(served.server) as s, s.begin():
        s.add(award("RS 2026-9", "utkast", "olle.ek", requester_id=served.me))
    served.sync.run()
    sessions = replica_sessions(served.replica)
    with sessions() as local:
        assert local.scalar(select(func.count()).select_from(PlanItem)) == 2
        assert local.scalar(select(func.count()).select_from(DirectAward)) == 1
    with sessions.begin() as local:  # an offline edit not yet sent
        local.get_one(PlanItem, edited).title = "Tolktjänster"
    _only(served.server, served.me, ())
    add_user(served.server, served.login, str(served.me), None)  # the login loses its groups
    report = served.sync.run()
    assert (report.sent, report.applied, report.conflicts) == (1, 0, 1)
    with sessions() as local:
        assert local.get(PlanItem, kept) is None and local.get(PlanItem, edited) is None
        assert local.scalar(select(func.count()).select_from(DirectAward)) == 0
    (conflict,) = open_conflicts(served.replica)
    assert (conflict.reason, conflict.message, conflict.row_id) == ("refused", NOT_ALLOWED, edited)
    with Session(served.server) as s:
        assert s.get_one(PlanItem, edited).title == "Tolk"
