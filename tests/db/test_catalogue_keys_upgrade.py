"""An old database (rev 0019) upgraded to 0020: every contract holds its ranking keys."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate, search_text
from inkop_desktop.db.tables import Contract, ContractSupplier, Supplier
from tests.db.conftest import Filled


def stale_keys(engine: Engine) -> dict[object, tuple[dict[str, str], dict[str, str]]]:
    """Contracts whose stored keys differ from what their fields and suppliers give."""
    with Session(engine) as s:
        names: dict[object, list[str]] = defaultdict(list)
        links = select(ContractSupplier.contract_id, Supplier.name).join(Supplier)
        for contract_id, name in s.execute(links):
            names[contract_id].append(name)
        stale = {}
        for c in s.scalars(select(Contract)):
            wanted = search_text.keys(c.contract_number, c.keywords, names[c.id])
            stored = {k: getattr(c, k) for k in wanted}
            if stored != wanted:
                stale[c.id] = (stored, wanted)
        return stale


def test_an_upgraded_database_holds_every_contracts_ranking_keys(filled: Filled) -> None:
    engine = filled("0019")
    with Session(engine) as s:
        before = s.execute(select(Contract.id, Contract.version, Contract.search_text)).all()
    migrate.upgrade(engine)
    assert len(before) > 10
    assert stale_keys(engine) == {}
    with Session(engine) as s:
        after = s.execute(select(Contract.id, Contract.version, Contract.search_text)).all()
        suppliers = s.scalars(select(Contract.suppliers_key).where(Contract.suppliers_key != ""))
        assert any("\n" in key for key in suppliers)  # a contract with two suppliers
    assert sorted(after) == sorted(before)  # derived keys only: no version moved
