"""Demo direktupphandlingar for both regions, with quotes, decision makers and signatures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from inkop_desktop.db.tables import DirectAward, Quote
from inkop_desktop.demo.award_files import store_signed_files
from inkop_desktop.demo.base import Demo, kr, round_kr
from inkop_desktop.demo.catalogue import CATEGORY_BY_KEY, DIRECT_AWARD_TITLES, group_of
from inkop_desktop.demo.org import org_of
from inkop_desktop.demo.terms import DIRECT_LIMIT_KR
from inkop_desktop.demo.texts import AWARD_REASONS
from inkop_desktop.domain.calendar import fiscal_year
from inkop_desktop.domain.direct_award.contract_check import basis_text
from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround, SignatureMethod
from inkop_desktop.domain.money import format_kronor
from inkop_desktop.domain.organisation import Parties

_STATUS_WEIGHTS = ((AwardStatus.SIGNERAD, 65), (AwardStatus.KLAR, 15), (AwardStatus.UTKAST, 20))
_GROUNDS = ((LegalGround.UNDER_GRANS, 90), (LegalGround.SYNNERLIGA_SKAL, 5), (LegalGround.FUFA, 5))
_LATE_REASONS = (
    "Beslutet fattades på ledningsgruppens möte; beslutsfattaren var på tjänsteresa och "
    "signerade vid hemkomsten.",
    "Beslutet fattades muntligt för att leveransen var brådskande; skriftlig signering i "
    "efterhand.",
    "Beslutsfattaren var sjuk på beslutsdagen och signerade när hon eller han var tillbaka.",
)
"""Why a demo decision was signed on another day than its decision date (a reason is required)."""

GUIDELINE_ASKED = 3
"""Suppliers asked in writing: the regions' guideline tier from 100 000 kr (asked even below)."""


@dataclass(frozen=True)
class AwardSpec:
    """What to create: region, title, CPV, category, value, date and status."""

    region: str
    title: str
    cpv: str
    category: str
    value_kr: int
    day: date
    status: AwardStatus


def seed_awards(demo: Demo, total: int = 44) -> None:
    """Awards in both regions, a same-kind cluster, and two corrected (ersatt) records.

    Every decided or finished award keeps its same-kind total under the limit of its date, so
    no signed record is "inte tillåten"; a draft may show the total reaching it.
    """
    budget: Budget = defaultdict(int)
    specs = [_within_limit(budget, s) for s in _cluster(demo)]
    specs += [_within_limit(budget, _random_spec(demo, i)) for i in range(total - 5)]
    originals = [_original(demo, budget, i) for i in range(2)]
    final = {_award(demo, spec).id: spec.status for spec in [*specs, *originals]}
    demo.flush()
    for original in demo.awards[-2:]:
        spec = AwardSpec(
            original.region,
            original.title,
            original.cpv,
            demo.category_of[original.id].key,
            original.value_ore // 100 + _CORRECTION_KR,
            original.award_date,
            AwardStatus.SIGNERAD,
        )
        newer = _award(demo, spec, supersedes=original)
        final[newer.id] = spec.status
        newer.description = f"Ersätter {original.diarienummer}: värdet rättat efter ny offert."
    demo.flush()
    for award in demo.awards:
        _quotes(demo, award)
    demo.flush()
    signed = sorted((a for a in demo.awards if final[a.id].is_signed), key=lambda a: a.signed_at)
    for award in signed:  # in signing order: a record lists the ones signed before it as signed
        store_signed_files(demo, [award])
        award.status = final[award.id].value
        demo.flush()
    for award in demo.awards:  # signed last: a signed record's quotes can no longer be added
        award.status = final[award.id].value
    demo.flush()


Budget = defaultdict[tuple[str, str, int], int]
"""Kronor of counted (finished or signed) awards per region, same-kind key and fiscal year."""

_CORRECTION_KR = 15_000
"""How much a demo correction raises the value of the record it replaces."""


def _within_limit(budget: Budget, spec: AwardSpec, extra_kr: int = 0) -> AwardSpec:
    """*spec* as it is while its kind stays under the limit that year, else left as a draft."""
    if spec.status is AwardStatus.UTKAST:
        return spec
    key = (spec.region, group_of(spec.cpv), fiscal_year(spec.day))
    value = spec.value_kr + extra_kr
    if budget[key] + value >= DIRECT_LIMIT_KR:
        return replace(spec, status=AwardStatus.UTKAST)
    budget[key] += value
    return spec


def _original(demo: Demo, budget: Budget, i: int) -> AwardSpec:
    """A signed record later replaced by a correction; its kind has room for both.

    Room for both: the replaced record's own check (shown when it is opened) counts the
    correction beside it.
    """
    while True:
        spec = _random_spec(demo, i, AwardStatus.ERSATT)
        spec = _within_limit(budget, spec, spec.value_kr + _CORRECTION_KR)
        if spec.status is AwardStatus.ERSATT:
            return spec


def _cluster(demo: Demo) -> list[AwardSpec]:
    """Three awards of the same kind this year in Sörmland, together over the limit."""
    title, cpv, category = DIRECT_AWARD_TITLES[0]
    first = date(demo.today.year, 1, 10)
    return [
        AwardSpec(
            "SRM",
            title,
            cpv,
            category,
            240_000 + 10_000 * i,
            demo.day_between(first, max(first, demo.today)),
            AwardStatus.SIGNERAD,
        )
        for i in range(3)
    ]


def _random_spec(demo: Demo, i: int, status: AwardStatus | None = None) -> AwardSpec:
    """A random award; regions alternate so both have plenty."""
    rng = demo.rng
    title, cpv, category = rng.choice(DIRECT_AWARD_TITLES)
    value = round_kr(rng.uniform(20_000, 650_000), 500)
    weights = [w for _, w in _STATUS_WEIGHTS]
    chosen = status or rng.choices([s for s, _ in _STATUS_WEIGHTS], weights=weights)[0]
    first = date(demo.today.year - 1, 1, 2)
    return AwardSpec(
        ("SRM", "VMA")[i % 2],
        title,
        cpv,
        category,
        value,
        demo.day_between(first, demo.today),
        chosen,
    )


def _decision_maker(demo: Demo, region: str, value_kr: int) -> tuple[Any, Any]:
    """A budget holder whose delegation covers the value, and the rule that allows it."""
    if value_kr > 100_000:
        chiefs = [
            p for p in demo.people["forvaltningschef"] if p in demo.people[f"budget-{region}"]
        ]
        person = demo.rng.choice(chiefs)
        return person, demo.rules[(person.organisation_id, person.id)]
    person = demo.rng.choice(demo.people[f"budget-{region}"])
    return person, demo.rules[(person.organisation_id, None)]


def _award(demo: Demo, spec: AwardSpec, supersedes: DirectAward | None = None) -> DirectAward:
    """One direct-award record (quotes come after the flush)."""
    rng = demo.rng
    maker, rule = _decision_maker(demo, spec.region, spec.value_kr)
    org = org_of(demo, maker)
    requester = rng.choice(demo.people[f"medarbetare-{spec.region}"])
    signed = spec.status in (AwardStatus.SIGNERAD, AwardStatus.ERSATT)
    sign_day = min(spec.day + demo.days(0, 3), demo.today)
    signed_on = min(sign_day + timedelta(days=1 if supersedes else 0), demo.today)
    ground = rng.choices([g for g, _ in _GROUNDS], weights=[w for _, w in _GROUNDS])[0]
    offers = _offers(demo, spec)
    hits = _contracts_found(demo, spec)
    award = demo.new(
        DirectAward,
        diarienummer=demo.diarienummer(spec.region, spec.day.year),
        region=spec.region,
        organisation_id=org.id,
        requester_id=requester.id,
        title=spec.title,
        description=f"Behov: {spec.title[0].lower()}{spec.title[1:]} för {org.name}.",
        cpv=spec.cpv,
        same_kind_key=spec.cpv[:3],
        same_kind_reason="",
        value_ore=kr(spec.value_kr),
        duration=_duration(demo, spec.day),
        legal_ground=ground.value,
        award_date=spec.day,
        decision_maker_id=maker.id,
        delegation_rule_id=rule.id,
        status=AwardStatus.KLAR.value if spec.status.is_signed else spec.status.value,
        existing_contract_reason=_contract_check(demo, spec, hits),
        contract_check_basis=basis_text(c.id for c in hits),
        efterannonsering_done=False,
        supersedes_id=supersedes.id if supersedes else None,
        signed_at=demo.at(signed_on) if signed else None,
        signature_method=SignatureMethod.PAPPER.value if signed else None,
        signed_by_id=maker.id if signed else None,  # only the decision maker signs
        decision_date_reason=_late_reason(demo, spec.day, signed_on) if signed else "",
        signed_pdf_sha256=None,
        **_choice(demo, spec, offers),
    )
    demo.awards.append(award)
    demo.quotes[award.id] = offers
    demo.category_of[award.id] = CATEGORY_BY_KEY[spec.category]
    return award


def _contracts_found(demo: Demo, spec: AwardSpec) -> list[Any]:
    """The contracts "finns avtal?" finds on the decision date, as the catalogue answers it:
    in force for the region, in the same CPV group."""
    group = group_of(spec.cpv)
    return [
        c
        for c in demo.contracts
        if c.start_date <= spec.day <= c.end_date
        and c.cpv.startswith(group)
        and spec.region in {r.value for r in Parties(c.parties).regions()}
    ]


def _contract_check(demo: Demo, spec: AwardSpec, found: list[Any]) -> str:
    """What the check recorded: which contracts were found and why they do not cover this
    need (the reason a hit requires), else that none was found."""
    group = group_of(spec.cpv)
    hits = [c.contract_number for c in found]
    checked = f"Avtalskatalogen kontrollerad för beslutsdagen {spec.day.isoformat()}"
    if not hits:
        return f"{checked}: inget gällande avtal i CPV-gruppen {group}."
    shown = ", ".join(sorted(hits)[:3]) + (f" m.fl. ({len(hits)} avtal)" if len(hits) > 3 else "")
    return (
        f"{checked}: gällande avtal i CPV-gruppen {group} ({shown}) avser andra varor eller "
        f"tjänster och omfattar inte behovet ({spec.title[0].lower()}{spec.title[1:]})."
    )


def _late_reason(demo: Demo, decided: date, signed_on: date) -> str:
    """The written reason a decision signed after its decision date needs (none on the day)."""
    if signed_on == decided:
        return ""
    return _LATE_REASONS[len(demo.awards) % len(_LATE_REASONS)]


def _duration(demo: Demo, day: date) -> str:
    """Delivery time or contract period as text."""
    if demo.rng.random() < 0.5:
        return "Engångsleverans"
    end = day + timedelta(days=demo.rng.choice((90, 180, 364)))
    return f"{day.isoformat()} – {end.isoformat()}"


def _offers(demo: Demo, spec: AwardSpec) -> list[tuple[Any, int]]:
    """One to four (supplier, amount) offers, the winning (lowest) one first."""
    rng = demo.rng
    value = kr(spec.value_kr)
    wanted = rng.choice((1, 2)) if spec.value_kr < 100_000 else rng.choice((2, 3, 3, 3, 4))
    pool = demo.suppliers[spec.category]
    suppliers = rng.sample(pool, k=min(wanted, len(pool)))
    return [
        (s, value if i == 0 else round(value * rng.uniform(1.04, 1.4) / 100) * 100)
        for i, s in enumerate(suppliers)
    ]


def _choice(demo: Demo, spec: AwardSpec, offers: list[tuple[Any, int]]) -> dict[str, Any]:
    """Competition text, chosen supplier, reason and decision text (open drafts have none)."""
    asked = max(GUIDELINE_ASKED, len(offers) + demo.rng.choice((0, 0, 1)))
    fields: dict[str, Any] = {
        "competition": f"{asked} leverantörer tillfrågades skriftligen via e-post; "
        f"{len(offers)} lämnade offert.",
        "suppliers_asked": asked,
        "chosen_supplier_id": None,
        "award_reason": "",
        "decision_text": "",
    }
    if spec.status is AwardStatus.UTKAST and demo.rng.random() < 0.5:
        return fields
    winner = offers[0][0]
    reason = demo.rng.choice(AWARD_REASONS) if len(offers) > 1 else AWARD_REASONS[2]
    fields.update(
        chosen_supplier_id=winner.id,
        award_reason=reason,
        decision_text=f"Beslut: {spec.title} tilldelas {winner.name} ({winner.orgnr}) till ett "
        f"värde av {format_kronor(kr(spec.value_kr))} exkl. moms.",
    )
    return fields


def _quotes(demo: Demo, award: DirectAward) -> None:
    """Insert the quotes chosen when the award was made."""
    rng = demo.rng
    for supplier, amount in demo.quotes[award.id]:
        demo.new(
            Quote,
            direct_award_id=award.id,
            supplier_id=supplier.id,
            amount_ore=amount,
            received_on=award.award_date - demo.days(3, 25),
            received_how=rng.choice(("e-post", "e-post", "upphandlingsverktyg", "brev")),
            notes="",
        )
