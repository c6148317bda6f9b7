"""The decision's signature block, drawn for the way it is signed (PAdES, paper or preview)."""

from __future__ import annotations

from typing import Any

from inkop_desktop.documents.direct_award.doc import AwardDocument
from inkop_desktop.documents.pdf_base import FONT, para
from inkop_desktop.domain.direct_award.status import SignatureMethod

SIGNATURE_BOX_MM = (80, 24)
PADES_NOTE = (
    "Beslutet är undertecknat med en avancerad elektronisk signatur (PAdES) i rutan ovan; "
    "signaturen gäller hela dokumentet och kan kontrolleras i programmet."
)
PREVIEW_NOTE = (
    "Förhandsvisning: beslutet signeras digitalt i rutan eller skrivs under för hand "
    "på raderna ovan."
)


def _signature_box(width: float, height: float, where: list[Any], *, ruled: bool) -> Any:
    """The signature area (ruled for a pen) that records where it landed for PAdES."""
    from reportlab.platypus import Flowable

    class SignatureBox(Flowable):  # type: ignore[misc]
        """Where the decision maker signs."""

        def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
            return width, height

        def draw(self) -> None:
            if ruled:
                self.canv.setLineWidth(0.6)
                self.canv.line(0, 2, width, 2)
            x, y = self.canv.absolutePosition(0, 0)
            page = self.canv.getPageNumber() - 1
            where.append((page, (int(x), int(y), int(x + width), int(y + height))))

    return SignatureBox()


def _rows(doc: AwardDocument, box: Any) -> list[list[Any]]:
    """Box, name and – for a pen – the lines for place and date."""
    name = para(f"Namnförtydligande: {doc.decision_maker}")
    if doc.signature_method is SignatureMethod.PADES:
        return [[box, name], [para("Elektronisk underskrift", "small"), para("")]]
    return [
        [box, name],
        [para("Underskrift", "small"), para("Ort och datum: ______________________")],
    ]


def signature_block(doc: AwardDocument, where: list[Any]) -> Any:
    """The block for *doc*'s way of signing, kept together on one page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Table, TableStyle

    pen = doc.signature_method is not SignatureMethod.PADES
    width, height = SIGNATURE_BOX_MM
    box = _signature_box(width * mm, height * mm, where, ruled=pen)
    table = Table(_rows(doc, box), colWidths=[90 * mm, 80 * mm])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
    )
    story = [para("Underskrift", "h2"), table]
    if doc.signature_method is SignatureMethod.PADES:
        story.append(para(PADES_NOTE, "small"))
    elif doc.signature_method is None:
        story.append(para(PREVIEW_NOTE, "small"))
    return KeepTogether(story)
