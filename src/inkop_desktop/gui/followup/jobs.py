"""The follow-up editor's background work: read, save a draft, sign, evidence files."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.gui.followup.item_panel import read_file, write_copy
from inkop_desktop.services.access import Actor
from inkop_desktop.services.registry import Services


@dataclass(frozen=True)
class Loaded:
    """The follow-up, the person using the program and the people who can own an action."""

    detail: Any
    me: Actor
    people: Sequence[Any]


@dataclass(frozen=True)
class Signing:
    """The draft as saved before signing, and why signing was refused (None: it was signed)."""

    detail: Any
    refused: DomainError | None


def load(services: Services, followup_id: uuid.UUID) -> Loaded:
    """Everything the editor shows."""
    return Loaded(
        detail=services.followup.get_followup(followup_id),
        me=services.people.me(),
        people=services.people.people(),
    )


def sign(
    services: Services, followup_id: uuid.UUID, opened: int, results: Any, summary: str
) -> Signing:
    """Save the edits, then sign; a refused signing leaves the saved draft (and says why)."""
    service = services.followup
    saved = service.save_followup(followup_id, opened, results, summary)
    try:
        return Signing(service.complete_followup(saved.id, saved.version), None)
    except DomainError as exc:
        return Signing(saved, exc)


def add_evidence(services: Services, result_id: uuid.UUID, path: Path) -> Any:
    """Store a file (at most 50 MB) as evidence of a point."""
    name, content = read_file(path)
    return services.followup.add_evidence(result_id, name, content)


def evidence_copy(services: Services, attachment_id: uuid.UUID) -> Path:
    """A verified private copy of an evidence file, to open."""
    found = services.followup.evidence_file(attachment_id)
    return write_copy(found.filename, found.content)


def person_choices(people: Sequence[Any]) -> list[tuple[str, str]]:
    """(name, id) for an owner drop-down."""
    return [(p.display, str(p.id)) for p in people]
