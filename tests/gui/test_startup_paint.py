"""The window paints before the database layers load; the views are listed before the data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from tests.gui.waits import FIRST_START_MS

HEAVY = ("sqlalchemy", "alembic", "pydantic", "reportlab", "openpyxl", "pyhanko", "icalendar")
NEVER_BEFORE_DATA = ("alembic", "reportlab", "openpyxl", "pyhanko")

CHILD = """
import json, sys
from inkop_desktop.app import parse_args, setup_logging, show_shell
args = parse_args(["--database", sys.argv[1], "--view", "avtal"])
setup_logging()
app, window = show_shell(args)
painted = sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2].split(","))
menus = [a.text() for a in window.menuBar().actions()]
from inkop_desktop.startup import Startup
startup = Startup(demo=False, database=args.database, view="avtal", screenshot=None, window=window)
app.processEvents()
named = sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2].split(","))
views = window.navigation.views.count()
print(json.dumps({"painted": painted, "menus": menus, "named": named, "views": views,
                  "shown": window.isVisible(), "waiting": window.waiting.text()}))
"""


def test_the_shell_paints_before_services_and_heavy_libraries_are_imported(
    engine: Engine, db_url: str
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, db_url, ",".join(HEAVY)],
        capture_output=True, text=True, check=True, env=env, timeout=120,
    )  # fmt: skip
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["shown"] and seen["painted"] == []  # menus, navigation, status bar: Qt only
    assert seen["menus"][:2] == ["&Arkiv", "&Redigera"]
    assert seen["views"] == 13  # the views are listed before the database is open
    assert seen["waiting"].startswith("Hämtar…")
    assert not set(NEVER_BEFORE_DATA) & {m.split(".")[0] for m in seen["named"]}


def test_the_views_are_listed_before_the_data_and_a_page_is_made_when_first_shown(
    qtbot: QtBot, engine: Engine, db_url: str
) -> None:
    from inkop_desktop.app import VIEWS
    from inkop_desktop.startup import DIALOG_VIEWS, Startup

    startup = Startup(demo=False, database=db_url, view="avtal", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS) as loaded:
        startup.begin()
        assert window.navigation.views.count() == len(window.pages) == 13
        assert window.current_page() is None and window.waiting.isVisible()
        assert window.waiting.text().startswith("Hämtar…")
        assert window.show_view("plan") is window.waiting  # chosen early: still waiting
    assert loaded.args == ["avtal"]
    assert set(VIEWS) == set(window.pages) | set(DIALOG_VIEWS)  # every --view has its page
    assert window.current_page() is window.pages.built("avtal")
    assert window.pages.built("oversikt") is None  # never shown: never made
    qtbot.waitUntil(lambda: window.pages.ready, timeout=FIRST_START_MS)  # SQLite: data first
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS):
        shown = window.show_view("leverantorer")
    assert window.pages.built("leverantorer") is shown is window.current_page()
    startup.tasks.wait_idle()
    window.close()
