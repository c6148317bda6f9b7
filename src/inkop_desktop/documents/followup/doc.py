"""What the follow-up PDF prints: plain frozen values, built by the service from its DTO."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DocAction:
    """An åtgärd on a deviation."""

    description: str
    owner: str
    due_on: date
    sanction: str
    state: str


@dataclass(frozen=True)
class DocResult:
    """One checklist point with its assessment."""

    ordinal: int
    category: str
    text: str
    evidence_expected: str
    serious: bool
    outcome: str
    comment: str
    evidence: tuple[str, ...]
    actions: tuple[DocAction, ...]


@dataclass(frozen=True)
class DocFollowup:
    """A follow-up occasion of a contract."""

    organisation: str
    contract_number: str
    contract_title: str
    suppliers: tuple[str, ...]
    status: str
    due_on: date
    performed_on: date | None
    performed_by: str | None
    signed_by: str | None
    signed_at: datetime | None
    summary: str
    templates: str
    results: tuple[DocResult, ...]
