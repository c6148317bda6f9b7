"""Avstegsrapport per period, region and nämnd as PDF/A (reportlab; typed text escaped)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from inkop_desktop.documents.pdf_base import PageInfo, build_pdf, grid_table, para


@dataclass(frozen=True)
class ReportHead:
    """What the report covers."""

    organisation: str
    first: date | None
    last: date | None
    region: str
    namnd: str
    only_open: bool


@dataclass(frozen=True)
class ReportEntry:
    """One deviation as the report lists it."""

    reported_on: date
    rule_name: str
    source: str
    record: str
    namnd: str
    reason: str
    handling: str
    state: str


def _period(head: ReportHead) -> str:
    """``2026-01-01 – 2026-12-31`` (an open end as "–")."""
    first = head.first.isoformat() if head.first else "…"
    last = head.last.isoformat() if head.last else "…"
    return f"{first} – {last}"


def _summary(entries: list[ReportEntry]) -> list[Any]:
    """How many of each rule, and how many are still open."""
    if not entries:
        return [para("Inga avsteg under perioden.")]
    per_rule = Counter(e.rule_name for e in entries)
    rows = [[name, str(n)] for name, n in sorted(per_rule.items(), key=lambda kv: -kv[1])]
    still = sum(1 for e in entries if e.state != "Stängt")
    return [
        para(f"{len(entries)} avsteg, varav {still} öppna.", "body"),
        *grid_table(["Avsteg", "Antal"], rows, [140, 30]),
    ]


NO_NAMND = "Ingen nämnd angiven"
HEADER = ["Datum", "Avsteg", "Gäller", "Motivering", "Hantering", "Status"]
WIDTHS = [20, 42, 26, 78, 80, 24]


def by_namnd(entries: list[ReportEntry]) -> list[tuple[str, list[ReportEntry]]]:
    """The entries per nämnd, by name; those without a nämnd last."""
    groups: dict[str, list[ReportEntry]] = {}
    for e in entries:
        groups.setdefault(e.namnd or NO_NAMND, []).append(e)
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_NAMND, kv[0]))


def _group(namnd: str, entries: list[ReportEntry]) -> list[Any]:
    """A heading naming the nämnd and its count, then its entries."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak

    rows = [
        [e.reported_on.isoformat(), e.rule_name, e.record or "–", e.reason, e.handling or "–",
         e.state]
        for e in entries
    ]  # fmt: skip
    return [
        CondPageBreak(60 * mm),
        para(f"{namnd} ({len(entries)} avsteg)", "h2"),
        *grid_table(HEADER, rows, WIDTHS),
    ]


def avsteg_report_pdf(head: ReportHead, entries: list[ReportEntry], made_on: date) -> bytes:
    """The avstegsrapport: scope, summary per rule, then the entries per nämnd with handling."""
    scope = f"{head.region}; {head.namnd}; {'öppna' if head.only_open else 'alla'}"
    info = PageInfo(head.organisation, "Avstegsrapport", _period(head), made_on)
    story: list[Any] = [
        para("Avstegsrapport", "title"),
        para(f"Period {_period(head)}. Urval: {scope}. Upprättad {made_on.isoformat()}."),
        para("Sammanställning", "h2"),
        *_summary(entries),
    ]
    for namnd, group in by_namnd(entries):
        story += _group(namnd, group)
    return build_pdf(info, story, landscape=True)
