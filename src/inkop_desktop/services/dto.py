"""Shared DTOs: list queries and pages of rows."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from inkop_desktop.domain.input_types import SearchText

T = TypeVar("T")

FROZEN = ConfigDict(frozen=True, from_attributes=True)


class ListQuery(BaseModel):
    """Free-text filter, named filters, sorting and paging for any list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: SearchText = ""
    filters: dict[SearchText, SearchText] = Field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    offset: int = Field(default=0, ge=0, le=10**9)
    limit: int = Field(default=200, ge=1, le=5000)
    exact_total: bool = False
    """Count every matching row even when the list is large (else ``Page.estimated`` may be set)."""


class Page(BaseModel, Generic[T]):
    """One page of rows and the total number matching the filter."""

    model_config = ConfigDict(frozen=True)

    rows: list[T]
    total: int
    offset: int
    estimated: bool = False
    """``total`` is an estimate (a large list); ask with ``exact_total`` for the exact count."""
