"""Cold start to a painted main window with data, on a 100 000-contract SQLite database.

Compared with a bare PySide6 QMainWindow that is shown, grabbed and saved the same way.
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

DATA = Path(__file__).resolve().parent / ".data"

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("Hej")); w.resize(1360, 800); w.show()
QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
app.exec()
"""


def ensure_database(contracts: int) -> Path:
    """Generate (once) the benchmark database with *contracts* contracts."""
    from benchmarks.generate import generate

    path = DATA / f"contracts-{contracts}.sqlite"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(
            f"sqlite:///{path}",
            contracts=contracts,
            plan_items=contracts // 20,
            suppliers=max(200, contracts // 30),
        )
        print(f"genererade {path.name} på {time.perf_counter() - started:.1f} s")
    return path


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one process run; fail loudly on a non-zero exit."""
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def measure(db: Path, runs: int) -> tuple[list[float], list[float]]:
    """Median-ready timings of the bare window and of inkop-desktop on *db*."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bare, app = [], []
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
        _timed(inkop, env)  # warm-up: page cache, first migration check
        for _ in range(runs):
            bare.append(_timed([sys.executable, "-c", BARE, shot], env))
            app.append(_timed(inkop, env))
    return bare, app


def main() -> None:
    """Print medians and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = ensure_database(args.contracts)
    bare, app = measure(db, args.runs)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"Bar PySide6 QMainWindow (visad, målad, sparad): median {b * 1000:.0f} ms")
    print(f"inkop-desktop, avtalsvyn med data ({args.contracts} avtal): median {a * 1000:.0f} ms")
    print(f"Kvot inkop-desktop / bar Qt: {a / b:.2f}")


if __name__ == "__main__":
    main()
