"""Avtalskatalogen: "finns det redan ett avtal?" — contracts in force matching words or CPV."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from sqlalchemy.orm import Session

from inkop_desktop.domain.input_types import SearchText
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts.catalogue_short import (
    CAP,
    is_short,
    short_find,
    starts_word,
)
from inkop_desktop.services.contracts.catalogue_sql import (
    WEIGHTS,
    Shape,
    capped_count,
    count_statement,
    counted_inside,
    search_statement,
    shape_of,
    statement,
    values,
)
from inkop_desktop.services.dto import FROZEN

__all__ = ["CatalogueHit", "CatalogueQuery", "CatalogueResult", "CatalogueService",
           "count_statement", "matched_fields", "search_statement"]  # fmt: skip


class CatalogueQuery(BaseModel):
    """Words typed by the user, an optional CPV code, and the day the purchase is made."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: SearchText = ""
    cpv: SearchText | None = None
    on: date
    limit: int = Field(default=50, ge=1, le=500)


class CatalogueHit(BaseModel):
    """A contract that may already cover the need."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    title: str
    supplier: str | None
    parties: str
    cpv: str
    end_date: date
    e_handel: bool
    owner: str | None
    matched: str = ""
    """ "träff på": the fields the typed words were found in, e.g. "benämning, leverantör"."""


class CatalogueResult(BaseModel):
    """The best hits (most relevant first) and how many contracts match in all."""

    model_config = ConfigDict(frozen=True)
    hits: list[CatalogueHit]
    total: int
    more: bool = False
    """The count stopped at ``total`` (CAP): more contracts match."""
    word_start: bool = False
    """Words starting with the typed characters, longest valid first (a short search)."""


_ATTRIBUTES = {"avtalsnr": "contract_number", "benämning": "title", "leverantör": "supplier",
               "nyckelord": "keywords", "cpv": "cpv"}  # fmt: skip
"""The hit's attribute holding each field a word may be found in."""


def matched_fields(words: list[str], hit: Any, word_start: bool = False) -> str:
    """ "benämning, leverantör": where the typed words occur (Python folds åäö correctly);
    with *word_start*, where a word starts with them."""
    lowered = [w.lower() for w in words]
    found = []
    for name, _weight in WEIGHTS:
        value = (getattr(hit, _ATTRIBUTES[name]) or "").lower()
        if any(starts_word(value, w) if word_start else w in value for w in lowered):
            found.append(name)
    return ", ".join(found) if found or not words else "annan leverantör"


def _hits(rows: list[Any], words: list[str], word_start: bool) -> list[CatalogueHit]:
    """The rows as hits with "träff på" (validated once each, from a plain dict)."""
    return [
        CatalogueHit.model_validate({**r._mapping, "matched": matched_fields(words, r, word_start)})
        for r in rows
    ]


class CatalogueService(Service):
    """The search every employee makes before buying."""

    def search(self, query: CatalogueQuery) -> list[CatalogueHit]:
        """Contracts in force on ``query.on`` matching every word (and the CPV group if given),
        the most relevant first."""
        return self.find(query).hits

    def find(self, query: CatalogueQuery) -> CatalogueResult:
        """The most relevant hits with "träff på", and the number matching, counted up to CAP
        (more: the page says "fler än")."""
        short, more = is_short(query.text), False
        with self._session() as s:
            dialect = s.get_bind().dialect.name
            shape = None if short else shape_of(query, dialect)
            prepare(s, dialect, shape)
            if shape is None:
                found, total, more = short_find(s, query)
            else:
                found, total, more = _long_find(s, query, shape)
        hits = _hits(found, query.text.split(), short)
        return CatalogueResult(hits=hits, total=total, more=more, word_start=short)


def _long_find(s: Session, query: CatalogueQuery, shape: Shape) -> tuple[list[Any], int, bool]:
    """The hits of a search of three characters or more, how many match (at most CAP) and
    whether more do; the statements of its shape are built once and reused."""
    bound = values(query, shape, CAP + 1)
    found = list(s.connection().execute(statement(shape), bound).all())
    if len(found) < query.limit:  # fewer hits than asked for: they are all of them
        return found, len(found), False
    if counted_inside(shape):
        total = int(found[0].matching)
    else:
        total = int(s.connection().execute(capped_count(shape), bound).scalar_one())
    return found, min(total, CAP), total > CAP


def prepare(s: Session, dialect: str, shape: Shape | None) -> None:
    """PostgreSQL, for this transaction only, in one round trip: each search is planned for
    its own words (a generic plan, chosen after five runs of a prepared statement, ignores the
    trigram index) and run without JIT (the per-row scores inflate the estimated cost past the
    JIT thresholds, and compiling then took up to 800 ms of a keystroke that runs in 20–60 ms).
    A search of words all long enough for the trigram index (*shape*; None: a short search)
    reads its candidates through it: the planner prices ``LIKE`` on the long search text as
    cheap and scans the table instead (100 000 contracts, "nor": the scan 91 ms, the index
    43 ms, of a 186 → 127 ms search)."""
    if dialect != "postgresql":
        return
    indexed = shape is not None and all(shape.indexed)
    s.execute(text(_THROUGH_INDEX if indexed else _PREPARE))


_PREPARE = (
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
    "set_config('jit', 'off', true)"
)
_THROUGH_INDEX = f"{_PREPARE}, set_config('enable_seqscan', 'off', true)"
