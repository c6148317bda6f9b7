"""Who may read and assess a jävsdeklaration.

A declaration tells about a person's private circumstances and names bidders while their bids
are secret (OSL 19 kap. 3 §): only the declaring person, the procurement's responsible officer
and managers (inköpschef) may read it. The assessment is made by the responsible officer or a
manager, never by the person concerned (FL 16 § första stycket 1, FL 17 §: nobody decides their
own matter).

Who is "responsible": for a plan item the responsible upphandlare (``responsible_id``); for a
direct award the decision maker (``decision_maker_id``), who decides the award and is the
budget holder's manager role in the delegationsordning.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from uuid import UUID

from inkop_desktop.domain.errors import DomainError


class JavAccessError(DomainError):
    """The acting person may not read or change this declaration."""

    message_id = "jav.access"


@dataclass(frozen=True)
class Viewer:
    """The person using the app: their id (None if unknown) and whether they are inköpschef."""

    person_id: UUID | None
    is_manager: bool = False


def may_view(viewer: Viewer, declarant_id: UUID, responsible: Collection[UUID]) -> bool:
    """The declarant, the responsible officer and managers may read a declaration."""
    if viewer.is_manager:
        return True
    return viewer.person_id is not None and (
        viewer.person_id == declarant_id or viewer.person_id in responsible
    )


def may_assess(viewer: Viewer, declarant_id: UUID, responsible: Collection[UUID]) -> bool:
    """The responsible officer or a manager, but never the declarant."""
    if viewer.person_id is None or viewer.person_id == declarant_id:
        return False
    return viewer.is_manager or viewer.person_id in responsible


def check_view(viewer: Viewer, declarant_id: UUID, responsible: Collection[UUID]) -> None:
    """Raise JavAccessError unless *viewer* may read the declaration."""
    if not may_view(viewer, declarant_id, responsible):
        raise JavAccessError(
            "Jävsdeklarationer får bara läsas av den som deklarerat, upphandlingens ansvarige "
            "och inköpschef (OSL 19 kap. 3 §)."
        )


def check_assess(viewer: Viewer, declarant_id: UUID, responsible: Collection[UUID]) -> None:
    """Raise JavAccessError unless *viewer* may assess the declaration."""
    if viewer.person_id is not None and viewer.person_id == declarant_id:
        raise JavAccessError("Du kan inte bedöma din egen jävsdeklaration (FL 16–17 §§).")
    if not may_assess(viewer, declarant_id, responsible):
        raise JavAccessError(
            "Bara upphandlingens ansvarige eller inköpschef får bedöma jäv (FL 18 §)."
        )


def check_own(viewer: Viewer, declarant_id: UUID) -> None:
    """Raise JavAccessError unless *viewer* is the declaring person (signing, confirming)."""
    if viewer.person_id is None or viewer.person_id != declarant_id:
        raise JavAccessError(
            "Bara personen själv kan lämna, signera och bekräfta sin jävsdeklaration."
        )
