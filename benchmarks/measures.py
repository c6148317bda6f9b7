"""One benchmark figure: its value, the like-for-like anchor, the ratio and the target it must meet.

Three kinds: ``slower`` (ours / anchor, the ratio must stay at or below the target), ``faster``
(anchor / ours, the ratio must reach at least the target) and ``absolute`` (no anchor: ours /
limit, so the target is 1.0 and a ratio above it misses the limit).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Direction = Literal["max", "min"]
SLACK = 1.5
"""The gate fails a ratio past its target by more than 50 %."""


@dataclass(frozen=True)
class Measure:
    """A measured value, its anchor (None for an absolute limit), ratio and target."""

    name: str
    value: float
    anchor: float | None
    ratio: float
    target: float
    unit: str
    direction: Direction = "max"

    @property
    def ok(self) -> bool:
        """The ratio meets its target."""
        return self.ratio <= self.target if self.direction == "max" else self.ratio >= self.target

    @property
    def regressed(self) -> bool:
        """The ratio is past its target by more than 50 % (what fails the gate)."""
        if self.direction == "max":
            return self.ratio > self.target * SLACK
        return self.ratio * SLACK < self.target

    def as_json(self) -> dict[str, Any]:
        """The JSON entry (without the name, which is the key)."""
        data = asdict(self)
        del data["name"]
        return data


def slower(name: str, value: float, anchor: float, target: float, unit: str = "ms") -> Measure:
    """Ours may take at most *target* times the anchor."""
    return Measure(name, value, anchor, value / anchor, target, unit, "max")


def faster(name: str, value: float, anchor: float, target: float, unit: str = "ms") -> Measure:
    """Ours must be at least *target* times faster than the anchor."""
    return Measure(name, value, anchor, anchor / value, target, unit, "min")


def absolute(name: str, value: float, limit: float, unit: str = "ms") -> Measure:
    """Ours must stay at or below *limit*; the ratio is value / limit against a target of 1."""
    return Measure(name, value, None, value / limit, 1.0, unit, "max")


def from_json(name: str, data: dict[str, Any]) -> Measure:
    """A measure read back from its JSON entry."""
    anchor = data.get("anchor")
    return Measure(
        name=name,
        value=float(data["value"]),
        anchor=None if anchor is None else float(anchor),
        ratio=float(data["ratio"]),
        target=float(data["target"]),
        unit=str(data.get("unit", "")),
        direction="min" if data.get("direction") == "min" else "max",
    )


def save(measures: Iterable[Measure], path: Path) -> None:
    """Write ``{"measure": {"value", "anchor", "ratio", "target", "unit", "direction"}}``."""
    data = {m.name: m.as_json() for m in measures}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> list[Measure]:
    """The measures of a JSON file written by :func:`save`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [from_json(name, entry) for name, entry in data.items()]


def _number(value: float | None) -> str:
    """A value for the table: no decimals from 100, one below, '—' for none."""
    if value is None:
        return "—"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}"


def table(measures: list[Measure]) -> str:
    """The measures as an aligned text table (measure, value, anchor, ratio, target, ok)."""
    head = ("mått", "värde", "ankare", "kvot", "mål", "ok")
    rows = [
        (
            m.name,
            f"{_number(m.value)} {m.unit}",
            "—" if m.anchor is None else f"{_number(m.anchor)} {m.unit}",
            f"{m.ratio:.2f}",
            f"{'≤' if m.direction == 'max' else '≥'} {m.target:g}",
            "ja" if m.ok else "NEJ",
        )
        for m in measures
    ]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    rule = "  ".join("-" * w for w in widths)
    return "\n".join(
        ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), rule, *lines]
    )


def standalone(run: Callable[[bool], list[Measure]]) -> None:
    """A bench module's own command line: ``[--quick]``, then its measures as a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the quick (CI) size")
    print(table(run(parser.parse_args().quick)))


def ms(seconds: float) -> float:
    """Seconds as milliseconds."""
    return seconds * 1000


def p95(values: Iterable[float]) -> float:
    """The 95th percentile (nearest rank below)."""
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each of *runs* calls of *fn*."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def median_of(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of *runs* calls of *fn*."""
    return statistics.median(timings(fn, runs))
