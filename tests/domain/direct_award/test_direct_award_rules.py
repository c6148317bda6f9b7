"""Scenarios of 19 a kap. LOU with amounts and dates: same kind, documentation, delegation."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from inkop_desktop.domain.direct_award.delegation import (
    DecisionMaker,
    DelegationError,
    DelegationRuleRef,
    covering_rule,
)
from inkop_desktop.domain.direct_award.input import DirectAwardInput
from inkop_desktop.domain.direct_award.rules import AwardFacts, DocItem, assess
from inkop_desktop.domain.direct_award.same_kind import AwardRef, same_kind_key, same_kind_totals
from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround, transition
from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import ReferenceTable, load_reference_file
from inkop_desktop.domain.validation import parse
from inkop_desktop.paths import resource


@pytest.fixture(scope="module")
def table() -> ReferenceTable:
    return ReferenceTable(load_reference_file(resource("data", "reference.json")))


def award(
    kr: int,
    day: date,
    parties: Parties = Parties.SORMLAND,
    key: str = "331",
    status: AwardStatus = AwardStatus.SIGNERAD,
    **extra: Any,
) -> AwardRef:
    return AwardRef(
        id=uuid.uuid4(),
        diarienummer=f"RS {day.year}-{kr}",
        title="Laboratorieutrustning",
        parties=parties,
        same_kind_key=key,
        value_ore=kr * 100,
        award_date=day,
        status=status,
        **extra,
    )


def complete(ref: AwardRef, **changes: Any) -> AwardFacts:
    """Facts of a fully documented record; *changes* take items away."""
    values: dict[str, Any] = dict(
        ref=ref,
        legal_ground=LegalGround.UNDER_GRANS,
        buyer_orgnrs=("232100-0032", "232100-0172"),
        title="Centrifug",
        cpv="33100000-1",
        competition="Tre leverantörer tillfrågades skriftligen.",
        suppliers_asked=3,
        quotes=3,
        chosen_supplier_orgnr="556016-0680",
        award_reason="Lägsta pris.",
        duration="Engångsleverans",
        contract_checked=True,
        decision_maker_set=True,
        decision_text="Köp centrifugen.",
    )
    values.update(changes)
    return AwardFacts(**values)


# --- same-kind aggregation (19 a kap. 3 §) ------------------------------------------------


def test_three_awards_of_one_cpv_group_pass_the_limit_on_the_third(table: ReferenceTable) -> None:
    first = award(240_000, date(2025, 2, 10))
    second = award(250_000, date(2025, 5, 20))
    third = award(260_000, date(2025, 9, 1), status=AwardStatus.UTKAST)
    assert assess(complete(second), [first], table).ok
    result = assess(complete(third), [first, second], table)
    (total,) = result.totals
    assert total.region is Region.SORMLAND and total.year == 2025
    assert total.total == Money.kronor(750_000) and total.limit.money == Money.kronor(700_000)
    assert [a.value_ore for a in total.earlier] == [24_000_000, 25_000_000]
    assert total.reached and not result.ok
    assert "750\u00a0000 kr" in result.problems[0] and "19 a kap. 3 §" in result.problems[0]


def test_the_same_three_over_two_regions_stay_under_the_limit(table: ReferenceTable) -> None:
    first = award(240_000, date(2025, 2, 10), Parties.SORMLAND)
    second = award(250_000, date(2025, 5, 20), Parties.VASTMANLAND)
    third = award(260_000, date(2025, 9, 1), Parties.SORMLAND, status=AwardStatus.UTKAST)
    result = assess(complete(third), [first, second], table)
    assert result.totals[0].total == Money.kronor(500_000)
    assert result.ok


def test_a_joint_purchase_counts_for_each_party(table: ReferenceTable) -> None:
    joint = award(300_000, date(2025, 3, 1), Parties.BADA)
    srm = award(350_000, date(2025, 6, 1), Parties.SORMLAND)
    current = award(100_000, date(2025, 9, 1), Parties.BADA, status=AwardStatus.UTKAST)
    totals = {t.region: t.total for t in same_kind_totals(current, [joint, srm], table)}
    assert totals == {
        Region.SORMLAND: Money.kronor(750_000),
        Region.VASTMANLAND: Money.kronor(400_000),
    }
    assert not assess(complete(current), [joint, srm], table).ok


def test_a_new_fiscal_year_starts_from_zero(table: ReferenceTable) -> None:
    december = award(450_000, date(2024, 12, 20))
    january = award(450_000, date(2025, 1, 10), status=AwardStatus.UTKAST)
    result = assess(complete(january), [december], table)
    assert result.totals[0].year == 2025 and result.totals[0].earlier == ()
    assert result.ok
    same_year = award(450_000, date(2024, 12, 30), status=AwardStatus.UTKAST)
    assert not assess(complete(same_year), [december], table).ok


def test_other_kinds_drafts_and_replaced_records_do_not_count(table: ReferenceTable) -> None:
    other_kind = award(400_000, date(2025, 2, 1), key="301")
    draft = award(400_000, date(2025, 2, 1), status=AwardStatus.UTKAST)
    old = award(400_000, date(2025, 2, 1), status=AwardStatus.ERSATT)
    signed_old = award(400_000, date(2025, 3, 1))
    correction = award(420_000, date(2025, 3, 1), supersedes_id=signed_old.id)
    result = assess(complete(correction), [other_kind, draft, old, signed_old], table)
    assert result.totals[0].total == Money.kronor(420_000) and result.ok


def test_other_legal_grounds_are_not_blocked_by_the_total(table: ReferenceTable) -> None:
    earlier = award(650_000, date(2025, 2, 1))
    current = award(200_000, date(2025, 4, 1), status=AwardStatus.UTKAST)
    facts = complete(current, legal_ground=LegalGround.FUFA)
    result = assess(facts, [earlier], table)
    assert result.totals[0].reached and result.ok
    assert result.efterannonsering is not None and "19 a kap. 13 §" in result.efterannonsering


def test_award_date_either_side_of_the_2022_limit_change(table: ReferenceTable) -> None:
    before = award(650_000, date(2022, 1, 31), status=AwardStatus.UTKAST)
    after = award(650_000, date(2022, 2, 1), status=AwardStatus.UTKAST)
    blocked = assess(complete(before), [], table)
    assert blocked.totals[0].limit.money == Money.kronor(626_284) and not blocked.ok
    allowed = assess(complete(after), [], table)
    assert allowed.totals[0].limit.money == Money.kronor(700_000) and allowed.ok


def test_the_same_kind_key_defaults_to_the_cpv_group_and_an_override_needs_a_reason() -> None:
    assert same_kind_key("33141000-0") == "331"
    assert same_kind_key("33141000-0", "331-förbr", "Förbrukning från samma grossist") == (
        "331-förbr"
    )
    with pytest.raises(ValidationError, match="ange varför"):
        same_kind_key("33141000-0", "999")


# --- documentation duty (19 a kap. 11 §) and guideline tiers ------------------------------


def test_documentation_duty_is_triggered_by_the_aggregate_of_small_purchases(
    table: ReferenceTable,
) -> None:
    small = [award(40_000, date(2025, 3, 1)), award(35_000, date(2025, 4, 1))]
    third = award(30_000, date(2025, 5, 1), status=AwardStatus.UTKAST)
    sparse = complete(third, competition="", duration="", suppliers_asked=1, quotes=1)
    alone = assess(sparse, [], table)
    assert not alone.documentation_required and alone.ok
    result = assess(sparse, small, table)
    assert result.aggregated == Money.kronor(105_000) and result.documentation_required
    assert dict(result.checklist) == {
        DocItem.KOPARE: True,
        DocItem.FOREMAL: True,
        DocItem.KONKURRENS: False,
        DocItem.LEVERANTORER: True,
        DocItem.VALD: True,
        DocItem.VARDE: True,
        DocItem.TID: False,
    }
    missing = "\n".join(result.problems)
    assert "Hur konkurrensen har tillvaratagits" in missing
    assert "Leveranstid eller avtalstid" in missing and "19 a kap. 11 §" in missing
    assert "minst 3 tillfrågade" in missing  # tier from 100 000 kr, counted on the total


def test_exactly_100_000_kr_needs_documentation(table: ReferenceTable) -> None:
    facts = complete(award(100_000, date(2025, 5, 1)), buyer_orgnrs=())
    result = assess(facts, [], table)
    assert result.documentation_required
    assert any("Upphandlande myndighet och organisationsnummer" in p for p in result.problems)
    below = assess(complete(award(99_999, date(2025, 5, 1)), buyer_orgnrs=()), [], table)
    assert not below.documentation_required and below.ok


def test_fewer_quotes_than_the_tier_needs_a_written_reason(table: ReferenceTable) -> None:
    ref = award(250_000, date(2025, 5, 1), Parties.VASTMANLAND)
    short = complete(ref, suppliers_asked=2, quotes=2)
    result = assess(short, [], table)
    assert result.tier is not None and result.tier.amount == 3
    assert any("minst 3" in p for p in result.problems)
    reasoned = complete(ref, suppliers_asked=2, quotes=2, fewer_quotes_reason="Två aktörer.")
    assert assess(reasoned, [], table).ok


def test_a_contract_hit_needs_a_reason_and_a_decision_needs_its_parts(
    table: ReferenceTable,
) -> None:
    ref = award(50_000, date(2025, 5, 1))
    problems = assess(complete(ref, contract_hits=1), [], table).problems
    assert problems == ["Ett gällande avtal täcker behovet: motivera avsteget för att gå vidare."]
    bare = complete(
        ref, contract_checked=False, decision_maker_set=False, decision_text="", quotes=1
    )
    assert len(assess(bare, [], table).problems) == 3


def test_annex2_services_over_the_limit_are_flagged_for_efterannonsering(
    table: ReferenceTable,
) -> None:
    ref = award(900_000, date(2025, 5, 1))
    facts = complete(ref, legal_ground=LegalGround.OVERPROVNING, annex2_services=True)
    assert "bilaga 2" in (assess(facts, [], table).efterannonsering or "")


# --- delegation -----------------------------------------------------------------------------


def _rules(org: uuid.UUID, chief: uuid.UUID) -> list[DelegationRuleRef]:
    common = dict(organisation_id=org, organisation="HSF", valid_to=None)
    return [
        DelegationRuleRef(
            id=uuid.uuid4(),
            role="budgetansvarig",
            person_id=None,
            max_amount_ore=10_000_000,
            valid_from=date(2024, 1, 1),
            reference="Delegationsordning NHS punkt 4.2",
            **common,
        ),
        DelegationRuleRef(
            id=uuid.uuid4(),
            role=None,
            person_id=chief,
            max_amount_ore=70_000_000,
            valid_from=date(2024, 1, 1),
            reference="Delegationsordning NHS punkt 4.1",
            **common,
        ),
    ]


def test_a_decision_maker_without_enough_delegation_is_refused_naming_the_rule() -> None:
    org, chief = uuid.uuid4(), uuid.uuid4()
    rules = _rules(org, chief)
    holder = DecisionMaker(id=uuid.uuid4(), name="Berit Ek", roles=(("budgetansvarig", org),))
    day = date(2025, 5, 1)
    assert covering_rule(rules, holder, [org], day, Money.kronor(100_000)).reference.endswith("4.2")
    with pytest.raises(DelegationError) as refused:
        covering_rule(rules, holder, [org], day, Money.kronor(150_000))
    assert "Berit Ek saknar delegation för 150\u00a0000 kr" in refused.value.text
    assert "punkt 4.2" in refused.value.text and "100\u00a0000 kr" in refused.value.text
    boss = DecisionMaker(id=chief, name="Åke Lund", roles=())
    assert covering_rule(rules, boss, [org], day, Money.kronor(650_000)).reference.endswith("4.1")


def test_delegation_is_dated_and_bound_to_the_organisation() -> None:
    org, chief = uuid.uuid4(), uuid.uuid4()
    rules = _rules(org, chief)
    holder = DecisionMaker(id=uuid.uuid4(), name="Berit Ek", roles=(("budgetansvarig", org),))
    with pytest.raises(DelegationError, match="ingen delegation"):
        covering_rule(rules, holder, [org], date(2023, 12, 31), Money.kronor(5_000))
    with pytest.raises(DelegationError, match="ingen delegation"):
        covering_rule(rules, holder, [uuid.uuid4()], date(2025, 1, 1), Money.kronor(5_000))


# --- input and workflow ---------------------------------------------------------------------


def test_input_is_strict_and_swedish() -> None:
    data: dict[str, Any] = dict(
        region=Parties.SORMLAND,
        title="Centrifug",
        cpv="33100000-1",
        value="125 000",
        legal_ground=LegalGround.UNDER_GRANS,
        award_date=date(2025, 5, 1),
    )
    item = parse(DirectAwardInput, data)
    assert item.value == Money.kronor(125_000) and item.same_kind_key == "331"
    with pytest.raises(ValidationError, match="CPV-kod"):
        parse(DirectAwardInput, {**data, "cpv": "3310"})
    with pytest.raises(ValidationError, match="negativt"):
        parse(DirectAwardInput, {**data, "value": "-5"})
    with pytest.raises(ValidationError, match="är inte ett känt fält"):
        parse(DirectAwardInput, {**data, "status": "signerad"})


def test_status_workflow() -> None:
    assert transition(AwardStatus.UTKAST, AwardStatus.KLAR) is AwardStatus.KLAR
    assert transition(AwardStatus.KLAR, AwardStatus.UTKAST) is AwardStatus.UTKAST
    assert transition(AwardStatus.SIGNERAD, AwardStatus.ERSATT) is AwardStatus.ERSATT
    with pytest.raises(TransitionError, match="från ”Utkast” till ”Beslutad och signerad”"):
        transition(AwardStatus.UTKAST, AwardStatus.SIGNERAD)
    with pytest.raises(TransitionError):
        transition(AwardStatus.SIGNERAD, AwardStatus.UTKAST)
    assert AwardStatus.ERSATT.is_signed and not AwardStatus.KLAR.is_editable
