"""One contract save as the database sees it: each part read once, one row lock after the
checks and before any write, and the same result as opening the contract anew — both engines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from inkop_desktop.db.tables import Contract
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.services.contracts.service import ContractDetail
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

PARTS = {
    "permission check": "FROM person AS person_1 LEFT OUTER JOIN person_role",
    "options": "FROM contract_option WHERE contract_option.contract_id",
    "amendments": "FROM contract_amendment WHERE contract_amendment.contract_id",
    "attachments": "FROM attachment WHERE attachment.owner_table",
    "call-offs": "FROM contract WHERE contract.framework_id",
    "supplier links": "WHERE contract_supplier.contract_id",
}
"""What a save reads besides the contract row, by a fragment of its SELECT."""


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements sent to *engine* meanwhile, whitespace folded."""
    seen: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


def _is_lock(statement: str) -> bool:
    """The record's row lock: FOR NO KEY UPDATE on PostgreSQL, the write lock on SQLite."""
    return "FOR NO KEY UPDATE" in statement or statement == "BEGIN IMMEDIATE"


def _contract(services: Services, rows: BaseRows) -> ContractDetail:
    """A framework agreement with a call-off, two options, an amendment and a file."""
    framework = services.contracts.create(
        contract_data(rows, contract_number="GEM-2025-0001", is_framework=True),
        [{"months": 12, "decision": OptionDecision.UTNYTTJAD}, {"months": 12}],
    )
    services.contracts.create(
        contract_data(rows, contract_number="SRM-2025-0002", framework_id=framework.id)
    )
    amended = services.contracts.add_amendment(
        framework.id,
        framework.version,
        {"amended_on": date(2025, 6, 1), "reason": "Fler enheter", "new_value_ore": 40_000_000_00},
    )
    services.contracts.add_attachment(amended.id, amended.version, "avtal.pdf", b"%PDF-1.7")
    return services.contracts.get(framework.id)


def test_a_save_reads_each_part_once_and_returns_what_opening_it_shows(
    services: Services, base_rows: BaseRows, engine: Engine
) -> None:
    opened = _contract(services, base_rows)
    data = {**opened.data.model_dump(), "title": "Städtjänster Eskilstuna"}
    with _statements(engine) as seen:
        saved = services.contracts.update(opened.id, opened.version, data)
    reads = {name: sum(part in s for s in seen) for name, part in PARTS.items()}
    assert reads == dict.fromkeys(PARTS, 1)
    assert saved == services.contracts.get(opened.id)
    assert saved.version == opened.version + 1 and saved.data.title == "Städtjänster Eskilstuna"
    assert [c.contract_number for c in saved.calloffs] == ["SRM-2025-0002"]
    assert len(saved.options) == 2 and len(saved.amendments) == 1 and len(saved.attachments) == 1


def _search_text(engine: Engine, contract_id: Any) -> str:
    """The catalogue's stored search text of one contract."""
    with engine.connect() as conn:
        return conn.execute(
            select(Contract.search_text).where(Contract.id == contract_id)
        ).scalar_one()


def test_a_save_writes_the_catalogue_text_with_the_row_and_new_suppliers_names(
    services: Services, base_rows: BaseRows, engine: Engine
) -> None:
    opened = _contract(services, base_rows)
    other = services.suppliers.create(
        {"name": "Fönsterputs i Mälardalen AB", "orgnr": "556074-7569"}
    ).id
    data = {**opened.data.model_dump(), "title": "Golvvård Nyköping", "keywords": "Mopp",
            "supplier_ids": (other, base_rows.supplier)}  # fmt: skip
    with _statements(engine) as seen:  # new suppliers and options: still one contract UPDATE
        saved = services.contracts.update(opened.id, opened.version, data, [{"months": 24}])
    assert len([s for s in seen if s.startswith("UPDATE contract SET")]) == 1
    assert [o.months for o in saved.options] == [24] and saved == services.contracts.get(saved.id)
    assert _search_text(engine, saved.id) == (
        "golvvård nyköping mopp gem-2025-0001 90910000-9 fönsterputs i mälardalen ab "
        "städ & service ab"
    )
    fewer = services.contracts.update(saved.id, saved.version, {**data, "supplier_ids": (other,)})
    assert "städ" not in _search_text(engine, fewer.id)
    created = services.contracts.create(
        contract_data(base_rows, contract_number="SRM-2025-0009", supplier_ids=(other,))
    )
    assert "fönsterputs i mälardalen ab" in _search_text(engine, created.id)


def test_supplier_and_option_changes_come_back_as_stored(
    services: Services, base_rows: BaseRows
) -> None:
    opened = _contract(services, base_rows)
    other = services.suppliers.create(
        {"name": "Fönsterputs i Mälardalen AB", "orgnr": "556074-7569"}
    ).id
    data = {**opened.data.model_dump(), "supplier_ids": (other, base_rows.supplier)}
    saved = services.contracts.update(opened.id, opened.version, data, [{"months": 24}])
    assert saved == services.contracts.get(opened.id)
    assert set(saved.data.supplier_ids) == {other, base_rows.supplier}
    assert [o.months for o in saved.options] == [24]
    fewer = {**data, "supplier_ids": (other,)}
    again = services.contracts.update(saved.id, saved.version, fewer)
    assert again == services.contracts.get(opened.id)
    assert again.data.supplier_ids == (other,) and [o.months for o in again.options] == [24]


def test_the_row_lock_is_taken_once_after_the_checks_and_before_any_write(
    services: Services, base_rows: BaseRows, engine: Engine
) -> None:
    opened = _contract(services, base_rows)
    data = opened.data.model_dump()
    with _statements(engine) as seen, pytest.raises(ValidationError):
        services.contracts.update(opened.id, opened.version, {**data, "title": ""})
    assert seen == []  # invalid input is refused before the database is asked
    with _statements(engine) as seen:
        services.contracts.update(opened.id, opened.version, {**data, "title": "Ny titel 2025"})
    locks = [i for i, s in enumerate(seen) if _is_lock(s)]
    writes = [i for i, s in enumerate(seen) if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(locks) == 1 and writes and locks[0] < writes[0]
    assert [PARTS["permission check"] in s for s in seen[: locks[0]]] == [True]
