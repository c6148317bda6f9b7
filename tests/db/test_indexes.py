"""Every foreign-key column leads an index in the migrated database, on both engines."""

from __future__ import annotations

from sqlalchemy import Engine, MetaData

from inkop_desktop.db.indexes import unindexed_foreign_keys
from inkop_desktop.db.tables import Base


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
