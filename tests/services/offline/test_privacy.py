"""After a synchronisation the replica file holds no secret quote and no other person's declaration.

The file's bytes are scanned (secure_delete is on, so a removed row leaves nothing behind);
the person's own declaration is there, which shows that the scan finds what is copied.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inkop_desktop.db.offline.replica import open_replica
from inkop_desktop.db.tables import (
    DeclaredInterest,
    DirectAward,
    JavDeclaration,
    Participant,
    Quote,
    Supplier,
)
from inkop_desktop.services.offline import Synchroniser
from tests.services.offline.conftest import LOGIN, World, award, fresh_replica

pytestmark = pytest.mark.postgres
SECRETS = ("HEMLIG-OFFERT-1", "HEMLIG-OFFERT-2", "HEMLIG-OFFERT-3", "OLLES-JAV", "OLLES-INTRESSE")


def _quote(s: Session, award_id: uuid.UUID, marker: str) -> None:
    """A quote carrying *marker* in its notes."""
    supplier = s.query(Supplier).first()
    assert supplier is not None
    s.add(Quote(version=1, direct_award_id=award_id, supplier_id=supplier.id,
                amount_ore=9_900_000, received_on=date(2026, 2, 20), notes=marker))  # fmt: skip


def _declare(s: Session, award_id: uuid.UUID, person: uuid.UUID, marker: str) -> None:
    """*person* on the award's roster with a signed declaration and an interest, both marked."""
    participant = Participant(version=1, direct_award_id=award_id, person_id=person,
                              role="Sakkunnig", added_on=date(2026, 2, 1))  # fmt: skip
    s.add(participant)
    s.flush()
    declaration = JavDeclaration(
        version=1, participant_id=participant.id, version_no=1, secrecy_accepted=True,
        signed_at=datetime.now(UTC), party_affected=True, party_affected_text=marker,
    )  # fmt: skip
    s.add(declaration)
    s.flush()
    s.add(DeclaredInterest(version=1, declaration_id=declaration.id, kind="uppdrag",
                           description=marker.replace("JAV", "INTRESSE")))  # fmt: skip


def _seed(world: World) -> dict[str, uuid.UUID]:
    """Olle's draft and finished record and Karin's draft, each with a secret quote."""
    with Session(world.server) as s, s.begin():
        rows = {
            "olles_draft": award("RS 2026-1", "utkast", "olle.ek", decision_maker_id=world.other),
            "olles_klar": award("RS 2026-2", "klar", "olle.ek", decision_maker_id=world.other),
            "mine": award("RS 2026-3", "utkast", LOGIN, requester_id=world.me),
        }
        s.add_all(rows.values())
        s.flush()
        for n, key in enumerate(rows, start=1):
            _quote(s, rows[key].id, f"HEMLIG-OFFERT-{n}")
        _declare(s, rows["olles_klar"].id, world.other, "OLLES-JAV")
        _declare(s, rows["olles_klar"].id, world.me, "MIN-JAV")
        return {k: v.id for k, v in rows.items()}


def _bytes(replica: Engine) -> bytes:
    """The replica's file and its write-ahead log, as stored on disk."""
    replica.dispose()
    path = Path(replica.url.database or "")
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _awards(replica: Engine) -> set[str]:
    """Diarienummer of the direct awards in the replica."""
    with Session(replica) as s:
        return set(s.scalars(DirectAward.__table__.select().with_only_columns(
            DirectAward.diarienummer)))  # fmt: skip


def test_the_replica_holds_no_secret_quote_and_no_other_persons_declaration(
    world: World, replica_template: Path, tmp_path: Path
) -> None:
    _seed(world)
    world.sync.run()  # incremental: changes since the first pull
    incremental = _bytes(world.replica)
    folder = tmp_path / "second"
    folder.mkdir()
    second = open_replica(fresh_replica(replica_template, folder))
    Synchroniser(world.server, second, LOGIN).run()  # whole: a new replica
    assert _awards(second) == {"RS 2026-2", "RS 2026-3"}  # not Olle's draft
    whole = _bytes(second)
    for content in (incremental, whole):
        assert b"MIN-JAV" in content  # the scan sees what is copied
        for secret in SECRETS:
            assert secret.encode() not in content, secret


def test_a_draft_that_is_finished_comes_into_the_replica_without_its_quote(
    world: World,
) -> None:
    ids = _seed(world)
    with Session(world.server) as s, s.begin():
        s.get(DirectAward, ids["olles_draft"]).status = "klar"  # type: ignore[union-attr]
    world.sync.run()
    assert b"HEMLIG-OFFERT-1" not in _bytes(world.replica)
    assert "RS 2026-1" in _awards(world.replica)  # finished: now listed
