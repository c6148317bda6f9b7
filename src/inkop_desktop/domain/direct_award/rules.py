"""The rules a direct-award record is checked against before it is finished and signed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from inkop_desktop.domain.direct_award.same_kind import (
    AwardRef,
    SameKindTotal,
    aggregated_value,
    limit_problem,
    same_kind_totals,
)
from inkop_desktop.domain.direct_award.status import CITES, LegalGround
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.reference import Comparison, DatedValue, ReferenceTable, RefKey


class DocItem(StrEnum):
    """The minimum documentation of a direct award (19 a kap. 11 §, prop. 2021/22:5)."""

    KOPARE = "kopare"
    FOREMAL = "foremal"
    KONKURRENS = "konkurrens"
    LEVERANTORER = "leverantorer"
    VALD = "vald"
    VARDE = "varde"
    TID = "tid"

    @property
    def label(self) -> str:
        """Swedish heading of the item."""
        return DOC_ITEM_LABELS[self]


DOC_ITEM_LABELS = {
    DocItem.KOPARE: "Upphandlande myndighet och organisationsnummer",
    DocItem.FOREMAL: "Vad som köps",
    DocItem.KONKURRENS: "Hur konkurrensen har tillvaratagits",
    DocItem.LEVERANTORER: "Tillfrågade leverantörer och antal anbud",
    DocItem.VALD: "Vald leverantör, organisationsnummer och huvudsakliga skäl",
    DocItem.VARDE: "Kontraktets (uppskattade) värde exkl. moms",
    DocItem.TID: "Leveranstid eller avtalstid",
}


class AwardFacts(BaseModel):
    """Everything the rules look at, gathered by the service from the record."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")
    ref: AwardRef
    legal_ground: LegalGround
    annex2_services: bool = False
    buyer_orgnrs: tuple[str, ...] = ()
    title: str = ""
    cpv: str = ""
    competition: str = ""
    suppliers_asked: int = 0
    quotes: int = 0
    chosen_supplier_orgnr: str | None = None
    award_reason: str = ""
    duration: str = ""
    fewer_quotes_reason: str = ""
    contract_checked: bool = False
    contract_hits: int = 0
    contract_stale: str = ""
    existing_contract_reason: str = ""
    decision_maker_set: bool = False
    decision_text: str = ""
    efterannonsering_done: bool = False


def checklist(facts: AwardFacts) -> list[tuple[DocItem, bool]]:
    """Each documentation item and whether the record holds it."""
    parties = len(facts.ref.parties.regions())
    return [
        (DocItem.KOPARE, len([o for o in facts.buyer_orgnrs if o]) >= parties),
        (DocItem.FOREMAL, bool(facts.title.strip() and facts.cpv)),
        (DocItem.KONKURRENS, bool(facts.competition.strip())),
        (DocItem.LEVERANTORER, facts.suppliers_asked > 0 and facts.quotes > 0),
        (DocItem.VALD, bool(facts.chosen_supplier_orgnr and facts.award_reason.strip())),
        (DocItem.VARDE, facts.ref.value_ore > 0),
        (DocItem.TID, bool(facts.duration.strip())),
    ]


def documentation_threshold(table: ReferenceTable, day: date) -> DatedValue:
    """The dated amount from which documentation is required (19 a kap. 11 §)."""
    return table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, day)


def duty_words(threshold: DatedValue) -> str:
    """``värde om minst 100 000 kr`` or ``värde över 100 000 kr``, as the dated rule says."""
    if threshold.comparison is Comparison.OVER:
        return f"värde över {threshold.money.format()}"
    return f"värde om minst {threshold.money.format()}"


def guideline_tier(
    table: ReferenceTable, parties: Parties, value: Money, day: date
) -> DatedValue | None:
    """The strictest guideline tier of the regions concerned for *value* on *day*."""
    found: list[DatedValue] = []
    for region in parties.regions():
        tiers = table.tiers(RefKey.GUIDE_MIN_SUPPLIERS, day, scope=region.value)
        fitting = [t for t in tiers if (t.from_amount_kr or 0) * 100 <= value.ore]
        if fitting:
            found.append(fitting[-1])
    return max(found, key=lambda t: t.amount, default=None)


def efterannonsering_reason(facts: AwardFacts, limit: Money) -> str | None:
    """Why the award must be published afterwards (19 a kap. 13 §), or None."""
    where = CITES["efterannonsering"]
    if facts.legal_ground is LegalGround.FUFA:
        return f"Direktupphandling enligt förutsättningarna för FUFA ska efterannonseras ({where})."
    if facts.legal_ground is LegalGround.SYNNERLIGA_SKAL:
        return f"Direktupphandling vid synnerlig brådska ska efterannonseras ({where})."
    if facts.annex2_services and Money(facts.ref.value_ore) > limit:
        return (
            f"Sociala och andra särskilda tjänster (bilaga 2) över {limit.format()} ska "
            f"efterannonseras ({where})."
        )
    return None


@dataclass(frozen=True)
class Assessment:
    """The outcome of every rule for one record, ready to show and to gate on."""

    totals: list[SameKindTotal]
    aggregated: Money
    threshold: DatedValue
    documentation_required: bool
    checklist: list[tuple[DocItem, bool]]
    tier: DatedValue | None
    efterannonsering: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing blocks finishing the record."""
        return not self.problems


def _tier_problem(facts: AwardFacts, tier: DatedValue | None) -> str | None:
    """Fewer suppliers asked than the guideline tier needs, without a written reason."""
    asked = max(facts.suppliers_asked, facts.quotes)
    if tier is None or asked >= tier.amount or facts.fewer_quotes_reason.strip():
        return None
    return (
        f"Riktlinjen kräver minst {tier.amount} tillfrågade leverantörer ({tier.note or ''}), "
        f"men {asked} har tillfrågats: ange skälet till färre ({CITES['guidelines']})."
    )


def _contract_problem(facts: AwardFacts) -> str | None:
    """The "finns det avtal?" check must be made, and a hit needs a recorded reason."""
    if not facts.contract_checked:
        return "Kontrollera först om det finns ett gällande avtal (steget ”Finns avtal?”)."
    if facts.contract_stale:
        return facts.contract_stale
    if facts.contract_hits and not facts.existing_contract_reason.strip():
        return "Ett gällande avtal täcker behovet: motivera avsteget för att gå vidare."
    return None


def _decision_problems(facts: AwardFacts) -> list[str]:
    """What a decision needs regardless of the value."""
    problems = []
    if not facts.chosen_supplier_orgnr:
        problems.append("Välj leverantör.")
    if not facts.decision_maker_set:
        problems.append("Ange beslutsfattare.")
    if not facts.decision_text.strip():
        problems.append("Skriv beslutstexten.")
    return problems


def assess(facts: AwardFacts, others: Iterable[AwardRef], table: ReferenceTable) -> Assessment:
    """Run every rule: same-kind total, documentation duty, guideline tier, efterannonsering."""
    totals = same_kind_totals(facts.ref, others, table)
    aggregated = aggregated_value(totals)
    threshold = documentation_threshold(table, facts.ref.award_date)
    required = threshold.reached_by(aggregated)
    items = checklist(facts)
    tier = guideline_tier(table, facts.ref.parties, aggregated, facts.ref.award_date)
    limit = totals[0].limit.money
    problems = [p for p in (limit_problem(totals, facts.legal_ground),) if p]
    if required:
        problems += [
            f"Dokumentationen saknar: {item.label} (krävs vid {duty_words(threshold)} "
            f"räknat på samma slag, {CITES['documentation']})."
            for item, done in items
            if not done
        ]
    problems += [p for p in (_tier_problem(facts, tier), _contract_problem(facts)) if p]
    problems += _decision_problems(facts)
    return Assessment(
        totals=totals,
        aggregated=aggregated,
        threshold=threshold,
        documentation_required=required,
        checklist=items,
        tier=tier,
        efterannonsering=efterannonsering_reason(facts, limit),
        problems=problems,
    )
