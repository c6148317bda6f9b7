"""The holder a PKCS#12 certificate names: common name, e-mail addresses, serialNumber, issuer."""

from __future__ import annotations

from inkop_desktop.documents.signing import SigningError
from inkop_desktop.domain.direct_award.signer import CertificateSubject


def certificate_subject(p12: bytes, passphrase: str) -> CertificateSubject:
    """The signing certificate's holder: CN, e-mails (emailAddress, SAN), serialNumber, issuer."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    try:
        _key, cert, _extra = pkcs12.load_key_and_certificates(p12, passphrase.encode())
    except ValueError as exc:
        raise SigningError(
            "Certifikatfilen kunde inte öppnas: fel lösenord eller inte en PKCS#12-fil (.p12/.pfx)."
        ) from exc
    if cert is None:
        raise SigningError("Certifikatfilen innehåller inget certifikat.")
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    mails = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)]
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        mails += alt.get_values_for_type(x509.RFC822Name)
    except x509.ExtensionNotFound:
        pass
    common = str(names[0].value) if names else ""
    serials = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    issuers = cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CertificateSubject(
        common_name=common,
        emails=tuple(dict.fromkeys(mails)),
        serial_number=str(serials[0].value) if serials else "",
        issuer=str(issuers[0].value) if issuers else cert.issuer.rfc4514_string(),
    )
