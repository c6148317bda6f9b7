"""Migrations 0003 and 0005 leave the triggers that freeze signed records in place (both engines).

A later migration that rebuilds one of these tables in SQLite batch mode drops its triggers
silently; this test notices.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from inkop_desktop.db import migrate

SQLITE = {
    "trg_direct_award_signed_update",
    "trg_direct_award_signed_delete",
    *(f"trg_{s}_signed" for s in ("quote_ins", "quote_upd", "quote_upd_new", "quote_del")),
    *(f"trg_{s}_signed" for s in ("att_ins", "att_upd", "att_upd_new", "att_del")),
}
POSTGRES = (SQLITE - {"trg_direct_award_signed_update", "trg_direct_award_signed_delete"}) | {
    "trg_direct_award_signed"
}
SQLITE_0005 = {"trg_audit_entry_no_update", "trg_audit_entry_no_delete"}
POSTGRES_0005 = {"trg_audit_entry_append_only"} | {
    f"trg_{t}_no_truncate" for t in ("direct_award", "quote", "attachment", "audit_entry")
}


def _triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        else:
            rows = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        return {r[0] for r in rows}


def test_the_signed_record_triggers_exist_at_head(engine: Engine) -> None:
    sqlite = engine.dialect.name == "sqlite"
    expected = (SQLITE | SQLITE_0005) if sqlite else (POSTGRES | POSTGRES_0005)
    assert expected <= _triggers(engine)


def test_downgrading_past_0005_keeps_the_0003_triggers(engine: Engine) -> None:
    sqlite = engine.dialect.name == "sqlite"
    migrate.downgrade(engine, "0004")
    found = _triggers(engine)
    assert (SQLITE if sqlite else POSTGRES) <= found
    assert not found & (SQLITE_0005 | POSTGRES_0005)
    migrate.upgrade(engine)
    assert (SQLITE_0005 if sqlite else POSTGRES_0005) <= _triggers(engine)


def test_downgrading_past_0003_removes_them_and_upgrading_restores_them(engine: Engine) -> None:
    migrate.downgrade(engine, "0002")
    assert not {t for t in _triggers(engine) if "signed" in t}
    migrate.upgrade(engine)
    expected = SQLITE if engine.dialect.name == "sqlite" else POSTGRES
    assert expected <= _triggers(engine)
