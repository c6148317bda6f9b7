"""PDF/A-2b for reportlab output: XMP metadata matching the Info dictionary and an sRGB intent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from inkop_desktop.paths import resource

PART, CONFORMANCE = 2, "B"
CREATOR = "Inköp (inkop-desktop)"
PRODUCER = "ReportLab PDF Library (inkop-desktop)"
LANGUAGE = "sv-SE"
INTENT = "sRGB IEC61966-2.1"


@dataclass(frozen=True)
class Archival:
    """What the metadata says about one document; *created* is timezone-aware."""

    title: str
    author: str
    subject: str
    keywords: str
    created: datetime


@cache
def srgb_profile() -> bytes:
    """The shipped sRGB ICC profile (resources/color, see its README)."""
    return resource("color", "sRGB.icc").read_bytes()


def _pdf_date(moment: datetime) -> str:
    """``D:20261201140300+01'00'`` for the Info dictionary."""
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def _xmp_date(moment: datetime) -> str:
    """``2026-12-01T14:03:00+01:00`` for XMP."""
    return moment.isoformat(timespec="seconds")


def _alt(text: str) -> str:
    """An XMP language alternative with one default entry."""
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


def xmp_packet(meta: Archival) -> bytes:
    """The XMP packet: PDF/A identification, Dublin Core, dates and tools as in Info."""
    when = _xmp_date(meta.created)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>{PART}</pdfaid:part>
<pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title>{_alt(meta.title)}</dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description>{_alt(meta.subject)}</dc:description>
<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
<pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>
<xmp:CreatorTool>{escape(CREATOR)}</xmp:CreatorTool>
<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def _metadata_stream(packet: bytes) -> Any:
    """An unfiltered /Metadata stream (PDF/A wants the XMP readable as it is)."""
    from reportlab.pdfbase.pdfdoc import PDFObject

    class MetadataStream(PDFObject):  # type: ignore[misc]
        """The XMP packet as an uncompressed stream object."""

        __RefOnly__ = 1

        def format(self, _document: Any) -> bytes:
            head = f"<< /Length {len(packet)} /Subtype /XML /Type /Metadata >>"
            return head.encode("ascii") + b"\nstream\n" + packet + b"\nendstream\n"

    return MetadataStream()


def _output_intents(document: Any) -> Any:
    """``[<< /S /GTS_PDFA1 /DestOutputProfile sRGB … >>]``."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(INTENT),
            "Info": PDFString(INTENT),
            "DestOutputProfile": document.Reference(profile),
        }
    )
    return PDFArray([intent])


def make_archival(canvas: Any, meta: Archival) -> None:
    """Give *canvas*'s document the Info entries, XMP and output intent of PDF/A-2b."""
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(meta.keywords)
    canvas.setCreator(CREATOR)
    canvas.setProducer(PRODUCER)
    stamp = _pdf_date(meta.created)
    canvas.setDateFormatter(lambda *_parts: stamp)
    document = canvas._doc
    catalog = document.Catalog
    catalog.Metadata = _metadata_stream(xmp_packet(meta))
    catalog.OutputIntents = _output_intents(document)
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
