"""A scanned, hand-signed decision: it must open as a PDF with pages or as an image."""

from __future__ import annotations

import io

from inkop_desktop.domain.errors import DomainError

REFUSED = (
    "Den skannade kopian går inte att öppna som PDF eller bild (PNG, JPEG, TIFF). Skanna det "
    "underskrivna beslutet igen och bifoga den filen. Inget har sparats."
)
IMAGE_SUFFIXES = {"PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif", "BMP": ".bmp", "GIF": ".gif"}


class ScanError(DomainError):
    """The scan is neither a readable PDF nor a readable image."""

    message_id = "scan.unreadable"


def _pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF (pyHanko's reader), 0 when it does not open."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return int(reader.root["/Pages"]["/Count"])
    except Exception:  # any parse failure means: not a usable PDF
        return 0


def _image_format(data: bytes) -> str:
    """The image format Pillow decodes *data* as ("" when it does not)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return str(image.format or "")
    except Exception:  # Pillow raises several kinds for broken or foreign data
        return ""


def scan_suffix(data: bytes) -> str:
    """``.pdf`` or the image's suffix, after checking that *data* opens; else ScanError."""
    if data.lstrip()[:5] == b"%PDF-":
        if _pdf_pages(data) > 0:
            return ".pdf"
        raise ScanError(REFUSED)
    kind = _image_format(data)
    if kind in IMAGE_SUFFIXES:
        return IMAGE_SUFFIXES[kind]
    raise ScanError(REFUSED)
