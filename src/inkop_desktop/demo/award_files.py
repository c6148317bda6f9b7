"""The stored files of a signed demo direct award, made as sign_on_paper makes them.

Each signed demo decision gets what the services store when a decision is signed on paper: the
documentation, the decision listing its checksum (with the signing day and its reason) and the
scanned, hand-signed copy, so "Dokumentation (PDF)…", "Beslut (PDF)…", "Kontrollera signatur"
and ``inkop direktupphandling pdf`` open the record's own files.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from inkop_desktop.db.tables import DirectAward, Person
from inkop_desktop.demo.base import Demo
from inkop_desktop.documents.direct_award.pdf import documentation_pdf, render_decision
from inkop_desktop.domain.attachments import sha256_hex
from inkop_desktop.domain.direct_award.status import SignatureMethod
from inkop_desktop.domain.reference import ReferenceTable, load_reference_file
from inkop_desktop.paths import resource
from inkop_desktop.services.direct_award import docs, store
from inkop_desktop.services.direct_award.signing import DOC_PREFIX

SEAT = {"SRM": "Nyköping", "VMA": "Västerås", "BADA": "Nyköping"}
"""Where each region's decisions are signed (the regions' seats)."""


def store_signed_files(demo: Demo, awards: list[DirectAward]) -> None:
    """Store documentation, decision and scan of every award in *awards* (still "klar")."""
    table = ReferenceTable(load_reference_file(resource("data", "reference.json")))
    for award in awards:
        _store(demo, award, table)
    demo.flush()


def _store(demo: Demo, award: DirectAward, table: ReferenceTable) -> None:
    """The three files of one decision and the checksums the record keeps of them."""
    s = demo.session
    assert award.signed_at is not None
    signed_on = award.signed_at.date()
    dnr = award.diarienummer
    content = documentation_pdf(docs.build(s, award, table, signed_on=signed_on))
    documentation = store.store_file(
        s, award.id, f"{DOC_PREFIX}{dnr}.pdf", content, "Dokumentation av direktupphandling"
    )
    listed = docs.stored_attachments(s, award.id)
    decision_doc = docs.build(s, award, table, listed, signed_on=signed_on)
    rendered = render_decision(replace(decision_doc, signature_method=SignatureMethod.PAPPER))
    decision = store.store_file(
        s, award.id, f"{docs.DECISION_PREFIX}{dnr}.pdf", rendered.content, "Beslut"
    )
    maker = s.get(Person, award.decision_maker_id)
    place = SEAT[award.region]
    scan = scanned_copy(dnr, maker.name if maker else "", f"{place} {signed_on.isoformat()}")
    store.store_file(
        s,
        award.id,
        f"Underskrivet beslut {dnr} (skannat).pdf",
        scan,
        f"Skannad kopia, originalfil skanning-{store.file_name(dnr)}.pdf",
    )
    _checksums(award, documentation.sha256, decision.sha256, sha256_hex(scan))


def _checksums(award: Any, documentation: str, decision: str, signed: str) -> None:
    """What _seal records: the documentation, the decision and the signed (scanned) copy."""
    award.documentation_sha256 = documentation
    award.decision_sha256 = decision
    award.signed_pdf_sha256 = signed


def scanned_copy(diarienummer: str, signer: str, place_and_day: str) -> bytes:
    """A one-page PDF standing for the scan of the printed decision signed by hand."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=True)
    page.setTitle(f"Underskrivet beslut {diarienummer}")
    page.setFont("Helvetica-Bold", 14)
    page.drawString(72, 770, f"Beslut om direktupphandling {diarienummer}")
    page.setFont("Helvetica", 11)
    page.drawString(72, 740, "Skannad kopia av det utskrivna beslutet, underskrivet för hand.")
    page.drawString(72, 200, f"Ort och datum: {place_and_day}")
    page.setFont("Times-Italic", 20)
    page.drawString(72, 150, signer)
    page.setFont("Helvetica", 10)
    page.line(72, 145, 300, 145)
    page.drawString(72, 132, f"Namnförtydligande: {signer}")
    page.showPage()
    page.save()
    return out.getvalue()
