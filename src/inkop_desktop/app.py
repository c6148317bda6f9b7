"""Composition root of the desktop program: settings, database, services, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from inkop_desktop import __version__

_STARTED = time.perf_counter()
# The app ships no pydantic plugins: don't scan every installed package's entry points for
# them before the first model is built (a few ms at start; a stray plugin would also hook
# every validation). PYDANTIC_DISABLE_PLUGINS is pydantic's own switch; a set value is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
VIEWS = (
    "oversikt",
    "plan",
    "avtal",
    "uppfoljning",
    "uppfoljning-checklista",
    "uppfoljning-rapport",
    "jav",
    "direktupphandling",
    "leverantorer",
    "tidslinje",
    "avtalskatalog",
    "avsteg",
    "administration",
    "avtalstrohet",
)
log = logging.getLogger("inkop_desktop")

if TYPE_CHECKING:  # Qt is imported once the options are read
    from PySide6.QtCore import QCoreApplication

    from inkop_desktop.gui.main_window import MainWindow


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The stable start options (scripts, tests and administrators rely on them)."""
    parser = argparse.ArgumentParser(prog="inkop-desktop", description="Inköp Sörmland–Västmanland")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demo", action="store_true", help="öppna (och skapa vid behov) demodatabasen"
    )
    source.add_argument("--database", metavar="URL", help="databas-URL (SQLite eller PostgreSQL)")
    parser.add_argument("--view", choices=VIEWS, help="vy att visa vid start")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", type=Path, help="spara en bild och avsluta"
    )
    parser.add_argument(
        "--size",
        metavar="BxH",
        type=window_size,
        help="fönstrets storlek i pixlar, t.ex. 1024x700 (standard 1360x800)",
    )
    parser.add_argument("--version", action="version", version=f"inkop-desktop {__version__}")
    return parser.parse_args(argv)


def window_size(text: str) -> tuple[int, int]:
    """``1024x700`` → (1024, 700); a size from 640x480 to 7680x4320."""
    width, sep, height = text.lower().partition("x")
    if sep and width.isdigit() and height.isdigit():
        size = int(width), int(height)
        if 640 <= size[0] <= 7680 and 480 <= size[1] <= 4320:
            return size
    raise argparse.ArgumentTypeError(
        f"”{text[:20]}” är ingen fönsterstorlek; skriv t.ex. 1024x700 (minst 640x480)"
    )


def setup_logging() -> None:
    """Log to a file in the data folder (never secrets) and warnings to stderr."""
    from inkop_desktop.folders import data_dir

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(folder / "inkop-desktop.log", encoding="utf-8")],
    )


def _headless_screenshot(args: argparse.Namespace) -> None:
    """Without a display, a screenshot run renders offscreen instead of failing."""
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if args.screenshot is not None and no_display and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def show_shell(args: argparse.Namespace) -> tuple[QCoreApplication, MainWindow]:
    """The application and the painted main window shell (no services, no database yet)."""
    from PySide6.QtWidgets import QApplication

    from inkop_desktop.gui.fonts import install_fonts, install_swedish
    from inkop_desktop.gui.main_window import MainWindow
    from inkop_desktop.gui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("inkop-desktop")
    app.setOrganizationName("Inkopsverksamheten")
    install_fonts(app)  # type: ignore[arg-type]
    install_swedish(app)  # type: ignore[arg-type]
    window = MainWindow(TaskRunner(app))
    if args.size is not None:
        window.resize(*args.size)
    window.show()  # paint the shell first; the database layers are imported after that
    app.processEvents()
    return app, window


def main(argv: Sequence[str] | None = None) -> int:
    """Start the program; returns the process exit code."""
    args = parse_args(argv)
    setup_logging()
    _headless_screenshot(args)
    app, window = show_shell(args)
    _probe("painted")
    from inkop_desktop.startup import Startup

    startup = Startup(
        demo=args.demo,
        database=args.database,
        view=args.view,
        screenshot=args.screenshot,
        window=window,
    )
    window.view_loaded.connect(lambda _name: _probe("data"))
    startup.begin()
    if startup.exit_code is not None:  # the first run was cancelled
        return startup.exit_code
    code = app.exec()
    return startup.exit_code if startup.exit_code is not None else code


def _probe(stage: str) -> None:
    """With INKOP_STARTUP_PROBE set, report start-up milestones on stderr (for benchmarks)."""
    if os.environ.get("INKOP_STARTUP_PROBE"):
        elapsed = time.perf_counter() - _STARTED
        print(f"startup-probe {stage} {elapsed * 1000:.0f} ms", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
