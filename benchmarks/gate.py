"""Fail when a ratio is past its target by more than 50 %: ``python -m benchmarks.gate F``.

Only ratios against an anchor measured in the same run are gated, never absolute times: a
measure without an anchor (a limit such as ≤ 50 ms) is listed but cannot fail the gate, so a
slower machine does not fail it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from benchmarks.measures import SLACK, Measure, load


def regressions(measures: Iterable[Measure]) -> list[Measure]:
    """The anchored measures whose ratio is past the target by more than the slack."""
    return [m for m in measures if m.anchor is not None and m.regressed]


def describe(m: Measure) -> str:
    """One line saying how far the ratio is from its target."""
    bound = "≤" if m.direction == "max" else "≥"
    limit = m.target * SLACK if m.direction == "max" else m.target / SLACK
    return (
        f"{m.name}: kvot {m.ratio:.2f}, mål {bound} {m.target:g} "
        f"(grinden tillåter {bound} {limit:.2f})"
    )


def main(argv: list[str] | None = None) -> int:
    """Exit 1 and list the regressions, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="JSON written by python -m benchmarks --json")
    args = parser.parse_args(argv)
    measures = load(args.file)
    gated = [m for m in measures if m.anchor is not None]
    failed = regressions(gated)
    for m in failed:
        print(describe(m))
    loose = [m.name for m in measures if m.anchor is None and m.regressed]
    if loose:
        print(f"Utan ankare (prövas inte av grinden): {', '.join(loose)}")
    if failed:
        print(f"{len(failed)} av {len(gated)} kvoter är mer än 50 % sämre än målet.")
        return 1
    print(f"Alla {len(gated)} kvoter inom 50 % av målet.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
