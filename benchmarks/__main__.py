"""Every benchmark, one table: ``python -m benchmarks [--quick] [--json F] [--only N…]``.

Each module's ``run(quick)`` returns its measures, each against an anchor measured in the same
run; ``--quick`` uses 10 000 contracts (CI), the default 100 000. ``python -m benchmarks.gate F``
then fails when a ratio is more than 50 % past its target. The benchmarks that want a throw-away
PostgreSQL get a fresh database each on one cluster, started once per run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

from benchmarks.measures import Measure, save, table

BENCHMARKS = {
    "startup": "benchmarks.bench_startup",
    "contract": "benchmarks.bench_contract",
    "list": "benchmarks.bench_list",
    "plan_import": "benchmarks.bench_plan_import",
    "pdf": "benchmarks.bench_direct_award_pdf",
    "load": "benchmarks.bench_load",
    "catalogue": "benchmarks.bench_catalogue",
    "same_kind": "benchmarks.bench_same_kind",
    "spreadsheet": "benchmarks.bench_spreadsheet",
    "audit": "benchmarks.bench_audit",
    "compliance": "benchmarks.bench_compliance",
}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (not a database server's)."""
    try:
        import resource  # Unix only
    except ImportError:
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_all(names: list[str], quick: bool) -> tuple[list[Measure], list[str]]:
    """Run the named benchmarks; a failing one is reported and the rest still run."""
    measures: list[Measure] = []
    failed: list[str] = []
    for name in names:
        started, cpu = time.perf_counter(), _cpu()
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(BENCHMARKS[name])
            measures += module.run(quick)
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
        print(f"== {name}: {time.perf_counter() - started:.1f} s (CPU {_cpu() - cpu:.1f} s)",
              file=sys.stderr, flush=True)  # fmt: skip
    return measures, failed


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run, print the table and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 000 contracts, within a minute")
    parser.add_argument("--json", type=Path, help="write the measures to this file")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)})")  # fmt: skip
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from benchmarks.pg import shared  # one throw-away PostgreSQL cluster for the whole run

    with shared():
        measures, failed = run_all(args.only or list(BENCHMARKS), args.quick)
    print(table(measures))
    print(f"{len(measures)} mått på {time.perf_counter() - started:.1f} s")
    if args.json:
        save(measures, args.json)
    if failed:
        print(f"Misslyckades: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
