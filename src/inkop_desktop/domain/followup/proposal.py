"""Which checklists a contract's follow-up plan should use, from its risk tier and CPV."""

from __future__ import annotations

from inkop_desktop.domain.contracts import RiskTier

BASIC = "grundkontroll"
BY_TIER: dict[RiskTier, tuple[str, ...]] = {
    RiskTier.NORMAL: (BASIC,),
    RiskTier.HOG: ("skatter", "underleverantorer", "arbetsvillkor", "leverans", "faktura"),
    RiskTier.KRITISK: (
        "skatter", "underleverantorer", "arbetsvillkor", "hallbarhet", "leverans", "faktura",
        "civil_beredskap",
    ),
}  # fmt: skip
"""The shipped template keys each tier is followed up with."""

WELFARE_CRIME_CPV = frozenset({"33", "45", "55", "60", "79", "85", "90", "98"})
"""CPV divisions where välfärdsbrottslighet is a known risk (care, building, cleaning, food,
transport, staffing): labour-intensive services with subcontractor chains."""

PREPAREDNESS = "civil_beredskap"
WELFARE_CRIME = "valfardsbrott"


def proposed_templates(tier: RiskTier, cpv: str, preparedness_critical: bool) -> tuple[str, ...]:
    """Template keys for a new plan: the tier's set, plus preparedness and welfare-crime checks."""
    keys = list(BY_TIER[tier])
    if preparedness_critical and PREPAREDNESS not in keys:
        keys.append(PREPAREDNESS)
    if tier is not RiskTier.NORMAL and cpv[:2] in WELFARE_CRIME_CPV:
        keys.append(WELFARE_CRIME)
    return tuple(keys)


def reasons(tier: RiskTier, cpv: str, preparedness_critical: bool) -> list[str]:
    """Why the proposal looks as it does, in Swedish, for the user confirming it."""
    out = [f"Riskklass {tier.label}: checklistor enligt SKR:s prioriteringsmodell."]
    if preparedness_critical:
        out.append("Avtalet är markerat som viktigt vid höjd beredskap: civil beredskap ingår.")
    if tier is not RiskTier.NORMAL and cpv[:2] in WELFARE_CRIME_CPV:
        out.append(
            f"CPV {cpv} hör till en bransch med känd risk för välfärdsbrottslighet: "
            "varningssignaler kontrolleras."
        )
    return out
