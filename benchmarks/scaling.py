"""Scaling figures: the same measures at 10 000, 100 000 and 300 000 contracts, one table.

Per size (SQLite, generated once into ``benchmarks/.data``): the contract list's first and last
page, opening and saving one contract (on a scratch copy), the catalogue's p95 per keystroke;
then the same-kind check among 200 000 earlier direct awards (first call and p95 per keystroke).
Run: ``python -m benchmarks.scaling [--sizes 10000 100000 300000] [--awards 200000]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import bench_catalogue, bench_contract, bench_list, bench_same_kind
from benchmarks.data import ensure_database, generation_seconds, scratch_copy
from benchmarks.measures import ms, p95

SIZES = (10_000, 100_000, 300_000)
AWARDS = 200_000
HEAD = ("avtal", "lista, första", "lista, sista", "öppna", "spara", "katalog p95", "genererad")


def _thousands(n: int) -> str:
    """``300 000``."""
    return f"{n:,}".replace(",", " ")


def _generated(contracts: int) -> str:
    """How long the generation of the size took (now or when it was cached)."""
    seconds = generation_seconds(ensure_database(contracts))
    return "?" if seconds is None else f"{seconds:.0f} s"


def _open_save(contracts: int, count: int) -> tuple[float, float]:
    """Median seconds to open and to save one contract, on a scratch copy of the database."""
    db = ensure_database(contracts)
    ids = bench_contract.sample(db, count)
    with tempfile.TemporaryDirectory() as tmp:
        ((opened, saved),) = bench_contract.open_and_save([scratch_copy(db, Path(tmp))], ids)
    return opened, saved


def size_row(contracts: int, runs: int) -> tuple[str, ...]:
    """One table row: every figure of one size, in milliseconds."""
    generated = _generated(contracts)
    first, last = bench_list.pages(contracts, runs)
    opened, saved = _open_save(contracts, max(runs, 6))
    typed, _raw = bench_catalogue.sqlite_keystrokes(contracts, bench_catalogue.WORDS, False)
    figures = (first, last, opened, saved, p95(typed))
    return (_thousands(contracts), *(f"{ms(f):.1f} ms" for f in figures), generated)


def same_kind_line(awards: int, runs: int) -> str:
    """The same-kind check among *awards* earlier awards: first call, median and p95."""
    first, typed = bench_same_kind.keystrokes(awards, runs)
    return (
        f"samma slag bland {_thousands(awards)} direktupphandlingar: första anropet "
        f"{ms(first):.1f} ms, per tangent median {ms(statistics.median(typed)):.1f} ms, "
        f"p95 {ms(p95(typed)):.1f} ms (gräns {bench_same_kind.LIMIT_MS:g} ms)"
    )


def render(rows: list[tuple[str, ...]]) -> str:
    """The rows as an aligned table under :data:`HEAD`."""
    widths = [max(len(r[i]) for r in (HEAD, *rows)) for i in range(len(HEAD))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in (HEAD, *rows)]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) each size, measure it and print the table and the same-kind line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="AVTAL")
    parser.add_argument("--awards", type=int, default=AWARDS, help="earlier direct awards")
    parser.add_argument("--runs", type=int, default=5, help="repeats per figure (median)")
    args = parser.parse_args(argv)
    rows = []
    for contracts in args.sizes:
        print(f"== {contracts} avtal", file=sys.stderr, flush=True)
        rows.append(size_row(contracts, args.runs))
    print(render(rows))
    print(same_kind_line(args.awards, max(args.runs * 10, 50)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
