"""A deterministic leverantörsreskontra for the demo, consistent with its contracts and suppliers.

About three in four invoice lines are bought under a contract in force on the invoice date (a
supplier of the contract, a unit of a party region); the rest go to suppliers without a
contract then, a few name a unit the organisation does not know (listed as unmapped), and one
supplier without any contract is paid more than the direct-award limit by one förvaltning
(the view's warning of an illegal direct award).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from inkop_desktop.demo.base import ACTOR, Demo
from inkop_desktop.domain.compliance import guess
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.compliance import store_file

ROWS = 3000
HEADERS = ("Fakturadatum", "Ansvar", "Leverantörens orgnr", "Leverantör", "Belopp exkl. moms",
           "Konto")  # fmt: skip
ACCOUNTS = ("4010", "4560", "5410", "5460", "6110", "6420", "6550", "7010")
UNKNOWN_UNITS = ("Ansvar 9940", "Projekt 7712 Regionövergripande")
FILENAME = "leverantorsreskontra-demo.csv"


def _units(demo: Demo) -> dict[str, list[str]]:
    """Per region the units as the reskontra writes them (``SRM-HSF``)."""
    found: dict[str, list[str]] = {"SRM": [], "VMA": []}
    for key, org in sorted(demo.orgs.items()):
        region, _, rest = key.partition("-")
        if rest and region in found:
            found[region].append(f"{region}-{org.short_name}")
    return found


def _line(day: date, unit: str, supplier: Any, kronor: int, account: str) -> str:
    """One CSV line (amounts with a decimal comma, as Agresso exports them)."""
    return f"{day.isoformat()};{unit};{supplier.orgnr};{supplier.name};{kronor},00;{account}"


def _account(supplier: Any) -> str:
    """A supplier's usual account, fixed by its orgnr."""
    return ACCOUNTS[int(supplier.orgnr[-4:]) % len(ACCOUNTS)]


def reskontra_lines(demo: Demo) -> list[str]:
    """The demo's invoice lines from 1 January last year until today (seeded, deterministic)."""
    rng = random.Random(1616)
    first = date(demo.today.year - 1, 1, 1)
    span = (demo.today - first).days
    units = _units(demo)
    suppliers = sorted(
        (s for group in demo.suppliers.values() for s in group), key=lambda s: s.orgnr
    )
    contracted = {s.id for group in demo.contract_suppliers.values() for s in group}
    free = [s for s in suppliers if s.id not in contracted] or suppliers
    lines = []
    for _ in range(ROWS):
        day = first + timedelta(days=rng.randrange(span + 1))
        roll = rng.random()
        live = [c for c in demo.contracts if c.start_date <= day <= c.end_date]
        if roll < 0.75 and live:
            contract = rng.choice(live)
            region = rng.choice(Parties(contract.parties).regions()).value
            supplier = rng.choice(demo.contract_suppliers[contract.id])
            lines.append(_line(day, rng.choice(units[region]), supplier,
                               rng.randrange(800, 90_000), _account(supplier)))  # fmt: skip
        elif roll < 0.98:
            supplier = rng.choice(free)
            unit = rng.choice(units[rng.choice(("SRM", "VMA"))])
            lines.append(_line(day, unit, supplier, rng.randrange(500, 40_000), _account(supplier)))
        else:
            supplier = rng.choice(suppliers)
            lines.append(_line(day, rng.choice(UNKNOWN_UNITS), supplier,
                               rng.randrange(500, 20_000), _account(supplier)))  # fmt: skip
    lines += _over_the_limit(demo, free[0], units["SRM"])
    return lines


def _over_the_limit(demo: Demo, supplier: Any, units: list[str]) -> list[str]:
    """One förvaltning paying one supplier without a contract 12 × 65 000 kr this year."""
    unit = next((u for u in units if u.endswith("-HSF")), units[0])
    start = date(demo.today.year, 1, 10)
    days = [min(start + timedelta(days=12 * i), demo.today) for i in range(12)]
    return [_line(day, unit, supplier, 65_000, "6420") for day in days]


def seed_reskontra(demo: Demo) -> int:
    """Import the demo reskontra as an upphandlare would; the number of rows stored."""
    data = ("\ufeff" + "\r\n".join([";".join(HEADERS), *reskontra_lines(demo)]) + "\r\n").encode()
    importer = demo.people["upphandlare"][0]
    result = store_file(
        demo.session, data, FILENAME, guess(HEADERS), actor=ACTOR, person_id=importer.id
    )
    return result.rows
