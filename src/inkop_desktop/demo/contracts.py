"""Demo contract portfolio: contracts, frameworks with call-offs, suppliers, options, amendments."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from inkop_desktop.db.tables import Contract, ContractAmendment, ContractOption, ContractSupplier
from inkop_desktop.demo.base import Demo, add_months, kr, round_kr, title_key
from inkop_desktop.demo.catalogue import CATEGORIES, Category
from inkop_desktop.demo.org import org_of
from inkop_desktop.demo.terms import (
    Term,
    annual_value_kr,
    contract_term,
    legal_basis,
    procedure_for,
)
from inkop_desktop.domain.contracts.consistency import without_stated_years
from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure

PARTY_WEIGHTS = ((Parties.SORMLAND, 40), (Parties.VASTMANLAND, 35), (Parties.BADA, 25))
NUMBER_PREFIX = {Parties.SORMLAND: "SRM", Parties.VASTMANLAND: "VMA", Parties.BADA: "GEM"}
RISK_WEIGHTS = {False: (10, 30, 60), True: (20, 35, 45)}
_AMENDMENTS = (
    "Tillägg av nya artiklar i sortimentet efter produktbyte hos leverantören.",
    "Ändrade leveransadresser efter omorganisation av vårdcentralerna.",
    "Prisjustering enligt avtalets indexklausul.",
    "Utökad volym, ändring av mindre värde enligt LOU 17 kap. 14 §.",
    "Byte av underleverantör för transporter, godkänt av beställaren.",
)


def pick_category(rng: random.Random) -> Category:
    """A category drawn by weight."""
    return rng.choices(CATEGORIES, weights=[c.weight for c in CATEGORIES])[0]


def pick_parties(rng: random.Random) -> Parties:
    """SRM, VMA or both, drawn by weight."""
    return rng.choices([p for p, _ in PARTY_WEIGHTS], weights=[w for _, w in PARTY_WEIGHTS])[0]


def pick_risk(rng: random.Random, category: Category) -> RiskTier:
    """Risk tier about 10/30/60 %, a bit higher for preparedness categories."""
    weights = RISK_WEIGHTS[category.preparedness]
    return rng.choices((RiskTier.KRITISK, RiskTier.HOG, RiskTier.NORMAL), weights=weights)[0]


def contract_title(rng: random.Random, title: str, parties: Parties, term: Term) -> str:
    """A realistic title, sometimes with the region or the period (the years it runs)."""
    roll = rng.random()
    if roll < 0.3 and parties is not Parties.BADA:
        return f"{title} – {parties.label}"
    if roll < 0.5:
        return f"{title} {term.start.year}–{term.end.year}"
    return title


def seed_contracts(demo: Demo, total: int = 320, calloffs: int = 30) -> None:
    """The portfolio: frameworks and contracts first, then call-offs, then their children."""
    for _ in range(total - calloffs):
        _contract(demo)
    demo.flush()
    frameworks = [c for c in demo.contracts if c.is_framework]
    for _ in range(calloffs):
        _calloff(demo, demo.rng.choice(frameworks))
    demo.flush()
    for contract in demo.contracts:
        _suppliers(demo, contract)
        _amendments(demo, contract)
    demo.flush()


def _contract(demo: Demo) -> Contract:
    """One contract with its term and options."""
    rng = demo.rng
    category = pick_category(rng)
    parties = pick_parties(rng)
    framework = rng.random() < 0.18
    term = contract_term(rng, demo.today, framework=framework)
    annual = annual_value_kr(rng, category, small=not framework and rng.random() < 0.08)
    total_kr = round_kr(annual * term.months_total / 12)
    annual = min(annual, total_kr)  # a term under a year is worth less than a year
    procedure = procedure_for(rng, total_kr, category)
    base = rng.choice(category.titles)
    title = contract_title(rng, base, parties, term)
    if framework and not title.startswith("Ramavtal"):
        title = f"Ramavtal {title[0].lower()}{title[1:]}"
    contract = _row(demo, category, parties, term, title, procedure, annual, total_kr, framework)
    contract.cpv = category.cpv_of(base)
    for i, option in enumerate(term.options, start=1):
        demo.new(
            ContractOption,
            contract_id=contract.id,
            ordinal=i,
            months=option.months,
            decision_deadline=option.deadline,
            decision=option.decision.value,
        )
    return contract


def _calloff(demo: Demo, framework: Contract) -> Contract:
    """An avrop from *framework*, inside its term, for one of its regions."""
    rng = demo.rng
    category = demo.category_of[framework.id]
    parties = Parties(framework.parties)
    if parties is Parties.BADA:
        parties = rng.choice((Parties.SORMLAND, Parties.VASTMANLAND))
    latest = min(framework.end_date, demo.today + timedelta(days=30))
    start = demo.day_between(framework.start_date, max(framework.start_date, latest))
    end = max(start, add_months(start, rng.choice((6, 12, 12, 24))) - timedelta(days=1))
    term = Term(start, end, rng.choice((1, 3)), ())
    annual = annual_value_kr(rng, category) // 4
    total_kr = round_kr(annual * term.months_total / 12)
    annual = min(annual, total_kr)
    project = rng.choice(
        ("etapp 1", "vårdcentralerna", "nytt sjukhusområde", "projekt 2", "akuten")
    )
    base = without_stated_years(framework.title.removeprefix("Ramavtal "))
    title = f"Avrop: {base} – {project}"  # the call-off's own period, not the framework's
    calloff = _row(
        demo, category, parties, term, title, Procedure.AVROP, annual, total_kr, False, framework
    )
    calloff.cpv = framework.cpv
    return calloff


def _row(
    demo: Demo,
    category: Category,
    parties: Parties,
    term: Term,
    title: str,
    procedure: Procedure,
    annual_kr: int,
    total_kr: int,
    framework: bool,
    parent: Contract | None = None,
) -> Contract:
    """Insert the contract row itself."""
    rng = demo.rng
    region = rng.choice(parties.regions()).value
    owner = rng.choice(demo.people[f"budget-{region}"])
    handler = _handlaggare(demo)
    owner_id, handler_id = owner.id, handler.id
    if rng.random() < 0.03:
        owner_id, handler_id = (None, handler_id) if rng.random() < 0.5 else (owner_id, None)
    prefix = NUMBER_PREFIX[parties]
    year = term.start.year
    risk = pick_risk(rng, category)
    contract = demo.new(
        Contract,
        contract_number=f"{prefix}-{year}-{demo.next_number(f'{prefix}-{year}'):04d}",
        diarienummer=demo.diarienummer(region, year - rng.choice((0, 0, 1))),
        procurement_id=_procurement_id(demo, procedure, year),
        title=title,
        title_key=title_key(title),
        description=_description(category, parties, procedure, title),
        keywords=", ".join(rng.sample(category.keywords, k=min(4, len(category.keywords)))),
        parties=parties.value,
        procedure=procedure.value,
        legal_basis=legal_basis(procedure, framework=framework),
        start_date=term.start,
        end_date=term.end,
        notice_months=term.notice_months,
        total_value_ore=kr(total_kr),
        annual_value_ore=kr(annual_kr),
        price_index="" if rng.random() < 0.1 else rng.choice(category.indexes),
        owner_id=owner_id,
        handlaggare_id=handler_id,
        owner_org_id=org_of(demo, owner).id,
        is_framework=framework,
        framework_id=parent.id if parent else None,
        e_handel=rng.random() < (0.55 if category.goods else 0.08),
        risk_tier=risk.value,
        preparedness_critical=rng.random() < (0.45 if category.preparedness else 0.03),
        cpv=category.items[0][1],  # the caller sets the code of the title
    )
    demo.contracts.append(contract)
    demo.category_of[contract.id] = category
    return contract


def _handlaggare(demo: Demo) -> Any:
    """An upphandlare; the demo user (the first one) gets a fair share."""
    people = demo.people["upphandlare"]
    return people[0] if demo.rng.random() < 0.2 else demo.rng.choice(people)


def _procurement_id(demo: Demo, procedure: Procedure, year: int) -> str:
    """An upphandlings-ID from the ad database for most advertised procedures."""
    if procedure.level < 1 or demo.rng.random() < 0.35:
        return ""
    return f"e-Avrop: UH-{year - 1}-{demo.rng.randint(100, 999)}"


def _description(category: Category, parties: Parties, procedure: Procedure, title: str) -> str:
    """A short Swedish description."""
    kind = "varor" if category.goods else "tjänster"
    who = "båda regionerna" if parties is Parties.BADA else parties.label
    return (
        f"{title}. Avtalet avser {kind} för {who} och har tecknats efter {procedure.label.lower()}."
    )


def _suppliers(demo: Demo, contract: Contract) -> None:
    """One or two suppliers; frameworks get two or three; call-offs one of the framework's."""
    rng = demo.rng
    if contract.framework_id is not None:
        chosen = [rng.choice(demo.contract_suppliers[contract.framework_id])]
    else:
        pool = demo.suppliers[demo.category_of[contract.id].key]
        count = rng.choice((2, 3)) if contract.is_framework else rng.choice((1, 1, 1, 1, 1, 2))
        chosen = rng.sample(pool, k=min(count, len(pool)))
    demo.contract_suppliers[contract.id] = chosen
    for supplier in chosen:
        demo.new(ContractSupplier, contract_id=contract.id, supplier_id=supplier.id)


def _amendments(demo: Demo, contract: Contract) -> None:
    """About one contract in twelve has one or two amendments."""
    rng = demo.rng
    latest = min(demo.today, contract.end_date) - timedelta(days=1)
    if rng.random() > 0.08 or latest <= contract.start_date:
        return
    value = contract.total_value_ore
    days = sorted(demo.day_between(contract.start_date, latest) for _ in range(rng.choice((1, 2))))
    for day in days:
        value = round(value * rng.uniform(1.02, 1.12) / 100_000) * 100_000
        demo.new(
            ContractAmendment,
            contract_id=contract.id,
            amended_on=day,
            reason=rng.choice(_AMENDMENTS),
            new_value_ore=value,
        )


def expiring(demo: Demo, first: int, last: int) -> list[Contract]:
    """Contracts (not call-offs) whose end lies *first*..*last* days from today."""
    lo, hi = demo.today + timedelta(days=first), demo.today + timedelta(days=last)
    return [c for c in demo.contracts if c.framework_id is None and lo <= c.end_date <= hi]


def is_active(contract: Contract, today: date) -> bool:
    """True while the contract runs."""
    return contract.start_date <= today <= contract.end_date
