"""A small world for avtalstrohet tests: two regions, nämnder, three suppliers, two contracts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker
from stdnum import luhn

from inkop_desktop.db.tables import Contract, ContractSupplier, Organisation, Supplier

HEADERS = "Fakturadatum;Ansvar;Leverantör orgnr;Leverantör;Belopp;Konto"


def orgnr(base: str) -> str:
    """A valid orgnr from nine digits."""
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


A, B, C = orgnr("556100001"), orgnr("556100002"), orgnr("556100003")


@dataclass(frozen=True)
class World:
    """The ids the tests look at."""

    nhs: uuid.UUID
    hsn: uuid.UUID


def _org(
    s: Session,
    name: str,
    short: str,
    kind: str,
    region: str | None,
    parent: uuid.UUID | None = None,
) -> uuid.UUID:
    org = Organisation(version=1, name=name, short_name=short, kind=kind, region=region,
                       parent_id=parent)  # fmt: skip
    s.add(org)
    s.flush()
    return org.id


def _supplier(s: Session, name: str, number: str) -> uuid.UUID:
    row = Supplier(version=1, name=name, name_key=name.upper(), orgnr=number,
                   vat_number=f"SE{number.replace('-', '')}01")  # fmt: skip
    s.add(row)
    s.flush()
    return row.id


def _contract(s: Session, number: str, supplier: uuid.UUID, parties: str, start: date,
              end: date, cpv: str) -> None:  # fmt: skip
    row = Contract(version=1, contract_number=number, title=number, title_key=number,
                   parties=parties, procedure="oppet", start_date=start, end_date=end,
                   total_value_ore=100, cpv=cpv)  # fmt: skip
    s.add(row)
    s.flush()
    s.add(ContractSupplier(version=1, contract_id=row.id, supplier_id=supplier))


def build_world(sessions: sessionmaker[Session]) -> World:
    """Region Sörmland (NHS ← HSF), Region Västmanland (HSN); A on K1 (SRM, to June), B on K2."""
    with sessions.begin() as s:
        srm = _org(s, "Region Sörmland", "SRM", "region", "SRM")
        nhs = _org(s, "Nämnden för hälsa och sjukvård", "NHS", "namnd", None, srm)
        _org(s, "Hälso- och sjukvårdsförvaltningen", "HSF", "forvaltning", None, nhs)
        vma = _org(s, "Region Västmanland", "VMA", "region", "VMA")
        hsn = _org(s, "Hälso- och sjukvårdsnämnden", "HSN", "namnd", None, vma)
        a = _supplier(s, "Alfa Medicin AB", A)
        b = _supplier(s, "Beta Kontor AB", B)
        _supplier(s, "Gamma Konsult AB", C)
        _contract(s, "K1", a, "SRM", date(2026, 1, 1), date(2026, 6, 30), "33100000-1")
        _contract(s, "K2", b, "BADA", date(2025, 1, 1), date(2027, 12, 31), "90910000-9")
    return World(nhs, hsn)


ROWS = (
    ("2026-03-01", "HSF", A, "Alfa Medicin AB", "100 000", "4560"),  # SRM, K1 in force: on
    ("2026-08-01", "SRM-HSF", A, "Alfa Medicin AB", "50 000", "4560"),  # K1 has ended: off
    ("2026-03-01", "HSN", A, "Alfa Medicin AB", "40 000", "4560"),  # VMA, K1 only SRM: off
    ("2026-04-01", "NHS", B, "Beta Kontor AB", "30 000", "6110"),  # K2 both regions: on
    ("2026-04-01", "Hälso- och sjukvårdsnämnden", B, "Beta Kontor AB", "20 000,00", "6110"),
    ("2026-05-01", "HSN", C.replace("-", ""), "Gamma Konsult AB", "800 000", "6420"),  # off
    ("2026-05-02", "Okänd enhet", C, "Gamma Konsult AB", "10 000", "6420"),  # unmapped, off
    ("2026-05-03", "Okänd enhet", B, "Beta Kontor AB", "5 000", "6110"),  # unmapped, K2: on
)


def csv_file(rows: tuple[tuple[str, ...], ...] = ROWS, headers: str = HEADERS) -> bytes:
    """The rows as a semicolon CSV, as Excel saves it."""
    lines = [headers, *(";".join(r) for r in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
