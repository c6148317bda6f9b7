"""Demo upphandlingsplan: items in every status, replacements and cross-region duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from inkop_desktop.db.tables import Contract, Person, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.demo.base import Demo, kr, round_kr
from inkop_desktop.demo.catalogue import CATEGORIES, Category
from inkop_desktop.demo.contracts import expiring, pick_category, pick_parties
from inkop_desktop.demo.org import namnder
from inkop_desktop.demo.terms import annual_value_kr, procedure_for
from inkop_desktop.demo.texts import (
    AGENDA2030,
    ENV_REQUIREMENTS,
    PROCEDURE_REASONS,
    SOCIAL_REQUIREMENTS,
)
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus, Preparedness

S = PlanStatus


@dataclass(frozen=True)
class Timeline:
    """Milestones in order: needs analysis, advertising, award, contract start."""

    needs: date
    advertise: date
    award: date
    start: date

    def status_on(self, today: date) -> PlanStatus:
        """Where a procurement with these milestones stands on *today*."""
        if today >= self.start:
            return S.AVTAL_TECKNAT
        if today >= self.award:
            return S.TILLDELAD
        if today >= self.advertise + timedelta(days=36):
            return S.UTVARDERING
        if today >= self.advertise:
            return S.ANNONSERAD
        if today >= self.needs:
            return S.FORBEREDELSE
        return S.PLANERAD if (self.needs - today).days <= 60 else S.BEHOV_ANMALT


def _forward(demo: Demo, advertise: date) -> Timeline:
    """Milestones around an advertising date."""
    award = advertise + demo.days(50, 100)
    return Timeline(advertise - demo.days(45, 120), advertise, award, award + demo.days(25, 75))


def _backward(demo: Demo, start: date) -> Timeline:
    """Milestones ending in a contract start."""
    award = start - demo.days(25, 75)
    advertise = award - demo.days(50, 100)
    return Timeline(advertise - demo.days(45, 120), advertise, award, start)


def timeline_for(demo: Demo, status: PlanStatus) -> Timeline:
    """Milestones that put an item in *status* today."""
    t = demo.today
    if status is S.AVTAL_TECKNAT:
        last_year = demo.day_between(date(t.year - 1, 2, 1), date(t.year - 1, 12, 20))
        start = last_year if demo.chance(0.5) else max(t - demo.days(10, 300), date(t.year, 1, 5))
        return _backward(demo, min(start, t))
    if status is S.TILLDELAD:
        award = t - demo.days(1, 20)
        return Timeline(
            award - demo.days(120, 200),
            award - demo.days(60, 100),
            award,
            award + demo.days(25, 75),
        )
    if status in (S.BEHOV_ANMALT, S.PLANERAD):
        lo, hi = (61, 150) if status is S.BEHOV_ANMALT else (5, 60)
        needs = t + demo.days(lo, hi)
        return _forward(demo, needs + demo.days(45, 120))
    offsets = {
        S.FORBEREDELSE: (-40, -5),
        S.ANNONSERAD: (1, 35),
        S.UTVARDERING: (36, 48),
        S.AVBRUTEN: (30, 420),
    }
    lo, hi = offsets[status]
    return _forward(demo, t - demo.days(lo, hi))


def seed_plan(demo: Demo, total: int = 66) -> None:
    """Replacements of expiring contracts, coordination pairs, then items in every status."""
    candidates = [c for c in expiring(demo, 90, 420) if (c.end_date.year <= demo.today.year + 1)]
    forced: dict[object, str] = {}
    for contract in demo.rng.sample(candidates, k=min(16, len(candidates))):
        forced[_replacement(demo, contract).id] = contract.cpv
    for category in demo.rng.sample(CATEGORIES, k=4):
        forced.update(_pair(demo, category))
    statuses = list(PlanStatus)
    i = 0
    while len(demo.plan_items) < total:
        status = statuses[i % len(statuses)]
        i += 1
        _item(
            demo,
            pick_category(demo.rng),
            pick_parties(demo.rng),
            timeline_for(demo, status),
            status,
        )
    demo.flush()
    for item in demo.plan_items:
        _children(demo, item, forced.get(item.id))
    demo.flush()


def _replacement(demo: Demo, contract: Contract) -> PlanItem:
    """A new procurement that takes over when *contract* ends."""
    category = demo.category_of[contract.id]
    timeline = _backward(demo, contract.end_date + timedelta(days=1))
    item = _item(
        demo,
        category,
        Parties(contract.parties),
        timeline,
        timeline.status_on(demo.today),
        contract,
    )
    item.title = base_title(contract.title)
    return item


def base_title(title: str) -> str:
    """A contract title without "Ramavtal", region or period, capitalised."""
    title = re.sub(r" (– Region \w+|\d{4}–\d{4})$", "", title.removeprefix("Ramavtal "))
    return title[0].upper() + title[1:]


def _pair(demo: Demo, category: Category) -> dict[object, str]:
    """The same need raised by both regions in the same year (a coordination case)."""
    title = demo.rng.choice(category.titles)
    cpv = category.cpv_of(title)
    timeline = _forward(demo, demo.today + demo.days(90, 200))
    forced: dict[object, str] = {}
    for parties in (Parties.SORMLAND, Parties.VASTMANLAND):
        item = _item(demo, category, parties, timeline, timeline.status_on(demo.today))
        item.title = f"{title} – {parties.label}"
        forced[item.id] = cpv
    return forced


def _item(
    demo: Demo,
    category: Category,
    parties: Parties,
    timeline: Timeline,
    status: PlanStatus,
    replaces: Contract | None = None,
) -> PlanItem:
    """One plan item with parties and CPV codes."""
    rng = demo.rng
    year = min(max(timeline.start.year, demo.today.year - 1), demo.today.year + 1)
    months, option_months = rng.choice((24, 36, 48)), rng.choice((0, 12, 24))
    annual = (
        round_kr(replaces.annual_value_ore / 100 * rng.uniform(1.0, 1.15))
        if replaces
        else annual_value_kr(rng, category)
    )
    total_kr = round_kr(annual * (months + option_months) / 12)
    procedure = procedure_for(rng, total_kr, category)
    decided = not (status is S.BEHOV_ANMALT and rng.random() < 0.5)
    region = rng.choice(parties.regions()).value
    early = status in (S.BEHOV_ANMALT, S.PLANERAD)
    item = demo.new(
        PlanItem,
        reference=f"UP-{year}-{demo.next_number(f'UP-{year}'):04d}",
        title=rng.choice(category.titles),
        description=_description(category, replaces),
        status=status.value,
        year=year,
        parties=parties.value,
        estimated_total_ore=kr(total_kr),
        annual_value_ore=kr(annual),
        contract_months=months,
        option_months=option_months,
        procedure=procedure.value if decided else None,
        procedure_reason=PROCEDURE_REASONS[procedure.value] if decided else "",
        responsible_id=None if early and rng.random() < 0.3 else _responsible(demo).id,
        requested_by_id=rng.choice(demo.people[f"budget-{region}"]).id,
        planned_start=timeline.start,
        needs_analysis_on=timeline.needs,
        advertise_on=timeline.advertise,
        award_on=timeline.award,
        contract_start_on=timeline.start,
        env_requirements=rng.choice(ENV_REQUIREMENTS),
        social_requirements=rng.choice(SOCIAL_REQUIREMENTS),
        agenda2030=rng.choice(AGENDA2030),
        preparedness=_preparedness(demo, category).value,
        replaces_contract_id=replaces.id if replaces else None,
        merged_into_id=None,
    )
    demo.plan_items.append(item)
    demo.category_of[item.id] = category
    return item


def _responsible(demo: Demo) -> Person:
    """An upphandlare, often the demo user."""
    people: list[Person] = demo.people["upphandlare"]
    return people[0] if demo.rng.random() < 0.25 else demo.rng.choice(people)


def _preparedness(demo: Demo, category: Category) -> Preparedness:
    """Kritisk or viktig for preparedness categories, otherwise mostly none."""
    if category.preparedness:
        return demo.rng.choice((Preparedness.KRITISK, Preparedness.VIKTIG, Preparedness.INGEN))
    return Preparedness.VIKTIG if demo.rng.random() < 0.1 else Preparedness.INGEN


def _description(category: Category, replaces: Contract | None) -> str:
    """A short need description."""
    if replaces is not None:
        return (
            f"Nuvarande avtal {replaces.contract_number} löper ut "
            f"{replaces.end_date.isoformat()}. Ny upphandling behövs för att behovet ska vara "
            "täckt utan avbrott."
        )
    return f"Behov inom kategoriområdet {category.titles[0].lower()} har anmälts av verksamheten."


def _children(demo: Demo, item: PlanItem, main_cpv: str | None) -> None:
    """Parties (nämnder) and the CPV code of the title (*main_cpv* when given)."""
    rng = demo.rng
    category: Category = demo.category_of[item.id]
    parties = Parties(item.parties)
    orgs = []
    for region in parties.regions():
        count = 1 if parties is Parties.BADA else rng.choice((1, 1, 2))
        orgs += rng.sample(namnder(demo, region.value), k=count)
    for org in orgs:
        demo.new(PlanItemParty, plan_item_id=item.id, organisation_id=org.id)
    # the code of what the title buys (another category code would be another need)
    cpv = main_cpv or category.cpv_of(base_title(item.title))
    demo.new(PlanItemCpv, plan_item_id=item.id, cpv=cpv)
