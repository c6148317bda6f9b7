"""Översikt: pictures read in the background; a click on a segment opens the filtered list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.gui import views
from inkop_desktop.gui.charts import BarChart
from inkop_desktop.gui.followup.overview import FollowupListPage
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.overview import OverviewPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.overview.world import DAY, World, build

WAIT = 15_000


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    """The hand-built world of the service tests."""
    return build(sessions)


@pytest.fixture
def window(
    qtbot: QtBot, services: Services, tasks: TaskRunner, world: World
) -> Iterator[MainWindow]:
    """The plan and follow-up lists and the Översikt, drawn for the world's day."""
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.add_pages([views.plan_view(services)])
    spec = views.followup_view(services, today=DAY)
    main.add_page(
        spec.name,
        spec.title,
        FollowupListPage(spec, tasks, services.followup_overview.namnd_options),
    )
    page = OverviewPage(services.pictures, tasks, today=DAY)
    page.open_records.connect(main.open_target)
    main.add_page("oversikt", "Översikt", page)
    main.resize(1360, 800)
    main.show()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        main.show_view("oversikt")
    assert tasks.wait_idle(WAIT)  # the nämnd options of the follow-up list are in
    yield main
    main.close()


def _click(qtbot: QtBot, chart: BarChart, key: str, series: int) -> None:
    """Click the middle of the segment *series* of the bar *key* (as drawn on screen)."""
    chart.grab()  # paint once, so the segments have their places
    index = [b.key for b in chart.bars].index(key)
    (hit,) = [h for h in chart.hits if h.bar == index and h.series == series]
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=hit.rect.center().toPoint())


def test_a_click_on_a_namnds_overdue_segment_opens_its_overdue_follow_ups(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    page = window.pages["oversikt"]
    assert isinstance(page, OverviewPage)
    chart = page.charts["uppfoljningar"]
    assert chart.accessibleName() == "Avtalsuppföljningar per nämnd"
    assert "SRM · Nämnd A: Genomförda i år 1 st, Försenade 1 st" in chart.accessibleDescription()
    follow = window.list_page("uppfoljning")
    assert follow is not None
    _click(qtbot, chart, str(world.namnd_a), 2)
    assert window.current_page() is follow
    assert follow.filter_boxes["namnd"].currentData() == str(world.namnd_a)
    assert follow.filter_boxes["state"].currentData() == "forsenad"
    qtbot.waitUntil(lambda: follow.model.rowCount() == 1, timeout=WAIT)
    assert follow.model.row_at(0).contract_number == "SRM-1"  # type: ignore[attr-defined]


def test_a_click_on_a_quarters_status_opens_the_plan_with_that_status_and_year(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pages["oversikt"]
    assert isinstance(page, OverviewPage)
    planerad = list(PlanStatus).index(PlanStatus.PLANERAD)
    _click(qtbot, page.charts["upphandlingar"], "2026-K1", planerad)
    plan = window.current_page()
    assert isinstance(plan, ListPage) and plan.spec.name == "plan"
    assert plan.filter_boxes["status"].currentData() == "planerad"
    assert plan.filter_boxes["year"].currentData() == "2026"
    qtbot.waitUntil(lambda: plan.model.rowCount() == 2, timeout=WAIT)
    assert {plan.model.row_at(i).reference for i in range(2)} == {"UP-1", "UP-3"}  # type: ignore[attr-defined]


def test_the_region_filter_redraws_the_pictures(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["oversikt"]
    assert isinstance(page, OverviewPage)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.region.setCurrentIndex(page.region.findData("VMA"))
    labels = [b.label for b in page.charts["direktupphandlingar"].bars]
    assert labels == ["794 · Västmanland"]
    ledger = page.charts["avtalstrohet"]
    assert ledger.bars == () and ledger.accessibleDescription() == "Ingen reskontra inläst"
