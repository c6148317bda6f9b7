"""Upphandlingsplanen as a printable PDF (A4 landscape): DTO rows in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from inkop_desktop.documents.pdf_base import PageInfo, build_pdf, grid_table, para
from inkop_desktop.domain.money import format_kronor

HEADER = (
    "Nr",
    "Upphandling",
    "Status",
    "År",
    "Region",
    "CPV",
    "Beräknat värde",
    "Förfarande",
    "Ansvarig",
    "Avtalsstart",
)
WIDTHS = (25, 50, 21, 13, 24, 23, 26, 31, 25, 24)


@dataclass(frozen=True)
class PlanPrintRow:
    """One plan item as printed (texts already in Swedish)."""

    reference: str
    title: str
    status: str
    year: int
    region: str
    cpv: str
    value_ore: int
    procedure: str
    responsible: str
    contract_start: date | None


def plan_pdf(rows: Sequence[PlanPrintRow], *, filter_text: str, made_on: date) -> bytes:
    """The filtered plan with a total; user text is escaped by the table helpers."""
    cells = [
        [
            r.reference,
            r.title,
            r.status,
            str(r.year),
            r.region,
            r.cpv,
            format_kronor(r.value_ore),
            r.procedure,
            r.responsible,
            r.contract_start.isoformat() if r.contract_start else "",
        ]
        for r in rows
    ]
    total = sum(r.value_ore for r in rows)
    story = [
        para("Upphandlingsplan", "title"),
        para(f"Urval: {filter_text or 'alla planposter'}. Utskriven {made_on.isoformat()}."),
        para(
            f"{len(rows)} planposter, sammanlagt beräknat värde {format_kronor(total)} exkl. moms."
        ),
        *grid_table(HEADER, cells, WIDTHS),
    ]
    info = PageInfo(
        "Region Sörmland och Region Västmanland – Inköpsverksamheten",
        "Upphandlingsplan",
        f"{len(rows)} poster",
        made_on,
    )
    return build_pdf(info, story, landscape=True)
