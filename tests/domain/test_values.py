"""Money, organisationsnummer, CPV and names behave as a Swedish user expects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.identifiers import (
    cpv_class,
    cpv_division,
    cpv_group,
    normalise_cpv,
    normalise_orgnr,
    vat_number,
)
from inkop_desktop.domain.money import NBSP, Money
from inkop_desktop.domain.names import company_key


def test_money_formats_with_non_breaking_thousands_and_kr() -> None:
    assert Money.kronor(1234567).format() == f"1{NBSP}234{NBSP}567 kr"
    assert Money.kronor("700 000").format() == f"700{NBSP}000 kr"
    assert Money(12345).format() == "123,45 kr"
    assert Money.kronor(-5000).format() == f"-5{NBSP}000 kr"


def test_money_refuses_floats_and_text_that_is_no_amount() -> None:
    with pytest.raises(ValidationError):
        Money.kronor(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="inte ett belopp"):
        Money.kronor("tolv kronor")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_money_round_trips_through_its_swedish_text(ore: int) -> None:
    text = Money(ore).format(decimals=True)
    assert Money.kronor(text) == Money(ore)


def test_money_arithmetic_is_exact() -> None:
    total = sum((Money.kronor(Decimal("0.10")) for _ in range(10)), Money.zero())
    assert total == Money.kronor(1)


def test_orgnr_is_normalised_with_hyphen() -> None:
    assert normalise_orgnr("5560160680") == "556016-0680"
    assert normalise_orgnr(" 556016-0680 ") == "556016-0680"
    assert vat_number("556016-0680") == "SE556016068001"


def test_orgnr_with_wrong_check_digit_gets_a_swedish_message() -> None:
    with pytest.raises(ValidationError, match="fel kontrollsiffra"):
        normalise_orgnr("556016-0681")
    with pytest.raises(ValidationError, match="NNNNNN-NNNN"):
        normalise_orgnr("12-34")


def test_cpv_accessors() -> None:
    assert normalise_cpv("33140000-3") == "33140000-3"
    assert (cpv_division("45210000-2"), cpv_group("45210000-2"), cpv_class("45210000-2")) == (
        "45",
        "452",
        "4521",
    )
    with pytest.raises(ValidationError, match="CPV"):
        normalise_cpv("3314000")


def test_company_names_compare_across_spellings() -> None:
    assert company_key("Städ & Service AB") == company_key("STÄD OCH SERVICE AKTIEBOLAG")
    assert company_key("Städ & Service AB") != company_key("Stad & Service AB")
