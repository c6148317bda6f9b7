"""Who may sign a decision: the decision maker, on the decision day or with a written reason."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from inkop_desktop.domain.errors import DomainError

REASON_LABEL = "Skäl att signera en annan dag än beslutsdatum"


class SignerMismatchError(DomainError):
    """The certificate is issued to someone other than the decision maker."""

    message_id = "direct_award.signer_mismatch"


class SigningDayError(DomainError):
    """The decision is signed on another day than its decision date without a reason."""

    message_id = "direct_award.signing_day"


@dataclass(frozen=True)
class CertificateSubject:
    """The holder a certificate names: common name, e-mails (subject, SAN), serialNumber.

    *serial_number* is the subject's serialNumber (e-legitimation: the personnummer, SITHS:
    the HSA-id); *issuer* names who issued the certificate (for messages).
    """

    common_name: str
    emails: tuple[str, ...] = ()
    serial_number: str = ""
    issuer: str = ""

    def describe(self) -> str:
        """``Åke Lund <ake.lund@regionsormland.se>`` (what the refusal names)."""
        mail = f" <{', '.join(self.emails)}>" if self.emails else ""
        serial = f" (serienummer {self.serial_number})" if self.serial_number else ""
        return (self.common_name or "okänd innehavare") + mail + serial


def _folded(text: str) -> str:
    """*text* case-folded and without accents (``Åke Öberg`` → ``ake oberg``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(name: str) -> set[str]:
    """The words of a name, folded; hyphens, commas and dots separate words."""
    return {w for w in re.split(r"[\s,.\-]+", _folded(name)) if w}


def _mail(address: str) -> str:
    """An e-mail address compared without case or surrounding space."""
    return address.strip().casefold()


def subject_matches(subject: CertificateSubject, name: str, email: str) -> bool:
    """True when the certificate is the decision maker's own.

    The rule: names are compared word by word without case or accents (``Ake Lund`` is
    ``Åke Lund``; ``Lund, Åke`` too), and every word of the registered name must occur in the
    certificate's common name (extra given names in the certificate are allowed). When both
    the certificate and the person carry an e-mail address, the person's address must be one
    of the certificate's (case-insensitive) — a namesake with another address is refused. A
    certificate without a common name is accepted only on a matching e-mail address.
    """
    mails = {_mail(m) for m in subject.emails if m.strip()}
    own = _mail(email)
    if mails and own and own not in mails:
        return False
    if not subject.common_name.strip():
        return bool(own and own in mails)
    wanted = _words(name)
    return bool(wanted) and wanted <= _words(subject.common_name)


def check_subject(subject: CertificateSubject, name: str, email: str) -> None:
    """Refuse, naming both, a certificate that is not the decision maker's own."""
    if subject_matches(subject, name, email):
        return
    person = name + (f" <{email}>" if email.strip() else "")
    raise SignerMismatchError(
        f"Certifikatet är utfärdat för {subject.describe()}, men beslutet ska signeras av "
        f"beslutsfattaren {person}. Bara den beslutsfattare som anges i beslutet får signera, "
        "med sitt eget certifikat."
    )


def signing_day_reason(decision_day: date, signing_day: date, reason: str) -> str:
    """The reason to store: none on the decision day, else required (SigningDayError)."""
    if signing_day == decision_day:
        return ""
    if not reason.strip():
        raise SigningDayError(
            f"Beslutet signeras {signing_day.isoformat()}, men beslutsdatum är "
            f"{decision_day.isoformat()}. Skriv varför beslutet signeras en annan dag än "
            "beslutsdatum (skälet skrivs ut i beslutet). Inget har sparats."
        )
    return reason.strip()
