"""The contract's search text (title, keywords, number, CPV, supplier names), kept up to date.

The avtalskatalog matches typed words against this one lower-cased column, so a search of
100 000 contracts reads one column instead of joining the suppliers for every row. It ranks
its hits by the field a word is in, on the fields' lower-cased keys kept here with it
(``number_key``, ``keywords_key``, ``suppliers_key``; the title's is ``title_key``), so no
search lower-cases a field or looks up a contract's suppliers per matching row.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, event, select, update
from sqlalchemy.orm import Session

from inkop_desktop.db.tables_core import Supplier
from inkop_desktop.db.tables_plan import Contract, ContractSupplier

DERIVED = ("search_text", "number_key", "keywords_key", "suppliers_key")
"""The contract's columns kept here (derived from its fields and its suppliers' names)."""
_PENDING = "contract_search_pending"
_COMPOSED = "contract_search_composed"


SEPARATOR = "\n"
"""Between the supplier names of ``suppliers_key``: whitespace, which no typed word holds, so a
word is never found across two names."""


def compose(title: str, keywords: str, number: str, cpv: str, suppliers: Iterable[str]) -> str:
    """The lower-cased search text of one contract (Python lower() folds åäö correctly)."""
    parts = [title, keywords, number, cpv, *sorted(suppliers)]
    return " ".join(p.lower() for p in parts if p)


def keys(number: str, keywords: str, suppliers: Iterable[str]) -> dict[str, str]:
    """The lower-cased keys the catalogue ranks by: number, keywords, the supplier names."""
    return {
        "number_key": number.lower(),
        "keywords_key": keywords.lower(),
        "suppliers_key": SEPARATOR.join(sorted(n.lower() for n in suppliers)),
    }


def derived(
    title: str, keywords: str, number: str, cpv: str, suppliers: Sequence[str]
) -> dict[str, str]:
    """Every column kept here for one contract: the search text and the ranking keys."""
    return {
        "search_text": compose(title, keywords, number, cpv, suppliers),
        **keys(number, keywords, suppliers),
    }


def refresh(conn: Connection, contract_ids: Sequence[uuid.UUID] | None = None) -> int:
    """Recompute the search text of *contract_ids* (all contracts when None); return the count."""
    stmt = (
        select(Contract.id, Contract.title, Contract.keywords, Contract.contract_number,
               Contract.cpv, Supplier.name)
        .outerjoin(ContractSupplier, ContractSupplier.contract_id == Contract.id)
        .outerjoin(Supplier, Supplier.id == ContractSupplier.supplier_id)
    )  # fmt: skip
    if contract_ids is not None:
        stmt = stmt.where(Contract.id.in_(contract_ids))
    fields: dict[uuid.UUID, tuple[str, str, str, str]] = {}
    suppliers: dict[uuid.UUID, list[str]] = defaultdict(list)
    for r in conn.execute(stmt):  # one read: a contract's row once per supplier
        fields[r.id] = (r.title, r.keywords, r.contract_number, r.cpv)
        if r.name is not None:
            suppliers[r.id].append(r.name)
    rows = [{"cid": cid, **derived(*f, suppliers[cid])} for cid, f in fields.items()]
    if rows:
        table: Table = Contract.__table__  # type: ignore[assignment]  # Core: no autoflush
        stmt_update = (
            update(table)
            .where(table.c.id == bindparam("cid"))
            .values({name: bindparam(name) for name in DERIVED})
        )
        conn.execute(stmt_update, rows)
    return len(rows)


def composed(session: Session, contract_id: uuid.UUID) -> None:
    """Note that the writer set *contract_id*'s search text and keys itself (:func:`derived`),
    from the values it stores.

    The next flush then writes it with the contract's own row and does not read it back; a
    supplier renamed in the same flush still refreshes it.
    """
    session.info.setdefault(_COMPOSED, set()).add(contract_id)


def _touched(session: Session) -> set[uuid.UUID]:
    """Contracts whose search text this flush changes."""
    found: set[uuid.UUID] = set()
    renamed: set[uuid.UUID] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Contract) and obj not in session.deleted:
            found.add(obj.id)
        elif isinstance(obj, ContractSupplier):
            found.add(obj.contract_id)
        elif isinstance(obj, Supplier) and obj in session.dirty:
            renamed.update(_contracts_of(session, obj.id))
    found -= session.info.pop(_COMPOSED, set())
    return {f for f in found | renamed if f is not None}


def _contracts_of(session: Session, supplier_id: uuid.UUID) -> list[uuid.UUID]:
    """Contracts the supplier is party to (a renamed supplier changes their search text)."""
    stmt = select(ContractSupplier.contract_id).where(ContractSupplier.supplier_id == supplier_id)
    with session.no_autoflush:
        return list(session.execute(stmt).scalars())


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """Remember which contracts to refresh once the flush has written them."""
    for obj in session.new:
        if isinstance(obj, Contract) and obj.id is None:
            obj.id = uuid.uuid4()
    session.info.setdefault(_PENDING, set()).update(_touched(session))


def _after_flush(session: Session, _ctx: Any) -> None:
    """Refresh the remembered contracts in the same transaction."""
    pending: set[uuid.UUID] = session.info.pop(_PENDING, set())
    if pending:
        refresh(session.connection(), sorted(pending))


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush_postexec", _after_flush)
