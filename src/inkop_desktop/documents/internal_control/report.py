"""Internkontrollrapport per nämnd as PDF/A (reportlab; every typed text escaped)."""

from __future__ import annotations

from typing import Any

from inkop_desktop.documents.internal_control.model import (
    DONE,
    DUE,
    OVERDUE,
    Compliance,
    InternalControl,
)
from inkop_desktop.documents.pdf_base import PageInfo, build_pdf, field_table, grid_table, para
from inkop_desktop.domain.money import Money

TITLE = "Internkontrollrapport"


def kr(ore: int) -> str:
    """``1 234 567 kr``."""
    return Money(ore).format()


def period(report: InternalControl) -> str:
    """``2026-01-01 – 2026-12-31``."""
    return f"{report.first.isoformat()} – {report.last.isoformat()}"


def _share(c: Compliance | None) -> str:
    """The avtalstrohet key figure, or why there is none."""
    if c is None:
        return "Ingen reskontra inläst för perioden"
    return f"{c.percent} % ({kr(c.on_contract_ore)} av {kr(c.total_ore)} på avtal)"


def _summary(r: InternalControl) -> list[Any]:
    """The key figures first."""
    over = sum(1 for a in r.awards if a.over_limit)
    rows = [
        ("Direktupphandlingar", f"{len(r.awards)} st, {kr(r.awards_ore)}; "
                                f"{over} där samma slag når direktupphandlingsgränsen"),
        ("Gällande avtal", f"{len(r.contracts)} st, varav {r.without_plan} utan uppföljningsplan"),
        ("Avtalsuppföljning", f"{r.followup_count(DONE)} genomförda, {r.followup_count(DUE)} "
                              f"planerade, {r.followup_count(OVERDUE)} försenade"),
        ("Avtalstrohet", _share(r.compliance)),
        ("Avsteg", f"{len(r.avsteg)} st, varav {r.open_avsteg} öppna"),
    ]  # fmt: skip
    return [para("Sammanfattning", "h2"), *field_table(rows, (45, 200))]


def _section(title: str, header: list[str], rows: list[list[object]], widths: list[float],
             empty: str) -> list[Any]:  # fmt: skip
    """A heading and its table, or the sentence saying there is nothing."""
    body = grid_table(header, rows, widths) if rows else [para(empty)]
    return [para(title, "h2"), *body]


def _awards(r: InternalControl) -> list[Any]:
    """Direct awards with the same-kind total against the limit on the decision date."""
    rows: list[list[object]] = [
        [a.number, a.decided_on.isoformat(), a.subject, kr(a.value_ore), a.supplier or "–",
         a.decided_by or "–",
         f"{kr(a.same_kind_ore)} av {kr(a.limit_ore)}" + (" – når gränsen" if a.over_limit else "")]
        for a in r.awards
    ]  # fmt: skip
    header = ["Nummer", "Beslut", "Föremål", "Värde", "Leverantör", "Beslutat av",
              "Samma slag mot gränsen"]  # fmt: skip
    return _section("Direktupphandlingar", header, rows, [30, 20, 60, 25, 40, 35, 57],
                    "Inga direktupphandlingar under perioden.")  # fmt: skip


def _contracts(r: InternalControl) -> list[Any]:
    """Contracts in force with their responsible people and whether follow-up is planned."""
    rows: list[list[object]] = [
        [c.number, c.title, c.supplier or "–", c.end_date.isoformat(), c.owner or "–",
         c.handlaggare or "–", "Ja" if c.has_plan else "Nej"]
        for c in r.contracts
    ]  # fmt: skip
    header = ["Nummer", "Avtal", "Leverantör", "Slutdatum", "Avtalsägare", "Handläggare",
              "Uppföljningsplan"]  # fmt: skip
    return _section("Gällande avtal", header, rows, [28, 70, 45, 20, 37, 37, 30],
                    "Inga avtal gällde under perioden.")  # fmt: skip


def _followups(r: InternalControl) -> list[Any]:
    """Follow-ups done, planned and overdue."""
    rows: list[list[object]] = [
        [f.contract, f.due_on.isoformat(), f.state,
         f.performed_on.isoformat() if f.performed_on else "–"]
        for f in r.followups
    ]  # fmt: skip
    return _section("Avtalsuppföljning", ["Avtal", "Planerad", "Status", "Genomförd"], rows,
                    [117, 50, 50, 50], "Inga uppföljningar under perioden.")  # fmt: skip


def _compliance(r: InternalControl) -> list[Any]:
    """The share on contract and the largest suppliers paid outside contracts."""
    story = [para("Avtalstrohet", "h2"), para(f"Andel på avtal: {_share(r.compliance)}.")]
    if r.compliance and r.compliance.off_contract:
        rows: list[list[object]] = [
            [o.name, o.orgnr, kr(o.amount_ore)] for o in r.compliance.off_contract
        ]
        story += [
            para("Största leverantörer utan avtal", "long_label"),
            *grid_table(["Leverantör", "Orgnr", "Belopp utan avtal"], rows, [157, 50, 60]),
        ]
    return story


def _avsteg(r: InternalControl) -> list[Any]:
    """Avsteg per rule (open, closed) and each entry."""
    counts: list[list[object]] = [[c.rule_name, str(c.open), str(c.closed)] for c in r.avsteg_rules]
    story = _section("Avsteg", ["Regel", "Öppna", "Stängda"], counts, [187, 40, 40],
                     "Inga avsteg under perioden.")  # fmt: skip
    if r.avsteg:
        rows: list[list[object]] = [
            [a.reported_on.isoformat(), a.rule_name, a.record or "–", a.reason, a.state]
            for a in r.avsteg
        ]
        story += [para("Avsteg under perioden", "long_label")]
        story += grid_table(["Datum", "Avsteg", "Gäller", "Motivering", "Status"], rows,
                            [22, 55, 30, 120, 40])  # fmt: skip
    return story


def internal_control_pdf(r: InternalControl) -> bytes:
    """The report: scope, key figures, then one section per kind of record."""
    info = PageInfo(r.organisation, f"{TITLE} {r.namnd}", period(r), r.made_on)
    story: list[Any] = [
        para(f"{TITLE} – {r.namnd}", "title"),
        para(f"Period {period(r)}. Upprättad {r.made_on.isoformat()}."),
        *_summary(r),
        *_awards(r),
        *_contracts(r),
        *_followups(r),
        *_compliance(r),
        *_avsteg(r),
    ]
    return build_pdf(info, story, landscape=True)
