"""An old database (rev 0018) upgraded to 0019: the word-start index holds its contracts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate
from inkop_desktop.db.tables import Contract
from inkop_desktop.services.contracts.catalogue import CatalogueQuery
from inkop_desktop.services.contracts.catalogue_short import short_statement
from tests.db.conftest import Filled


def test_an_upgraded_database_finds_word_starts_through_the_index(filled: Filled) -> None:
    engine = filled("0018")
    migrate.upgrade(engine)
    with Session(engine) as s:
        texts = s.execute(select(Contract.search_text)).scalars().all()
        day = max(s.execute(select(Contract.start_date)).scalars())
        compared = 0
        for typed in ("s", "st", "a", "av", "1", "q"):
            query = CatalogueQuery(text=typed, on=day, limit=500)
            plain = [r.id for r in s.execute(short_statement(query))]
            indexed = engine.dialect.name == "sqlite"
            through = [
                r.id for r in s.execute(short_statement(query, [typed] if indexed else None))
            ]
            assert through == plain, typed
            compared += bool(plain)
        assert compared >= 3
        assert any(t.startswith("s") or " s" in t for t in texts)
