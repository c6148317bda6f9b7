"""Bar charts: many horizontal bars get a line each instead of overlapping labels."""

from __future__ import annotations

from itertools import pairwise

from pytestqt.qtbot import QtBot

from inkop_desktop.gui.charts import BarChart, ChartBar


def _bars(n: int) -> list[ChartBar]:
    return [ChartBar(f"k{i}", f"Nämnd nummer {i}", (i,)) for i in range(n)]


def test_horizontal_bars_each_get_a_text_line(qtbot: QtBot) -> None:
    chart = BarChart("Avtalstrohet")
    qtbot.addWidget(chart)
    chart.horizontal = True
    chart.base_height = 230
    chart.set_data(("Andel",), _bars(3))
    assert chart.minimumHeight() == 230  # few bars: the page's height
    chart.set_data(("Andel",), _bars(20))
    line = chart.fontMetrics().height()
    assert chart.minimumHeight() >= 20 * line  # one line per label, nothing drawn on top
    chart.resize(520, chart.minimumHeight())
    hits = chart._layout(chart._plot(), chart._top())
    tops = sorted(h.rect.top() for h in hits)
    assert all(b - a >= line for a, b in pairwise(tops))


def test_vertical_bars_keep_the_base_height(qtbot: QtBot) -> None:
    chart = BarChart("Per kvartal")
    qtbot.addWidget(chart)
    chart.set_data(("Antal",), _bars(30))
    assert chart.minimumHeight() == chart.base_height
