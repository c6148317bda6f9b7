"""Swedish identifiers: organisationsnummer and CPV codes, validated and normalised."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.se import orgnr as _stdnum_orgnr

from inkop_desktop.domain.errors import ValidationError as DomainValidationError
from inkop_desktop.domain.input_types import Text, printable

_CPV = re.compile(r"([0-9]{8})-([0-9])")


def _shown(raw: str) -> str:
    """The typed value as it may be echoed in a message (short, no control characters)."""
    return printable(raw if len(raw) <= 40 else raw[:40] + "…")


def normalise_orgnr(value: str) -> str:
    """Return ``NNNNNN-NNNN`` or raise a Swedish ValidationError."""
    raw = str(value).strip()
    shown = _shown(raw)
    try:
        digits = _stdnum_orgnr.validate(raw)
    except InvalidChecksum as exc:
        raise DomainValidationError(
            f"Organisationsnumret {shown} har fel kontrollsiffra.", field="orgnr"
        ) from exc
    except (InvalidFormat, InvalidLength) as exc:
        raise DomainValidationError(
            f"”{shown}” är inte ett organisationsnummer (formen är NNNNNN-NNNN).", field="orgnr"
        ) from exc
    except ValidationError as exc:  # any other stdnum rejection
        raise DomainValidationError(
            f"Ogiltigt organisationsnummer: {shown}.", field="orgnr"
        ) from exc
    return f"{digits[:6]}-{digits[6:]}"


def vat_number(orgnr: str) -> str:
    """Swedish VAT number ``SE`` + ten digits + ``01``."""
    return "SE" + normalise_orgnr(orgnr).replace("-", "") + "01"


def normalise_cpv(value: str) -> str:
    """Return ``NNNNNNNN-N`` or raise a Swedish ValidationError."""
    raw = str(value).strip()
    if not _CPV.fullmatch(raw):
        raise DomainValidationError(
            f"”{_shown(raw)}” är inte en CPV-kod (formen är NNNNNNNN-N).", field="cpv"
        )
    return raw


def cpv_division(code: str) -> str:
    """The two-digit division (e.g. ``45`` for construction work)."""
    return normalise_cpv(code)[:2]


def cpv_group(code: str) -> str:
    """The three-digit group, the default same-kind key."""
    return normalise_cpv(code)[:3]


def cpv_class(code: str) -> str:
    """The four-digit class."""
    return normalise_cpv(code)[:4]


def _checked(fn: Any) -> Any:
    """Turn a domain ValidationError into ValueError so pydantic reports it."""

    def run(value: str) -> str:
        try:
            return str(fn(value))
        except DomainValidationError as exc:
            raise ValueError(exc.text) from exc

    return run


def _must_be_str(value: Any) -> Any:
    """Refuse non-strings before normalising."""
    if not isinstance(value, str):
        raise ValueError("Värdet måste vara text.")
    return value


OrgNr = Annotated[Text, BeforeValidator(_must_be_str), AfterValidator(_checked(normalise_orgnr))]
"""An organisationsnummer, normalised to ``NNNNNN-NNNN``."""

CpvCode = Annotated[Text, BeforeValidator(_must_be_str), AfterValidator(_checked(normalise_cpv))]
"""A CPV code ``NNNNNNNN-N``."""
