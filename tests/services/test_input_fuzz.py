"""Hostile input to every service entry point is saved, or refused with a typed Swedish error.

Huge amounts (≥ 2⁶³ öre), "1e400", NaN, lone surrogates, NUL bytes, 9999-12-31, very long
and empty texts and values of the wrong type never escape as anything but a DomainError, and
a refused call leaves no row behind — on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import functools
import itertools
import uuid
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import PersonRole
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.input_types import MAX_ORE, text_problem
from inkop_desktop.domain.jav.kinds import AssessmentOutcome
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan import Procedure
from inkop_desktop.domain.reference import RefKey, Unit
from inkop_desktop.services.contracts import listing as contracts
from inkop_desktop.services.contracts.catalogue import CatalogueQuery
from inkop_desktop.services.direct_award import service as direct_awards
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.exchange import cells
from inkop_desktop.services.followup import service as followup
from inkop_desktop.services.jav import service as jav
from inkop_desktop.services.plan import service as plan
from inkop_desktop.services.registry import Services
from inkop_desktop.services.suppliers import service as suppliers
from tests.hostile import HOSTILE, HOSTILE_TEXT, hostile, rows_of
from tests.services.award_setup import AwardWorld, build_world
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data
from tests.services.fuzz_helpers import FUZZ, saved_or_refused, snapshot
from tests.services.jav_helpers import DAY, JavWorld, acting, answers, owns_shares
from tests.services.jav_helpers import build_world as build_jav_world

_numbers = itertools.count(1, 2)
"""Contract numbers and organisationsnummer unique across examples."""


def _luhn_orgnr(n: int) -> str:
    """A valid organisationsnummer 55NNNNNNN-C (unique per *n*)."""
    digits = f"55{n % 10**7:07d}"
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return f"{digits[:6]}-{digits[6:]}{(10 - total % 10) % 10}"


def _plan_item(rows: BaseRows) -> dict[str, Any]:
    return dict(
        title="Städtjänster vårdlokaler",
        year=2025,
        parties=Parties.SORMLAND,
        organisation_ids=(rows.region,),
        cpv_codes=("90910000-9",),
        estimated_total_ore=3_000_000_00,
        annual_value_ore=750_000_00,
        contract_months=24,
        option_months=24,
        procedure=Procedure.OPPET,
        responsible_id=rows.officer,
        planned_start=date(2025, 3, 1),
        award_on=date(2025, 6, 1),
        contract_start_on=date(2025, 9, 1),
    )


def _need(rows: BaseRows) -> dict[str, Any]:
    return {
        "title": "Nya rullstolar",
        "description": "Ersätter slitna rullstolar på ortopeden.",
        "organisation_id": rows.region,
        "cpv": "33193000-5",
        "estimated_total_ore": 400_000_00,
        "needed_by": date(2026, 4, 1),
    }


@FUZZ
@given(data=st.data())
def test_plan_items_and_needs(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    service = services.plan
    item = _plan_item(base_rows)
    saved_or_refused(sessions, lambda: service.create(data.draw(hostile(item))))
    current = service.create(item)
    changed = data.draw(hostile(item))
    saved_or_refused(sessions, lambda: service.update(current.id, current.version, changed))
    saved_or_refused(sessions, lambda: service.report_need(data.draw(hostile(_need(base_rows)))))


OPTION = {"months": 12}
AMENDMENT = {"amended_on": date(2025, 6, 1), "reason": "Utökad städyta", "new_value_ore": 10**8}


@FUZZ
@given(data=st.data())
def test_contracts_with_options_amendments_and_attachments(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    service = services.contracts
    number = next(_numbers)
    base = contract_data(base_rows, contract_number=f"SRM-{number}")
    options = data.draw(rows_of(OPTION) | st.just(({"months": 120},) * 100))
    saved_or_refused(sessions, lambda: service.create(data.draw(hostile(base)), options))
    current = service.create(contract_data(base_rows, contract_number=f"VMA-{number}"))
    changed = data.draw(hostile(base | {"contract_number": f"VMA-{number}"}))
    options = data.draw(rows_of(OPTION))
    saved_or_refused(
        sessions, lambda: service.update(current.id, current.version, changed, options)
    )
    amendment = data.draw(hostile(AMENDMENT))
    saved_or_refused(
        sessions,
        lambda: service.add_amendment(current.id, service.get(current.id).version, amendment),
    )
    name, text = data.draw(HOSTILE_TEXT), data.draw(HOSTILE_TEXT)
    saved_or_refused(
        sessions,
        lambda: service.add_attachment(
            current.id, service.get(current.id).version, name, b"%PDF", text
        ),
    )


CONTACT = {"name": "Eva Ek", "role": "Säljare", "email": "eva@example.se", "phone": "016-10 00"}


@FUZZ
@given(data=st.data())
def test_suppliers_with_contacts(
    services: Services, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    service = services.suppliers
    number = next(_numbers)
    base = {"name": f"Medtech {number} AB", "orgnr": _luhn_orgnr(number), "city": "Ort"}
    fuzzed = data.draw(hostile(base, {"contacts": rows_of(CONTACT)}))
    saved_or_refused(sessions, lambda: service.create(fuzzed))
    current = service.create({"name": f"Labb {number} AB", "orgnr": _luhn_orgnr(number + 1)})
    changed = data.draw(hostile(base, {"contacts": rows_of(CONTACT)}))
    saved_or_refused(sessions, lambda: service.update(current.id, current.version, changed))


@pytest.fixture
def award_world(sessions: sessionmaker[Session], services: Services) -> AwardWorld:
    """The direct-award world (suppliers, delegation) on the test database."""
    return build_world(sessions)


@FUZZ
@given(data=st.data())
def test_direct_awards_and_quotes(
    services: Services,
    award_world: AwardWorld,
    sessions: sessionmaker[Session],
    data: st.DataObject,
) -> None:
    service = services.direct_awards
    base = award_world.record()
    saved_or_refused(sessions, lambda: service.create(data.draw(hostile(base))))
    current = service.create(base)
    changed = data.draw(hostile(base))
    current = saved_or_refused(
        sessions, lambda: service.update(current.id, current.version, changed)
    ) or service.get(current.id)
    quote = data.draw(hostile(award_world.quote(0, "250 000")))
    current = saved_or_refused(
        sessions, lambda: service.add_quote(current.id, current.version, quote)
    ) or service.get(current.id)
    reason = data.draw(HOSTILE_TEXT)
    saved_or_refused(
        sessions, lambda: service.record_contract_check(current.id, current.version, None, reason)
    )
    cpv, text, on = data.draw(HOSTILE_TEXT), data.draw(HOSTILE_TEXT), data.draw(st.dates())
    saved_or_refused(sessions, lambda: service.find_contracts(Parties.SORMLAND, cpv, text, on))
    key, value = data.draw(HOSTILE_TEXT), data.draw(st.integers())
    saved_or_refused(
        sessions, lambda: service.running_totals(Parties.SORMLAND, key, on, value, None)
    )


PARTICIPANT = {"role": "Beställare", "added_on": DAY}


@FUZZ
@given(data=st.data())
def test_jav_participants_declarations_and_assessments(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    world, anna_id = _jav_world(services, base_rows, sessions)
    participant = data.draw(hostile(PARTICIPANT | {"person_id": world.bo}))
    saved_or_refused(
        sessions,
        lambda: services.jav.add_participant(participant, direct_award_id=world.award),
    )
    anna = acting(services, "anna.ek").jav
    interests = rows_of(owns_shares(), kind=st.sampled_from(["agande", "x", 3]))
    declaration = data.draw(hostile(answers(), {"interests": interests}))
    saved_or_refused(sessions, lambda: anna.declare(anna_id, declaration, sign=True))
    detail = anna.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    assessment = {
        "interest_id": detail.interests[0].id,
        "outcome": AssessmentOutcome.JAV,
        "reason": "Äger aktier i anbudsgivaren och kan påverkas av utgången.",
    }
    fuzzed = data.draw(hostile(assessment))
    saved_or_refused(sessions, lambda: services.jav.assess(anna_id, fuzzed))
    text = data.draw(HOSTILE_TEXT)
    saved_or_refused(sessions, lambda: services.jav.procurements(text))


_jav_worlds: dict[int, tuple[JavWorld, uuid.UUID]] = {}


def _jav_world(
    services: Services, rows: BaseRows, sessions: sessionmaker[Session]
) -> tuple[JavWorld, uuid.UUID]:
    """The jäv world, built once per database, and Anna's place on the plan item's roster."""
    if id(sessions) not in _jav_worlds:
        world = build_jav_world(sessions, rows.officer, rows.supplier)
        anna = services.jav.add_participant(
            {"person_id": world.anna, "role": "Beställare", "added_on": DAY},
            plan_item_id=world.plan_item,
        )
        _jav_worlds[id(sessions)] = (world, anna)
    return _jav_worlds[id(sessions)]


DATED = {
    "key": RefKey.LEAD_DIRECT,
    "unit": Unit.MONTHS,
    "amount": 2,
    "valid_from": date(2031, 1, 1),
    "source": "Inköpsriktlinjen 2031",
}

LISTS = {
    "plan": plan.SPEC,
    "contracts": contracts.SPEC,
    "suppliers": suppliers.SPEC,
    "direct_awards": direct_awards.SPEC,
    "followup": followup.SPEC,
}


@FUZZ
@given(data=st.data())
def test_reference_values_catalogue_and_list_filters(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], data: st.DataObject
) -> None:
    _make_admin(sessions, base_rows)
    dated = data.draw(hostile(DATED | {"valid_from": date(2031, 1, 1 + next(_numbers) % 28)}))
    saved_or_refused(sessions, lambda: services.reference.add(dated))
    words, cpv = data.draw(HOSTILE_TEXT), data.draw(HOSTILE_TEXT | st.none())
    on = data.draw(st.dates())
    saved_or_refused(
        sessions, lambda: services.catalogue.search(CatalogueQuery(text=words, cpv=cpv, on=on))
    )
    for name, spec in [*LISTS.items(), ("jav", jav.SPEC)]:
        filters = data.draw(
            st.dictionaries(st.sampled_from([*spec.filters, "okänd"]), HOSTILE_TEXT, max_size=2)
        )
        text, sort = data.draw(HOSTILE_TEXT), data.draw(HOSTILE_TEXT)
        listing = services.jav.roster if name == "jav" else getattr(services, name).list
        saved_or_refused(sessions, functools.partial(_list, listing, text, filters, sort))


def _list(listing: Any, text: str, filters: dict[str, str], sort: str) -> Any:
    """One page of a list, queried the way the GUI's list page builds its query."""
    return listing(ListQuery(text=text, filters=filters, sort=sort))


def _make_admin(sessions: sessionmaker[Session], rows: BaseRows) -> None:
    """Karin (the acting user) may add reference values."""
    with sessions.begin() as s:
        if s.query(PersonRole).filter_by(person_id=rows.officer, role="administrator").count():
            return
        s.add(PersonRole(version=1, person_id=rows.officer, role="administrator"))


@given(st.one_of(HOSTILE, st.sampled_from(["1e999999999", "9" * 5000, float("inf")])))
def test_spreadsheet_cells_give_a_bounded_value_or_a_cell_error(raw: Any) -> None:
    for parse_cell in (cells.kronor, cells.integer, cells.day):
        try:
            value = parse_cell(raw)
        except cells.CellError as exc:
            assert text_problem(exc.text) is None
            continue
        if parse_cell is cells.kronor:
            assert abs(value) <= MAX_ORE


def test_the_inputs_of_the_issue_are_refused_in_swedish_and_nothing_is_saved(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    supplier = {"name": "Nordic Medtech AB", "orgnr": "5560747569"}
    calls = {
        "högst 10\u00a0000\u00a0000\u00a0000\u00a0000 kr": lambda: services.plan.create(
            _plan_item(base_rows) | {"estimated_total_ore": 2**63}
        ),
        "Slutdatum: Datumet 9999-12-31 måste ligga mellan": lambda: services.contracts.create(
            contract_data(base_rows, end_date=date(9999, 12, 31)), [{"months": 12}]
        ),
        "Namn: Texten innehåller ett ogiltigt tecken": lambda: services.suppliers.create(
            supplier | {"name": "Nordic\ud800"}
        ),
        r"Anteckningar: Texten innehåller ett otillåtet styrtecken \(U\+0000\)": lambda: (
            services.suppliers.create(supplier | {"notes": "a\x00b"})
        ),
        "Gäller: ”9999-99-99” är inte ett datum": lambda: services.contracts.list(
            ListQuery(filters={"active_on": "9999-99-99"})
        ),
        "År: ”tjugo” är inte ett årtal": lambda: services.plan.list(
            ListQuery(filters={"year": "tjugo"})
        ),
        "Sökning: texten innehåller": lambda: services.suppliers.list(ListQuery(text="a\x00")),
    }
    for message, call in calls.items():
        before = snapshot(sessions)
        with pytest.raises(ValidationError, match=message):
            call()
        assert snapshot(sessions) == before
