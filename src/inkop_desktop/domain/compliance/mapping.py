"""Which column of a reskontra extract holds what: the fields, a guess from the headings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum

from inkop_desktop.domain.errors import ValidationError


class Field(StrEnum):
    """What the import reads from an accounts-payable extract."""

    DATUM = "datum"
    ENHET = "enhet"
    ORGNR = "orgnr"
    LEVERANTOR = "leverantor"
    BELOPP = "belopp"
    KONTO = "konto"

    @property
    def label(self) -> str:
        """Swedish name of the field in the mapping dialog and in messages."""
        return FIELD_LABELS[self]


FIELD_LABELS = {
    Field.DATUM: "Fakturadatum",
    Field.ENHET: "Nämnd/ansvar",
    Field.ORGNR: "Leverantörens organisationsnummer",
    Field.LEVERANTOR: "Leverantörens namn",
    Field.BELOPP: "Belopp exkl. moms",
    Field.KONTO: "Konto",
}
_HINTS: dict[Field, tuple[str, ...]] = {
    Field.DATUM: ("fakturadatum", "datum", "bokföringsdatum", "date"),
    Field.ENHET: ("nämnd", "ansvar", "ansvarsenhet", "förvaltning", "enhet"),
    Field.ORGNR: ("orgnr", "organisationsnummer", "org.nr", "lev orgnr", "leverantörens orgnr"),
    Field.LEVERANTOR: ("leverantör", "leverantörsnamn", "leverantörens namn", "supplier"),
    Field.BELOPP: ("belopp", "belopp exkl moms", "belopp exkl. moms", "amount", "summa"),
    Field.KONTO: ("konto", "kontonr", "account"),
}


def _fold(text: str) -> str:
    """Lower-case, whitespace-collapsed heading."""
    return " ".join(text.lower().split())


def shape(headers: Sequence[str]) -> str:
    """A fingerprint of a file's headings: files with the same headings share a mapping."""
    return hashlib.sha256("\x1f".join(_fold(h) for h in headers).encode()).hexdigest()


def guess(headers: Sequence[str]) -> dict[Field, str]:
    """The heading each field most likely is (exact hint first, then a hint contained)."""
    folded = {_fold(h): h for h in headers if h}
    found: dict[Field, str] = {}
    for field, hints in _HINTS.items():
        taken = set(found.values())
        exact = [folded[h] for h in hints if h in folded and folded[h] not in taken]
        partial = [o for f, o in folded.items() if o not in taken and any(h in f for h in hints)]
        if exact or partial:
            found[field] = (exact or partial)[0]
    return found


def checked(mapping: Mapping[Field, str], headers: Sequence[str]) -> dict[Field, str]:
    """The mapping if every field has its own heading among *headers*, else a ValidationError."""
    missing = [f.label for f in Field if not mapping.get(f)]
    if missing:
        raise ValidationError("Välj en kolumn för: " + ", ".join(missing) + ".")
    unknown = [h for h in mapping.values() if h not in headers]
    if unknown:
        raise ValidationError("Kolumnen finns inte i filen: " + ", ".join(unknown) + ".")
    values = list(mapping.values())
    twice = sorted({h for h in values if values.count(h) > 1})
    if twice:
        raise ValidationError("Samma kolumn är vald för flera fält: " + ", ".join(twice) + ".")
    return {f: mapping[f] for f in Field}


def to_json(mapping: Mapping[Field, str]) -> str:
    """The mapping as stored."""
    return json.dumps({f.value: h for f, h in mapping.items()}, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> dict[Field, str]:
    """A stored mapping (unknown keys ignored)."""
    raw = json.loads(text)
    return {Field(k): str(v) for k, v in raw.items() if k in Field.__members__.values()}
