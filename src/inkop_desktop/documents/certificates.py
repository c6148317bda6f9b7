"""X.509 certificates as the administrator sees them: read a .pem/.cer/.crt, show, compare."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inkop_desktop.domain.errors import DomainError

MAX_CERTIFICATE_BYTES = 64 * 1024


class CertificateFileError(DomainError):
    """The file is not one X.509 certificate."""

    message_id = "certificate.unreadable"


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate says about itself, and its bytes (DER)."""

    common_name: str
    subject: str
    issuer: str
    not_before: datetime
    not_after: datetime
    fingerprint: str
    is_ca: bool
    der: bytes

    @property
    def self_signed(self) -> bool:
        """The certificate names itself as its issuer (a root)."""
        return self.subject == self.issuer

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) lines for the dialog that asks before the certificate is trusted."""
        return [
            ("Innehavare (subject)", self.subject),
            ("Utfärdare (issuer)", self.issuer + (" (självsignerat)" if self.self_signed else "")),
            ("Giltigt", f"{local_text(self.not_before)} – {local_text(self.not_after)}"),
            ("Fingeravtryck (SHA-256)", grouped(self.fingerprint)),
            ("Certifikatutfärdare (CA)", "ja" if self.is_ca else "nej"),
        ]


def grouped(fingerprint: str) -> str:
    """``AB:CD:…`` the way certificate viewers print a fingerprint."""
    upper = fingerprint.upper()
    return ":".join(upper[i : i + 2] for i in range(0, len(upper), 2))


def local_text(moment: datetime) -> str:
    """*moment* in Swedish local time with its zone: ``2026-12-01 20:05:13 CET``."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    try:
        local = aware.astimezone(ZoneInfo("Europe/Stockholm"))
    except ZoneInfoNotFoundError:
        local = aware.astimezone(UTC)
    return local.strftime("%Y-%m-%d %H:%M:%S %Z")


def _distinguished(name: Any) -> str:
    """An X.509 name as ``CN=Region Sörmland CA, O=Region Sörmland`` (most specific first)."""
    return ", ".join(a.rfc4514_string() for a in name)


def read_certificate(data: bytes) -> CertificateInfo:
    """One certificate from PEM or DER bytes; anything else is refused in Swedish."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import NameOID

    if not data or len(data) > MAX_CERTIFICATE_BYTES:
        raise CertificateFileError("Filen är tom eller för stor för att vara ett certifikat.")
    try:
        cert = (
            x509.load_pem_x509_certificate(data)
            if data.lstrip().startswith(b"-----BEGIN")
            else x509.load_der_x509_certificate(data)
        )
    except ValueError as exc:
        raise CertificateFileError(
            "Filen är inget certifikat. Välj utfärdarens certifikat som .pem, .cer eller .crt "
            "(PEM eller DER)."
        ) from exc
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    try:
        is_ca = bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        is_ca = False
    der = cert.public_bytes(Encoding.DER)
    return CertificateInfo(
        common_name=str(names[0].value) if names else "",
        subject=_distinguished(cert.subject),
        issuer=_distinguished(cert.issuer),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint=hashlib.sha256(der).hexdigest(),
        is_ca=is_ca,
        der=der,
    )
