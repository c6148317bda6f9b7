"""The catalogue's search while only one or two characters are typed: words starting so.

A trigram index cannot answer one or two characters, and a substring that short is in almost
every contract, so ranking all of them costs a scan per keystroke for hits nobody reads. A short
search therefore finds the contracts with a word *starting* with what is typed (``st`` finds
"städ" and "stol", not "post"), in the order the ranking falls back on when relevance cannot
tell hits apart (valid longest first, then by number): the first page stops after ``limit``
hits read in the order of the end-date index, and the count stops at ``CAP``.
SQLite narrows through the word-start index ``contract_words`` (0019): a start found in few
contracts is read from there alone, and the count walks it and stops at ``CAP``. On PostgreSQL
the pg_trgm index serves the word-start LIKE itself, so rare starts need no scan either.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db import search_index, search_words
from inkop_desktop.db.tables import Contract, Person
from inkop_desktop.services.contracts.catalogue_sql import Search, hit_columns

CAP = 1000
"""A short search counts its matches up to this many ("fler än 1 000")."""
NARROW = 2000
"""SQLite: a start in at most this many contracts is read through the word index; a commoner
one is met within the first rows of the end-date order, read in that order."""


def is_short(text: str) -> bool:
    """Every typed word is shorter than a trigram (and something is typed)."""
    words = text.split()
    return bool(words) and all(len(w) < search_index.MIN_LENGTH for w in words)


def starts_word(text: str, word: str) -> bool:
    """*text* (a search text: lower-case words separated by spaces) has a word starting *word*."""
    return text.startswith(word) or f" {word}" in text


def word_start(word: str) -> ColumnElement[bool]:
    """The contract's search text has a word beginning with *word* (already lower-cased)."""
    column = Contract.search_text
    return or_(
        column.startswith(word, autoescape=True), column.contains(f" {word}", autoescape=True)
    )


def _conditions(query: Search) -> ColumnElement[bool]:
    """In force on the day, a word starting with each typed word, the CPV group if given."""
    conditions = [Contract.start_date <= query.on, Contract.end_date >= query.on]
    conditions += [word_start(w.lower()) for w in query.text.split()]
    if query.cpv:
        conditions.append(Contract.cpv.startswith(query.cpv[:3], autoescape=True))
    return and_(*conditions)


def _through_words(stmt: Select[Any], words: list[str]) -> Select[Any]:
    """SQLite: *stmt* reading the contracts the word index lists for *words*, and only those."""
    index = search_words.rowids(words).subquery("words")
    return stmt.join(index, index.c.rowid == literal_column("contract.rowid"))


def short_statement(query: Search, indexed: list[str] | None = None) -> Select[Any]:
    """The first ``limit`` hits, valid longest first, then by contract number (through the
    SQLite word index when *indexed* gives the words)."""
    stmt = select(*hit_columns()).select_from(Contract)
    if indexed:
        stmt = _through_words(stmt, indexed)
    return (
        stmt.outerjoin(Person, Person.id == Contract.owner_id)
        .where(_conditions(query))
        .order_by(Contract.end_date.desc(), Contract.contract_number)
        .limit(query.limit)
    )


def short_count_statement(query: Search, indexed: list[str] | None = None) -> Select[Any]:
    """How many contracts match, counted up to ``CAP + 1`` (more than CAP: "fler än CAP")."""
    stmt = select(literal(1).label("hit")).select_from(Contract)
    if indexed:
        stmt = _through_words(stmt, indexed)
    matching = stmt.where(_conditions(query)).limit(CAP + 1).subquery("matching")
    return select(func.count()).select_from(matching)


def _indexed_words(s: Session, query: Search) -> list[str] | None:
    """SQLite: the typed words when the word index can narrow them all, else None."""
    words = [w.lower() for w in query.text.split()]
    if s.get_bind().dialect.name != "sqlite" or not all(map(search_words.answers, words)):
        return None
    return words


def short_find(s: Session, query: Search) -> tuple[list[Any], int, bool]:
    """The hits of a short search, how many match (at most CAP) and whether more do."""
    words = _indexed_words(s, query)
    narrow = False
    if words is not None:
        listed = select(func.count()).select_from(search_words.rowids(words, NARROW + 1).subquery())
        narrow = s.execute(listed).scalar_one() <= NARROW
    hits = list(s.execute(short_statement(query, words if narrow else None)).all())
    if len(hits) < query.limit:  # fewer hits than asked for: they are all of them
        return hits, len(hits), False
    total = int(s.execute(short_count_statement(query, words)).scalar_one())
    return hits, min(total, CAP), total > CAP
