"""An old database (rev 0019) upgraded to 0020: every contract's first supplier is filled in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate, search_text
from inkop_desktop.db.tables import Contract
from inkop_desktop.services.contracts.catalogue import CatalogueQuery, search_statement
from tests.db.conftest import Filled


def test_an_upgraded_database_ranks_on_the_filled_in_first_supplier(filled: Filled) -> None:
    engine = filled("0019")
    migrate.upgrade(engine)
    with Session(engine) as s:
        pairs = s.execute(
            select(Contract.first_supplier, search_text.first_supplier_of(Contract.id))
        ).all()
        assert pairs and all(stored == computed for stored, computed in pairs)
        assert sum(stored is not None for stored, _ in pairs) > len(pairs) // 2
        day = max(s.execute(select(Contract.start_date)).scalars())
        for typed in ("städ", "ab", "avtal", "medtech"):
            query = CatalogueQuery(text=typed, on=day, limit=500)
            reference = [r.id for r in s.execute(search_statement(query))]
            dialect = engine.dialect.name
            assert [r.id for r in s.execute(search_statement(query, dialect))] == reference
