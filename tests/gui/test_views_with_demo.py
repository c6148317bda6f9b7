"""Every view shows the demo data: through the services on both engines, and at start-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.gui import views
from inkop_desktop.gui.list_page import ListPage, ViewSpec
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb
from tests.gui.waits import FIRST_START_MS

SPECS: dict[str, Callable[[Services], ViewSpec]] = {
    "plan": views.plan_view,
    "avtal": views.contract_view,
    "uppfoljning": views.followup_view,
    "jav": views.jav_view,
    "direktupphandling": views.direct_award_view,
    "leverantorer": views.supplier_view,
}


@pytest.fixture
def demo_services(services: Services, sessions: sessionmaker[Session], demo_db: DemoDb) -> Services:
    demo_db(date(2026, 11, 24), services=True)
    return services


def test_every_view_loads_sorts_and_filters_demo_data(
    qtbot: QtBot, qtmodeltester: Any, demo_services: Services, tasks: TaskRunner
) -> None:
    for name, make in SPECS.items():
        page = ListPage(make(demo_services), tasks)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.reload()
        assert page.model.rowCount() > 0, name
        qtmodeltester.check(page.model)
        for column in range(page.model.columnCount()):
            if page.model.columns[column].sortable:
                with qtbot.waitSignal(page.loaded, timeout=10000):
                    page.model.sort(column)
        assert "Visar 1–" in page.status.text(), name


def test_contract_search_finds_by_supplier_and_region_filter(
    qtbot: QtBot, demo_services: Services, tasks: TaskRunner
) -> None:
    page = ListPage(views.contract_view(demo_services), tasks)
    qtbot.addWidget(page)
    assert page.show_closed is not None
    page.show_closed.setChecked(True)  # ended contracts too
    box = page.filter_boxes["parties"]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        box.setCurrentIndex(box.findData("VMA"))
    assert {page.model.row_at(i).parties for i in range(page.model.rowCount())} == {"VMA"}
    first = page.model.row_at(0)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText(first.supplier.upper())
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert first.id in {r.id for r in rows}  # found by its supplier, typed in capitals
    assert {r.parties for r in rows} == {"VMA"}


def test_startup_shows_demo_user_and_every_view(qtbot: QtBot) -> None:
    from inkop_desktop.startup import Startup

    startup = Startup(demo=True, database=None, view="avtal", screenshot=None)
    qtbot.addWidget(startup.window)
    with qtbot.waitSignal(startup.window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    assert "Karin Öberg" in startup.window.user_label.text()
    assert startup.window.database_label.text() == "Lokal databas (inkop-demo.sqlite)"
    assert startup.window.database_label.toolTip().endswith("inkop-demo.sqlite")
    assert startup.window.demo_label.isVisibleTo(startup.window)
    assert startup.window.windowTitle().endswith("DEMO")
    for name in SPECS:
        page = startup.window.show_view(name)
        qtbot.waitUntil(lambda p=page: p.has_loaded, timeout=10000)
        assert page.model.rowCount() > 0
    startup.tasks.wait_idle()
    assert startup.feed is not None and startup.feed.listener is not None
    listener = startup.feed.listener
    assert listener.running  # other users' changes are being watched …
    startup.window.close()
    assert not listener.running  # … until the window closes: no thread left behind


def test_screenshot_option_writes_the_window(tmp_path: Path) -> None:
    shot = tmp_path / "avtal.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "inkop_desktop",
            "--demo",
            "--view",
            "avtal",
            "--screenshot",
            str(shot),
            "--size",
            "1024x700",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1024, 700)


@pytest.mark.parametrize("size", ["1024", "100x100", "axb", "99999x700"])
def test_a_bad_window_size_is_refused_in_swedish(
    size: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from inkop_desktop.app import parse_args

    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--size", size])
    assert exit_info.value.code == 2
    assert "ingen fönsterstorlek" in capsys.readouterr().err


def test_login_defaults_to_the_database_user_on_a_server(qtbot: QtBot) -> None:
    from inkop_desktop.startup import Startup

    server = Startup(
        demo=False,
        database="postgresql+psycopg://karin.oberg@db.example/inkop",
        view=None,
        screenshot=None,
    )
    qtbot.addWidget(server.window)
    assert server.login == "karin.oberg"
    demo = Startup(demo=True, database=None, view=None, screenshot=None)
    qtbot.addWidget(demo.window)
    assert demo.login == "demo.handlaggare"


def test_a_password_in_the_settings_file_is_refused_with_a_warning(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from inkop_desktop import settings
    from inkop_desktop.startup import Startup

    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"database_url": "postgresql+psycopg://karin:hemligt@127.0.0.1:1/inkop"}')
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    startup = Startup(demo=False, database=None, view=None, screenshot=None)
    qtbot.addWidget(startup.window)
    assert startup.url == "postgresql+psycopg://karin@127.0.0.1:1/inkop"
    startup._show_notice()
    assert len(shown) == 1 and "lösenord i databasadressen" in shown[0]
    assert "hemligt" not in shown[0] and "hemligt" not in path.read_text()
