"""Shared state and small helpers of the demo seeder (deterministic ids, dates, names)."""

from __future__ import annotations

import calendar
import random
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from inkop_desktop.db.base import Row

ACTOR = "demo"
R = TypeVar("R", bound=Row)


@dataclass
class Demo:
    """The seeding session, the random source, "today" and what has been created so far."""

    session: Session
    rng: random.Random
    today: date
    ids: random.Random
    orgs: dict[str, Any] = field(default_factory=dict)
    people: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    suppliers: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    contracts: list[Any] = field(default_factory=list)
    contract_suppliers: dict[uuid.UUID, list[Any]] = field(default_factory=dict)
    category_of: dict[uuid.UUID, Any] = field(default_factory=dict)
    plan_items: list[Any] = field(default_factory=list)
    awards: list[Any] = field(default_factory=list)
    quotes: dict[uuid.UUID, list[Any]] = field(default_factory=dict)
    rules: dict[tuple[uuid.UUID, uuid.UUID | None], Any] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def new(self, cls: type[R], **values: Any) -> R:
        """Create, stamp and add a row with a deterministic UUID."""
        row = cls(**values)
        row.id = uuid.UUID(int=self.ids.getrandbits(128), version=4)
        row.created_by = ACTOR
        row.updated_by = ACTOR
        self.session.add(row)
        return row

    def flush(self) -> None:
        """Write what has been added (tables have no relationships, so order by stage)."""
        self.session.flush()

    def next_number(self, series: str) -> int:
        """The next serial number in a series such as ``RS 2025``."""
        self.counters[series] += 1
        return self.counters[series]

    def diarienummer(self, region: str, year: int) -> str:
        """A unique registry number like ``RS 2025-00123`` (RV for Västmanland)."""
        prefix = "RV" if region == "VMA" else "RS"
        return f"{prefix} {year}-{self.next_number(f'{prefix} {year}') + 100:05d}"

    def chance(self, p: float) -> bool:
        """True with probability *p*."""
        return self.rng.random() < p

    def day_between(self, first: date, last: date) -> date:
        """A random day in [first, last] (first when the range is empty)."""
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, span)) if span > 0 else first

    def days(self, lo: int, hi: int) -> timedelta:
        """A random number of days in [lo, hi]."""
        return timedelta(days=self.rng.randint(lo, hi))

    def at(self, day: date, hour: int = 10) -> datetime:
        """A timestamp on *day* during office hours (UTC)."""
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=UTC)

    def person(self, role: str) -> Any:
        """A random person with *role*."""
        return self.rng.choice(self.people[role])


def add_months(day: date, months: int) -> date:
    """*day* moved by *months* calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def luhn_digit(digits: str) -> int:
    """The Luhn check digit for *digits*."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


ORGNR_PREFIXES = {
    "5": ("556", "559"),
    "7": ("769", "716"),
    "8": ("802", "817"),
    "9": ("916", "969"),
}


def make_orgnr(rng: random.Random, group: str = "5") -> str:
    """A valid organisationsnummer ``NNNNNN-NNNN`` of *group* (digit 3 ≥ 2, Luhn checked)."""
    nine = rng.choice(ORGNR_PREFIXES[group]) + f"{rng.randrange(10**6):06d}"
    ten = nine + str(luhn_digit(nine))
    return f"{ten[:6]}-{ten[6:]}"


_FORMS = (("AKTIEBOLAG", "AB"), ("HANDELSBOLAG", "HB"), ("EKONOMISK FÖRENING", "EK FOR"))


def name_key(name: str) -> str:
    """Upper-case comparison key: "Städ & Service AB" → "STÄD OCH SERVICE AB"."""
    text = name.upper().replace("&", " OCH ").replace("+", " OCH ")
    text = re.sub(r"[^\wÅÄÖ]+", " ", text)
    text = " ".join(text.split())
    for long, short in _FORMS:
        text = re.sub(rf"\b{long}\b", short, text)
    return text


def title_key(text: str) -> str:
    """Lower-case, whitespace-collapsed text for LIKE searches."""
    return " ".join(text.lower().split())


def kr(amount: int) -> int:
    """Kronor to öre."""
    return amount * 100


def round_kr(value: float, step: int = 1000) -> int:
    """Round kronor to a plausible step (whole thousands by default)."""
    return max(step, round(value / step) * step)
