"""The PDF of a follow-up (avtalsuppföljning) for the file and for internal control.

Everything a user typed goes through ``pdf_base.para``/``esc`` (escaped); only program text is
written as markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inkop_desktop.documents.followup.doc import DocFollowup, DocResult
from inkop_desktop.documents.local_time import zoned
from inkop_desktop.documents.pdf_base import (
    PageInfo,
    build_pdf,
    esc,
    field_table,
    grid_table,
    markup,
    para,
    paragraphs,
)

DRAFT_NOTE = "UTKAST – uppföljningen är inte slutförd och inte signerad."


def _when(value: Any) -> str:
    """``2026-12-01 15:30 CET``: a stored (UTC) stamp in Swedish local time."""
    return zoned(value) if value else "–"


def _head(d: DocFollowup) -> list[Any]:
    """The field table about the contract and the occasion."""
    rows: list[tuple[str, object]] = [
        ("Avtal", f"{d.contract_number} – {d.contract_title}"),
        ("Leverantör", ", ".join(d.suppliers) or "–"),
        ("Status", d.status),
        ("Planerad till", d.due_on.isoformat()),
        ("Genomförd", d.performed_on.isoformat() if d.performed_on else "–"),
        ("Genomförd av", d.performed_by or "–"),
        ("Checklistor", d.templates or "–"),
    ]
    return field_table(rows)


def _counts(d: DocFollowup) -> Any:
    """One line: how many points were OK, deviating, not applicable."""
    outcomes = [r.outcome for r in d.results]
    deviations = [r for r in d.results if r.outcome == "Avvikelse"]
    serious = sum(1 for r in deviations if r.serious)
    return para(
        f"{len(outcomes)} kontrollpunkter: {outcomes.count('Uppfyllt')} uppfyllda, "
        f"{len(deviations)} avvikelser (varav {serious} allvarliga), "
        f"{outcomes.count('Ej tillämplig')} ej tillämpliga, "
        f"{outcomes.count('Ej bedömd')} ej bedömda."
    )


def _checklist(d: DocFollowup) -> list[Any]:
    """The checklist as a ruled table."""
    rows = [
        [
            str(r.ordinal),
            f"{r.category}\n{r.text}" + ("\n(allvarlig vid avvikelse)" if r.serious else ""),
            r.outcome,
            _comment(r),
        ]
        for r in d.results
    ]
    header = ["Nr", "Kontrollpunkt", "Bedömning", "Kommentar och underlag"]
    return [para("Kontrollpunkter", "h2"), *grid_table(header, rows, [10, 80, 25, 55])]


def _comment(r: DocResult) -> str:
    """Comment, expected evidence and the files attached."""
    parts = [r.comment] if r.comment else []
    if r.evidence:
        parts.append("Underlag: " + ", ".join(r.evidence))
    elif r.evidence_expected and r.outcome != "Ej tillämplig":
        parts.append("Förväntat underlag: " + r.evidence_expected)
    return "\n".join(parts)


def _actions(d: DocFollowup) -> list[Any]:
    """Åtgärder on the deviations."""
    rows = [
        [str(r.ordinal), a.description, a.owner, a.due_on.isoformat(), a.sanction, a.state]
        for r in d.results
        for a in r.actions
    ]
    heading = para("Åtgärder på avvikelser", "h2")
    if not rows:
        return [heading, para("Inga åtgärder.")]
    header = ["Punkt", "Åtgärd", "Ansvarig", "Senast", "Sanktion", "Status"]
    return [heading, *grid_table(header, rows, [12, 60, 30, 22, 22, 24])]


def _signature(d: DocFollowup) -> list[Any]:
    """The signature statement, or the draft note."""
    if d.signed_by is None:
        return [para(DRAFT_NOTE, "secret")]
    return [
        para("Signering", "h2"),
        markup(
            f"Slutförd och signerad elektroniskt i inkop-desktop av <b>{esc(d.signed_by)}</b> "
            f"{esc(_when(d.signed_at))}. Uppföljningen kan inte ändras i efterhand."
        ),
    ]


def followup_pdf(d: DocFollowup, made_on: date) -> bytes:
    """Avtalsuppföljning: the contract, the checklist with assessments, actions and signature."""
    draft = d.signed_by is None
    info = PageInfo(d.organisation, "Avtalsuppföljning", d.contract_number, made_on, draft)
    story: list[Any] = [para("Avtalsuppföljning", "title")]
    if d.signed_by is None:
        story.append(para(DRAFT_NOTE, "secret"))
    story += [*_head(d), _counts(d)]
    if d.summary:
        story += [para("Sammanfattning", "h2"), *paragraphs(d.summary)]
    story += [*_checklist(d), *_actions(d), *_signature(d)]
    return build_pdf(info, story)
