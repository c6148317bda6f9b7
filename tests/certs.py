"""Test certificates made with `cryptography`: a self-signed signer in a PKCS#12 file."""

from __future__ import annotations

import datetime
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "hemligt lösenord"


@cache
def make_p12(common_name: str = "Åke Lund", passphrase: str = PASSPHRASE, email: str = "") -> bytes:
    """A PKCS#12 file with an RSA key and a self-signed certificate valid for a year.

    *email*, if given, goes into the subject (emailAddress) and the subjectAltName.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)] if common_name else []
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Region Sörmland"))
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    name = x509.Name(attributes)
    now = datetime.datetime.now(datetime.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
    )
    if email:
        alt = x509.SubjectAlternativeName([x509.RFC822Name(email)])
        builder = builder.add_extension(alt, critical=False)
    cert = builder.sign(key, hashes.SHA256())
    encryption = serialization.BestAvailableEncryption(passphrase.encode())
    return pkcs12.serialize_key_and_certificates(b"signer", key, cert, None, encryption)


def flip_byte(data: bytes, at: int) -> bytes:
    """*data* with one bit of the byte at *at* flipped."""
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)
