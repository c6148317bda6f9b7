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


def avsteg_report_pdf(head: ReportHead, entries: list[ReportEntry], made_on: date) -> bytes:
    """The avstegsrapport: scope, summary per rule, and every entry with its handling."""
    scope = f"{head.region}; {head.namnd}; {'öppna' if head.only_open else 'alla'}"
    info = PageInfo(head.organisation, "Avstegsrapport", _period(head), made_on)
    story: list[Any] = [
        para("Avstegsrapport", "title"),
        para(f"Period {_period(head)}. Urval: {scope}. Upprättad {made_on.isoformat()}."),
        para("Sammanställning", "h2"),
        *_summary(entries),
    ]
    if entries:
        rows = [
            [e.reported_on.isoformat(), e.rule_name, e.record or "–", e.namnd or "–",
             e.reason, e.handling or "–", e.state]
            for e in entries
        ]  # fmt: skip
        header = ["Datum", "Avsteg", "Gäller", "Nämnd", "Motivering", "Hantering", "Status"]
        story += [para("Avsteg", "h2"), *grid_table(header, rows, [20, 38, 24, 36, 62, 52, 20])]
    return build_pdf(info, story, landscape=True)
