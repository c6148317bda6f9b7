"""What the jäv PDFs print: plain frozen values, built by the services from their DTOs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class DocProcurement:
    """The procurement the documents are about."""

    organisation: str
    reference: str
    title: str
    kind: str
    responsible: str | None


@dataclass(frozen=True)
class DocGround:
    """One ground of jäv, the answer and the description."""

    label: str
    question: str
    source: str
    answer: bool
    text: str


@dataclass(frozen=True)
class DocInterest:
    """A declared relationship."""

    kind: str
    company: str
    orgnr: str
    person: str
    description: str


@dataclass(frozen=True)
class DocAssessment:
    """A manager's assessment."""

    item: str
    outcome: str
    reason: str
    assessor: str
    assessed_at: datetime


@dataclass(frozen=True)
class DocDeclaration:
    """One version of a participant's declaration."""

    procurement: DocProcurement
    person: str
    role: str
    external_company: str | None
    version_no: int
    signed_at: datetime | None
    confirmed_at: datetime | None
    needs_confirmation: bool
    report_changes: bool
    secrecy_accepted: bool
    state: str
    grounds: tuple[DocGround, ...] = ()
    interests: tuple[DocInterest, ...] = ()
    matches: tuple[str, ...] = ()
    assessments: tuple[DocAssessment, ...] = ()
    suppliers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocParticipant:
    """A roster line in the protocol."""

    person: str
    role: str
    added_on: date
    removed_on: date | None
    version_no: int | None
    signed_at: datetime | None
    state: str


@dataclass(frozen=True)
class DocProtocol:
    """The jävsprotokoll of one procurement."""

    procurement: DocProcurement
    made_on: date
    suppliers: tuple[str, ...]
    participants: tuple[DocParticipant, ...]
    declarations: tuple[DocDeclaration, ...]
    blockers: tuple[str, ...] = field(default_factory=tuple)
