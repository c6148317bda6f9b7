"""Demo suppliers: Swedish company names, valid organisationsnummer, contacts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from inkop_desktop.db.tables import Supplier, SupplierContact
from inkop_desktop.demo.base import Demo, make_orgnr, name_key
from inkop_desktop.demo.catalogue import CATEGORIES, Category
from inkop_desktop.demo.seed_data import (
    CITIES,
    COMPANY_PREFIXES,
    CONTACT_ROLES,
    FEMALE_NAMES,
    MALE_NAMES,
    STREETS,
    SURNAMES,
    ascii_slug,
)

# (form, orgnr group, weight): aktiebolag mostly, some HB; associations where they are common
_FORMS = (("AB", "5", 88), ("HB", "9", 8), ("ekonomisk förening", "7", 10), ("stiftelse", "8", 6))
_ASSOCIATIONS = {
    "livsmedel": {"ekonomisk förening"},
    "transporter": {"ekonomisk förening"},
    "tolk": {"ekonomisk förening", "stiftelse"},
    "konsult_utbildning": {"stiftelse"},
    "avfall": {"ekonomisk förening"},
}


@dataclass(frozen=True)
class SupplierData:
    """The generated fields of one supplier (shared with the benchmark generator)."""

    name: str
    orgnr: str
    city: str
    address: str
    email: str
    phone: str

    @property
    def vat_number(self) -> str:
        """``SE`` + the ten digits + ``01``."""
        return "SE" + self.orgnr.replace("-", "") + "01"


def company_name(rng: random.Random, category: Category, city: str) -> tuple[str, str, str]:
    """A plausible company name for *category*, its orgnr group digit and its bare name."""
    allowed = {"AB", "HB"} | _ASSOCIATIONS.get(category.key, set())
    forms = [f for f in _FORMS if f[0] in allowed]
    form, group, _ = rng.choices(forms, weights=[f[2] for f in forms])[0]
    stem = rng.choice(category.stems)
    prefix = rng.choice(COMPANY_PREFIXES)
    if form == "stiftelse":
        return f"Stiftelsen {prefix} {stem}", group, f"{prefix} {stem}"
    pattern = rng.randrange(4)
    if pattern == 0:
        base = f"{stem} i {city}"
    elif pattern == 1:
        base = f"{rng.choice(SURNAMES)}s {stem}"
    else:
        base = f"{prefix} {stem}"
    if form == "AB" and pattern and rng.random() < 0.15:
        return f"{base} Sverige AB", group, base
    return f"{base} {form}", group, base


def supplier_data(rng: random.Random, category: Category, used: set[str]) -> SupplierData:
    """A supplier with a name and orgnr not in *used* (both are added to it)."""
    city, post, area = rng.choice(CITIES)
    name, group, base = company_name(rng, category, city)
    attempt = 0
    while name_key(name) in used:  # after many clashes (large benchmark data) add a number
        attempt += 1
        name, group, base = company_name(rng, category, city)
        if attempt > 25:
            base_n = f"{base} {attempt - 24}"
            name, base = name.replace(base, base_n, 1), base_n
    orgnr = make_orgnr(rng, group)
    while orgnr in used:
        orgnr = make_orgnr(rng, group)
    used.update((name_key(name), orgnr))
    domain = ascii_slug(base, sep="")[:26] + ".se"
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    return SupplierData(
        name=name,
        orgnr=orgnr,
        city=city,
        address=f"{street}, {post} {rng.randint(10, 99)} {city}",
        email=f"{rng.choice(('info', 'order', 'offentligaaffarer', 'kundservice'))}@{domain}",
        phone=f"{area}-{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    )


def counts_per_category(total: int) -> list[tuple[Category, int]]:
    """How many suppliers each category gets (by weight, at least four)."""
    weights = sum(c.weight for c in CATEGORIES)
    return [(c, max(4, round(total * c.weight / weights))) for c in CATEGORIES]


def seed_suppliers(demo: Demo, total: int = 130) -> None:
    """Suppliers per category with 0–2 contact persons each."""
    used: set[str] = set()
    for category, count in counts_per_category(total):
        for _ in range(count):
            data = supplier_data(demo.rng, category, used)
            supplier = demo.new(
                Supplier,
                name=data.name,
                name_key=name_key(data.name),
                orgnr=data.orgnr,
                vat_number=data.vat_number,
                address=data.address,
                city=data.city,
                email=data.email,
                phone=data.phone,
                notes="",
            )
            demo.suppliers[category.key].append(supplier)
            _contacts(demo, supplier, data.email.split("@")[1])
    demo.flush()


def _contacts(demo: Demo, supplier: Supplier, domain: str) -> None:
    """Zero to two contact persons."""
    rng = demo.rng
    for _ in range(rng.choice((0, 1, 1, 2))):
        first = rng.choice(FEMALE_NAMES + MALE_NAMES)
        name = f"{first} {rng.choice(SURNAMES)}"
        demo.new(
            SupplierContact,
            supplier_id=supplier.id,
            name=name,
            role=rng.choice(CONTACT_ROLES),
            email=f"{ascii_slug(name)}@{domain}",
            phone=f"07{rng.choice('0236')}-{rng.randint(100, 999)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
        )
