"""Demo organisations, people with roles, and delegation rules for both regions."""

from __future__ import annotations

from datetime import date
from typing import Any

from inkop_desktop.db.tables import DelegationRule, Organisation, Person, PersonRole
from inkop_desktop.demo.base import Demo, kr, make_orgnr
from inkop_desktop.demo.seed_data import (
    EXTERNAL_COMPANIES,
    FEMALE_NAMES,
    MALE_NAMES,
    MEDARBETARE_TITLES,
    SURNAMES,
    ascii_slug,
)
from inkop_desktop.domain.identifiers import normalise_orgnr
from inkop_desktop.domain.organisation import OrgKind, Role

_N, _F = OrgKind.NAMND, OrgKind.FORVALTNING

# (key suffix, name, short name, kind, parent key suffix)
_UNITS: dict[str, tuple[tuple[str, str, str, OrgKind, str | None], ...]] = {
    "SRM": (
        ("RS", "Regionstyrelsen", "RS", _N, None),
        ("NHS", "Nämnden för hälsa och sjukvård", "NHS", _N, None),
        ("RUN", "Regionala utvecklingsnämnden", "RUN", _N, None),
        ("KBN", "Kultur- och bildningsnämnden", "KBN", _N, None),
        ("TVN", "Tandvårdsnämnden", "TVN", _N, None),
        ("HSF", "Hälso- och sjukvårdsförvaltningen", "HSF", _F, "NHS"),
        ("RSE", "Regionservice", "RSE", _F, "RS"),
        ("RLK", "Regionledningskontoret", "RLK", _F, "RS"),
        ("FTV", "Folktandvården Sörmland", "FTV", _F, "TVN"),
        ("KTF", "Kollektivtrafikförvaltningen", "KTF", _F, "RUN"),
        ("BOL", "Länstrafiken Sörmland AB", "LTS", OrgKind.BOLAG, None),
    ),
    "VMA": (
        ("RS", "Regionstyrelsen", "RS", _N, None),
        ("HSN", "Hälso- och sjukvårdsnämnden", "HSN", _N, None),
        ("KTN", "Kollektivtrafiknämnden", "KTN", _N, None),
        ("KBF", "Kultur-, bildnings- och friluftsnämnden", "KBF", _N, None),
        ("PN", "Patientnämnden", "PN", _N, None),
        ("HSF", "Hälso- och sjukvårdsförvaltningen", "HSF", _F, "HSN"),
        ("RSE", "Regionservice", "RSE", _F, "RS"),
        ("RLK", "Regionledningskontoret", "RLK", _F, "RS"),
        ("FTV", "Folktandvården Västmanland", "FTV", _F, "RS"),
        ("KTF", "Kollektivtrafikförvaltningen Västmanlands Lokaltrafik", "VL", _F, "KTN"),
        ("BOL", "Västmanlands Teater AB", "VT", OrgKind.BOLAG, None),
    ),
}

REGIONS = {"SRM": ("Region Sörmland", "232100-0032"), "VMA": ("Region Västmanland", "232100-0172")}
DOMAINS = {"SRM": "regionsormland.se", "VMA": "regionvastmanland.se"}

# (org key suffix, title, is förvaltningschef) — six budget holders per region
_BUDGET_HOLDERS = (
    ("HSF", "Förvaltningschef", True),
    ("HSF", "Verksamhetschef akutkliniken", False),
    ("RSE", "Förvaltningschef", True),
    ("RLK", "Ekonomichef", False),
    ("FTV", "Klinikchef", False),
    ("KTF", "Förvaltningschef", True),
)
_MEDARBETARE_ORGS = ("HSF", "HSF", "HSF", "RSE", "RLK", "FTV", "KTF", "RSE")


def seed_organisations(demo: Demo) -> None:
    """Both regions with nämnder, förvaltningar and bolag, and the joint inköp units."""
    for code, (name, orgnr) in REGIONS.items():
        demo.orgs[code] = _org(demo, name, code, OrgKind.REGION, code, None, normalise_orgnr(orgnr))
    joint = _org(demo, "Inköpsnämnden Sörmland–Västmanland", "INK-N", OrgKind.INKOPSNAMND, None)
    demo.orgs["INK-N"] = joint
    demo.flush()
    demo.orgs["INK"] = _org(
        demo, "Inköpsverksamheten", "INK", OrgKind.INKOPSVERKSAMHET, None, joint.id
    )
    for level in (None, "child"):
        for code, units in _UNITS.items():
            for suffix, name, short, kind, parent in units:
                if (parent is None) == (level is None):
                    parent_id = demo.orgs[f"{code}-{parent}" if parent else code].id
                    company = make_orgnr(demo.rng) if kind is OrgKind.BOLAG else None
                    demo.orgs[f"{code}-{suffix}"] = _org(
                        demo, name, short, kind, code, parent_id, company
                    )
        demo.flush()


def _org(
    demo: Demo,
    name: str,
    short: str,
    kind: OrgKind,
    region: str | None,
    parent_id: Any = None,
    orgnr: str | None = None,
) -> Organisation:
    """One organisation row."""
    return demo.new(
        Organisation,
        name=name,
        short_name=short,
        kind=kind.value,
        region=region,
        orgnr=orgnr,
        parent_id=parent_id,
    )


class _Names:
    """Hands out unique Swedish names and logins."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.used: set[str] = {"Karin Öberg"}

    def next(self) -> str:
        """A full name not handed out before."""
        rng = self.demo.rng
        while True:
            first = rng.choice(FEMALE_NAMES if rng.random() < 0.55 else MALE_NAMES)
            name = f"{first} {rng.choice(SURNAMES)}"
            if name not in self.used:
                self.used.add(name)
                return name


def seed_people(demo: Demo) -> None:
    """Upphandlare, inköpschefer, budgetansvariga, medarbetare, an administratör, consultants."""
    names = _Names(demo)
    ink = demo.orgs["INK"]
    _person(demo, "Karin Öberg", "Upphandlare", ink, Role.UPPHANDLARE, "SRM", "demo.handlaggare")
    for i in range(9):
        title = "Strategisk upphandlare" if i % 3 == 0 else "Upphandlare"
        _person(demo, names.next(), title, ink, Role.UPPHANDLARE, ("VMA", "SRM")[i % 2])
    _person(demo, names.next(), "Inköpschef", ink, Role.INKOPSCHEF, "SRM")
    _person(demo, names.next(), "Biträdande inköpschef", ink, Role.INKOPSCHEF, "VMA")
    for code in ("SRM", "VMA"):
        for suffix, title, is_chief in _BUDGET_HOLDERS:
            org = demo.orgs[f"{code}-{suffix}"]
            p = _person(demo, names.next(), title, org, Role.BUDGETANSVARIG, code)
            demo.people[f"budget-{code}"].append(p)
            if is_chief:
                demo.people["forvaltningschef"].append(p)
        for i, suffix in enumerate(_MEDARBETARE_ORGS):
            title = MEDARBETARE_TITLES[(i * 2 + (code == "VMA")) % len(MEDARBETARE_TITLES)]
            p = _person(
                demo, names.next(), title, demo.orgs[f"{code}-{suffix}"], Role.MEDARBETARE, code
            )
            demo.people[f"medarbetare-{code}"].append(p)
    _person(demo, names.next(), "Systemförvaltare", ink, Role.ADMINISTRATOR, "VMA")
    for company, domain in EXTERNAL_COMPANIES:
        _external(demo, names.next(), company, domain)
    demo.flush()


def _person(
    demo: Demo,
    name: str,
    title: str,
    org: Organisation,
    role: Role,
    region: str,
    login: str | None = None,
) -> Person:
    """An employee with one role in *org*."""
    login = login or ascii_slug(name)
    person = demo.new(
        Person,
        name=name,
        login=login,
        email=f"{ascii_slug(name)}@{DOMAINS[region]}",
        title=title,
        organisation_id=org.id,
        external_company=None,
        active=True,
    )
    role_org = None if role is Role.ADMINISTRATOR else org.id
    demo.new(PersonRole, person_id=person.id, role=role.value, organisation_id=role_org)
    demo.people[role.value].append(person)
    return person


def _external(demo: Demo, name: str, company: str, domain: str) -> Person:
    """An external consultant who takes part in procurements."""
    person = demo.new(
        Person,
        name=name,
        login="ext." + ascii_slug(name),
        email=f"{ascii_slug(name)}@{domain}",
        title="Extern konsult",
        organisation_id=None,
        external_company=company,
        active=True,
    )
    demo.new(PersonRole, person_id=person.id, role=Role.MEDARBETARE.value, organisation_id=None)
    demo.people["external"].append(person)
    return person


def seed_delegation(demo: Demo) -> None:
    """Budgetansvarig up to 100 000 kr per unit; förvaltningschefer personally up to 700 000 kr."""
    start = date(2024, 1, 1)
    for code, units in _UNITS.items():
        for suffix, _name, _short, kind, _parent in units:
            if kind not in (_N, _F):
                continue
            org = demo.orgs[f"{code}-{suffix}"]
            rule = demo.new(
                DelegationRule,
                organisation_id=org.id,
                role=Role.BUDGETANSVARIG.value,
                person_id=None,
                max_amount_ore=kr(100_000),
                valid_from=start,
                valid_to=None,
                reference=_reference(code, suffix, "4.2"),
                note="Inköp och direktupphandling inom budget, upp till 100 000 kr exkl. moms.",
            )
            demo.rules[(org.id, None)] = rule
    for chief in demo.people["forvaltningschef"]:
        key = next(k for k, o in demo.orgs.items() if o.id == chief.organisation_id)
        code, suffix = key.split("-", 1)
        org = demo.orgs[key]
        demo.rules[(org.id, chief.id)] = demo.new(
            DelegationRule,
            organisation_id=org.id,
            role=None,
            person_id=chief.id,
            max_amount_ore=kr(700_000),
            valid_from=start,
            valid_to=None,
            reference=_reference(code, suffix, "4.1"),
            note=f"{chief.title} beslutar om direktupphandling upp till direktupphandlingsgränsen.",
        )
    demo.flush()


def _reference(code: str, suffix: str, point: str) -> str:
    """``Region Västmanlands delegationsordning RS punkt 4.1``: the region is named."""
    return f"{REGIONS[code][0]}s delegationsordning {_ordning(code, suffix)} punkt {point}"


def _ordning(code: str, suffix: str) -> str:
    """Short name of the nämnd whose delegationsordning covers unit *suffix* of region *code*."""
    unit = next(u for u in _UNITS[code] if u[0] == suffix)
    return unit[2] if unit[4] is None else _ordning(code, unit[4])


def org_of(demo: Demo, person: Person) -> Organisation:
    """The organisation a person belongs to."""
    org: Organisation = next(o for o in demo.orgs.values() if o.id == person.organisation_id)
    return org


def region_of(demo: Demo, person: Person) -> str:
    """SRM or VMA for an employee (SRM for joint units)."""
    return org_of(demo, person).region or "SRM"


def namnder(demo: Demo, region: str) -> list[Organisation]:
    """The nämnder of a region."""
    return [demo.orgs[f"{region}-{u[0]}"] for u in _UNITS[region] if u[3] is _N]
