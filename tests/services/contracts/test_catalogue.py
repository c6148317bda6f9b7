"""The "finns det redan ett avtal?" search on the demo portfolio, both engines."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Contract
from inkop_desktop.services.contracts.catalogue import CatalogueQuery
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb
from tests.services.conftest import BaseRows

TODAY = date(2026, 11, 24)


@pytest.fixture
def demo(services: Services, sessions: sessionmaker[Session], demo_db: DemoDb) -> Services:
    demo_db(TODAY, services=True)
    return services


def test_finds_contracts_in_force_by_word_supplier_and_cpv(demo: Services) -> None:
    active = demo.contracts.list(
        ListQuery(filters={"active_on": TODAY.isoformat()}, limit=500)
    ).rows
    target = active[0]
    word = target.title.split()[0].lower()
    hits = demo.catalogue.search(CatalogueQuery(text=word, on=TODAY, limit=500))
    assert target.id in {h.id for h in hits}
    assert all(h.end_date >= TODAY for h in hits)
    by_supplier = demo.catalogue.search(
        CatalogueQuery(text=target.supplier or "", on=TODAY, limit=500)
    )
    assert target.id in {h.id for h in by_supplier}
    detail = demo.contracts.get(target.id)
    by_cpv = demo.catalogue.search(CatalogueQuery(cpv=detail.data.cpv, on=TODAY, limit=500))
    assert target.id in {h.id for h in by_cpv}
    assert all(h.cpv[:3] == detail.data.cpv[:3] for h in by_cpv)


def test_expired_contracts_and_nonsense_give_no_hits(demo: Services) -> None:
    assert demo.catalogue.search(CatalogueQuery(text="xyzzy-finns-inte", on=TODAY)) == []
    assert demo.catalogue.search(CatalogueQuery(text="", on=date(1990, 1, 1))) == []


def test_search_text_follows_changes_to_the_contract_and_its_supplier(
    services: Services, base_rows: BaseRows
) -> None:
    from tests.services.suppliers.test_suppliers_contracts import _contract

    created = services.contracts.create(_contract(base_rows, keywords="golvvård"))
    found = services.catalogue.search(CatalogueQuery(text="GOLVVÅRD", on=date(2026, 6, 1)))
    assert [h.id for h in found] == [created.id]
    supplier = services.suppliers.get(base_rows.supplier)
    data = supplier.model_dump(
        include={"name", "orgnr", "address", "city", "email", "phone", "notes"}
    )
    services.suppliers.update(
        supplier.id, supplier.version, {**data, "name": "Ölands Lokalvård AB"}
    )
    assert services.catalogue.search(CatalogueQuery(text="öland", on=date(2026, 6, 1)))
    assert not services.catalogue.search(CatalogueQuery(text="städ & service", on=date(2026, 6, 1)))
    assert services.contracts.list(ListQuery(text="ÖLANDS")).total == 1


def test_the_ranking_keys_follow_every_change_to_a_contract_and_its_suppliers(
    services: Services, base_rows: BaseRows, engine: Engine
) -> None:
    from tests.db.test_catalogue_keys_upgrade import stale_keys
    from tests.services.suppliers.test_suppliers_contracts import _contract

    created = services.contracts.create(_contract(base_rows, keywords="Golvvård ÅÄÖ"))
    other = services.suppliers.create({"name": "Zeta Tolkning AB", "orgnr": "556074-7569"})
    detail = services.contracts.get(created.id)
    data = {**detail.data.model_dump(), "contract_number": "SRM-2026-ÄNDRAT",
            "keywords": "Fönsterputs", "supplier_ids": (base_rows.supplier, other.id)}  # fmt: skip
    services.contracts.update(created.id, detail.version, data)
    assert stale_keys(engine) == {}
    supplier = services.suppliers.get(other.id)
    kept = supplier.model_dump(include={"name", "orgnr", "address", "city", "email", "phone"})
    services.suppliers.update(other.id, supplier.version, {**kept, "name": "Ärlig Tolk AB"})
    assert stale_keys(engine) == {}
    with Session(engine) as s:
        stored = s.get(Contract, created.id)
        assert stored is not None
        assert (stored.number_key, stored.keywords_key, stored.suppliers_key) == (
            "srm-2026-ändrat",
            "fönsterputs",
            "städ & service ab\närlig tolk ab",
        )


def test_the_demo_holds_every_contracts_ranking_keys(demo: Services, engine: Engine) -> None:
    from tests.db.test_catalogue_keys_upgrade import stale_keys

    assert stale_keys(engine) == {}


def test_a_word_in_any_of_a_contracts_suppliers_ranks_it_as_a_supplier_hit(
    services: Services, base_rows: BaseRows
) -> None:
    from tests.services.suppliers.test_suppliers_contracts import _contract

    tolk = services.suppliers.create({"name": "Zeta Tolkning AB", "orgnr": "556074-7569"})
    both = (base_rows.supplier, tolk.id)  # "Städ & Service AB" is the first by name
    second = services.contracts.create(_contract(base_rows, title="Språkstöd", supplier_ids=both))
    worded = services.contracts.create(
        _contract(base_rows, contract_number="SRM-2026-0002", title="Språkstöd", keywords="tolk")
    )
    found = services.catalogue.search(CatalogueQuery(text="tolk", on=date(2026, 6, 1)))
    # a supplier's name (3) outweighs a keyword (2), whichever supplier of the contract it is
    assert [h.id for h in found] == [second.id, worded.id]
    assert [h.matched for h in found] == ["annan leverantör", "nyckelord"]
