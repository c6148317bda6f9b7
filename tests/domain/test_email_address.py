"""E-mail addresses: one address, Swedish reasons, IDN domains with å, ä, ö handled."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from inkop_desktop.domain.email_address import email_problem
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation_input import PersonInput
from inkop_desktop.domain.suppliers.input import ContactInput, SupplierInput
from inkop_desktop.domain.validation import parse


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("anna.berg@regionvastmanland.se", "anna.berg@regionvastmanland.se"),
        ("  Anna.Berg@RegionSormland.SE ", "Anna.Berg@regionsormland.se"),
        ("info@Åhléns.SE", "info@åhléns.se"),
        ("info@xn--4cab6c.se", "info@åäö.se"),
        ("info@a\u030ahlens.se", "info@\u00e5hlens.se"),
        ("åsa.öberg@region.se", "åsa.öberg@region.se"),
        ("o'brien+avtal@leverantor-ab.com", "o'brien+avtal@leverantor-ab.com"),
        ("", ""),
    ],
)
def test_good_addresses_are_kept_with_the_domain_normalised(typed: str, stored: str) -> None:
    assert email_problem(typed) == (None, stored)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("karin", "saknar @"),
        ("karin@", "saknar domännamnet efter @"),
        ("@regionsormland.se", "saknar namnet före @"),
        ("karin@regionsormland", "saknar toppdomän"),
        ("karin oberg@regionsormland.se", "mellanslag"),
        ("Karin Öberg <karin@regionsormland.se>", "utan namn"),
        ("a@x.se; b@y.se", "en enda adress"),
        ("a@x.se, b@y.se", "en enda adress"),
        ("karin@@x.se", "en enda adress"),
        ("karin..oberg@x.se", "två punkter i rad"),
        (".karin@x.se", "börja eller sluta med punkt"),
        ("karin@x..se", "tom del"),
        ("karin@x.se.", "tom del"),
        ("karin@-x.se", "bindestreck"),
        ("karin@region_sormland.se", "bindestreck"),
        ("karin@x.123", "toppdomänen .123"),
        ("karin@192.168.0.1", "inte en IP-adress"),
        ("karin@[192.168.0.1]", "inte en IP-adress"),
        ("kar(in)@x.se", "tecknet ”(”"),
        ("k" * 65 + "@x.se", "för lång"),
        ("karin@" + "d" * 64 + ".se", "för lång"),
        ('"karin"@x.se', "citattecken"),
    ],
)
def test_bad_addresses_are_refused_with_a_swedish_reason(typed: str, reason: str) -> None:
    problem, _normal = email_problem(typed)
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (PersonInput, {"name": "Anna Berg", "login": "anna.berg"}),
        (SupplierInput, {"name": "Medtech AB", "orgnr": "556074-7569"}),
        (ContactInput, {"name": "Eva Ek"}),
    ],
)
def test_every_input_with_an_address_checks_and_normalises_it(
    model: type[BaseModel], data: dict[str, str]
) -> None:
    with pytest.raises(ValidationError, match="E-post: är inte en giltig e-postadress: saknar @"):
        parse(model, data | {"email": "anna.berg"})
    stored = parse(model, data | {"email": "Anna@Åhléns.SE"})
    assert stored.email == "Anna@åhléns.se"  # type: ignore[attr-defined]
    assert parse(model, data).email == ""  # type: ignore[attr-defined]
