"""Every foreign key and every list's sort key leads an index, in the models and migrated."""

from __future__ import annotations

from sqlalchemy import Column, Engine, MetaData

from inkop_desktop.db.indexes import covered, unindexed_foreign_keys
from inkop_desktop.db.tables import Base
from inkop_desktop.services.listing import ListSpec


def test_every_foreign_key_of_the_models_is_indexed() -> None:
    assert unindexed_foreign_keys(Base.metadata) == []


def test_every_foreign_key_of_the_migrated_database_is_indexed(engine: Engine) -> None:
    reflected = MetaData()
    reflected.reflect(engine)
    assert reflected.tables, "the migrated database has tables"
    assert unindexed_foreign_keys(reflected) == []


def test_a_new_unindexed_foreign_key_is_found() -> None:
    from sqlalchemy import Column, ForeignKey, Table, Uuid

    metadata = MetaData()
    Table("parent", metadata, Column("id", Uuid, primary_key=True))
    Table(
        "child",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("parent_id", Uuid, ForeignKey("parent.id")),
    )
    assert unindexed_foreign_keys(metadata) == [("child", "parent_id")]


def test_a_composite_foreign_key_needs_an_index_led_by_all_its_columns() -> None:
    from sqlalchemy import Column, ForeignKeyConstraint, Index, Integer, Table

    metadata = MetaData()
    Table(
        "parent",
        metadata,
        Column("a", Integer, primary_key=True),
        Column("b", Integer, primary_key=True),
    )
    child = Table(
        "child",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("a", Integer),
        Column("b", Integer),
        ForeignKeyConstraint(["a", "b"], ["parent.a", "parent.b"]),
    )
    Index("ix_child_a", child.c.a)
    assert unindexed_foreign_keys(metadata) == [("child", "a, b")]
    Index("ix_child_b_a", child.c.b, child.c.a)
    assert unindexed_foreign_keys(metadata) == []


def _specs() -> dict[str, ListSpec]:
    """Every list with a fixed spec (the follow-up overview and jäv sort by computed values)."""
    from inkop_desktop.services.contracts import listing as contracts
    from inkop_desktop.services.direct_award import service as awards
    from inkop_desktop.services.followup import plans
    from inkop_desktop.services.followup import service as followup
    from inkop_desktop.services.plan import service as plan
    from inkop_desktop.services.suppliers import service as suppliers

    return {
        "avtal": contracts.SPEC,
        "direktupphandlingar": awards.SPEC,
        "uppföljningsplaner": followup.SPEC,
        "avtal utan plan": plans.UNPLANNED_SPEC,
        "upphandlingsplan": plan.SPEC,
        "leverantörer": suppliers.SPEC,
    }


def _sort_columns() -> list[tuple[str, str, Column[object]]]:
    """(list, sort key, table column) of every default sort key and every keyset-paged key."""
    found = []
    for name, spec in _specs().items():
        for key in {spec.default_sort, *spec.seekable}:
            column = spec.sortable[key]
            found.append((name, key, column.expression))
    return found


def test_every_default_sort_and_keyset_key_leads_an_index_in_the_models() -> None:
    missing = [
        (name, key)
        for name, key, column in _sort_columns()
        if not covered(column.table, [column.name])
    ]
    assert missing == []


def test_every_default_sort_and_keyset_key_leads_an_index_in_the_migrated_database(
    engine: Engine,
) -> None:
    reflected = MetaData()
    reflected.reflect(engine)
    missing = [
        (name, key)
        for name, key, column in _sort_columns()
        if not covered(reflected.tables[column.table.name], [column.name])
    ]
    assert missing == []


def test_keyset_keys_are_not_null_and_end_in_a_unique_column() -> None:
    """A seek past a row's key needs every row to have one, and no two rows the same."""
    for name, spec in _specs().items():
        tiebreak = spec.key if spec.key is not None else next(iter(spec.sortable.values()))
        for key in spec.seekable:
            column = spec.sortable[key].expression
            assert not column.nullable, (name, key)
            unique = tiebreak.expression
            assert unique.table is column.table, (name, key)
            assert unique.primary_key or covered_unique(unique), (name, key)


def covered_unique(column: Column[object]) -> bool:
    """True when *column* alone is unique."""
    from sqlalchemy import UniqueConstraint

    return bool(column.unique) or any(
        isinstance(c, UniqueConstraint) and [x.name for x in c.columns] == [column.name]
        for c in column.table.constraints
    )
