"""Fast generator of large benchmark databases (SQLAlchemy Core executemany, not ORM objects).

Run: ``python -m benchmarks.generate --contracts 100000 --plan-items 5000 --suppliers 3000
--out FILE.sqlite`` (or ``--url postgresql://…``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate, search_text
from inkop_desktop.db.base import Base
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.tables import (
    Contract,
    ContractOption,
    ContractSupplier,
    DirectAward,
    Organisation,
    Person,
    PersonRole,
    PlanItem,
    PlanItemCpv,
    PlanItemParty,
    Supplier,
)
from inkop_desktop.demo.base import Demo, kr, name_key, round_kr, title_key
from inkop_desktop.demo.catalogue import CATEGORIES, Category
from inkop_desktop.demo.contracts import (
    NUMBER_PREFIX,
    contract_title,
    pick_category,
    pick_parties,
    pick_risk,
)
from inkop_desktop.demo.org import REGIONS
from inkop_desktop.demo.plan import timeline_for
from inkop_desktop.demo.seed import seed_reference_data
from inkop_desktop.demo.seed_data import FEMALE_NAMES, MALE_NAMES, SURNAMES, ascii_slug
from inkop_desktop.demo.suppliers import supplier_data
from inkop_desktop.demo.terms import (
    annual_value_kr,
    contract_term,
    legal_basis,
    procedure_for,
)
from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround, SignatureMethod
from inkop_desktop.domain.organisation import OrgKind, Parties, Role
from inkop_desktop.domain.plan.status import PlanStatus

ACTOR = "benchmark"
CHUNK = 5000
CACHE_KIB = 256 * 1024
"""SQLite's page cache while generating (its default 2 MB rereads index pages for every row)."""
_NAMNDER = (
    "Regionstyrelsen",
    "Hälso- och sjukvårdsnämnden",
    "Regionala utvecklingsnämnden",
    "Kultur- och bildningsnämnden",
    "Kollektivtrafiknämnden",
)
_FORVALTNINGAR = (
    "Hälso- och sjukvårdsförvaltningen",
    "Regionservice",
    "Regionledningskontoret",
    "Folktandvården",
    "Kollektivtrafikförvaltningen",
)


class Gen:
    """Random source, today, constant stamps and the ids created so far."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        now = datetime.now(UTC)
        self.stamp = {
            "version": 1,
            "created_at": now,
            "created_by": ACTOR,
            "updated_at": now,
            "updated_by": ACTOR,
        }
        self.units: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.people: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.person_org: dict[uuid.UUID, uuid.UUID] = {}
        self.suppliers: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.ink: uuid.UUID | None = None

    def uuid(self) -> uuid.UUID:
        """A deterministic random UUID."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def row(self, **values: Any) -> dict[str, Any]:
        """A new row with id and stamps."""
        return {"id": self.uuid(), **self.stamp, **values}


def insert_rows(conn: Connection, model: type[Base], rows: Iterable[dict[str, Any]]) -> int:
    """Insert *rows* into *model*'s table with Core executemany in chunks; return how many."""
    statement = insert(model)
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            conn.execute(statement, batch)
            count, batch = count + len(batch), []
    if batch:
        conn.execute(statement, batch)
    return count + len(batch)


def _org(gen: Gen, name: str, kind: OrgKind, region: str | None, parent: Any) -> dict[str, Any]:
    """One organisation row."""
    return gen.row(
        name=name,
        short_name=name[:40],
        kind=kind.value,
        region=region,
        orgnr=REGIONS[region][1] if kind is OrgKind.REGION and region else None,
        parent_id=parent,
    )


def organisations(conn: Connection, gen: Gen) -> None:
    """Both regions with nämnder and förvaltningar, and the joint inköp units."""
    top = [_org(gen, REGIONS[code][0], OrgKind.REGION, code, None) for code in REGIONS]
    board = _org(gen, "Inköpsnämnden Sörmland–Västmanland", OrgKind.INKOPSNAMND, None, None)
    insert_rows(conn, Organisation, [*top, board])
    ink = _org(gen, "Inköpsverksamheten", OrgKind.INKOPSVERKSAMHET, None, board["id"])
    gen.ink = ink["id"]
    units = [ink]
    for region in top:
        code = region["region"]
        for name in _NAMNDER:
            units.append(_org(gen, name, OrgKind.NAMND, code, region["id"]))
            gen.units[f"namnd-{code}"].append(units[-1]["id"])
        for name in _FORVALTNINGAR:
            units.append(_org(gen, name, OrgKind.FORVALTNING, code, region["id"]))
            gen.units[code].append(units[-1]["id"])
    insert_rows(conn, Organisation, units)


def people(conn: Connection, gen: Gen, count: int) -> None:
    """Upphandlare (the first is the demo login), budgetansvariga and medarbetare."""
    rows, roles, logins = [], [], set()
    for i in range(count):
        role = (
            Role.UPPHANDLARE
            if i < count // 5
            else (Role.BUDGETANSVARIG if i < count * 3 // 5 else Role.MEDARBETARE)
        )
        region = ("SRM", "VMA")[i % 2]
        assert gen.ink is not None
        org = gen.ink if role is Role.UPPHANDLARE else gen.rng.choice(gen.units[region])
        name = (
            "Karin Öberg"
            if i == 0
            else (f"{gen.rng.choice(FEMALE_NAMES + MALE_NAMES)} {gen.rng.choice(SURNAMES)}")
        )
        login = "demo.handlaggare" if i == 0 else ascii_slug(name)
        if login in logins:
            login = f"{login}.{i}"
        logins.add(login)
        rows.append(
            gen.row(
                name=name,
                login=login,
                email=f"{login}@region.se",
                title=role.label,
                organisation_id=org,
                external_company=None,
                active=True,
            )
        )
        roles.append(gen.row(person_id=rows[-1]["id"], role=role.value, organisation_id=org))
        key = role.value if role is Role.UPPHANDLARE else f"{role.value}-{region}"
        gen.people[key].append(rows[-1]["id"])
        gen.person_org[rows[-1]["id"]] = org
    insert_rows(conn, Person, rows)
    insert_rows(conn, PersonRole, roles)


def suppliers(conn: Connection, gen: Gen, count: int) -> None:
    """Suppliers with valid, unique organisationsnummer; every category gets some."""
    used: set[str] = set()

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(count):
            category = CATEGORIES[i] if i < len(CATEGORIES) else pick_category(gen.rng)
            data = supplier_data(gen.rng, category, used)
            row = gen.row(
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
            gen.suppliers[category.key].append(row["id"])
            yield row

    insert_rows(conn, Supplier, rows())


class ContractRows:
    """Contracts and their children, generated together so children know their parent."""

    def __init__(self, gen: Gen) -> None:
        self.gen = gen
        self.links: list[dict[str, Any]] = []
        self.options: list[dict[str, Any]] = []
        self.frameworks: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.expiring: list[dict[str, Any]] = []
        self.numbers: dict[str, int] = defaultdict(int)

    def generate(self, count: int) -> Iterator[dict[str, Any]]:
        """*count* contract rows (children collected on the side)."""
        horizon = (self.gen.today + timedelta(days=90), self.gen.today + timedelta(days=548))
        for _ in range(count):
            row = self.contract()
            if row["framework_id"] is None and horizon[0] <= row["end_date"] <= horizon[1]:
                self.expiring.append(row)
            yield row

    def contract(self) -> dict[str, Any]:
        """One contract row with suppliers and options."""
        gen, rng = self.gen, self.gen.rng
        category = pick_category(rng)
        parent = self._framework(category)
        parties = Parties(parent["parties"]) if parent else pick_parties(rng)
        framework = parent is None and rng.random() < 0.15
        term = contract_term(rng, gen.today, framework=framework)
        annual = annual_value_kr(rng, category, small=rng.random() < 0.08)
        total = round_kr(annual * term.months_total / 12)
        procedure = procedure_for(rng, total, category)
        region = rng.choice(parties.regions()).value
        owner = rng.choice(gen.people[f"budgetansvarig-{region}"])
        prefix, year = NUMBER_PREFIX[parties], term.start.year
        self.numbers[f"{prefix}{year}"] += 1
        base = rng.choice(category.titles)
        title = contract_title(rng, base, parties, term)
        row = gen.row(
            contract_number=f"{prefix}-{year}-{self.numbers[f'{prefix}{year}']:04d}",
            diarienummer=f"{'RV' if region == 'VMA' else 'RS'} {year}-{rng.randint(1, 99999):05d}",
            procurement_id=""
            if procedure.level < 1
            else f"e-Avrop: UH-{year}-{rng.randint(1, 9999)}",
            title=title,
            title_key=title_key(title),
            description="",
            keywords=", ".join(rng.sample(category.keywords, k=3)),
            parties=parties.value,
            procedure="avrop" if parent else procedure.value,
            legal_basis=legal_basis(procedure, framework=framework or parent is not None),
            start_date=term.start,
            end_date=term.end,
            notice_months=term.notice_months,
            total_value_ore=kr(total),
            annual_value_ore=kr(annual),
            price_index=rng.choice(category.indexes),
            owner_id=None if rng.random() < 0.01 else owner,
            handlaggare_id=rng.choice(gen.people["upphandlare"]),
            owner_org_id=gen.person_org[owner],
            is_framework=framework,
            framework_id=parent["id"] if parent else None,
            e_handel=rng.random() < (0.55 if category.goods else 0.08),
            risk_tier=pick_risk(rng, category).value,
            preparedness_critical=category.preparedness and rng.random() < 0.4,
            cpv=category.cpv_of(base),
        )
        self._children(row, category, term.options)
        if framework:
            self.frameworks[category.key].append(row)
        return row

    def _framework(self, category: Category) -> dict[str, Any] | None:
        """For about one contract in ten: an earlier framework of the category to call off."""
        found = self.frameworks.get(category.key)
        if not found or self.gen.rng.random() > 0.1:
            return None
        return self.gen.rng.choice(found)

    def _children(self, row: dict[str, Any], category: Category, options: Iterable[Any]) -> None:
        """Supplier links and options of one contract."""
        gen, pool = self.gen, self.gen.suppliers[category.key]
        k = min(len(pool), gen.rng.choice((1, 1, 1, 2, 3) if row["is_framework"] else (1, 1, 2)))
        for supplier in gen.rng.sample(pool, k=k):
            self.links.append(gen.row(contract_id=row["id"], supplier_id=supplier))
        for i, option in enumerate(options, start=1):
            self.options.append(
                gen.row(
                    contract_id=row["id"],
                    ordinal=i,
                    months=option.months,
                    decision_deadline=option.deadline,
                    decision=option.decision.value,
                )
            )


def plan_items(conn: Connection, gen: Gen, count: int, expiring: list[dict[str, Any]]) -> int:
    """Plan items in every status (a quarter replace expiring contracts), parties and CPVs."""
    demo = Demo(Session(), gen.rng, gen.today, gen.rng)
    numbers: dict[int, int] = defaultdict(int)
    parties_rows: list[dict[str, Any]] = []
    cpv_rows: list[dict[str, Any]] = []
    statuses = list(PlanStatus)

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(count):
            status = statuses[i % len(statuses)]
            category = pick_category(gen.rng)
            replaces = gen.rng.choice(expiring) if expiring and i % 4 == 0 else None
            parties = Parties(replaces["parties"]) if replaces else pick_parties(gen.rng)
            row = _plan_row(gen, demo, status, category, parties, replaces, numbers)
            for region in parties.regions():
                unit = gen.rng.choice(gen.units[f"namnd-{region.value}"])
                parties_rows.append(gen.row(plan_item_id=row["id"], organisation_id=unit))
            for cpv in gen.rng.sample(category.cpvs, k=min(2, len(category.cpvs))):
                cpv_rows.append(gen.row(plan_item_id=row["id"], cpv=cpv))
            yield row

    made = insert_rows(conn, PlanItem, rows())
    insert_rows(conn, PlanItemParty, parties_rows)
    insert_rows(conn, PlanItemCpv, cpv_rows)
    return made


def _plan_row(
    gen: Gen,
    demo: Demo,
    status: PlanStatus,
    category: Category,
    parties: Parties,
    replaces: dict[str, Any] | None,
    numbers: dict[int, int],
) -> dict[str, Any]:
    """One plan item row with milestones that fit its status."""
    rng = gen.rng
    timeline = timeline_for(demo, status)
    year = min(max(timeline.start.year, gen.today.year - 1), gen.today.year + 1)
    numbers[year] += 1
    annual = annual_value_kr(rng, category)
    months, option_months = rng.choice((24, 36, 48)), rng.choice((0, 12, 24))
    total = round_kr(annual * (months + option_months) / 12)
    region = parties.regions()[0].value
    return gen.row(
        reference=f"UP-{year}-{numbers[year]:04d}",
        title=rng.choice(category.titles),
        description="",
        status=status.value,
        year=year,
        parties=parties.value,
        estimated_total_ore=kr(total),
        annual_value_ore=kr(annual),
        contract_months=months,
        option_months=option_months,
        procedure=procedure_for(rng, total, category).value,
        procedure_reason="",
        responsible_id=rng.choice(gen.people["upphandlare"]),
        requested_by_id=rng.choice(gen.people[f"budgetansvarig-{region}"]),
        planned_start=timeline.start,
        needs_analysis_on=timeline.needs,
        advertise_on=timeline.advertise,
        award_on=timeline.award,
        contract_start_on=timeline.start,
        env_requirements="",
        social_requirements="",
        agenda2030="",
        preparedness="ingen",
        replaces_contract_id=replaces["id"] if replaces else None,
        merged_into_id=None,
    )


def direct_awards(conn: Connection, gen: Gen, count: int, years: int = 5) -> int:
    """*count* earlier direct awards of the last *years* years, signed, keyed by CPV group."""
    rng, numbers = gen.rng, defaultdict[str, int](int)
    span = years * 365

    def rows() -> Iterator[dict[str, Any]]:
        for _ in range(count):
            category = pick_category(rng)
            title = rng.choice(category.titles)
            cpv = category.cpv_of(title)
            region = rng.choice(("SRM", "VMA"))
            day = gen.today - timedelta(days=rng.randrange(span))
            prefix = "RV" if region == "VMA" else "RS"
            numbers[f"{prefix}{day.year}"] += 1
            signed = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            yield gen.row(
                diarienummer=f"{prefix} {day.year}-{numbers[f'{prefix}{day.year}']:06d}",
                region=region, title=title, cpv=cpv, same_kind_key=cpv[:3],
                value_ore=kr(rng.randrange(5_000, 600_000, 500)), award_date=day,
                legal_ground=LegalGround.UNDER_GRANS.value, status=AwardStatus.SIGNERAD.value,
                signed_at=signed, signature_method=SignatureMethod.PAPPER.value,
                organisation_id=rng.choice(gen.units[region]),
            )  # fmt: skip

    return insert_rows(conn, DirectAward, rows())


def generate(
    url: str,
    *,
    contracts: int,
    plan_items: int,
    suppliers: int,
    awards: int = 0,
    seed: int = 1,
    today: date | None = None,
) -> None:
    """Migrate the database at *url* and fill it with generated data in one transaction."""
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        gen = Gen(seed, today or date.today())
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":  # the indexes of 300 000 rows stay in memory
                conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
                conn.commit()  # the pragma's autobegun transaction
            with conn.begin():
                _fill(conn, gen, contracts, plan_items, suppliers)
                direct_awards(conn, gen, awards)
    finally:
        engine.dispose()


def _fill(conn: Connection, gen: Gen, contracts: int, items: int, supplier_count: int) -> None:
    """Every table in foreign-key order."""
    with Session(bind=conn, join_transaction_mode="create_savepoint") as session:
        seed_reference_data(session, actor=ACTOR)
        session.commit()  # releases the savepoint; the outer transaction commits at the end
    organisations(conn, gen)
    people(conn, gen, max(60, contracts // 400))
    suppliers(conn, gen, max(supplier_count, len(CATEGORIES)))
    rows = ContractRows(gen)
    insert_rows(conn, Contract, rows.generate(contracts))
    insert_rows(conn, ContractSupplier, rows.links)
    insert_rows(conn, ContractOption, rows.options)
    search_text.refresh(conn)  # Core inserts bypass the session hook that keeps it current
    plan_items(conn, gen, items, rows.expiring)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a database and print the elapsed time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--plan-items", type=int, default=5_000)
    parser.add_argument("--suppliers", type=int, default=3_000)
    parser.add_argument("--awards", type=int, default=0, help="earlier direct awards")
    parser.add_argument("--seed", type=int, default=1)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="SQLite file to create")
    target.add_argument("--url", help="database URL (an empty, e.g. PostgreSQL, database)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing --out file")
    args = parser.parse_args(argv)
    if args.out is not None and args.out.exists():
        if not args.overwrite:
            print(f"{args.out} finns redan (använd --overwrite).", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    url = args.url or f"sqlite:///{args.out.resolve()}"
    started = time.perf_counter()
    generate(
        url,
        contracts=args.contracts,
        plan_items=args.plan_items,
        suppliers=args.suppliers,
        awards=args.awards,
        seed=args.seed,
    )
    print(
        f"{args.contracts} avtal, {args.plan_items} planposter, {args.suppliers} leverantörer: "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
