"""Every foreign-key column leads an index, so joins and "used by" checks never scan a table."""

from __future__ import annotations

from sqlalchemy import Index, MetaData, PrimaryKeyConstraint, Table, UniqueConstraint


def _column_lists(table: Table) -> list[list[str]]:
    """The column names, in order, of every index, unique constraint and the primary key."""
    found = [[c.name for c in ix.columns] for ix in table.indexes]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint):
            found.append([c.name for c in constraint.columns])
    return [names for names in found if names]


def covered(table: Table, columns: list[str]) -> bool:
    """True when an index (or key) of *table* leads with exactly *columns*, in any order."""
    wanted = set(columns)
    return any(set(names[: len(columns)]) == wanted for names in _column_lists(table))


def unindexed_foreign_keys(metadata: MetaData) -> list[tuple[str, str]]:
    """(table, columns joined by ", ") of every foreign key no index leads with."""
    found = []
    for table in metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            columns = [c.name for c in fk.columns]
            if not covered(table, columns) and (table.name, ", ".join(columns)) not in found:
                found.append((table.name, ", ".join(columns)))
    return found


def index_foreign_keys(metadata: MetaData) -> None:
    """Add an ``ix_<table>_<columns>`` index for every foreign key that lacks one."""
    for table_name, columns in unindexed_foreign_keys(metadata):
        table = metadata.tables[table_name]
        names = columns.split(", ")
        Index(f"ix_{table_name}_{'_'.join(names)}", *(table.c[n] for n in names))
