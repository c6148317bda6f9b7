"""Fail when a ratio is past its target by more than 50 %: ``python -m benchmarks.gate F``.

Only ratios against an anchor measured in the same run are gated, never absolute times: a
measure without an anchor (a limit such as ≤ 50 ms) is listed but cannot fail the gate, so a
slower machine does not fail it. A known gap (``benchmarks/gaps.py``) is named on every run
and fails when it is more than 50 % worse than its recorded ratio.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from benchmarks.gaps import GAPS, Gap
from benchmarks.measures import SLACK, Measure, load


def regressions(measures: Iterable[Measure], gaps: dict[str, Gap] | None = None) -> list[Measure]:
    """The anchored measures past their target (a known gap: its recorded ratio) by the slack."""
    known = GAPS if gaps is None else gaps
    return [m for m in measures if m.anchor is not None and _past(m, known.get(m.name))]


def _past(m: Measure, gap: Gap | None) -> bool:
    """The measure is past its gate: the target's, or for a known gap its recorded ratio's."""
    if gap is None:
        return m.regressed
    if m.direction == "max":
        return m.ratio > gap.measured * SLACK
    return m.ratio * SLACK < gap.measured


def _gap_line(m: Measure, gap: Gap) -> str:
    """One line naming a known gap, its ratio now, the target and the ratchet's limit."""
    bound = "≤" if m.direction == "max" else "≥"
    limit = gap.measured * SLACK if m.direction == "max" else gap.measured / SLACK
    state = "når målet nu – ta bort den ur benchmarks/gaps.py" if m.ok else gap.why
    return (
        f"Känd brist: {m.name}: kvot {m.ratio:.2f}, mål {bound} {m.target:g}, "
        f"spärr {bound} {limit:.2f} ({state})"
    )


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
    for m in gated:
        if m.name in GAPS:
            print(_gap_line(m, GAPS[m.name]))
    for m in failed:
        print(_gap_line(m, GAPS[m.name]) if m.name in GAPS else describe(m))
    loose = [m.name for m in measures if m.anchor is None and m.regressed]
    if loose:
        print(f"Utan ankare (prövas inte av grinden): {', '.join(loose)}")
    if failed:
        print(f"{len(failed)} av {len(gated)} kvoter är sämre än grinden tillåter.")
        return 1
    known = sum(1 for m in gated if m.name in GAPS)
    print(f"{len(gated) - known} kvoter inom 50 % av målet"
          + (f", {known} kända brister inom sin spärr." if known else "."))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
