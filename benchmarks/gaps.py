"""Known gaps: anchored ratios that still miss their target by more than the gate's 50 %.

Issue 17 is open while this table is not empty. Each entry holds the highest ratio measured
when it was recorded, with some headroom (``python -m benchmarks --quick`` in ``.ci/run`` runs
of 2026-12-02 and -03 on the machine named in the README's benchmark section); the gate then
fails the measure if it gets more than 50 % worse than that — a ratchet, so a known miss can
only improve. An entry whose measure meets its target again is reported so it can be removed;
lowering an entry's figure after a fix is the ratchet's turn.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    """A measure still past its gate, with the ratio it had when recorded and why."""

    measured: float
    why: str


GAPS: dict[str, Gap] = {
    "import av plan, 200 rader xlsx (mot openpyxl)": Gap(
        3.0,
        "kontroller, numrering och loggens rader per import (medianer av fem varv: 2,5–2,6× "
        "lokalt och i .ci/run, 2026-12-03)",
    ),
    "PostgreSQL, 50 klienter, sparning p50 (mot rå psycopg)": Gap(
        4.5,
        "Python-tid per sparning × 50 trådar på en GIL (2026-12-03: 1,35–1,59× sedan ankaret "
        "kedjar loggen som en commit; ett av tre varv före det 6,41×, så spärren står kvar)",
    ),
}
"""Measure name → the gap; names as ``python -m benchmarks --quick`` prints them."""
