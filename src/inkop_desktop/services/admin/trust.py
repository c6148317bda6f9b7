"""Betrodda utfärdare: the CA certificates e-signed decisions must chain to (administrators)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.base import utcnow
from inkop_desktop.db.tables import Person, TrustedIssuer
from inkop_desktop.documents.certificates import CertificateInfo, grouped, read_certificate
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import FROZEN

MISSING = "Utfärdaren finns inte längre bland de betrodda."
NAME_LABEL = "Namn på utfärdaren"


class IssuerPreview(BaseModel):
    """What a certificate file says, shown before the administrator accepts it."""

    model_config = FROZEN
    name: str
    lines: tuple[tuple[str, str], ...]
    fingerprint: str
    warnings: tuple[str, ...] = ()


class TrustedIssuerRow(BaseModel):
    """A trusted issuer as listed."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    name: str
    subject: str
    issuer: str
    not_before: datetime
    not_after: datetime
    fingerprint: str
    added_by: str
    added_at: datetime

    @property
    def fingerprint_text(self) -> str:
        """``AB:CD:…``."""
        return grouped(self.fingerprint)


def _warnings(info: CertificateInfo, now: datetime) -> tuple[str, ...]:
    """What an administrator should notice before trusting the certificate."""
    out = []
    if not info.is_ca:
        out.append(
            "Certifikatet är inte ett utfärdarcertifikat (CA), utan en persons eller tjänsts."
        )
    if info.not_after < now:
        out.append("Certifikatet har gått ut.")
    if info.not_before > now:
        out.append("Certifikatet gäller ännu inte.")
    return tuple(out)


def preview(data: bytes) -> IssuerPreview:
    """Read a .pem/.cer/.crt file and describe it (nothing is stored)."""
    info = read_certificate(data)
    return IssuerPreview(
        name=info.common_name or info.subject,
        lines=tuple(info.describe()),
        fingerprint=info.fingerprint,
        warnings=_warnings(info, utcnow()),
    )


def trusted_roots(session: Session) -> list[bytes]:
    """The DER certificates of every trusted issuer (what signatures must chain to)."""
    return list(session.scalars(select(TrustedIssuer.certificate).order_by(TrustedIssuer.name)))


class TrustedIssuerAdmin(Service):
    """List, add and remove the trusted issuers; only administrators change them."""

    def list(self) -> list[TrustedIssuerRow]:
        """Every trusted issuer by name."""
        stmt = (
            select(TrustedIssuer, Person.name)
            .outerjoin(Person, Person.id == TrustedIssuer.added_by_id)
            .order_by(TrustedIssuer.name, TrustedIssuer.id)
        )
        with self._session() as s:
            return [_row(r, who or r.created_by) for r, who in s.execute(stmt)]

    def preview(self, data: bytes) -> IssuerPreview:
        """What the file holds, before it is accepted."""
        return preview(data)

    def add(self, data: bytes, name: str = "") -> TrustedIssuerRow:
        """Trust the certificate in *data* (PEM or DER) under *name* (default: its CN)."""
        info = read_certificate(data)
        label = checked_text(name, NAME_LABEL).strip() or info.common_name or info.subject
        with self._session() as s:
            who = self._require(s, Act.ADMINISTER)
            clash = s.scalars(
                select(TrustedIssuer.name).where(TrustedIssuer.fingerprint == info.fingerprint)
            ).first()
            if clash is not None:
                raise ValidationError(f"Certifikatet finns redan bland de betrodda: {clash}.")
            row = TrustedIssuer(
                version=1,
                name=label[:200],
                subject=info.subject,
                issuer=info.issuer,
                not_before=info.not_before,
                not_after=info.not_after,
                fingerprint=info.fingerprint,
                certificate=info.der,
                added_by_id=who.person_id,
            )
            s.add(row)
            s.flush()
            return _row(row, who.name or who.login)

    def remove(self, issuer_id: uuid.UUID, version: int) -> None:
        """Stop trusting an issuer (signatures under it are then reported as not trusted)."""
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            s.delete(load_for_edit(s, TrustedIssuer, issuer_id, version, MISSING))


def _row(row: TrustedIssuer, added_by: str) -> TrustedIssuerRow:
    """The DTO of a row."""
    return TrustedIssuerRow(
        id=row.id, version=row.version, name=row.name, subject=row.subject, issuer=row.issuer,
        not_before=row.not_before, not_after=row.not_after, fingerprint=row.fingerprint,
        added_by=added_by, added_at=row.created_at,
    )  # fmt: skip
