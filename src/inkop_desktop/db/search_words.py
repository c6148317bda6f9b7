"""SQLite: the word-start index of the avtalskatalog's one- and two-character searches (0019).

An FTS5 table over ``contract.search_text`` (external content, rowid = the contract's rowid)
with the unicode61 tokenizer (diacritics kept: "lä" is not "la") and prefix indexes of one and
two characters, so ``st*`` lists the contracts with a word starting "st" without reading them.
It only narrows: the word-start LIKE decides, as on PostgreSQL, where the pg_trgm index of 0017
serves that LIKE itself. Triggers keep it in step with every insert, update and delete.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, literal_column, select, table

from inkop_desktop.db import search_index
from inkop_desktop.db.search_index import WORDS

TRIGGERS = frozenset(search_index.triggers_of(WORDS))


def create(conn: Connection) -> None:
    """SQLite: the word index filled from the contracts, and its triggers (PostgreSQL: none)."""
    if conn.dialect.name == "sqlite":
        options = "tokenize='unicode61 remove_diacritics 0', prefix='1 2'"
        search_index.create_fts(conn, WORDS, options)


def drop(conn: Connection) -> None:
    """Remove the word index and its triggers."""
    if conn.dialect.name == "sqlite":
        search_index.drop_fts(conn, WORDS)


def answers(word: str) -> bool:
    """The index can narrow *word*: letters and digits only (what unicode61 keeps in a token)."""
    return word.isalnum()


def prefix_match(words: list[str]) -> str:
    """The FTS5 query for rows with a word starting with each of *words* (each alphanumeric)."""
    return " AND ".join(f'"{w}"*' for w in words)


def rowids(words: list[str], cap: int | None = None) -> Select[Any]:
    """The rowids of contracts with a word starting with each of *words*, at most *cap*."""
    stmt: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(table(WORDS))
        .where(literal_column(WORDS).op("MATCH")(prefix_match(words)))
    )
    return stmt if cap is None else stmt.limit(cap)
