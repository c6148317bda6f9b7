"""The follow-up PDF shows the checklist, deviations, actions and who signed; text is escaped."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from inkop_desktop.documents.followup import DocAction, DocFollowup, DocResult
from inkop_desktop.documents.followup.pdf import DRAFT_NOTE, followup_pdf

DAY = date(2026, 12, 1)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _doc(signed: bool, comment: str = "Skuld 84 000 kr") -> DocFollowup:
    action = DocAction("Begär avbetalningsplan", "Karin Öberg", DAY, "Reklamation", "Öppen")
    results = (
        DocResult(1, "Skatter och avgifter", "Skulder hos Kronofogden", "Besked från KFM",
                  True, "Avvikelse", comment, ("kfm.pdf (sha256 ab12…)",), (action,)),
        DocResult(2, "Leveransprecision", "Leveranser i tid", "Statistik", False, "Uppfyllt",
                  "", (), ()),
    )  # fmt: skip
    return DocFollowup(
        organisation="Inköpsverksamheten, Region Sörmland", contract_number="SRM-2026-0001",
        contract_title="Städtjänster", suppliers=("Städ & Service AB",),
        status="Slutförd" if signed else "Utkast", due_on=DAY, performed_on=DAY,
        performed_by="Karin Öberg", signed_by="Karin Öberg" if signed else None,
        signed_at=datetime(2026, 12, 1, 14, 5, tzinfo=UTC) if signed else None,
        summary="Möte med leverantören.", templates="Skatter och avgifter (version 1)",
        results=results,
    )  # fmt: skip


def test_a_signed_follow_up_names_the_signer_deviation_and_action() -> None:
    text = _text(followup_pdf(_doc(signed=True), DAY))
    assert "Avtalsuppföljning" in text and "SRM-2026-0001 – Städtjänster" in text
    assert "2 kontrollpunkter: 1 uppfyllda, 1 avvikelser (varav 1 allvarliga)" in text
    assert "Begär avbetalningsplan" in text and "Reklamation" in text
    assert "Underlag: kfm.pdf" in text
    assert "signerad elektroniskt i inkop-desktop av Karin Öberg 2026-12-01 15:05 CET" in text
    assert DRAFT_NOTE not in text


def test_a_draft_is_marked_and_typed_markup_is_printed_as_text() -> None:
    text = _text(followup_pdf(_doc(signed=False, comment="<b>fet</b> & <i>"), DAY))
    assert DRAFT_NOTE in text
    assert "<b>fet</b> & <i>" in text
