"""Jäv rules: cross-check against suppliers, gating of decisions, input and access rules."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.jav.access import JavAccessError, Viewer, check_assess, may_view
from inkop_desktop.domain.jav.crosscheck import (
    DeclaredParty,
    KnownSupplier,
    MatchBasis,
    cross_check,
    orgnr_key,
)
from inkop_desktop.domain.jav.gating import (
    AssessmentFact,
    ParticipantFacts,
    award_refusal,
    is_active,
    participant_state,
    signing_blockers,
)
from inkop_desktop.domain.jav.input import AssessmentInput, DeclarationInput, InterestInput
from inkop_desktop.domain.jav.kinds import (
    AssessmentOutcome,
    DeclarationState,
    InterestKind,
    JavGround,
)
from inkop_desktop.domain.jav.versions import check_signable, next_version
from inkop_desktop.domain.validation import parse

KNOWN = date(2026, 11, 10)
STAD = KnownSupplier(uuid.uuid4(), "Städ & Service AB", "556016-0680", KNOWN)
LABB = KnownSupplier(uuid.uuid4(), "Alfa Labb AB", "556074-7569", KNOWN, ("Per Nilsson",))


def _party(**kw: str) -> DeclaredParty:
    return DeclaredParty(uuid.uuid4(), InterestKind.AGANDE, **kw)


# --- cross-check ----------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["556016-0680", "5560160680", "16 556016-0680", " 556016 0680"])
def test_same_orgnr_with_or_without_hyphen_matches(written: str) -> None:
    [match] = cross_check([_party(company_orgnr=written)], [STAD, LABB])
    assert match.basis is MatchBasis.ORGNR and match.supplier_id == STAD.supplier_id


def test_normalised_company_name_matches() -> None:
    [match] = cross_check([_party(company_name="STÄD OCH SERVICE AKTIEBOLAG")], [STAD, LABB])
    assert match.basis is MatchBasis.NAMN and match.supplier == "Städ & Service AB"


def test_other_companies_and_half_numbers_do_not_match() -> None:
    parties = [_party(company_name="Städ & Service Norr AB", company_orgnr="556016-068")]
    assert cross_check(parties, [STAD, LABB]) == []
    assert orgnr_key("556016-068") is None


def test_declared_person_matches_a_supplier_contact_and_employer_matches() -> None:
    matches = cross_check([_party(person_name="per  nilsson")], [STAD, LABB], "Städ och Service AB")
    assert {(m.supplier, m.basis) for m in matches} == {
        ("Alfa Labb AB", MatchBasis.KONTAKTPERSON),
        ("Städ & Service AB", MatchBasis.ARBETSGIVARE),
    }
    assert [m.interest_id for m in matches if m.basis is MatchBasis.ARBETSGIVARE] == [None]


# --- gating ---------------------------------------------------------------------------------


def _facts(**kw: object) -> ParticipantFacts:
    base: dict[str, object] = {"person": "Anna Ek", "role": "Beställare", "signed": True}
    return ParticipantFacts(**(base | kw))  # type: ignore[arg-type]


def _interest_match(interest: uuid.UUID) -> ParticipantFacts:
    [match] = cross_check(
        [DeclaredParty(interest, InterestKind.AGANDE, company_orgnr="5560160680")], [STAD]
    )
    return _facts(interest_ids=(interest,), matches=(match,))


def test_missing_declaration_blocks_and_names_the_person() -> None:
    facts = _facts(signed=False)
    assert participant_state(facts) is DeclarationState.SAKNAS
    assert signing_blockers([facts]) == ["Anna Ek (Beställare): signerad jävsdeklaration saknas."]


def test_unconfirmed_declaration_after_suppliers_known_blocks() -> None:
    facts = _facts(needs_confirmation=True)
    assert participant_state(facts) is DeclarationState.OBEKRAFTAD
    [text] = signing_blockers([facts])
    assert text.startswith("Anna Ek (Beställare):") and "inte bekräftad" in text


def test_a_yes_ground_blocks_until_assessed() -> None:
    facts = _facts(grounds_yes=(JavGround.OTHER_CIRCUMSTANCE,))
    assert participant_state(facts) is DeclarationState.EJ_BEDOMD
    assert "1 anmäld omständighet" in signing_blockers([facts])[0]
    done = _facts(
        grounds_yes=(JavGround.OTHER_CIRCUMSTANCE,),
        assessments=(AssessmentFact(None, AssessmentOutcome.INTE_JAV, KNOWN),),
    )
    assert participant_state(done) is DeclarationState.KLAR and signing_blockers([done]) == []


def test_a_cross_check_match_blocks_until_assessed_after_the_supplier_was_known() -> None:
    interest = uuid.uuid4()
    facts = _interest_match(interest)
    assert "varav 1 med träff mot en leverantör" in signing_blockers([facts])[0]
    early = AssessmentFact(interest, AssessmentOutcome.INTE_JAV, date(2026, 11, 1))
    stale = _facts(interest_ids=facts.interest_ids, matches=facts.matches, assessments=(early,))
    assert participant_state(stale) is DeclarationState.EJ_BEDOMD
    late = AssessmentFact(interest, AssessmentOutcome.INTE_JAV, KNOWN)
    done = _facts(interest_ids=facts.interest_ids, matches=facts.matches, assessments=(late,))
    assert signing_blockers([done]) == []


def test_assessed_jav_leaves_the_active_roster_and_does_not_block() -> None:
    interest = uuid.uuid4()
    jav = AssessmentFact(interest, AssessmentOutcome.JAV, KNOWN)
    facts = _facts(interest_ids=(interest,), needs_confirmation=True, assessments=(jav,))
    assert participant_state(facts) is DeclarationState.JAVIG
    assert not is_active(facts) and signing_blockers([facts]) == []


def test_the_latest_assessment_of_an_item_counts() -> None:
    interest = uuid.uuid4()
    first = AssessmentFact(interest, AssessmentOutcome.JAV, KNOWN)
    second = AssessmentFact(interest, AssessmentOutcome.INTE_JAV, date(2026, 11, 12))
    facts = _facts(interest_ids=(interest,), assessments=(first, second))
    assert participant_state(facts) is DeclarationState.KLAR and is_active(facts)


def test_a_removal_the_day_of_joining_does_not_block_and_refusal_lists_everyone() -> None:
    day = date(2026, 11, 2)
    people = [
        _facts(person="Anna Ek", signed=False),
        _facts(person="Bo Berg", role="Upphandlare", needs_confirmation=True),
        _facts(person="Cia Dahl", signed=False, removed=True, added_on=day, removed_on=day),
    ]
    texts = signing_blockers(people)
    assert [t.split(" (")[0] for t in texts] == ["Anna Ek", "Bo Berg"]
    error = award_refusal(texts, "Tilldelning")
    assert isinstance(error, TransitionError)
    assert "• Anna Ek" in error.text and "• Bo Berg" in error.text
    assert award_refusal([], "Tilldelning") is None


def test_a_later_removal_keeps_a_due_declaration_blocking_until_it_is_done() -> None:
    joined, left = date(2026, 11, 2), date(2026, 11, 20)
    gone = {"removed": True, "added_on": joined, "removed_on": left}
    [text] = signing_blockers([_facts(person="Cia Dahl", signed=False, **gone)])
    assert text == (
        "Cia Dahl (Beställare, borttagen 2026-11-20 men deklarationen var redan förfallen): "
        "signerad jävsdeklaration saknas."
    )
    assert signing_blockers([_facts(person="Cia Dahl", **gone)]) == []


# --- input, versions and access -------------------------------------------------------------

NO = {
    "party_affected": False,
    "representative": False,
    "instance_or_supervision": False,
    "other_circumstance": False,
    "report_changes": True,
    "secrecy_accepted": True,
}


def test_a_yes_ground_needs_a_description() -> None:
    with pytest.raises(ValidationError, match="Annan särskild omständighet"):
        parse(DeclarationInput, NO | {"other_circumstance": True})
    parse(DeclarationInput, NO | {"other_circumstance": True, "other_circumstance_text": "Vän"})


def test_interest_needs_someone_and_a_valid_orgnr() -> None:
    with pytest.raises(ValidationError, match="Ange företag"):
        parse(InterestInput, {"kind": InterestKind.GAVA})
    with pytest.raises(ValidationError, match="kontrollsiffra"):
        parse(InterestInput, {"kind": InterestKind.AGANDE, "company_orgnr": "5560160681"})
    ok = parse(InterestInput, {"kind": InterestKind.AGANDE, "company_orgnr": "5560160680"})
    assert ok.company_orgnr == "556016-0680"


def test_unanswered_ground_is_refused_in_swedish() -> None:
    with pytest.raises(ValidationError, match="måste vara ja eller nej"):
        parse(DeclarationInput, NO | {"representative": None})


def test_assessment_needs_a_documented_reason() -> None:
    data = {"outcome": AssessmentOutcome.JAV}
    with pytest.raises(ValidationError, match="en misstanke räcker inte"):
        parse(AssessmentInput, data | {"reason": "Misstänkt."})
    parse(AssessmentInput, data | {"reason": "Äger 40 % av anbudsgivaren enligt deklarationen."})


def test_versions_only_the_latest_unsigned_with_undertakings_is_signed() -> None:
    assert next_version(None) == 1 and next_version(3) == 4
    with pytest.raises(ValidationError, match="redan signerad"):
        check_signable(version_no=2, latest_no=2, signed=True, problems=[])
    with pytest.raises(ValidationError, match="ersatts av version 3"):
        check_signable(version_no=2, latest_no=3, signed=False, problems=[])
    missing = parse(DeclarationInput, NO | {"secrecy_accepted": False}).signing_problems()
    assert [field for field, _text in missing] == ["secrecy_accepted"]
    assert "sekretessförbindelsen" in missing[0][1]


def test_only_declarant_responsible_and_managers_read_and_nobody_assesses_themself() -> None:
    me, boss, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert may_view(Viewer(me), me, ()) and may_view(Viewer(boss), me, (boss,))
    assert may_view(Viewer(other, is_manager=True), me, ())
    assert not may_view(Viewer(other), me, (boss,)) and not may_view(Viewer(None), me, ())
    with pytest.raises(JavAccessError, match="egen"):
        check_assess(Viewer(me, is_manager=True), me, (me,))
    with pytest.raises(JavAccessError, match="Bara upphandlingens ansvarige"):
        check_assess(Viewer(other), me, (boss,))
    check_assess(Viewer(boss), me, (boss,))
