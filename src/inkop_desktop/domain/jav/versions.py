"""Versions of a jävsdeklaration: a change is a new version and the old one stays.

The duty to report changed circumstances at once (FL 18 §, KL 6 kap. 32 §) means that the
history must be kept: every version is signed and dated by the person, and a declaration
signed before the suppliers were known is confirmed against them (or replaced) afterwards.
"""

from __future__ import annotations

from inkop_desktop.domain.errors import ValidationError


def next_version(latest_no: int | None) -> int:
    """The number of the next version (1 for the first)."""
    return 1 if latest_no is None else latest_no + 1


def check_signable(
    *, version_no: int, latest_no: int, signed: bool, problems: list[tuple[str, str]]
) -> None:
    """Only the latest, unsigned version with undertaking and secrecy accepted may be signed."""
    if signed:
        raise ValidationError(
            "Versionen är redan signerad och kan inte ändras – gör en ny version i stället."
        )
    if version_no != latest_no:
        raise ValidationError(
            f"Version {version_no} har ersatts av version {latest_no}; signera den senaste."
        )
    if problems:
        raise ValidationError("\n".join(t for _f, t in problems), problems=problems)


def confirmed_on_signing(suppliers_known: bool) -> bool:
    """A declaration signed while the suppliers are known is made against them."""
    return suppliers_known


def check_confirmable(*, signed: bool, needs_confirmation: bool) -> None:
    """Confirmation applies to a signed declaration marked as needing it."""
    if not signed:
        raise ValidationError("Det finns ingen signerad deklaration att bekräfta.")
    if not needs_confirmation:
        raise ValidationError("Deklarationen behöver inte bekräftas just nu.")


def check_assessable(*, signed: bool, current: bool, item_found: bool) -> None:
    """Assessments are made of the current, signed declaration and one of its items."""
    if not signed:
        raise ValidationError("Deklarationen är inte signerad och kan inte bedömas ännu.")
    if not current:
        raise ValidationError(
            "Deklarationen har ersatts av en nyare version; bedöm den senaste versionen."
        )
    if not item_found:
        raise ValidationError("Omständigheten finns inte i den här versionen av deklarationen.")
