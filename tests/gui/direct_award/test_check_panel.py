"""The check panel: each rule that still blocks is one short line; the law is in the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.direct_award.dto import AwardCheck
from inkop_desktop.services.registry import Services

MISSING = (
    "Dokumentationen saknar: Leveranstid eller avtalstid (krävs vid värde om minst 100 000 kr "
    "räknat på samma slag, 19 a kap. 11 § LOU)."
)
FEWER = (
    "Riktlinjen kräver minst 3 tillfrågade leverantörer (skriftligt), men 2 har tillfrågats: "
    "ange skälet till färre (19 a kap. LOU (riktlinjer för direktupphandling))."
)


def test_blocking_rules_are_short_bullets_with_the_citation_in_the_tooltip(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    check = AwardCheck(
        totals=(), aggregated_ore=0, documentation_required=True, threshold_ore=10_000_000,
        checklist=(), tier="", efterannonsering="", delegation="",
        problems=(MISSING, FEWER, "Ange beslutsfattare."), jav_blockers=(),
        threshold_comparison="≥",
    )  # fmt: skip
    editor.panel.show_check(check)
    assert editor.panel.problems.text().splitlines() == [
        "• Dokumentationen saknar: Leveranstid eller avtalstid.",
        "• Riktlinjen kräver minst 3 tillfrågade leverantörer (skriftligt), men 2 har "
        "tillfrågats: ange skälet till färre.",
        "• Ange beslutsfattare.",
    ]
    tip = editor.panel.problems.toolTip()
    assert "19 a kap. 11 § LOU" in tip and "riktlinjer för direktupphandling" in tip
    assert "§" not in editor.panel.problems.text()
