"""Cold start to a painted main window with data, on a 100 000-contract SQLite database.

Compared with a bare PySide6 QMainWindow that is shown, grabbed and saved the same way
(process to process, in the same run). Targets: painted ≤ 1.3×, the Avtal view with data ≤ 2.5×.
Run: ``python -m benchmarks.bench_startup [--contracts N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.data import contracts_for, ensure_database
from benchmarks.measures import Measure, slower

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("Hej")); w.resize(1360, 800); w.show()
QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one process run; fail loudly on a non-zero exit."""
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _probed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from process launch to each ``startup-probe`` line (painted, data) and exit."""
    started = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("startup-probe "):
                seen[line.split()[1]] = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"inkop-desktop avslutades med {proc.returncode}")
    seen["exit"] = time.perf_counter() - started
    return seen


def _compiled(env: dict[str, str]) -> None:
    """Byte-compile the app and its libraries first, as an installation (or the bundle) has them."""
    import inkop_desktop

    package = Path(inkop_desktop.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)


def measure(db: Path, runs: int) -> tuple[list[float], list[dict[str, float]]]:
    """Timings of the bare window and of inkop-desktop on *db*."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INKOP_STARTUP_PROBE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled modules
    bare: list[float] = []
    app: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        env["INKOP_DESKTOP_HOME"] = tmp
        shot = str(Path(tmp) / "shot.png")
        inkop = [
            sys.executable,
            "-m",
            "inkop_desktop",
            "--database",
            f"sqlite:///{db}",
            "--view",
            "avtal",
            "--screenshot",
            shot,
        ]
        _compiled(env)
        _probed(inkop, env)  # warm-up: page cache, migration check
        for _ in range(runs):
            bare.append(_timed([sys.executable, "-c", BARE, shot], env))
            app.append(_probed(inkop, env))
    return bare, app


def run(quick: bool) -> list[Measure]:
    """Median start-up times against the bare window's."""
    contracts = contracts_for(quick)
    bare, app = measure(ensure_database(contracts), 2 if quick else 5)
    b = statistics.median(bare) * 1000
    painted = statistics.median(r["painted"] for r in app) * 1000
    data = statistics.median(r["data"] for r in app) * 1000
    return [
        slower("start → huvudfönstret målat", painted, b, 1.3),
        slower(f"start → avtalsvyn med data ({contracts} avtal)", data, b, 2.5),
    ]


def main() -> None:
    """Print medians and the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = ensure_database(args.contracts)
    bare, app = measure(db, args.runs)
    b = statistics.median(bare)
    painted = statistics.median(r["painted"] for r in app)
    data = statistics.median(r["data"] for r in app)
    print(
        f"Bar PySide6 QMainWindow (start, visad, målad, sparad, avslutad): median {b * 1000:.0f} ms"
    )
    print(f"inkop-desktop: huvudfönstret målat: median {painted * 1000:.0f} ms")
    print(
        f"inkop-desktop: avtalsvyn med data ({args.contracts} avtal): median {data * 1000:.0f} ms"
    )
    print(f"Kvot målat fönster / bar Qt: {painted / b:.2f}")
    print(f"Kvot data i vyn / bar Qt: {data / b:.2f}")


if __name__ == "__main__":
    main()
