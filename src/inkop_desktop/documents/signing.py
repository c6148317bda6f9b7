"""PAdES signing with a PKCS#12 file and offline validation, with pyHanko (bytes in, bytes out).

Trust: there is no network and no national trust list here, so a signature is called valid
only when its certificate chains to one of the issuers the administrator has configured (the
region's CA, the e-legitimation issuers). The chain recorded at signing only helps to build the
path: a self-signed certificate, or one under an issuer nobody configured, is "inte betrodd",
never "Giltig".
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from inkop_desktop.documents.certificates import local_text
from inkop_desktop.domain.errors import DomainError

FIELD_NAME = "Beslutsfattare"


class SigningError(DomainError):
    """The certificate file could not be used."""

    message_id = "signing.failed"


@dataclass(frozen=True)
class SignerInfo:
    """The certificate used: who, and the chain to keep for later validation (PEM)."""

    subject: str
    chain_pem: bytes


@dataclass(frozen=True)
class SignRequest:
    """What to put in the signature and where."""

    page: int
    box: tuple[int, int, int, int]
    name: str
    reason: str
    location: str


def _load_signer(p12: bytes, passphrase: str) -> Any:
    """A pyHanko signer from PKCS#12 bytes; a wrong passphrase gives a Swedish error."""
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            p12, other_certs=[], passphrase=passphrase.encode()
        )
    except Exception as exc:  # pyHanko/cryptography raise several kinds
        raise SigningError(
            "Certifikatfilen kunde inte öppnas: fel lösenord eller inte en PKCS#12-fil (.p12/.pfx)."
        ) from exc
    if signer is None or signer.signing_cert is None:
        raise SigningError("Certifikatfilen innehåller ingen nyckel att signera med.")
    return signer


def signer_info(p12: bytes, passphrase: str) -> SignerInfo:
    """Subject and PEM chain of the certificate in a PKCS#12 file."""
    from asn1crypto import pem

    signer = _load_signer(p12, passphrase)
    certs = [signer.signing_cert, *signer.cert_registry]
    chain = b"".join(pem.armor("CERTIFICATE", c.dump()) for c in _unique(certs))
    return SignerInfo(subject=_name(signer.signing_cert), chain_pem=chain)


def _name(cert: Any) -> str:
    """The certificate's common name (or its whole subject)."""
    subject = cert.subject
    return str(subject.native.get("common_name") or subject.human_friendly)


def _unique(certs: Sequence[Any]) -> list[Any]:
    """Certificates without duplicates, in order."""
    seen: set[bytes] = set()
    out = []
    for cert in certs:
        if cert.dump() not in seen:
            seen.add(cert.dump())
            out.append(cert)
    return out


def sign_pdf(pdf: bytes, p12: bytes, passphrase: str, request: SignRequest) -> bytes:
    """Sign *pdf* (PAdES baseline) in a visible field over the signature line."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from inkop_desktop.documents.signature_stamp import (
        keep_metadata_in_step,
        stamp_params,
        stamp_style,
    )

    signer = _load_signer(p12, passphrase)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=request.page, box=request.box)
    fields.append_signature_field(writer, spec)
    keep_metadata_in_step(writer)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=request.reason,
        location=request.location,
        name=request.name,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style()).sign_pdf(
        writer, output=out, appearance_text_params=stamp_params()
    )
    return out.getvalue()


class Verdict(StrEnum):
    """The outcome of validating a signed PDF."""

    GILTIG = "giltig"
    OKAND_UTFARDARE = "okand_utfardare"
    ANDRAD = "andrad"
    SAKNAS = "saknas"

    @property
    def label(self) -> str:
        """Swedish explanation shown to the user."""
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.GILTIG: "Giltig signatur: dokumentet är oförändrat sedan signeringen och "
    "certifikatkedjan når en betrodd utfärdare.",
    Verdict.OKAND_UTFARDARE: "Inte betrodd: dokumentet är oförändrat sedan signeringen, men "
    "certifikatkedjan når ingen betrodd utfärdare, så signaturen visar inte vem som beslutade.",
    Verdict.ANDRAD: "Dokumentet har ändrats efter signeringen eller är skadat – signaturen "
    "gäller inte.",
    Verdict.SAKNAS: "Dokumentet innehåller ingen digital signatur.",
}
NO_ROOTS = (
    "Inga betrodda utfärdare är inlagda (Administration → Betrodda utfärdare), så ingen "
    "signatur kan visas som giltig."
)


@dataclass(frozen=True)
class SignatureReport:
    """What validation found: verdict, who, by whom issued, when, and the root reached."""

    verdict: Verdict
    signer: str = ""
    signed_at: str = ""
    subject: str = ""
    issuer: str = ""
    root: str = ""
    roots_configured: bool = True

    @property
    def text(self) -> str:
        """Swedish sentences: the verdict, then the certificate's holder, issuer and time."""
        parts = [self.verdict.label]
        if self.root:
            parts.append(f"Betrodd utfärdare: {self.root}.")
        if self.signer:
            parts.append(
                f"Signerad av {self.signer}" + (f" ({self.subject})." if self.subject else ".")
            )
        if self.issuer:
            parts.append(f"Certifikatet är utfärdat av {self.issuer}.")
        if self.signed_at:
            parts.append(f"Signeringstid {self.signed_at}.")
        if self.verdict is Verdict.OKAND_UTFARDARE and not self.roots_configured:
            parts.append(NO_ROOTS)
        return " ".join(parts)


@contextmanager
def _quiet() -> Iterator[None]:
    """pyHanko logs a traceback for an untrusted chain; the report says it in Swedish instead."""
    logger = logging.getLogger("pyhanko")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pem_certs(pem_text: bytes) -> list[Any]:
    """Certificates from PEM text."""
    from asn1crypto import pem, x509

    if not pem_text:
        return []
    return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(pem_text, multiple=True)]


def _der_certs(roots: Sequence[bytes]) -> list[Any]:
    """Certificates from DER bytes."""
    from asn1crypto import x509

    return [x509.Certificate.load(der) for der in roots]


def _context(roots: Sequence[bytes], known: Sequence[Any]) -> Any:
    """Offline validation against the configured roots only (*known* only builds the path)."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=_der_certs(roots), other_certs=list(known), allow_fetching=False
    )


def _dn(name: Any) -> str:
    """An asn1crypto name, most specific first."""
    return str(name.human_friendly)


def _root_name(status: Any) -> str:
    """The common name of the trust anchor the path reached ("" when not trusted)."""
    path = getattr(status, "validation_path", None)
    if not status.trusted or path is None:
        return ""
    anchor = path.trust_anchor
    cert = getattr(anchor, "certificate", None) or getattr(anchor.authority, "certificate", None)
    return _name(cert) if cert is not None else str(anchor.authority.name.human_friendly)


def validate_pdf(
    data: bytes, roots: Sequence[bytes] = (), known_pem: bytes = b""
) -> SignatureReport:
    """Validate the last signature of *data* offline against the configured *roots* (DER).

    *known_pem*: the chain recorded at signing; it helps to find intermediate issuers but is
    never trusted by itself.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        with _quiet():
            signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
            if not signatures:
                return SignatureReport(Verdict.SAKNAS)
            context = _context(roots, _pem_certs(known_pem))
            status = validate_pdf_signature(signatures[-1], context)
    except Exception:  # a damaged file cannot be parsed: that is a finding, not a crash
        return SignatureReport(Verdict.ANDRAD)
    cert = status.signing_cert
    when = status.signer_reported_dt
    found = SignatureReport(
        Verdict.ANDRAD,
        signer=_name(cert) if cert else "",
        signed_at=local_text(when) if when else "",
        subject=_dn(cert.subject) if cert else "",
        issuer=_dn(cert.issuer) if cert else "",
        roots_configured=bool(roots),
    )
    coverage = status.coverage.name if status.coverage is not None else ""
    if not (status.intact and status.valid) or coverage != "ENTIRE_FILE":
        return found
    if not status.trusted:
        return replace(found, verdict=Verdict.OKAND_UTFARDARE)
    return replace(found, verdict=Verdict.GILTIG, root=_root_name(status))


def chain_reaches(p12: bytes, passphrase: str, roots: Sequence[bytes]) -> bool:
    """True when the PKCS#12 file's certificate chains to one of *roots* (DER), offline."""
    import asyncio

    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import (
        InvalidCertificateError,
        PathBuildingError,
        PathValidationError,
    )

    signer = _load_signer(p12, passphrase)
    context = _context(roots, list(signer.cert_registry))
    validator = CertificateValidator(signer.signing_cert, validation_context=context)
    try:
        with _quiet():
            asyncio.run(validator.async_validate_usage(set()))  # type: ignore[no-untyped-call]
    except (PathBuildingError, PathValidationError, InvalidCertificateError):
        return False
    return True
