"""The audit chain verifies, and every tampering by a superuser is found at the right entry."""

from __future__ import annotations

import random

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.audit_hash import hash_v2
from inkop_desktop.db.tables import AuditEntry, Organisation
from tests.db.audit_attack import attacker, entries, tamper, write_chain

CASES = 100


def test_a_chain_written_by_the_app_verifies_in_id_order(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    write_chain(sessions, 12)
    with sessions() as s:
        report = audit.verify_chain(s)
        total = s.query(AuditEntry).count()
    assert report.broken is None
    assert report.count == total == 12 * 3 + 3  # two inserts and an update each, 3 deletes


def test_a_hundred_random_tamperings_are_each_found_at_the_entry_they_touched(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    write_chain(sessions, 12)
    rng = random.Random(11)
    found: dict[str, int] = {}
    for _case in range(CASES):
        with attacker(engine) as conn:
            done = tamper(conn, rng)
            ids = [r.id for r in entries(conn)]
            report = audit.verify_chain(Session(bind=conn))
        assert report.broken is not None, done.what
        assert report.broken.id == done.expected, done.what
        assert report.count == ids.index(done.expected), done.what
        kind = done.what.split()[0]
        found[kind] = found.get(kind, 0) + 1
    assert set(found) == {"ändrade", "tog", "bytte", "lade"}
    with sessions() as s:
        assert audit.verify_chain(s).broken is None  # every attack was rolled back


def test_the_first_entry_must_start_the_chain(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    write_chain(sessions, 2)
    with attacker(engine) as conn:
        first = entries(conn)[0]
        table = AuditEntry.__table__
        conn.execute(table.delete().where(table.c.id == first.id))
        report = audit.verify_chain(Session(bind=conn))
    assert report.broken is not None and report.count == 0
    assert "kedjans början" in report.broken.reason


def test_twenty_thousand_entries_verify_and_the_report_counts_every_one(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    count = 20_000  # the time for 100 000 is measured in benchmarks/bench_audit_verify.py
    prev, rows = audit.GENESIS, []
    at = audit.utcnow()
    for n in range(count):
        old, new = f'{{"id": "{n}", "title": "A"}}', f'{{"id": "{n}", "title": "B"}}'
        fields = ("karin.oberg", "update", "contract", str(n), "title", n // 3, old, new)
        digest = hash_v2(prev, at, fields)
        names = ("actor", "action", "table_name", "row_id", "summary", "txid", "old_row",
                 "new_row")  # fmt: skip
        rows.append(dict(zip(names, fields, strict=True), at=at, prev_hash=prev, hash=digest,
                         hash_version=2))  # fmt: skip
        prev = digest
    with engine.begin() as conn:
        conn.execute(AuditEntry.__table__.insert(), rows)
    with sessions() as s:
        report = audit.verify_chain(s)
    assert report.broken is None and report.count == count
    assert report.head_hash == prev


def test_a_rolled_back_savepoint_or_transaction_leaves_no_entry_and_the_chain_goes_on(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    write_chain(sessions, 1)
    with sessions() as s:
        s.add(Organisation(version=1, name="Kvar", kind="namnd", region="SRM"))
        s.flush()
        savepoint = s.begin_nested()
        s.add(Organisation(version=1, name="Ångrad", kind="namnd", region="SRM"))
        s.flush()
        savepoint.rollback()
        s.commit()
        s.add(Organisation(version=1, name="Aldrig sparad", kind="namnd", region="SRM"))
        s.flush()
        s.rollback()
        s.add(Organisation(version=1, name="Sedan", kind="namnd", region="SRM"))
        s.commit()
    with sessions() as s:
        summaries = s.execute(select(AuditEntry.summary).order_by(AuditEntry.id)).scalars().all()
        report = audit.verify_chain(s)
    assert summaries[-2:] == ["Kvar", "Sedan"]
    assert report.broken is None and report.count == len(summaries) == 3 + 2


def test_every_new_session_factory_is_audited_even_after_others_were_freed(
    engine: Engine,
) -> None:
    """A freed factory's class id may be reused; the next factory's saves are audited anyway."""
    import gc

    from inkop_desktop.db.engine import make_sessionmaker

    for n in range(30):
        factory = make_sessionmaker(engine)
        audit.install(factory)
        with factory.begin() as s:
            s.info["actor"] = "karin.oberg"
            s.add(Organisation(version=1, name=f"Nämnd {n}", kind="namnd", region="SRM"))
        del factory
        gc.collect()
    with Session(engine) as s:
        names = s.execute(select(AuditEntry.summary).order_by(AuditEntry.id)).scalars().all()
    assert names == [f"Nämnd {n}" for n in range(30)]
