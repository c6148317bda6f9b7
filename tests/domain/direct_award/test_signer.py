"""The certificate-subject rule and the reason for signing on another day."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.direct_award.signer import (
    CertificateSubject,
    SignerMismatchError,
    SigningDayError,
    check_subject,
    signing_day_reason,
    subject_matches,
)

NAME, MAIL = "Åke Lund", "ake.lund@regionsormland.se"


@pytest.mark.parametrize(
    ("common_name", "emails"),
    [
        ("Åke Lund", ()),
        ("AKE LUND", ()),  # no accents, other case
        ("Lund, Åke", ()),
        ("Åke Gustav Lund", ()),  # an extra given name in the certificate
        ("Åke Lund", ("Ake.Lund@RegionSormland.se",)),
        ("", (MAIL,)),  # no common name: the e-mail decides
    ],
)
def test_the_decision_makers_own_certificate_matches(
    common_name: str, emails: tuple[str, ...]
) -> None:
    assert subject_matches(CertificateSubject(common_name, emails), NAME, MAIL)


@pytest.mark.parametrize(
    ("common_name", "emails"),
    [
        ("Karin Öberg", ()),
        ("Åke", ()),
        ("Åke Lundberg", ()),
        ("Åke Lund", ("ake.lund@regionvastmanland.se",)),  # a namesake
        ("", ()),
        ("", ("karin.oberg@regionsormland.se",)),
    ],
)
def test_someone_elses_certificate_does_not(common_name: str, emails: tuple[str, ...]) -> None:
    assert not subject_matches(CertificateSubject(common_name, emails), NAME, MAIL)


def test_a_person_without_e_mail_is_matched_on_the_name() -> None:
    assert subject_matches(CertificateSubject("Åke Lund", (MAIL,)), NAME, "")


def test_the_refusal_names_both() -> None:
    with pytest.raises(SignerMismatchError) as refused:
        check_subject(CertificateSubject("Karin Öberg", ("k@x.se",)), NAME, MAIL)
    assert refused.value.text.startswith(
        "Certifikatet är utfärdat för Karin Öberg <k@x.se>, men beslutet ska signeras av "
        "beslutsfattaren Åke Lund <ake.lund@regionsormland.se>."
    )


def test_another_day_needs_a_reason_and_the_decision_day_none() -> None:
    decided = date(2025, 5, 12)
    assert signing_day_reason(decided, decided, "onödigt") == ""
    assert signing_day_reason(decided, date(2025, 5, 14), "  Sjuk.  ") == "Sjuk."
    with pytest.raises(SigningDayError, match="beslutsdatum är 2025-05-12"):
        signing_day_reason(decided, date(2025, 5, 14), " \n ")
