"""Pulling the server's rows into the replica: whole at first, then what changed since.

The change number is the id of the server's last audit entry (ids are drawn at commit, under
the chain lock, so they follow commit order and a later commit never gets a smaller one).
What changed since is ``(table_name, row_id)`` of the audit entries after it: those rows are
read again (with the privacy filter) and written into the replica, and the ones no longer
there or no longer readable are removed (deletes travel as the trail's tombstones). A change
to a row that decides who may read others (a direct award's status, a roster line, a
declaration) re-reads those others too. Rows with an operation still in the outbox are left
as they are: a pull never overwrites an unsent draft.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from inkop_desktop.db.base import Base
from inkop_desktop.db.immutability import SIGNED
from inkop_desktop.db.tables_core import AuditEntry

NOT_COPIED = frozenset(
    {"audit_entry", "audit_staging", "attachment", "offline_operation", "number_series",
     "reskontra_import", "reskontra_row", "reskontra_mapping"}
)  # fmt: skip
"""Never in the replica: the trail, file contents (a quote's PDF), the server's op record, the
number series (numbers are handed out by the server only) and the imported supplier ledgers
(large, and not needed for drafting)."""
_SIGNED = ", ".join(f"'{s}'" for s in sorted(SIGNED))
_AWARDS = (
    f"(status IN ({_SIGNED}, 'klar') OR created_by = :login OR requester_id = :me "
    "OR decision_maker_id = :me OR id IN (SELECT direct_award_id FROM participant "
    "WHERE person_id = :me AND direct_award_id IS NOT NULL))"
)
_MINE = "(SELECT d.id FROM jav_declaration d JOIN participant p ON p.id = d.participant_id " \
    "WHERE p.person_id = :me)"  # fmt: skip
FILTERS: dict[str, str] = {
    "direct_award": _AWARDS,
    "quote": f"direct_award_id IN (SELECT id FROM direct_award WHERE status IN ({_SIGNED}))",
    "participant": f"(direct_award_id IS NULL OR direct_award_id IN "
    f"(SELECT id FROM direct_award WHERE {_AWARDS}))",
    "jav_declaration": "participant_id IN (SELECT id FROM participant WHERE person_id = :me)",
    "declared_interest": f"declaration_id IN {_MINE}",
    "jav_assessment": f"declaration_id IN {_MINE}",
}
"""Applied on top of the server's row security: no quote before the decision (OSL 19 kap.
3 §), only this person's own jäv declarations, other people's drafts never."""
DEPENDENT: dict[str, tuple[tuple[str, str], ...]] = {
    "direct_award": (("quote", "direct_award_id"), ("participant", "direct_award_id")),
    "participant": (("jav_declaration", "participant_id"),),
    "jav_declaration": (
        ("declared_interest", "declaration_id"),
        ("jav_assessment", "declaration_id"),
    ),
}
"""A change to the key table may change who reads these rows: they are read again."""


@dataclass(frozen=True)
class Reader:
    """Whose replica: the login and the person id the filters compare with."""

    login: str
    person_id: uuid.UUID | None
    reach: str = ""
    """The person's roles and units today and the login's group roles (see :func:`reach`)."""

    @property
    def params(self) -> dict[str, Any]:
        """Bind parameters of the filters."""
        return {"login": self.login, "me": self.person_id}


def reach(server: Connection, person_id: uuid.UUID | None) -> str:
    """What decides what the login may read: its roles and units today, its group roles.

    When it differs from the one the replica was pulled with, the next pull is a whole one
    (rows no longer readable leave the replica; no audit entry would say so).
    """
    roles = server.execute(
        text(
            "SELECT role || '@' || coalesce(CAST(organisation_id AS text), '') FROM person_role "
            "WHERE person_id = :me AND (valid_from IS NULL OR valid_from <= current_date) "
            "AND (valid_to IS NULL OR valid_to >= current_date)"
        ),
        {"me": person_id},
    ).scalars()
    groups: list[str] = []
    if server.dialect.name == "postgresql":
        groups = list(server.execute(text(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE 'inkop\\_%' "
            "AND pg_has_role(session_user, oid, 'MEMBER')"
        )).scalars())  # fmt: skip
    return ";".join(sorted(str(r) for r in roles)) + "|" + ";".join(sorted(groups))


def _readable(server: Connection, table: Table) -> bool:
    """True when the login may read *table* (a person without app roles reads the catalogue)."""
    if server.dialect.name != "postgresql":
        return True
    query = text("SELECT has_table_privilege(CAST(:t AS regclass), 'SELECT')")
    return bool(server.execute(query, {"t": f"public.{table.name}"}).scalar_one())


def copied_tables() -> list[Table]:
    """The replicated tables, parents first."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED]


def _where(table: Table) -> Any:
    """The table's privacy filter (true for the unfiltered ones)."""
    return text(FILTERS.get(table.name, "true"))


def change_number(server: Connection) -> int:
    """The id of the server's newest audit entry (0 when none or not readable: pull whole)."""
    if not _readable(server, AuditEntry.__table__):  # type: ignore[arg-type]
        return 0
    return int(server.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def full(server: Connection, replica: Connection, who: Reader, keep: set[uuid.UUID]) -> int:
    """Copy every readable row, remove the others; returns the change number the copy is at."""
    high = change_number(server)
    for table in copied_tables():
        rows: Any = []
        if _readable(server, table):
            query = select(table).where(_where(table))
            rows = server.execute(query, who.params).mappings().all()
        rows = [r for r in rows if r["id"] not in keep]
        _upsert(replica, table, rows)
        present = {r["id"] for r in rows} | keep
        local = replica.execute(select(table.c.id)).scalars().all()
        gone = [i for i in local if i not in present]
        for chunk in range(0, len(gone), 500):
            replica.execute(delete(table).where(table.c.id.in_(gone[chunk : chunk + 500])))
    return high


def since(
    server: Connection, replica: Connection, who: Reader, number: int, keep: set[uuid.UUID]
) -> int:
    """Bring the replica from change *number* to now; returns the new change number."""
    high = change_number(server)
    entries = server.execute(
        select(AuditEntry.table_name, AuditEntry.row_id).where(
            AuditEntry.id > number, AuditEntry.id <= high
        )
    ).all()
    changed: dict[str, set[uuid.UUID]] = defaultdict(set)
    for table_name, row_id in entries:
        changed[table_name].add(uuid.UUID(row_id))
    tables = {t.name: t for t in copied_tables()}
    for table in copied_tables():
        ids = changed.get(table.name, set())
        if ids and not _readable(server, table):
            continue
        if ids:
            _refresh(server, replica, who, table, table.c.id, ids, keep)
        for child, column in DEPENDENT.get(table.name, ()):
            if ids:
                _refresh(server, replica, who, tables[child], tables[child].c[column], ids, keep)
    return high


def _refresh(
    server: Connection,
    replica: Connection,
    who: Reader,
    table: Table,
    column: Any,
    ids: Iterable[uuid.UUID],
    keep: set[uuid.UUID],
) -> None:
    """Re-read the rows whose *column* is in *ids*; remove those the server no longer gives."""
    wanted = list(ids)
    query = select(table).where(column.in_(wanted), _where(table))
    rows = [r for r in server.execute(query, who.params).mappings().all() if r["id"] not in keep]
    present = {r["id"] for r in rows}
    replica.execute(delete(table).where(column.in_(wanted), table.c.id.not_in(present | keep)))
    _upsert(replica, table, rows)


def _upsert(replica: Connection, table: Table, rows: list[Any]) -> None:
    """Insert or overwrite *rows* in the replica by id."""
    if not rows:
        return
    statement = sqlite_insert(table)
    columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name != "id"}
    replica.execute(
        statement.on_conflict_do_update(index_elements=["id"], set_=columns),
        [dict(r) for r in rows],
    )
