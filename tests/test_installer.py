"""The PyInstaller spec and the bundle smoke test, checked without building (CI builds it)."""

from __future__ import annotations

import ast
import importlib.util
import random
import struct
import tomllib
import zlib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "inkop-desktop.spec"


def _spec_namespace(*names: str) -> dict[str, object]:
    """Run only the named top-level assignments and functions of the spec (no PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = {"ROOT", "PKG", "MIGRATIONS", *names}
    nodes = [
        node
        for node in tree.body
        if (isinstance(node, ast.FunctionDef) and node.name in wanted)
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in wanted for t in node.targets)
        )
    ]
    namespace: dict[str, object] = {"Path": Path, "SPECPATH": str(INSTALLER)}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def _smoke() -> ModuleType:
    """installer/smoke.py as a module."""
    spec = importlib.util.spec_from_file_location("inkop_smoke", INSTALLER / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spec_builds_both_programs_named_like_the_installed_scripts() -> None:
    names = _spec_namespace("GUI_NAME", "CLI_NAME", "GUI_SCRIPT", "CLI_SCRIPT")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert names["GUI_NAME"] in project["gui-scripts"]
    assert names["CLI_NAME"] in project["scripts"]
    gui = (INSTALLER / f"{names['GUI_SCRIPT']}.py").read_text(encoding="utf-8")
    cli = (INSTALLER / f"{names['CLI_SCRIPT']}.py").read_text(encoding="utf-8")
    assert "from inkop_desktop.app import main" in gui
    assert "from inkop_desktop.cli import main" in cli
    text = SPEC.read_text(encoding="utf-8")
    assert "name=GUI_NAME" in text and "name=CLI_NAME" in text
    assert "COLLECT(gui, cli," in text  # one folder, shared libraries


def test_spec_ships_the_data_folders_where_the_program_looks() -> None:
    data = _spec_namespace("DATA_DIRS")["DATA_DIRS"]
    assert isinstance(data, list)
    shipped = {dest: source for source, dest in data}
    assert set(shipped) == {
        "inkop_desktop/resources/data",
        "inkop_desktop/resources/fonts",
        "inkop_desktop/resources/color",
        "inkop_desktop/resources/icons",
        "inkop_desktop/ui",
        "inkop_desktop/db/migrations",
    }
    assert (shipped["inkop_desktop/resources/fonts"] / "DejaVuSans.ttf").is_file()
    assert (shipped["inkop_desktop/resources/data"] / "reference.json").is_file()
    assert (shipped["inkop_desktop/resources/color"] / "sRGB.icc").is_file()
    assert (shipped["inkop_desktop/resources/icons"] / "plan.svg").is_file()
    assert any(shipped["inkop_desktop/ui"].glob("*.ui"))
    assert (shipped["inkop_desktop/db/migrations"] / "env.py").is_file()


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", True),
        ("PySide6/Qt/translations/qtbase_sv.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", True),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
    ],
)
def test_spec_drops_unused_qt_parts_but_keeps_what_the_program_loads(
    dest: str, dropped: bool
) -> None:
    names = (
        "DROP_LIBS",
        "DROP_PLUGIN_DIRS",
        "KEEP_PLATFORMS",
        "KEEP_TRANSLATIONS",
        "_dropped",
    )
    is_dropped = _spec_namespace(*names)["_dropped"]
    assert callable(is_dropped)
    assert is_dropped(dest) is dropped


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    """A minimal RGB PNG with the given scanlines (filter byte included)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def test_smoke_refuses_a_blank_or_wrongly_sized_screenshot(tmp_path: Path) -> None:
    smoke = _smoke()
    width, height = smoke.SIZE
    blank = tmp_path / "blank.png"
    blank.write_bytes(_png(width, height, [b"\x00" + b"\xff" * width * 3] * height))
    with pytest.raises(smoke.SmokeError, match="looks empty"):
        smoke.check_png(blank)
    noise = random.Random(7)
    rows = [b"\x00" + noise.randbytes(width * 3) for _ in range(height)]
    busy = tmp_path / "busy.png"
    busy.write_bytes(_png(width, height, rows))
    assert smoke.check_png(busy).startswith(f"{width}x{height}")
    small = tmp_path / "small.png"
    small.write_bytes(_png(64, 48, rows[:48]))
    with pytest.raises(smoke.SmokeError, match="expected"):
        smoke.check_png(small)
    with pytest.raises(smoke.SmokeError, match="no screenshot"):
        smoke.check_png(tmp_path / "missing.png")


def test_smoke_picks_an_unsigned_award_from_the_listing() -> None:
    smoke = _smoke()
    listing = (
        "RS 2025-00163\t2025-02-21\tSRM\t795\t499 000 kr\tBeslutad och signerad\tÖversättning\n"
        "RS 2025-00159\t2025-01-24\tSRM\t555\t85 000 kr\tKlar för beslut\tCatering\n"
    )
    assert smoke.open_award(listing) == "RS 2025-00159"
    with pytest.raises(smoke.SmokeError):
        smoke.open_award(listing.splitlines()[0])


def test_ci_builds_and_smoke_tests_the_bundle_after_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(req.startswith("pyinstaller") for req in extras["installer"])
    assert "installer]'" in ci
    pytest_at = ci.index('check "pytest"')
    assert pytest_at < ci.index('check "bundle build" installer/build.sh')
    assert pytest_at < ci.index('check "bundle smoke"') and "installer/smoke.py" in ci


def test_the_smoke_test_wants_reportlabs_c_accelerators_in_the_bundle(tmp_path: Path) -> None:
    smoke = _smoke()
    internal = tmp_path / "_internal" / "inkop_desktop"
    wanted = ("resources/data/reference.json", "resources/fonts/DejaVuSans.ttf",
              "ui/first_run.ui", "db/migrations/env.py",
              "db/migrations/versions/0001_initial_schema.py")  # fmt: skip
    for name in (*smoke.NAMES, *(f"_internal/inkop_desktop/{w}" for w in wanted)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(smoke.SmokeError, match="_rl_accel"):
        smoke.check_bundle(tmp_path)
    (internal.parent / "_rl_accel.abi3.so").write_bytes(b"")
    assert set(smoke.check_bundle(tmp_path)) == set(smoke.NAMES)
    assert "_rl_accel" in SPEC.read_text(encoding="utf-8")
