"""Load: 50 simulated clients saving contracts and searching the catalogue on one PostgreSQL.

Each client is a thread with its own engine, session factory and services (as each desktop
client has its own connection), acting as one upphandlare. For a fixed time it alternates:
open one of its own contracts and save a changed title through ``ContractService.update``
(the real path: permission check, row lock, version check, options, suppliers, search text,
audit chain), then search "Finns det avtal?" for a word as the catalogue page does. The
server is a throw-away cluster from the installed PostgreSQL binaries (the tests' starter).
Prints p50/p95 save latency, saves/s, searches/s and the errors met.
Run: ``python -m benchmarks.bench_load [--clients 50] [--seconds 20] [--contracts 200]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

WORDS = ["städ", "tolk", "handskar", "läkemedel", "fönsterputs", "kaffe", "qwxyz"]
TITLES = ["Städtjänster", "Tolktjänster", "Handskar", "Läkemedel", "Fönsterputs", "Kaffe"]
TODAY = date(2026, 6, 1)
ACTOR = "karin.oberg"


@dataclass
class _Tally:
    """What the clients measured."""

    saves: list[float] = field(default_factory=list)
    searches: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, exc: BaseException) -> None:
        """Count one error by its kind."""
        with self.lock:
            name = type(exc).__name__
            self.errors[name] = self.errors.get(name, 0) + 1


def _seed(url: str, contracts: int) -> list[uuid.UUID]:
    """Migrate, add the acting person, a region, an owner, a supplier and *contracts*."""
    from inkop_desktop.db import audit, migrate
    from inkop_desktop.db.engine import make_engine, make_sessionmaker
    from inkop_desktop.db.tables import Organisation, Person, PersonRole, Supplier
    from inkop_desktop.domain.organisation import Parties, Role
    from inkop_desktop.domain.plan.status import Procedure
    from inkop_desktop.services.base import ServiceContext
    from inkop_desktop.services.registry import Services

    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = make_sessionmaker(engine)
    audit.install(sessions)
    with sessions.begin() as s:
        region = Organisation(version=1, name="Region Sörmland", kind="region", region="SRM")
        s.add(region)
        s.flush()
        karin = Person(version=1, name="Karin Öberg", login=ACTOR, organisation_id=region.id)
        owner = Person(version=1, name="Åsa Öberg", login="asa.oberg", organisation_id=region.id)
        supplier = Supplier(version=1, name="Städ & Service AB", name_key="STÄD OCH SERVICE AB",
                            orgnr="556016-0680", vat_number="SE556016068001")  # fmt: skip
        s.add_all([karin, owner, supplier])
        s.flush()
        s.add_all(PersonRole(version=1, person_id=karin.id, role=r.value) for r in Role)
        s.add(PersonRole(version=1, person_id=owner.id, role=Role.BUDGETANSVARIG.value))
        ids = (owner.id, karin.id, supplier.id)
    services = Services.create(ServiceContext(sessions, actor=ACTOR))
    services.reference.sync_shipped()
    created = []
    for n in range(contracts):
        data: dict[str, Any] = dict(
            contract_number=f"SRM-2026-{n:04d}", title=f"{TITLES[n % len(TITLES)]} {n}",
            parties=Parties.SORMLAND, procedure=Procedure.OPPET, cpv="90910000-9",
            start_date=date(2026, 1, 1), end_date=date(2027, 12, 31), notice_months=3,
            total_value_ore=1_000_000_00, owner_id=ids[0], handlaggare_id=ids[1],
            supplier_ids=(ids[2],),
        )  # fmt: skip
        created.append(services.contracts.create(data).id)
    engine.dispose()
    return created


def _client(url: str, own: list[uuid.UUID], until: float, seed: int, tally: _Tally) -> None:
    """Save one of *own* contracts, then search, until the time is up."""
    from sqlalchemy import create_engine

    from inkop_desktop.db import audit
    from inkop_desktop.db.engine import make_sessionmaker
    from inkop_desktop.services.base import ServiceContext
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery
    from inkop_desktop.services.registry import Services

    engine = create_engine(url, pool_size=1)
    sessions = make_sessionmaker(engine)
    audit.install(sessions)
    services = Services.create(ServiceContext(sessions, actor=ACTOR))
    pick = random.Random(seed)
    n = 0
    try:
        while time.perf_counter() < until:
            n += 1
            contract_id = pick.choice(own)
            try:
                started = time.perf_counter()
                detail = services.contracts.get(contract_id)
                data = {**detail.data.model_dump(), "title": f"{TITLES[n % len(TITLES)]} {n}"}
                services.contracts.update(contract_id, detail.version, data)
                with tally.lock:
                    tally.saves.append(time.perf_counter() - started)
                services.catalogue.search(CatalogueQuery(text=pick.choice(WORDS), on=TODAY))
                with tally.lock:
                    tally.searches += 1
            except Exception as exc:  # counted and reported: the benchmark goes on
                tally.error(exc)
    finally:
        engine.dispose()


def run(url: str, clients: int, seconds: float, contracts: int) -> _Tally:
    """Seed, then let *clients* threads work for *seconds*."""
    ids = _seed(url, contracts)
    per = max(1, len(ids) // clients)
    tally = _Tally()
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(
            target=_client,
            args=(url, ids[(i * per) % len(ids) :][:per] or ids[:1], until, i, tally),
            daemon=True,
        )
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return tally


def _report(tally: _Tally, clients: int, seconds: float) -> None:
    """p50/p95 save latency, throughput and errors."""
    ms = sorted(s * 1000 for s in tally.saves)
    if ms:
        p95 = ms[int(0.95 * (len(ms) - 1))]
        rate = len(ms) / seconds
        print(
            f"{clients} klienter, {seconds:.0f} s: {len(ms)} sparningar ({rate:.1f}/s), "
            f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms"
        )
    print(f"Sökningar i avtalskatalogen: {tally.searches} ({tally.searches / seconds:.1f}/s)")
    print(f"Fel: {sum(tally.errors.values())} {tally.errors or ''}".rstrip())


def main() -> None:
    """Start a throw-away PostgreSQL, run the load and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--contracts", type=int, default=200)
    parser.add_argument("--url", help="an empty PostgreSQL database (else a throw-away server)")
    args = parser.parse_args()
    if args.url:
        _report(
            run(args.url, args.clients, args.seconds, args.contracts), args.clients, args.seconds
        )
        return
    from tests.conftest import _Cluster, _pg_bin

    bindir = _pg_bin()
    if bindir is None:
        print("PostgreSQL är inte installerat: belastningstestet hoppas över.")
        return
    cluster = _Cluster(bindir)
    try:
        cluster.start()
        url = f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/postgres"
        _report(run(url, args.clients, args.seconds, args.contracts), args.clients, args.seconds)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
