"""Attachments: size limit, checksum and safe file names."""

from __future__ import annotations

import hashlib
import mimetypes
import re

from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.input_types import checked_text

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
"""Larger files belong in the diarium, not in the database."""

_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\ud800-\udfff]')


def format_size(size: int) -> str:
    """``12 kB`` or ``63,2 MB`` (Swedish decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB" if size else "0 kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def check_size(size: int) -> None:
    """Refuse files over the limit with a Swedish message."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Filen är {format_size(size)}. En bilaga får vara högst "
            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB; lägg större filer i diariet.",
            field="attachment",
        )


def sha256_hex(content: bytes) -> str:
    """The sha256 checksum of *content* in hex."""
    return hashlib.sha256(content).hexdigest()


def verify(content: bytes, expected: str, filename: str) -> bytes:
    """Return *content* if it matches its stored checksum, else raise a Swedish error."""
    if sha256_hex(content) != expected:
        raise DomainError(
            f"Bilagan ”{filename}” är skadad: kontrollsumman stämmer inte med den sparade.",
            message_id="attachment.corrupt",
        )
    return content


def safe_filename(name: str) -> str:
    """The last path component without characters Windows refuses; never empty."""
    base = re.split(r"[\\/]", name.strip())[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    if not cleaned:
        raise ValidationError("Bilagan saknar filnamn.", field="attachment")
    return cleaned[-300:] if len(cleaned) > 300 else cleaned


def checked_description(text: str) -> str:
    """An attachment's description, refused when it holds characters that cannot be stored."""
    return checked_text(text, "Beskrivning", 2000)


def media_type(filename: str) -> str:
    """The media type guessed from the file name (``application/octet-stream`` if unknown)."""
    guessed, _encoding = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"
