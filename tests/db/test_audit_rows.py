"""Every audit entry holds the old and new row as JSON and its transaction, on both engines."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import AuditEntry, Organisation, Quote


def _entries(sessions: sessionmaker[Session], since: int = 0) -> list[AuditEntry]:
    with sessions() as s:
        stmt = select(AuditEntry).where(AuditEntry.id > since).order_by(AuditEntry.id)
        return list(s.execute(stmt).scalars())


def test_an_update_keeps_the_row_before_and_after_and_one_txid_per_transaction(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    with sessions.begin() as s:
        org = Organisation(version=1, name="Nämnd A", kind="namnd", region="SRM")
        s.add(org)
        s.add(Organisation(version=1, name="Nämnd B", kind="namnd", region="VMA"))
    with sessions.begin() as s:
        s.get(Organisation, org.id).name = "Nämnd A2"  # type: ignore[union-attr]
    created_a, created_b, renamed = _entries(sessions)
    assert (created_a.action, created_a.summary, created_a.old_row) == ("insert", "Nämnd A", None)
    assert json.loads(created_a.new_row or "")["name"] == "Nämnd A"
    assert created_a.txid == created_b.txid != renamed.txid
    assert (renamed.action, renamed.summary, renamed.row_id) == ("update", "name", str(org.id))
    before, after = json.loads(renamed.old_row or ""), json.loads(renamed.new_row or "")
    assert (before["name"], after["name"]) == ("Nämnd A", "Nämnd A2")
    assert after["version"] == before["version"] + 1 and after["region"] == "SRM"
    assert {e.hash_version for e in (created_a, created_b, renamed)} == {2}
    with sessions() as s:
        assert audit.verify_chain(s).broken is None


def test_a_deleted_row_keeps_its_last_state_and_a_secret_row_only_its_keys(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    with sessions.begin() as s:
        org = Organisation(version=1, name="Försvinner", kind="namnd", region="SRM")
        s.add(org)
    with sessions.begin() as s:
        s.delete(s.get(Organisation, org.id))
    gone = _entries(sessions)[-1]
    assert (gone.action, gone.new_row) == ("delete", None)
    assert json.loads(gone.old_row or "")["name"] == "Försvinner"
    assert audit.row_json("quote", {"id": "q", "amount_ore": 5, "direct_award_id": "a"}) == (
        '{"direct_award_id": "a", "id": "q"}'
    )
    assert Quote.__tablename__ in audit.SECRET_KEYS
