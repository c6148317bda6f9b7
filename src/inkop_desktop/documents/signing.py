"""PAdES signing with a PKCS#12 file and offline validation, with pyHanko (bytes in, bytes out).

Trust: there is no network and no national trust list here, so a signature is called trusted
only when its certificate chains to one of the certificates recorded when the record was signed
(the chain inside the PKCS#12 file). A valid, unmodified signature whose issuer is not among
them is reported as "giltig signatur men okänd utfärdare", never silently as valid.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

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
    "certifikatet är det som registrerades vid signeringen.",
    Verdict.OKAND_UTFARDARE: "Giltig signatur men okänd utfärdare: dokumentet är oförändrat, "
    "men certifikatets utfärdare finns inte bland de betrodda.",
    Verdict.ANDRAD: "Dokumentet har ändrats efter signeringen eller är skadat – signaturen "
    "gäller inte.",
    Verdict.SAKNAS: "Dokumentet innehåller ingen digital signatur.",
}


@dataclass(frozen=True)
class SignatureReport:
    """What validation found."""

    verdict: Verdict
    signer: str = ""
    signed_at: str = ""

    @property
    def text(self) -> str:
        """One Swedish sentence (plus the signer when known)."""
        who = f" Signerad av {self.signer}" if self.signer else ""
        when = f" {self.signed_at}." if self.signed_at else ("." if who else "")
        return self.verdict.label + who + when


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


def _roots(trusted_pem: bytes) -> list[Any]:
    """Certificates from PEM text."""
    from asn1crypto import pem, x509

    if not trusted_pem:
        return []
    return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(trusted_pem, multiple=True)]


def validate_pdf(data: bytes, trusted_pem: bytes = b"") -> SignatureReport:
    """Validate the last signature of *data* offline against the recorded certificates."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        with _quiet():
            signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
            if not signatures:
                return SignatureReport(Verdict.SAKNAS)
            context = ValidationContext(trust_roots=_roots(trusted_pem), allow_fetching=False)
            status = validate_pdf_signature(signatures[-1], context)
    except Exception:  # a damaged file cannot be parsed: that is a finding, not a crash
        return SignatureReport(Verdict.ANDRAD)
    signer = _name(status.signing_cert) if status.signing_cert else ""
    when = (
        status.signer_reported_dt.isoformat(timespec="seconds") if status.signer_reported_dt else ""
    )
    coverage = status.coverage.name if status.coverage is not None else ""
    if not (status.intact and status.valid) or coverage != "ENTIRE_FILE":
        return SignatureReport(Verdict.ANDRAD, signer, when)
    verdict = Verdict.GILTIG if status.trusted else Verdict.OKAND_UTFARDARE
    return SignatureReport(verdict, signer, when)
