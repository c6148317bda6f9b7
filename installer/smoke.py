"""Smoke test of a built bundle: run both programs from it, offscreen, and check what they made.

Usage: python installer/smoke.py BUNDLE_DIR [--postgres | --require-postgres]

Every command runs in a throw-away home (INKOP_DESKTOP_HOME, HOME, XDG_*), so the demo database
is created from the bundled migrations and nothing of the user's is touched. Each command must
exit 0 and print no traceback.
With --postgres (and PostgreSQL binaries installed) a throw-away server on loopback also checks
the psycopg driver, the PostgreSQL dialect and the migrations there; --require-postgres fails
when no server can be started. Standard library only; exit 0 when every check passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

SIZE = (1024, 700)  # the screenshot's requested window size
NAMES = ("inkop-desktop", "inkop")
# Imported lazily or by name, some only on paths the commands below do not take (signing,
# the PDF preview, the keyring backends): they must be inside both programs' archives.
REQUIRED_MODULES = (
    "inkop_desktop.documents.signing",
    "inkop_desktop.gui.pdf_preview",
    "inkop_desktop.db.migrations.versions.0003_direct_award_immutability",
    "pyhanko.sign.signers",
    "pyhanko.sign.fields",
    "pyhanko.sign.validation",
    "pyhanko.stamp",
    "pyhanko.pdf_utils.incremental_writer",
    "pyhanko_certvalidator",
    "keyring.backends.SecretService",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "secretstorage",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "openpyxl",
    "reportlab.platypus",
    "icalendar",
    "tzdata",
)
# Never shipped: plaintext keyrings (keyrings.alt) and the development tools.
FORBIDDEN_PACKAGES = {"keyrings", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy"}


class SmokeError(Exception):
    """A check failed; the message says which and why."""


def run(exe: Path, *args: str, env: dict[str, str], timeout: int = 180) -> str:
    """Run one bundled program; its stdout, or SmokeError on a non-zero exit or a traceback."""
    started = time.monotonic()
    done = subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    shown = " ".join([exe.name, *args])
    print(f"  {shown}: exit {done.returncode} in {time.monotonic() - started:.1f} s", flush=True)
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise SmokeError(
            f"{shown}: exit {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
    return done.stdout


def check_png(path: Path) -> str:
    """The screenshot exists, has the requested size and is not one flat colour."""
    if not path.is_file():
        raise SmokeError(f"no screenshot at {path}")
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise SmokeError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != SIZE:
        raise SmokeError(f"{path} is {width}x{height}, expected {SIZE[0]}x{SIZE[1]}")
    pixels = zlib.decompress(b"".join(_chunks(data, b"IDAT")))
    distinct = len(set(pixels[: len(pixels) // 2]))
    if len(data) < 20_000 or distinct < 64:
        raise SmokeError(f"{path} looks empty ({len(data)} bytes, {distinct} distinct byte values)")
    return f"{width}x{height}, {len(data) // 1024} KB"


def _chunks(data: bytes, kind: bytes) -> list[bytes]:
    """The payloads of every PNG chunk of *kind*."""
    found, at = [], 8
    while at + 8 <= len(data):
        length, name = struct.unpack(">I4s", data[at : at + 8])
        if name == kind:
            found.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return found


def check_pdf(path: Path) -> str:
    """A PDF with the bundled DejaVu font embedded (so resources/fonts was found)."""
    data = path.read_bytes() if path.is_file() else b""
    if not data.startswith(b"%PDF-") or b"DejaVu" not in data or len(data) < 5_000:
        raise SmokeError(f"{path} is not a PDF with the bundled DejaVu font ({len(data)} bytes)")
    return f"{len(data) // 1024} KB"


def check_bundle(bundle: Path) -> dict[str, Path]:
    """Both executables exist, share one _internal folder, and the data folders are there."""
    exes = {name: bundle / (name + (".exe" if os.name == "nt" else "")) for name in NAMES}
    internal = bundle / "_internal" / "inkop_desktop"
    wanted = [
        *exes.values(),
        internal / "resources" / "data" / "reference.json",
        internal / "resources" / "fonts" / "DejaVuSans.ttf",
        internal / "ui" / "first_run.ui",
        internal / "db" / "migrations" / "env.py",
        internal / "db" / "migrations" / "versions" / "0001_initial_schema.py",
    ]
    missing = [str(path) for path in wanted if not path.exists()]
    if not any(internal.parent.glob("_rl_accel*")):  # found by name at run time, not by import
        missing.append(str(internal.parent / "_rl_accel (reportlab's C accelerators)"))
    if missing:
        raise SmokeError("missing in the bundle: " + ", ".join(missing))
    return exes


def check_modules(exes: dict[str, Path]) -> None:
    """The lazily imported modules are in each program; plaintext keyrings and dev tools are not."""
    try:
        from PyInstaller.archive.readers import pkg_archive_contents
    except ImportError:
        print("  module check skipped: PyInstaller is not installed for this Python")
        return
    for exe in exes.values():
        names = set(pkg_archive_contents(str(exe)))
        missing = [name for name in REQUIRED_MODULES if name not in names]
        unwanted = sorted(name for name in names if name.split(".")[0] in FORBIDDEN_PACKAGES)
        if missing or unwanted:
            raise SmokeError(f"{exe.name}: missing modules {missing}, unwanted modules {unwanted}")
        print(f"  {exe.name}: {len(names)} archived, all {len(REQUIRED_MODULES)} lazy imports")


def open_award(listing: str) -> str:
    """The diarienummer of a demo direct award that is not signed yet (its PDFs are made anew)."""
    for line in listing.splitlines():
        fields = line.split("\t")
        if len(fields) > 5 and fields[5] == "Klar för beslut":
            return fields[0]
    raise SmokeError("no direct award 'Klar för beslut' in the demo data:\n" + listing[:1000])


def sqlite_checks(exes: dict[str, Path], env: dict[str, str], out: Path) -> None:
    """The demo database, the GUI screenshot, PDFs and a spreadsheet round trip."""
    gui, cli = exes["inkop-desktop"], exes["inkop"]
    run(cli, "--version", env=env)
    run(cli, "--demo", "demo", env=env)
    if "Schema:" not in run(cli, "--demo", "check", env=env):
        raise SmokeError("inkop --demo check printed no schema status")
    shot = out / "plan.png"
    size = f"{SIZE[0]}x{SIZE[1]}"
    run(gui, "--demo", "--view", "plan", "--screenshot", str(shot), "--size", size, env=env)
    print(f"  screenshot {shot}: {check_png(shot)}")
    number = open_award(run(cli, "--demo", "direktupphandling", "list", env=env))
    for kind in ("dokumentation", "beslut"):
        pdf = out / f"{kind}.pdf"
        command = ("direktupphandling", "pdf", number, "-o", str(pdf), "--kind", kind)
        run(cli, "--demo", *command, env=env)
        print(f"  {pdf.name}: {check_pdf(pdf)}")
    sheet = out / "leverantorer.xlsx"
    run(cli, "--demo", "export", "leverantorer", str(sheet), env=env)
    if not sheet.is_file() or sheet.read_bytes()[:2] != b"PK":
        raise SmokeError(f"{sheet} is not an .xlsx file")
    run(cli, "--demo", "import", "leverantorer", str(sheet), "--update", env=env)


def postgres_checks(exes: dict[str, Path], env: dict[str, str], url: str) -> None:
    """Migrations, demo data and the schema check on PostgreSQL through the bundled psycopg."""
    cli = exes["inkop"]
    run(cli, "--url", url, "db", "upgrade", env=env)
    run(cli, "--url", url, "demo", env=env)
    if "Schema:" not in run(cli, "--url", url, "check", env=env):
        raise SmokeError("inkop check on PostgreSQL printed no schema status")


class Postgres:
    """A throw-away PostgreSQL server on loopback (as user postgres when run as root)."""

    def __init__(self) -> None:
        """Prepare a server in a new temporary folder; SmokeError when no binaries are installed."""
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_major)
        initdb = str(bins[-1]) if bins else shutil.which("initdb")
        if not initdb:
            raise SmokeError("no PostgreSQL binaries (initdb) installed")
        self.bindir = Path(initdb).parent
        self.root = Path(tempfile.mkdtemp(prefix="inkop-smoke-pg-"))
        root = self.root
        self.prefix: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(root, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg(self, program: str, *args: str) -> None:
        """Run a PostgreSQL program; SmokeError with its output when it fails."""
        done = subprocess.run(
            [*self.prefix, str(self.bindir / program), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SmokeError(f"{program} failed:\n{done.stdout}{done.stderr}")

    def start(self) -> None:
        """initdb and start the server."""
        data = str(self.root / "data")
        init = ("-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self._pg("initdb", "-D", data, *init)
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", data, "-l", str(self.root / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        try:
            self._pg("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _major(initdb: Path) -> int:
    """The major version in /usr/lib/postgresql/<major>/bin/initdb."""
    version = initdb.parts[-3]
    return int(version) if version.isdigit() else 0


def environment(home: Path) -> dict[str, str]:
    """A clean environment: throw-away home and data folders, offscreen Qt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), QT_QPA_PLATFORM="offscreen")
    env["INKOP_DESKTOP_HOME"] = str(home / "inkop")  # Windows ignores HOME for its folders
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return env


def main(argv: list[str] | None = None) -> int:
    """Run every check; 0 when all passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (…/inkop-desktop)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--postgres", action="store_true", help="also check PostgreSQL if installed")
    group.add_argument("--require-postgres", action="store_true", help="PostgreSQL check must run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="inkop-smoke-") as tmp:
        root = Path(tmp)
        (root / "home").mkdir()
        env = environment(root / "home")
        try:
            exes = check_bundle(args.bundle.resolve())
            check_modules(exes)
            sqlite_checks(exes, env, root)
            if args.postgres or args.require_postgres:
                _postgres(exes, env, required=args.require_postgres)
        except (SmokeError, subprocess.TimeoutExpired) as exc:
            print(f"SMOKE FAILED: {exc}", file=sys.stderr)
            return 1
    print("smoke: all checks passed")
    return 0


def _postgres(exes: dict[str, Path], env: dict[str, str], *, required: bool) -> None:
    """Start a server, run the PostgreSQL checks, stop it; without binaries skip unless required."""
    try:
        server = Postgres()
    except SmokeError as exc:
        if required:
            raise
        print(f"  PostgreSQL skipped: {exc}")
        return
    try:
        server.start()
        postgres_checks(exes, env, server.url)
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
