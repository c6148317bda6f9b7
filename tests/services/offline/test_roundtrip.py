"""An offline edit travels through the outbox to the server and back (PostgreSQL server)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from inkop_desktop.db.offline.local import OUTBOX
from inkop_desktop.db.tables import Supplier, SupplierContact
from tests.services.offline.conftest import World, supplier

pytestmark = pytest.mark.postgres


def _server_supplier(world: World, orgnr: str) -> Supplier:
    """The server's supplier row."""
    from sqlalchemy.orm import Session

    with Session(world.server) as s:
        return s.execute(select(Supplier).where(Supplier.orgnr == orgnr)).scalar_one()


def test_a_draft_made_offline_is_applied_once_and_comes_back(world: World) -> None:
    with world.sessions.begin() as s:
        row = supplier("Städ AB", "556016-0680")
        s.add(row)
        s.flush()
        s.add(SupplierContact(version=1, supplier_id=row.id, name="Eva"))
    with world.replica.connect() as conn:
        assert conn.execute(select(func.count()).select_from(OUTBOX)).scalar_one() == 1
    with world.sessions.begin() as s:
        s.get(Supplier, row.id).city = "Eskilstuna"
    report = world.sync.run()
    assert (report.sent, report.applied) == (2, 2)
    on_server = _server_supplier(world, "556016-0680")
    assert (on_server.city, on_server.version) == ("Eskilstuna", 2)
    with world.sessions() as s:
        assert s.get(Supplier, row.id).version == 2
    assert world.sync.status().waiting == 0
