"""The "finns det redan ett avtal?" check: what it was based on and when it no longer holds."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

STEP = "steget ”Finns avtal?”"


def basis_text(found: Iterable[uuid.UUID]) -> str:
    """The contracts a check found, stored as sorted ids ("" = none found)."""
    return ",".join(sorted(str(i) for i in set(found)))


def parse_basis(text: str | None) -> frozenset[uuid.UUID] | None:
    """The stored basis back as ids; None for a check recorded before bases were stored."""
    if text is None:
        return None
    return frozenset(uuid.UUID(part) for part in text.split(",") if part)


@dataclass(frozen=True)
class ConfirmedCheck:
    """What the user confirmed: made or not, the contract gone past (if any), and its basis."""

    checked: bool
    chosen: uuid.UUID | None
    basis: frozenset[uuid.UUID] | None

    def confirmed_set(self) -> frozenset[uuid.UUID]:
        """The contracts the confirmation knew of (an older check: only the one gone past)."""
        if self.basis is not None:
            return self.basis
        return frozenset({self.chosen}) if self.chosen else frozenset()


def stale_reason(confirmed: ConfirmedCheck, found: Mapping[uuid.UUID, str]) -> str | None:
    """Why a confirmed check no longer holds for the contracts found now, or None.

    *found*: the contracts in force now for the record's region, CPV and date (id → name).
    A check that found nothing is stale as soon as a contract covers the need; a check that
    went past contracts is stale when the contracts covering the need are no longer the same.
    """
    if not confirmed.checked:
        return None
    known = confirmed.confirmed_set()
    new = sorted(name for key, name in found.items() if key not in known)
    legacy = confirmed.basis is None
    if new:
        return (
            f"Kontrollen av gällande avtal gäller inte längre: {', '.join(new)} kan täcka "
            "behovet med de uppgifter som nu är angivna (myndighet, CPV-kod eller datum). "
            f"Gör om kontrollen i {STEP} och motivera avsteget."
        )
    if (legacy and confirmed.chosen not in found and confirmed.chosen) or (
        not legacy and known != set(found)
    ):
        return (
            "Kontrollen av gällande avtal gäller inte längre: avtalen som täcker behovet är "
            "inte desamma som när kontrollen gjordes (myndighet, CPV-kod, datum eller "
            f"avtalskatalogen har ändrats). Gör om kontrollen i {STEP}."
        )
    return None
