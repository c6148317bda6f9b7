"""Who reads a direct award's draft and its secret quotes (OSL 19 kap. 3 §).

Until the decision is signed, the quotes are read only by the one who registered the award,
its requester, its decision maker (the award's responsible officer), its active participants
and inköpschef; a draft (``utkast``) is visible to the same people only, and to those removed
from its roster (they may still owe a jäv declaration). A finished record is
visible to everyone, its quotes still secret; once signed both are public. Nobody may give
themselves sight of the quotes by an edit (naming themselves requester or decision maker,
reopening someone else's record), and nobody may save a draft so that they lose sight of it.
The shared server enforces the same rule by row security (``db.server_awards``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.permissions import PermissionDeniedError


@dataclass(frozen=True)
class Reader:
    """The acting person: login, person (None if unknown) and whether they are inköpschef."""

    login: str
    person_id: UUID | None
    is_manager: bool = False


@dataclass(frozen=True)
class AwardPeople:
    """What the rule looks at on one direct award."""

    status: AwardStatus
    created_by: str
    requester_id: UUID | None
    decision_maker_id: UUID | None
    participant_ids: frozenset[UUID] = frozenset()
    former_ids: frozenset[UUID] = frozenset()
    """Removed from the roster: they still see the draft (a declaration may still be due)."""


def _named(reader: Reader, award: AwardPeople) -> bool:
    """The reader registered the award, is named on it or takes part in it, or is a manager."""
    if reader.is_manager or (reader.login and reader.login == award.created_by):
        return True
    named = {award.requester_id, award.decision_maker_id, *award.participant_ids} - {None}
    return reader.person_id is not None and reader.person_id in named


def reads_quotes(reader: Reader, award: AwardPeople) -> bool:
    """True when *reader* may read the award's quotes."""
    return award.status.is_signed or _named(reader, award)


def sees(reader: Reader, award: AwardPeople) -> bool:
    """True when *reader* may see the award at all (only drafts are restricted)."""
    if award.status is not AwardStatus.UTKAST or _named(reader, award):
        return True
    return reader.person_id is not None and reader.person_id in award.former_ids


def check_change(reader: Reader, before: AwardPeople, after: AwardPeople) -> None:
    """Refuse a change that gives *reader* sight of the quotes, or hides the draft from them."""
    if not reads_quotes(reader, before) and reads_quotes(reader, after):
        raise PermissionDeniedError(
            "Du kan inte ge dig själv rätt att läsa offerterna i en direktupphandling "
            "(OSL 19 kap. 3 §). Be beslutsfattaren eller inköpschef."
        )
    if not sees(reader, after):
        raise PermissionDeniedError(
            "Ändringen kan inte sparas: utkastet skulle inte längre synas för dig. Ett utkast "
            "syns bara för den som registrerat det, beställaren, beslutsfattaren, deltagarna "
            "och inköpschef (OSL 19 kap. 3 §)."
        )
