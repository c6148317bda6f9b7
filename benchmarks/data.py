"""Cached benchmark databases under ``benchmarks/.data`` (git-ignored), generated once."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / ".data"
QUICK_CONTRACTS = 10_000
FULL_CONTRACTS = 100_000


def contracts_for(quick: bool) -> int:
    """How many contracts a run uses."""
    return QUICK_CONTRACTS if quick else FULL_CONTRACTS


def ensure_database(contracts: int, awards: int = 0) -> Path:
    """Generate (once) the SQLite database with *contracts* contracts and *awards* direct awards."""
    name = f"contracts-{contracts}" + (f"-awards-{awards}" if awards else "")
    path = DATA / f"{name}.sqlite"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    generate_into(f"sqlite:///{partial}", contracts, awards)
    spent = time.perf_counter() - started
    path.with_suffix(".seconds").write_text(f"{spent:.1f}\n")
    partial.rename(path)  # a run cut short never leaves a half database under the final name
    print(f"genererade {path.name} på {spent:.1f} s")
    return path


def generation_seconds(db: Path) -> float | None:
    """How many seconds generating *db* took (None when that was not noted)."""
    try:
        return float(db.with_suffix(".seconds").read_text())
    except (OSError, ValueError):
        return None


def generate_into(url: str, contracts: int, awards: int = 0) -> None:
    """Fill the empty database at *url* in the benchmarks' proportions."""
    from benchmarks.generate import generate

    generate(
        url,
        contracts=contracts,
        plan_items=contracts // 20,
        suppliers=max(200, contracts // 30),
        awards=awards,
    )


def scratch_copy(db: Path, folder: Path) -> Path:
    """A copy of *db* in *folder* to change freely (indexes, imports)."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / db.name
    shutil.copyfile(db, copy)
    return copy


ACTOR = "demo.handlaggare"
"""The generated databases' first upphandlare (procurement role: may edit contracts)."""


def open_services(url: str, actor: str = ACTOR) -> Any:
    """The app's services on *url* as the GUI builds them (audit installed); close with close()."""
    from inkop_desktop.services.connection import connect

    return connect(url, actor=actor, upgrade=False)
