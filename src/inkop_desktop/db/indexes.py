"""Every foreign-key column leads an index, so joins and "used by" checks never scan a table."""

from __future__ import annotations

from sqlalchemy import Index, MetaData, PrimaryKeyConstraint, Table, UniqueConstraint


def _leading_columns(table: Table) -> set[str]:
    """Names of the columns that lead an index, a unique constraint or the primary key."""
    leading = {next(iter(ix.columns)).name for ix in table.indexes if ix.columns}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint | PrimaryKeyConstraint) and constraint.columns:
            leading.add(next(iter(constraint.columns)).name)
    return leading


def unindexed_foreign_keys(metadata: MetaData) -> list[tuple[str, str]]:
    """(table, column) of every foreign key whose first column leads no index."""
    found = []
    for table in metadata.sorted_tables:
        leading = _leading_columns(table)
        for fk in table.foreign_key_constraints:
            column = next(iter(fk.columns)).name
            if column not in leading:
                found.append((table.name, column))
                leading.add(column)
    return found


def index_foreign_keys(metadata: MetaData) -> None:
    """Add an ``ix_<table>_<column>`` index for every foreign key that lacks one."""
    for table_name, column in unindexed_foreign_keys(metadata):
        table = metadata.tables[table_name]
        Index(f"ix_{table_name}_{column}", table.c[column])
