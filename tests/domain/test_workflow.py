"""Plan status moves, jäv states and Swedish validation messages."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.jav.kinds import DeclarationState, declaration_state
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus, Procedure, next_statuses, transition
from inkop_desktop.domain.suppliers.input import SupplierInput
from inkop_desktop.domain.validation import parse


def test_forward_moves_and_cancel_are_allowed() -> None:
    assert transition(PlanStatus.PLANERAD, PlanStatus.FORBEREDELSE) is PlanStatus.FORBEREDELSE
    assert transition(PlanStatus.ANNONSERAD, PlanStatus.AVBRUTEN) is PlanStatus.AVBRUTEN
    assert PlanStatus.AVBRUTEN in next_statuses(PlanStatus.BEHOV_ANMALT)


def test_skipping_or_reopening_is_refused_in_swedish() -> None:
    with pytest.raises(TransitionError, match="från ”Planerad” till ”Tilldelad”"):
        transition(PlanStatus.PLANERAD, PlanStatus.TILLDELAD)
    with pytest.raises(TransitionError):
        transition(PlanStatus.AVBRUTEN, PlanStatus.PLANERAD)
    assert next_statuses(PlanStatus.AVTAL_TECKNAT) == []


def _contract(**changes: object) -> dict[str, object]:
    person = uuid.uuid4()
    data: dict[str, object] = dict(
        contract_number="SRM-2026-0001",
        title="Städtjänster",
        parties=Parties.SORMLAND,
        procedure=Procedure.OPPET,
        cpv="90910000-9",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        total_value_ore=100_000_00,
        owner_id=person,
        handlaggare_id=person,
        supplier_ids=(uuid.uuid4(),),
    )
    data.update(changes)
    return data


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="Slutdatum 2025-12-31 är före startdatum 2026-01-01"):
        parse(ContractInput, _contract(end_date=date(2025, 12, 31)))


def test_negative_amount_is_refused() -> None:
    with pytest.raises(ValidationError, match="Totalt värde: får inte vara negativt"):
        parse(ContractInput, _contract(total_value_ore=-1))


def test_missing_avtalsagare_is_refused() -> None:
    data = _contract()
    del data["owner_id"]
    with pytest.raises(ValidationError, match="Avtalsägare: måste fyllas i"):
        parse(ContractInput, data)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="inte ett känt fält"):
        parse(SupplierInput, {"name": "A AB", "orgnr": "556016-0680", "hemligt": "x"})


@pytest.mark.parametrize(
    ("kwargs", "state"),
    [
        (
            dict(
                signed=False, needs_confirmation=False, conflicts=0, assessed=0, assessed_jav=False
            ),
            DeclarationState.SAKNAS,
        ),
        (
            dict(signed=True, needs_confirmation=True, conflicts=0, assessed=0, assessed_jav=False),
            DeclarationState.OBEKRAFTAD,
        ),
        (
            dict(
                signed=True, needs_confirmation=False, conflicts=2, assessed=1, assessed_jav=False
            ),
            DeclarationState.EJ_BEDOMD,
        ),
        (
            dict(signed=True, needs_confirmation=False, conflicts=1, assessed=1, assessed_jav=True),
            DeclarationState.JAVIG,
        ),
        (
            dict(
                signed=True, needs_confirmation=False, conflicts=1, assessed=1, assessed_jav=False
            ),
            DeclarationState.KLAR,
        ),
    ],
)
def test_declaration_state(kwargs: dict[str, object], state: DeclarationState) -> None:
    assert declaration_state(**kwargs) is state  # type: ignore[arg-type]
