"""A list's first page read with the standard library's sqlite3, before SQLAlchemy loads.

Importing SQLAlchemy and mapping every table takes most of a start; the first page a person
sees needs neither. This module reads it from a local SQLite file that is already at the
shipped schema (anything else, and every error, gives None: the program then reads the page
the ordinary way once the database is open). The statements are the ones the list's service
runs for its opening page (``services.contracts.listing``, ``services.plan.service``); tests
hold the rows, the order and the total equal to the service's on the same database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from inkop_desktop.db import shipped
from inkop_desktop.domain.plan.status import PlanStatus

Params = Callable[[str, int], tuple[Any, ...]]
"""The values of a statement from the day (ISO) and the page size."""


@dataclass(frozen=True)
class OpeningPage:
    """A list's opening page: its count and its page statement with their values."""

    count: str
    page: str
    count_params: Params
    page_params: Params


CONTRACTS = OpeningPage(
    count="SELECT count(*) FROM contract WHERE contract.end_date >= ?",
    page="""
SELECT contract.id, contract.contract_number, contract.title,
  (SELECT min(supplier.name) FROM supplier
   JOIN contract_supplier ON contract_supplier.supplier_id = supplier.id
   WHERE contract_supplier.contract_id = contract.id) AS supplier,
  contract.parties, contract.procedure, contract.start_date, contract.end_date,
  contract.total_value_ore, owner.name AS owner, officer.name AS handlaggare, contract.cpv
FROM contract
LEFT OUTER JOIN person AS owner ON owner.id = contract.owner_id
LEFT OUTER JOIN person AS officer ON officer.id = contract.handlaggare_id
WHERE contract.end_date >= ?
ORDER BY contract.end_date ASC, contract.contract_number ASC
LIMIT ?
""",
    count_params=lambda day, _limit: (day,),
    page_params=lambda day, limit: (day, limit),
)
"""Contracts not yet ended, by end date then number: the Avtal page's opening page."""
_OPEN_PLAN = ", ".join(f"'{s.value}'" for s in PlanStatus if s.is_open)
PLAN = OpeningPage(
    count=f"""
SELECT count(*) FROM plan_item
WHERE plan_item.merged_into_id IS NULL AND plan_item.status IN ({_OPEN_PLAN})
""",
    page=f"""
SELECT plan_item.id, plan_item.reference, plan_item.title, plan_item.status, plan_item.year,
  plan_item.parties,
  (SELECT min(plan_item_cpv.cpv) FROM plan_item_cpv
   WHERE plan_item_cpv.plan_item_id = plan_item.id) AS cpv,
  plan_item.estimated_total_ore, plan_item.procedure, person.name AS responsible,
  plan_item.contract_start_on
FROM plan_item LEFT OUTER JOIN person ON person.id = plan_item.responsible_id
WHERE plan_item.merged_into_id IS NULL AND plan_item.status IN ({_OPEN_PLAN})
ORDER BY plan_item.reference ASC
LIMIT ?
""",
    count_params=lambda _day, _limit: (),
    page_params=lambda _day, limit: (limit,),
)
"""Plan items not merged, signed or cancelled, by reference: the plan's opening page."""
HOLDS_ROLE = """
SELECT 1 FROM person JOIN person_role ON person_role.person_id = person.id
WHERE person.login = ? AND person.active = 1 AND person_role.role = ?
  AND (person_role.valid_from IS NULL OR person_role.valid_from <= ?)
  AND (person_role.valid_to IS NULL OR person_role.valid_to >= ?)
LIMIT 1
"""
"""Whether the active person with a login holds a role valid on a day (``services.access``)."""


class FirstPage(NamedTuple):
    """The list's count, its first rows (columns as in the page statement) and the role check."""

    total: int
    rows: list[tuple[Any, ...]]
    holds_role: bool


@dataclass(frozen=True)
class Reader:
    """Who reads, on which day, how many rows, and which role is asked about."""

    login: str
    day: date
    limit: int
    role: str


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (no options), else None."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url.removeprefix(prefix)
    return Path(path) if path and path != ":memory:" else None


def first_page(path: Path, opening: OpeningPage, reader: Reader) -> FirstPage | None:
    """The opening page, or None unless *path* is a database at the shipped schema."""
    head = shipped.head_in()
    if head is None or not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return _read(conn, head, opening, reader)
    except sqlite3.Error:
        return None


def _read(
    conn: sqlite3.Connection, head: str, opening: OpeningPage, reader: Reader
) -> FirstPage | None:
    """All statements in one read transaction: the schema check, the count and the page."""
    conn.execute("BEGIN")
    if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
        return None
    day = reader.day.isoformat()
    total = int(conn.execute(opening.count, opening.count_params(day, reader.limit)).fetchone()[0])
    rows = conn.execute(opening.page, opening.page_params(day, reader.limit)).fetchall()
    role = (reader.login, reader.role, day, day)
    holds = conn.execute(HOLDS_ROLE, role).fetchone() is not None
    return FirstPage(total, rows, holds)
