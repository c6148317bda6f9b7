"""The register's columns and its colour rule (open for long: red; closed: grey)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from inkop_desktop.gui.row_state import RowState
from inkop_desktop.gui.table_model import Column
from inkop_desktop.services.avsteg.reports import region_label

WAIT_DAYS = 30
"""An open entry older than this is shown as waiting too long."""


def tr(text: str) -> str:
    """Translate (context "Avsteg")."""
    return QCoreApplication.translate("Avsteg", text)


def columns() -> list[Column]:
    """Datum, Avsteg, Gäller, Region, Nämnd, Motivering, Anmält av, Status, Hantering."""
    return [
        Column("reported_on", tr("Datum"), lambda d: d.isoformat()),
        Column("rule_name", tr("Avsteg"), cap=260),
        Column("record", tr("Gäller")),
        Column("region", tr("Region"), region_label),
        Column("namnd", tr("Nämnd"), cap=240),
        Column("reason", tr("Motivering"), cap=320),
        Column("reported_by", tr("Anmält av")),
        Column("status", tr("Status")),
        Column("comment", tr("Kommentar"), cap=220),
        Column("action", tr("Åtgärd"), cap=220),
        Column("source", tr("Källa")),
    ]


def row_state(today: Callable[[], date]) -> Callable[[Any], RowState | None]:
    """Closed: grey; open for more than 30 days: red; else uncoloured."""

    def of(row: Any) -> RowState | None:
        if not row.open:
            return RowState.AVSLUTAD
        return RowState.FORSENAD if (today() - row.reported_on).days > WAIT_DAYS else None

    return of


LEGEND = (
    tr("Status:"),
    [
        (RowState.FORSENAD, tr("öppet mer än 30 dagar")),
        (RowState.AVSLUTAD, tr("stängt")),
    ],
)
