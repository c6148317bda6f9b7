"""Test certificates (`cryptography`): signers in PKCS#12 files, self-signed or under a CA."""

from __future__ import annotations

import datetime
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "hemligt lösenord"


def _usage(*, ca: bool) -> x509.KeyUsage:
    """Signing keys; a CA (or a self-signed signer) also signs certificates."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@cache
def make_ca(name: str = "Region Sörmland CA") -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A self-signed CA (key and certificate) valid for ten years."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Region Sörmland"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def ca_pem(name: str = "Region Sörmland CA") -> bytes:
    """The CA certificate as PEM (what an administrator adds as a trusted issuer)."""
    return make_ca(name)[1].public_bytes(serialization.Encoding.PEM)


def ca_der(name: str = "Region Sörmland CA") -> bytes:
    """The CA certificate as DER (a .cer file)."""
    return make_ca(name)[1].public_bytes(serialization.Encoding.DER)


@cache
def make_p12(
    common_name: str = "Åke Lund",
    passphrase: str = PASSPHRASE,
    email: str = "",
    ca: str = "",
    serial_number: str = "",
) -> bytes:
    """A PKCS#12 file with an RSA key and a certificate valid for a year.

    Self-signed unless *ca* names a CA (make_ca), which then issues it and is in the file.
    *email*, if given, goes into the subject (emailAddress) and the subjectAltName;
    *serial_number* into the subject's serialNumber (a personnummer, as e-legitimation has).
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)] if common_name else []
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Region Sörmland"))
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    if serial_number:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    name = x509.Name(attributes)
    issuer_key, issuer = make_ca(ca) if ca else (key, None)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=not ca, path_length=None), critical=True)
        .add_extension(_usage(ca=not ca), critical=True)
    )
    if email:
        alt = x509.SubjectAlternativeName([x509.RFC822Name(email)])
        builder = builder.add_extension(alt, critical=False)
    cert = builder.sign(issuer_key, hashes.SHA256())
    encryption = serialization.BestAvailableEncryption(passphrase.encode())
    extra = [issuer] if issuer else None
    return pkcs12.serialize_key_and_certificates(b"signer", key, cert, extra, encryption)


def flip_byte(data: bytes, at: int) -> bytes:
    """*data* with one bit of the byte at *at* flipped."""
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


@cache
def scan_pdf() -> bytes:
    """A one-page PDF, as a scanner writes the hand-signed decision."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, "Underskrivet beslut")
    canvas.save()
    return out.getvalue()
