"""Bounded field types shared by every input model: safe text, amounts in öre, sane dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from inkop_desktop.domain.email_address import normal_email
from inkop_desktop.domain.errors import ValidationError

MAX_KRONOR = 10**13
"""The largest amount the program accepts: 10 000 miljarder kronor."""

MAX_ORE = MAX_KRONOR * 100

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
"""Dates outside this range are typing mistakes (and break date arithmetic near year 9999)."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
"""NUL and other control characters (tab and line breaks are fine) and lone surrogates."""


def text_problem(value: str) -> str | None:
    """Why *value* cannot be stored as text, or None when it can."""
    found = _FORBIDDEN.search(value)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return "innehåller ett ogiltigt tecken (en halv teckenkod)"
    return f"innehåller ett otillåtet styrtecken (U+{ord(found.group()):04X})"


def printable(value: str) -> str:
    """*value* with forbidden characters replaced, for echoing it in a message."""
    return _FORBIDDEN.sub("\ufffd", value)


def _safe_text(value: str) -> str:
    """Pydantic hook: refuse NUL, control characters and lone surrogates."""
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(f"Texten {problem}.")
    return value


def checked_text(value: str, label: str, max_length: int = 10000) -> str:
    """*value* (a search string or a reason given as a plain argument), or a ValidationError."""
    if not isinstance(value, str):
        raise ValidationError(f"{label}: måste vara text.")
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(f"{label}: texten {problem}.")
    if len(value) > max_length:
        raise ValidationError(f"{label}: är för långt (högst {max_length} tecken).")
    return value


def amount_problem(ore: int) -> str | None:
    """Why *ore* is no sane amount, or None."""
    if abs(ore) > MAX_ORE:
        return f"Beloppet får vara högst {MAX_KRONOR:,} kr.".replace(",", "\u00a0")
    return None


def _bounded_ore(value: int) -> int:
    """Pydantic hook: refuse absurd amounts (they overflow the database's 64-bit integers)."""
    problem = amount_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _bounded_kronor(value: int) -> int:
    """Pydantic hook: whole kronor within ±MAX_KRONOR."""
    return _bounded_ore(value * 100) // 100


def day_problem(day: date) -> str | None:
    """Why *day* is no sane date, or None."""
    if not FIRST_DAY <= day <= LAST_DAY:
        return (
            f"Datumet {day.isoformat()} måste ligga mellan {FIRST_DAY.isoformat()} "
            f"och {LAST_DAY.isoformat()}."
        )
    return None


def _sane_day(value: date) -> date:
    """Pydantic hook: refuse dates outside FIRST_DAY..LAST_DAY."""
    problem = day_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def checked_day(value: date, label: str) -> date:
    """*value* given as a plain argument, or a ValidationError."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(f"{label}: måste vara ett datum (ÅÅÅÅ-MM-DD).")
    problem = day_problem(value)
    if problem is not None:
        raise ValidationError(f"{label}: {problem}")
    return value


def _search_text(value: str) -> str:
    """Pydantic hook for search strings the GUI puts in a query: a typed error at once."""
    return checked_text(value, "Sökning", 500)


Text = Annotated[str, AfterValidator(_safe_text)]
"""Text a user typed: no NUL, no control characters except tab and line breaks, no lone
surrogates (give the length with ``Field(max_length=…)``)."""

SearchText = Annotated[str, AfterValidator(_search_text)]
"""Search words or a filter value in a list query (refused with a domain ValidationError,
not a pydantic one, since the GUI builds the query object itself)."""

Ore = Annotated[int, Field(ge=0), AfterValidator(_bounded_ore)]
"""A non-negative amount in öre, at most MAX_KRONOR kronor."""

WholeKronor = Annotated[int, AfterValidator(_bounded_kronor)]
"""Whole kronor (or months, or a count) within ±MAX_KRONOR; the model decides about the sign."""

Day = Annotated[date, AfterValidator(_sane_day)]
"""A date between FIRST_DAY and LAST_DAY."""

Email = Annotated[str, AfterValidator(normal_email)]
"""One e-mail address or "" (none given), normalised: domain in lower case, Unicode form."""
