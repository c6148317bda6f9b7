"""Avtalstrohet rules without a database: shares, the same-kind limit as dated, plan prefill."""

from __future__ import annotations

from datetime import date

from inkop_desktop.domain.compliance import (
    Field,
    OffContract,
    Share,
    SpendGroup,
    guess,
    plan_prefill,
    same_kind_key,
    same_kind_warnings,
)
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey

KR = 100


def _table(comparison: str) -> ReferenceTable:
    value = DatedValue.model_validate(  # as stored: plain values
        {"key": RefKey.LOU_DIRECT_AWARD_LIMIT, "unit": "kr", "amount": 700_000,
         "valid_from": date(2022, 2, 1), "source": "LOU 19 a kap. 3 §", "comparison": comparison},
        strict=False,
    )  # fmt: skip
    return ReferenceTable([value])


def _group(kronor: int) -> SpendGroup:
    return SpendGroup(Region.SORMLAND, 2026, "konto:6420", kronor * KR, date(2026, 5, 1), ("X",))


def test_a_total_at_the_limit_warns_only_where_the_rule_says_at_least() -> None:
    assert [w.group.total_ore for w in same_kind_warnings([_group(700_000)], _table("minst"))] == [
        700_000 * KR
    ]
    assert same_kind_warnings([_group(700_000)], _table("över")) == []
    assert len(same_kind_warnings([_group(700_001)], _table("över"))) == 1
    assert same_kind_warnings([_group(699_999)], _table("minst")) == []


def test_share_of_nothing_is_a_dash_and_a_half_is_fifty_percent() -> None:
    assert Share("x", 0, 0).percent == "–"
    assert Share("x", 300, 150).percent == "50,0 %"
    assert Share("x", 300, 150).off_contract_ore == 150


def test_kind_is_the_cpv_group_when_known_else_the_account() -> None:
    assert same_kind_key("33100000-1", "4560") == "cpv:331"
    assert same_kind_key(None, " 4560 ") == "konto:4560"


def test_a_supplier_bought_by_both_regions_is_planned_for_both_next_year() -> None:
    off = OffContract("556100-0011", "Gamma AB", 810_000 * KR, 3,
                      (Region.SORMLAND, Region.VASTMANLAND), "konto:6420")  # fmt: skip
    prefill = plan_prefill(off, 2026)
    assert (prefill.year, prefill.parties, prefill.annual_ore) == (2027, Parties.BADA, 81_000_000)
    assert "konto 6420" in prefill.title and "3 fakturarader" in prefill.description


def test_headings_are_guessed_without_taking_one_twice() -> None:
    found = guess(["Datum", "Ansvar", "Lev orgnr", "Leverantör", "Belopp exkl. moms", "Konto"])
    assert found == {
        Field.DATUM: "Datum", Field.ENHET: "Ansvar", Field.ORGNR: "Lev orgnr",
        Field.LEVERANTOR: "Leverantör", Field.BELOPP: "Belopp exkl. moms", Field.KONTO: "Konto",
    }  # fmt: skip
