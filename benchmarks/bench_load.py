"""Load: 50 simulated clients saving contracts and searching the catalogue on one PostgreSQL.

Each client is a thread with its own engine, session factory and services (as each desktop
client has its own connection), acting as one upphandlare. For a fixed time it alternates:
open one of its own contracts and save a changed title through ``ContractService.update``
(the real path: permission check, row lock, version check, options, suppliers, search text,
audit chain), then search "Finns det avtal?" for a word as the catalogue page does. The
server is a throw-away cluster from the installed PostgreSQL binaries (the tests' starter).
Prints p50/p95 save latency, saves/s, searches/s and the errors met. The anchor: the same
statements replayed by as many raw psycopg clients (``benchmarks/load_raw.py``), run first.
Target: save p50 ≤ 1.5× the raw clients'.

Both sides warm up alike before the clock starts: every client connects and does one untimed
save and search, then all start together (``Window``). Without it a 3 s run timed mostly the
cold start of 50 engines in one process (dialect set-up, every statement compiled once per
engine, all on one GIL at once) — fewer than one save per client — which a desktop client
pays once on its own machine; the cold first save's p50 is still printed (``--seconds``).
Run: ``python -m benchmarks.bench_load [--clients 50] [--seconds 20] [--contracts 200]``.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from benchmarks.load_raw import Recording, raw_client, record
from benchmarks.measures import Measure, ms, slower

WORDS = ["städ", "tolk", "handskar", "läkemedel", "fönsterputs", "kaffe", "qwxyz"]
TITLES = ["Städtjänster", "Tolktjänster", "Handskar", "Läkemedel", "Fönsterputs", "Kaffe"]
TODAY = date(2026, 6, 1)
ACTOR = "karin.oberg"


@dataclass
class _Tally:
    """What the clients measured (``first``: the untimed warm-up saves)."""

    saves: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
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


class Window:
    """The timed window every client starts in together, after its warm-up."""

    def __init__(self, clients: int, seconds: float) -> None:
        self.until = 0.0
        self._seconds = seconds
        self._ready = threading.Barrier(clients, action=self._open, timeout=seconds + 300)

    def _open(self) -> None:
        """All are warm: the clock starts now."""
        self.until = time.perf_counter() + self._seconds

    def start(self) -> None:
        """Wait until every client has warmed up (a client that failed to still counts)."""
        with contextlib.suppress(threading.BrokenBarrierError):
            self._ready.wait()

    def open(self) -> bool:
        """True while the timed window lasts."""
        return time.perf_counter() < self.until


def _client(url: str, own: list[uuid.UUID], window: Window, seed: int, tally: _Tally) -> None:
    """Warm up, then save one of *own* contracts and search until the window closes."""
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

    def save_and_search(n: int, into: list[float]) -> None:
        contract_id = pick.choice(own)
        started = time.perf_counter()
        detail = services.contracts.get(contract_id)
        data = {**detail.data.model_dump(), "title": f"{TITLES[n % len(TITLES)]} {n}"}
        services.contracts.update(contract_id, detail.version, data)
        with tally.lock:
            into.append(time.perf_counter() - started)
        services.catalogue.search(CatalogueQuery(text=pick.choice(WORDS), on=TODAY))

    try:
        _timed(save_and_search, window, tally)
    finally:
        engine.dispose()


def _timed(step: Callable[[int, list[float]], None], window: Window, tally: _Tally) -> None:
    """One untimed warm-up *step*, then steps while the window is open (errors counted)."""
    try:
        step(0, tally.first)
    except Exception as exc:  # counted and reported: the benchmark goes on
        tally.error(exc)
    window.start()
    n = 0
    while window.open():
        n += 1
        try:
            step(n, tally.saves)
            with tally.lock:
                tally.searches += 1
        except Exception as exc:  # counted and reported: the benchmark goes on
            tally.error(exc)


def _threads(target: Callable[..., None], args: list[tuple[Any, ...]], seconds: float) -> None:
    """Start one thread per argument tuple and wait for them all."""
    threads = [threading.Thread(target=target, args=a, daemon=True) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)


def _shares(ids: list[uuid.UUID], clients: int) -> list[list[uuid.UUID]]:
    """Each client's own contracts."""
    per = max(1, len(ids) // clients)
    return [ids[(i * per) % len(ids) :][:per] or ids[:1] for i in range(clients)]


def _record(url: str, contract_id: uuid.UUID) -> Recording:
    """The statements of one open + save of *contract_id* and one search, as sent."""
    from inkop_desktop.db import audit
    from inkop_desktop.db.engine import make_engine, make_sessionmaker
    from inkop_desktop.services.base import ServiceContext
    from inkop_desktop.services.contracts.catalogue import CatalogueQuery
    from inkop_desktop.services.registry import Services

    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    audit.install(sessions)
    services = Services.create(ServiceContext(sessions, actor=ACTOR))
    services.contracts.get(contract_id)  # warm-up: the first call builds caches
    rec = Recording(contract_id)
    holder: dict[str, Any] = {}
    record(engine, rec.reads, lambda: holder.setdefault("d", services.contracts.get(contract_id)))
    detail = holder["d"]
    data = {**detail.data.model_dump(), "title": f"{TITLES[0]} inspelad"}
    record(engine, rec.writes, lambda: services.contracts.update(contract_id, detail.version, data))
    query = CatalogueQuery(text=WORDS[0], on=TODAY)
    record(engine, rec.search, lambda: services.catalogue.search(query))
    engine.dispose()
    return rec


def load(url: str, clients: int, seconds: float, contracts: int) -> tuple[_Tally, _Tally]:
    """Seed; raw psycopg clients replay a recorded save, then the service clients work."""
    ids = _seed(url, contracts)
    rec = _record(url, ids[0])
    shares = _shares(ids[1:], clients)  # the recorded contract has a newer version now
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    raw = _Tally()
    window = Window(clients, seconds)
    args = [(dsn, rec, own, window, i, raw, _timed) for i, own in enumerate(shares)]
    _threads(raw_client, args, seconds)
    ours = _Tally()
    window = Window(clients, seconds)
    _threads(_client, [(url, own, window, i, ours) for i, own in enumerate(shares)], seconds)
    return ours, raw


def run(quick: bool) -> list[Measure]:
    """Save p50 of 50 service clients against the same statements over raw psycopg (≤ 1.5×)."""
    from benchmarks.pg import throwaway, url_of

    clients, seconds, contracts = (50, 3.0, 51) if quick else (50, 20.0, 201)
    with throwaway() as cluster:
        ours, raw = load(url_of(cluster), clients, seconds, contracts)
    for label, tally in (("tjänsten", ours), ("rå psycopg", raw)):
        if not tally.saves:
            raise RuntimeError(f"inga sparningar ({label}): fel {tally.errors}")
        if tally.errors:
            print(f"belastning, {label}: fel {tally.errors}", file=sys.stderr)
    p50, anchor = (ms(statistics.median(t.saves)) for t in (ours, raw))
    return [
        slower(f"PostgreSQL, {clients} klienter, sparning p50 (mot rå psycopg)", p50, anchor, 1.5)
    ]


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
    if tally.first:
        cold = statistics.median(tally.first) * 1000
        print(f"Första (kalla) sparningen, otidad uppvärmning: median {cold:.1f} ms")
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
        tallies = load(args.url, args.clients, args.seconds, args.contracts)
    else:
        from benchmarks.pg import throwaway, url_of

        with throwaway() as cluster:
            tallies = load(url_of(cluster), args.clients, args.seconds, args.contracts)
    for label, tally in zip(("Tjänsterna", "Rå psycopg, samma satser"), tallies, strict=True):
        print(f"{label}:")
        _report(tally, args.clients, args.seconds)


if __name__ == "__main__":
    main()
