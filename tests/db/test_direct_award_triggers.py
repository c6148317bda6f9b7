"""Migration 0003 leaves the triggers that freeze signed direct awards in place (both engines).

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


def _triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        else:
            rows = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        return {r[0] for r in rows}


def test_the_signed_record_triggers_exist_at_head(engine: Engine) -> None:
    expected = SQLITE if engine.dialect.name == "sqlite" else POSTGRES
    assert expected <= _triggers(engine)


def test_downgrading_past_0003_removes_them_and_upgrading_restores_them(engine: Engine) -> None:
    migrate.downgrade(engine, "0002")
    assert not {t for t in _triggers(engine) if "signed" in t}
    migrate.upgrade(engine)
    expected = SQLITE if engine.dialect.name == "sqlite" else POSTGRES
    assert expected <= _triggers(engine)
