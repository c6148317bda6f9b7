"""The avtalskatalog's substring index on ``contract.search_text`` (migration 0017).

SQLite: an FTS5 table with the trigram tokenizer whose content is the contract table itself
(external content, rowid = the contract's rowid); triggers keep it in step with every insert,
update and delete, so the replica (a SQLite file at head) keeps it current by itself.
PostgreSQL: a pg_trgm GIN index, used by ``LIKE '%…%'`` as it stands; without the extension
(it could not be created) the search still works, by scanning.
A trigram index answers words of three characters or more; shorter words keep LIKE.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, literal_column, select, table
from sqlalchemy.exc import DBAPIError

FTS = "contract_fts"
WORDS = "contract_words"
"""SQLite: the word-start index of one- and two-character searches (db/search_words.py, 0019)."""
TRGM_INDEX = "ix_contract_search_text_trgm"
MIN_LENGTH = 3
"""The shortest word a trigram index can answer."""
NOT_MODELLED = frozenset(
    {f"{t}{s}" for t in (FTS, WORDS) for s in ("", "_data", "_idx", "_docsize", "_config")}
    | {TRGM_INDEX}
)
"""Database objects of the index that the ORM metadata does not describe (Alembic skips them)."""


def triggers_of(fts: str) -> dict[str, str]:
    """The triggers keeping the external-content FTS5 table *fts* in step with the contracts."""
    insert = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text);"
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text);"
    )
    return {
        f"{fts}_insert": f"AFTER INSERT ON contract BEGIN {insert} END",
        f"{fts}_delete": f"AFTER DELETE ON contract BEGIN {delete} END",
        f"{fts}_update": f"AFTER UPDATE OF search_text ON contract BEGIN {delete} {insert} END",
    }


_TRIGGERS = triggers_of(FTS)
TRIGGERS = frozenset(_TRIGGERS)


def create(conn: Connection) -> None:
    """Create the engine's index over the existing contracts."""
    if conn.dialect.name == "sqlite":
        create_fts(conn, FTS, "tokenize='trigram'")
    elif _trigram_extension(conn):
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON contract "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop(conn: Connection) -> None:
    """Remove the index (the extension stays: other databases may use it)."""
    if conn.dialect.name == "sqlite":
        drop_fts(conn, FTS)
    else:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


def create_fts(conn: Connection, fts: str, options: str) -> None:
    """SQLite: the FTS5 table *fts* over the contracts' search text (tokenizer and prefix
    *options*), filled from the contracts, and its triggers."""
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='contract', "
        f"content_rowid='rowid', {options})"
    )
    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    for name, body in triggers_of(fts).items():
        conn.exec_driver_sql(f"CREATE TRIGGER {name} {body}")


def drop_fts(conn: Connection, fts: str) -> None:
    """SQLite: remove the FTS5 table *fts* and its triggers."""
    for name in triggers_of(fts):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}")


def _trigram_extension(conn: Connection) -> bool:
    """pg_trgm is there or could be created (a trusted extension: the owner may create it)."""
    installed = "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
    if conn.exec_driver_sql(installed).first() is not None:
        return True
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:  # not installed or not permitted: the search scans instead
        return False
    return True


def phrase(word: str) -> str:
    """*word* as an FTS5 phrase (double quotes doubled), matched as a substring."""
    return '"' + word.replace('"', '""') + '"'


def fts_match(phrases: Any, contract_rowid: Any) -> ColumnElement[bool]:
    """SQLite: the contract is among the FTS rows matching *phrases* (a bound parameter holding
    the words as phrases joined by AND)."""
    matching: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(table(FTS))
        .where(literal_column(FTS).op("MATCH")(phrases))
    )
    return contract_rowid.in_(matching)  # type: ignore[no-any-return]
