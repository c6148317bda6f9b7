"""At start the Avtal list gets its data with only what its query needs imported (on SQLite
not even SQLAlchemy: ``services.contracts.first_page``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from tests.gui.waits import FIRST_START_MS

CHILD = """
import json, os, sys
from inkop_desktop.app import parse_args, setup_logging, show_shell
args = parse_args(["--database", sys.argv[1], "--view", "avtal"])
setup_logging()
app, window = show_shell(args)
from inkop_desktop.startup import Startup
startup = Startup(demo=False, database=args.database, view="avtal", screenshot=None, window=window)
def loaded(name):
    page = window.current_page()
    from pydantic.plugin import _loader
    print(json.dumps({"view": name, "rows": page.model.rowCount(), "modules": sorted(sys.modules),
                      "plugins_scanned": _loader._plugins is not None}), flush=True)
    startup.tasks.wait_idle(30000)
    startup.stop_live()
    os._exit(0)
window.view_loaded.connect(loaded)
startup.begin()
app.exec()
"""

OTHER_AREAS = (
    "inkop_desktop.services.plan",
    "inkop_desktop.services.jav",
    "inkop_desktop.services.avsteg",
    "inkop_desktop.services.direct_award",
    "inkop_desktop.services.suppliers",
    "inkop_desktop.services.compliance",
    "inkop_desktop.services.internal_control",
    "inkop_desktop.services.exchange.service",
    "inkop_desktop.services.followup.service",
    "inkop_desktop.services.admin.trust",
    "inkop_desktop.services.overview",
)
"""Use cases of other areas."""
SYNC = (
    "inkop_desktop.services.admin.reference",
    "inkop_desktop.services.followup.templates",
    "inkop_desktop.domain.contracts.model",
)
"""The shipped reference values' sync: after the first view (on the server the test's login
has no person, so it is done before that login's session turns read-only)."""
EDITOR = (
    "inkop_desktop.services.contracts.service",
    "inkop_desktop.services.contracts.alerts",
    "inkop_desktop.services.contracts.catalogue",
    "inkop_desktop.services.numbering",
    "inkop_desktop.services.offline",
)
"""The contract editor's, the alerts' and the catalogue's modules, and the offline replica's
link (set up once the first view has its data): not for the list."""
LIBRARIES = ("alembic", "reportlab", "openpyxl", "pyhanko", "icalendar")


def test_the_avtal_list_has_its_data_before_other_areas_and_heavy_libraries_load(
    engine: Engine, db_url: str
) -> None:
    from inkop_desktop.demo import ensure_demo
    from inkop_desktop.services.connection import connect

    ensure_demo(connect(db_url, actor="demo.handlaggare"))  # contracts to list
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)  # the app sets it itself (as the real start)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, db_url],
        capture_output=True, text=True, check=True, env=env, timeout=120,
    )  # fmt: skip
    seen = json.loads(done.stdout.splitlines()[-1])
    modules = set(seen["modules"])
    assert seen["view"] == "avtal" and seen["rows"] > 0
    assert not seen["plugins_scanned"]  # no entry-point scan for pydantic plugins at start
    if db_url.startswith("sqlite"):  # read straight from the file: no SQLAlchemy at all yet
        assert {"sqlalchemy", "inkop_desktop.db.tables"} & modules == set()
    else:
        assert "inkop_desktop.services.contracts.listing" in modules
    loaded_early = {m for m in modules for area in (*OTHER_AREAS, *EDITOR) if m == area}
    loaded_early |= {m for m in modules for area in OTHER_AREAS if m.startswith(f"{area}.")}
    assert loaded_early == set()
    assert set(LIBRARIES) & {m.split(".")[0] for m in modules} == set()
    if db_url.startswith("sqlite"):  # a server's password is looked up in the keyring
        assert modules & {*SYNC, "keyring"} == set()


def test_shipped_reference_values_are_added_once_the_first_view_has_its_data(
    qtbot: QtBot, engine: Engine, db_url: str
) -> None:
    from inkop_desktop.db.tables import FollowupTemplate, ReferenceValue
    from inkop_desktop.startup import Startup

    def stored() -> tuple[int, int]:
        with engine.connect() as conn:
            values = conn.execute(select(func.count()).select_from(ReferenceValue)).scalar_one()
            lists = conn.execute(select(func.count()).select_from(FollowupTemplate)).scalar_one()
        return values, lists

    assert stored() == (0, 0)
    startup = Startup(demo=False, database=db_url, view="avtal", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    qtbot.waitUntil(lambda: min(stored()) > 0, timeout=FIRST_START_MS)
    assert startup.connection is not None
    reference = startup.connection.services.reference
    qtbot.waitUntil(lambda: not startup.tasks.pending, timeout=FIRST_START_MS)
    assert reference.sync_shipped() == 0  # every shipped value was added
    startup.stop_live()
    startup.tasks.wait_idle()
    window.close()
