"""The Avtal list's first page read with the standard library's sqlite3, before SQLAlchemy loads.

Importing SQLAlchemy and mapping every table takes most of a start; the first page a person
sees does not need either. This module reads it from a local SQLite file that is already at
the shipped schema (anything else, and every error, gives None: the program then reads the
page the ordinary way once the database is open). The statements are the ones the contract
list's service runs for its first page (``services.contracts.listing``); a test holds the
rows, the order and the total equal to the service's on the same database.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from inkop_desktop.db import shipped

CONTRACTS_OPEN = "SELECT count(*) FROM contract WHERE contract.end_date >= ?"
CONTRACT_PAGE = """
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
"""
"""Contracts not yet ended, by end date then number: the Avtal page's first page."""
HOLDS_ROLE = """
SELECT 1 FROM person JOIN person_role ON person_role.person_id = person.id
WHERE person.login = ? AND person.active = 1 AND person_role.role = ?
  AND (person_role.valid_from IS NULL OR person_role.valid_from <= ?)
  AND (person_role.valid_to IS NULL OR person_role.valid_to >= ?)
LIMIT 1
"""
"""Whether the active person with a login holds a role valid on a day (``services.access``)."""


class FirstPage(NamedTuple):
    """The open contracts' count and the first rows (columns as in ``CONTRACT_PAGE``)."""

    total: int
    rows: list[tuple[Any, ...]]
    holds_role: bool


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (no options), else None."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url.removeprefix(prefix)
    return Path(path) if path and path != ":memory:" else None


def contract_first_page(
    path: Path, day: date, limit: int, login: str, role: str
) -> FirstPage | None:
    """The first page, or None unless *path* is a database at the shipped schema."""
    head = shipped.head_in()
    if head is None or not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return _read(conn, head, day.isoformat(), limit, login, role)
    except sqlite3.Error:
        return None


def _read(
    conn: sqlite3.Connection, head: str, day: str, limit: int, login: str, role: str
) -> FirstPage | None:
    """All statements in one read transaction: the schema check, the count and the page."""
    conn.execute("BEGIN")
    stored = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if stored != [(head,)]:
        return None
    total = int(conn.execute(CONTRACTS_OPEN, (day,)).fetchone()[0])
    rows = conn.execute(CONTRACT_PAGE, (day, limit)).fetchall()
    holds = conn.execute(HOLDS_ROLE, (login, role, day, day)).fetchone() is not None
    return FirstPage(total, rows, holds)
