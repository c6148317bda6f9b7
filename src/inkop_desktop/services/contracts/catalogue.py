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
from inkop_desktop.services.contracts.catalogue_sql import (
    WEIGHTS,
    count_statement,
    search_statement,
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


def matched_fields(words: list[str], hit: Any) -> str:
    """ "benämning, leverantör": where the typed words occur (Python folds åäö correctly)."""
    values = {
        "avtalsnr": hit.contract_number,
        "benämning": hit.title,
        "leverantör": hit.supplier or "",
        "nyckelord": hit.keywords or "",
        "cpv": hit.cpv,
    }
    found = [name for name, _w in WEIGHTS if any(w.lower() in values[name].lower() for w in words)]
    return ", ".join(found) if found or not words else "annan leverantör"


class CatalogueService(Service):
    """The search every employee makes before buying."""

    def search(self, query: CatalogueQuery) -> list[CatalogueHit]:
        """Contracts in force on ``query.on`` matching every word (and the CPV group if given),
        the most relevant first."""
        return self.find(query).hits

    def find(self, query: CatalogueQuery) -> CatalogueResult:
        """The most relevant hits with "träff på", and the exact number matching (SQL COUNT)."""
        words = query.text.split()
        with self._session() as s:
            dialect = _prepare(s)
            total = s.execute(count_statement(query, dialect)).scalar_one()
            rows = s.execute(search_statement(query, dialect)).all()
        hits = [
            CatalogueHit.model_validate(r).model_copy(update={"matched": matched_fields(words, r)})
            for r in rows
        ]
        return CatalogueResult(hits=hits, total=int(total))


def _prepare(s: Session) -> str:
    """The session's dialect; on PostgreSQL each search is planned for its own words (a generic
    plan, chosen after five runs of a prepared statement, ignores the trigram index)."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        s.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    return dialect
