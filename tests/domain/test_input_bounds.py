"""Every input model refuses NUL, lone surrogates, absurd amounts and dates with Swedish text."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from inkop_desktop.domain.calendar import fiscal_year_bounds, parse_date, parse_year
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.contracts.terms import (
    AmendmentInput,
    OptionInput,
    add_months,
    end_after,
    option_schedule,
)
from inkop_desktop.domain.direct_award.input import DirectAwardInput, QuoteInput
from inkop_desktop.domain.direct_award.status import LegalGround
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import (
    FIRST_DAY,
    LAST_DAY,
    MAX_KRONOR,
    MAX_ORE,
    checked_text,
    text_problem,
)
from inkop_desktop.domain.jav.input import (
    AssessmentInput,
    DeclarationInput,
    InterestInput,
    ParticipantInput,
)
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import OrgKind, Parties
from inkop_desktop.domain.organisation_input import (
    DelegationInput,
    OrganisationInput,
    PersonInput,
)
from inkop_desktop.domain.plan import Procedure
from inkop_desktop.domain.plan.input import NeedInput, PlanItemInput
from inkop_desktop.domain.reference import DatedValue, RefKey, Unit
from inkop_desktop.domain.suppliers.input import ContactInput, SupplierInput
from inkop_desktop.domain.validation import parse
from tests.hostile import HOSTILE, HOSTILE_TEXT, hostile, rows_of

ID = uuid.UUID(int=1)
D = date(2025, 5, 12)

BASES: dict[type[BaseModel], dict[str, Any]] = {
    PlanItemInput: {
        "title": "Städ",
        "year": 2025,
        "parties": Parties.SORMLAND,
        "cpv_codes": ("90910000-9",),
        "estimated_total_ore": 10**8,
        "planned_start": D,
    },
    NeedInput: {
        "title": "Rullstolar",
        "description": "Nya",
        "organisation_id": ID,
        "estimated_total_ore": 10**7,
        "needed_by": D,
    },
    DirectAwardInput: {
        "region": Parties.SORMLAND,
        "title": "Centrifug",
        "cpv": "38432000-2",
        "value": "250 000",
        "legal_ground": LegalGround.UNDER_GRANS,
        "award_date": D,
    },
    QuoteInput: {"supplier_id": ID, "amount": "12 500,50", "received_on": D},
    ParticipantInput: {"person_id": ID, "role": "Beställare", "added_on": D},
    InterestInput: {
        "kind": InterestKind.AGANDE,
        "company_name": "Städ AB",
        "company_orgnr": "5560160680",
    },
    DeclarationInput: {
        "party_affected": False,
        "representative": False,
        "instance_or_supervision": False,
        "other_circumstance": False,
        "report_changes": True,
        "secrecy_accepted": True,
    },
    AssessmentInput: {
        "outcome": AssessmentOutcome.JAV,
        "reason": "Äger aktier i anbudsgivaren sedan 2019.",
    },
    ContractInput: {
        "contract_number": "SRM-1",
        "title": "Städ",
        "parties": Parties.SORMLAND,
        "procedure": Procedure.OPPET,
        "cpv": "90910000-9",
        "start_date": D,
        "end_date": D,
        "total_value_ore": 10**8,
        "owner_id": ID,
        "handlaggare_id": ID,
        "supplier_ids": (ID,),
    },
    ContactInput: {"name": "Eva Ek"},
    SupplierInput: {"name": "Nordic AB", "orgnr": "5560747569"},
    OptionInput: {"months": 12},
    AmendmentInput: {"amended_on": D, "reason": "Större yta", "new_value_ore": 10**8},
    OrganisationInput: {"name": "Regionservice", "kind": OrgKind.FORVALTNING},
    PersonInput: {"name": "Eva Ek", "login": "eva.ek"},
    DelegationInput: {"max_amount_ore": 10**7, "valid_from": D, "reference": "Punkt 4.2"},
    DatedValue: {
        "key": RefKey.LEAD_DIRECT,
        "unit": Unit.MONTHS,
        "amount": 2,
        "valid_from": D,
        "source": "Riktlinjen",
    },
}

NESTED = {
    SupplierInput: {"contacts": rows_of(BASES[ContactInput])},
    DeclarationInput: {"interests": rows_of(BASES[InterestInput])},
}


def _sane(value: Any) -> bool:
    """True when nothing inside *value* could overflow a column or break an encoder."""
    if isinstance(value, BaseModel):
        return all(_sane(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, Money):
        return abs(value.ore) <= MAX_ORE
    if isinstance(value, str):
        return text_problem(value) is None
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return abs(value) <= MAX_ORE
    if isinstance(value, date):
        return FIRST_DAY <= value <= LAST_DAY
    if isinstance(value, tuple | list):
        return all(_sane(v) for v in value)
    return True


@pytest.mark.parametrize("model", list(BASES), ids=lambda m: m.__name__)
def test_every_base_is_valid(model: type[BaseModel]) -> None:
    assert _sane(parse(model, BASES[model]))


@pytest.mark.parametrize("model", list(BASES), ids=lambda m: m.__name__)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_input_is_accepted_sane_or_refused_in_swedish(
    model: type[BaseModel], data: st.DataObject
) -> None:
    values = data.draw(hostile(BASES[model], NESTED.get(model)))
    try:
        parsed = parse(model, values)
    except ValidationError as exc:
        assert exc.text and text_problem(exc.text) is None
        return
    assert _sane(parsed), parsed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("estimated_total_ore", 2**63, "högst 10\u00a0000\u00a0000\u00a0000\u00a0000 kr"),
        ("title", "Städ\x00", r"otillåtet styrtecken \(U\+0000\)"),
        ("title", "Städ\ud800", "Texten innehåller ett ogiltigt tecken"),
        ("planned_start", date(9999, 12, 31), "mellan 1900-01-01 och 2200-12-31"),
        ("estimated_total_ore", -1, "får inte vara negativt"),
    ],
)
def test_the_crashes_of_the_issue_get_swedish_messages(
    field: str, value: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        parse(PlanItemInput, BASES[PlanItemInput] | {field: value})
    assert caught.value.text.startswith(PlanItemInput.model_fields[field].title or field)


@pytest.mark.parametrize(
    "text", ["1e30", "1e400", "-1e400", "NaN", "Infinity", "sNaN", "10000000000000,01", "9" * 60]
)
def test_absurd_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        Money.kronor(text)
    with pytest.raises(ValidationError, match=r"Värde exkl\. moms"):
        parse(DirectAwardInput, BASES[DirectAwardInput] | {"value": text})


def test_the_largest_amount_is_accepted_exactly() -> None:
    assert Money.kronor(f"{MAX_KRONOR}").ore == MAX_ORE
    assert Money.kronor(Decimal("1e13")).ore == MAX_ORE
    assert Money.kronor("-1e-400").ore == 0
    with pytest.raises(ValidationError):
        Money.kronor(MAX_KRONOR + 1)
    with pytest.raises(ValidationError):
        parse(DirectAwardInput, BASES[DirectAwardInput] | {"value": Money(MAX_ORE + 1)})


@given(HOSTILE)
def test_money_parses_anything_to_a_bounded_amount_or_a_swedish_error(value: Any) -> None:
    try:
        money = Money.kronor(value)
    except ValidationError as exc:
        assert text_problem(exc.text) is None
        return
    assert abs(money.ore) <= MAX_ORE


def test_date_arithmetic_past_the_calendar_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="utanför kalendern"):
        add_months(date(9999, 12, 31), 1)
    with pytest.raises(ValidationError, match="utanför kalendern"):
        end_after(date(9999, 12, 31), 12)
    with pytest.raises(ValidationError, match="utanför kalendern"):
        option_schedule(LAST_DAY, 3, [OptionInput(months=120)] * 1000)
    assert option_schedule(LAST_DAY, 3, [OptionInput(months=120)] * 3)[-1].period_end == date(
        2230, 12, 31
    )


def test_typed_dates_years_and_search_texts() -> None:
    assert parse_date(" 2025-05-12 ", "Datum") == D and parse_date("", "Datum") is None
    with pytest.raises(ValidationError, match="mellan 1900-01-01 och 2200-12-31"):
        parse_date("9999-12-31", "Avtalsstart")
    with pytest.raises(ValidationError, match="inte ett datum"):
        parse_date("2025-13-01\x00", "Avtalsstart")
    assert parse_year("2026", "År") == 2026
    for bad in ("99999999999999999999", "20x6", "١٢٣٤", "9999"):
        with pytest.raises(ValidationError, match="År"):
            parse_year(bad, "År")
    with pytest.raises(ValidationError, match="År 9999"):
        fiscal_year_bounds(9999)
    with pytest.raises(ValidationError, match="Sökning: texten innehåller"):
        checked_text("städ\x00", "Sökning")


@given(HOSTILE_TEXT)
def test_search_texts_are_checked_or_refused(text: str) -> None:
    try:
        assert checked_text(text, "Sökning") == text
    except ValidationError as exc:
        assert text_problem(exc.text) is None
    else:
        assert text_problem(text) is None
