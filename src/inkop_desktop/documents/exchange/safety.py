"""Refuse hostile spreadsheets before a parser sees them: zip bombs, XML entities, huge files."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO

from inkop_desktop.domain.errors import DomainError

MB = 1024 * 1024


class SpreadsheetError(DomainError):
    """A file that cannot be read as a spreadsheet (wrong format, damaged, too large)."""

    message_id = "spreadsheet.unreadable"


class HostileSpreadsheetError(SpreadsheetError):
    """A file refused because it looks like an attack (zip bomb, XML entities, …)."""

    message_id = "spreadsheet.hostile"


@dataclass(frozen=True)
class Limits:
    """How much a spreadsheet may contain before it is refused."""

    max_file_bytes: int = 100 * MB
    max_uncompressed_bytes: int = 400 * MB
    max_ratio: int = 100
    ratio_grace_bytes: int = 100 * 1024
    max_members: int = 1000
    max_columns: int = 200
    max_rows: int = 200_000


_XML_SUFFIXES = (".xml", ".rels", ".vml")
_PROLOG_BYTES = 64 * 1024
_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SAFE_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
_FOREIGN_STARTS = (b"\xfe\xff", b"\xff\xfe", b"\x4c\x6f\xa7\x94")  # UTF-16 BOMs, EBCDIC "<?xm"
_ROOT = re.compile(rb"<[A-Za-z_]")


def check_size(data: bytes, limits: Limits) -> None:
    """Refuse files larger than the limit before anything else is done."""
    if len(data) > limits.max_file_bytes:
        raise SpreadsheetError(
            f"Filen är för stor ({len(data) // MB} MB); högst {limits.max_file_bytes // MB} MB "
            "kan läsas in."
        )


def check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse zip bombs by the declared sizes and ratios, and XML with DTDs or odd encodings."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise HostileSpreadsheetError(
            f"Filen innehåller {len(members)} delar, vilket är orimligt många för en Excel-fil. "
            "Den läses inte in."
        )
    total = 0
    for info in members:
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise HostileSpreadsheetError(_bomb_text())
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_grace_bytes and ratio > limits.max_ratio:
            raise HostileSpreadsheetError(_bomb_text())
    for info in members:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            with archive.open(info) as part:
                check_xml_prolog(part, info.filename)


def _bomb_text() -> str:
    """The message for a zip bomb."""
    return (
        "Filen packas upp till orimligt mycket data (misstänkt zip-bomb) och läses inte in. "
        "Spara om den i Excel och försök igen."
    )


def check_xml_prolog(part: IO[bytes], name: str) -> None:
    """Refuse an XML part whose prolog declares a DTD or entities, or is not UTF-8."""
    head = part.read(_PROLOG_BYTES)
    if head.startswith(_FOREIGN_STARTS) or b"\x00" in head[:4]:
        raise HostileSpreadsheetError(_xml_text(name, "har en teckenkodning som inte är UTF-8"))
    declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in _SAFE_ENCODINGS:
        raise HostileSpreadsheetError(_xml_text(name, "har en teckenkodning som inte är UTF-8"))
    root = _ROOT.search(head)
    prolog = head if root is None else head[: root.start()]
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise HostileSpreadsheetError(
            _xml_text(name, "innehåller en DTD med entiteter (XML-attack)")
        )
    if root is None and len(head) >= _PROLOG_BYTES:
        raise HostileSpreadsheetError(_xml_text(name, "har en orimligt lång inledning"))


def _xml_text(name: str, what: str) -> str:
    """The message for a refused XML part."""
    return f"Filen läses inte in: delen {name} {what}. Excel skapar aldrig sådana filer."


def require_defused_parser() -> None:
    """Refuse to read xlsx if openpyxl would parse XML without defusedxml."""
    import openpyxl

    if openpyxl.DEFUSEDXML is not True:
        raise SpreadsheetError(
            "Excel-filer kan inte läsas säkert: paketet defusedxml saknas eller är avstängt "
            "(OPENPYXL_DEFUSEDXML). Kontakta systemförvaltaren."
        )
