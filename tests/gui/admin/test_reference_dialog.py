"""An administrator adds the missing 2026 EU threshold in the app; others may not."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import PersonRole
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.gui.admin.reference_dialog import ReferenceDialog, ReferenceValueForm
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.conftest import acting_as, ensure_person


def _fill(form: ReferenceValueForm) -> None:
    select_data(form.key, RefKey.LOU_EU_GOODS_SERVICES)
    form.amount.setText("2 400 000")
    form.valid_from.setDate(QDate(2026, 1, 1))
    form.valid_to.set_value(date(2027, 12, 31))
    form.source.setText("Konkurrensverket, Tröskelvärden 2026–2027")


def test_only_an_administrator_may_add_a_value(
    qtbot: QtBot,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
    sessions: sessionmaker[Session],
) -> None:
    olle = acting_as(services, "olle.upphandlare", "Olle Upphandlare", Role.UPPHANDLARE)
    form = ReferenceValueForm(olle.reference, tasks)
    qtbot.addWidget(form)
    _fill(form)
    form.save()
    qtbot.waitUntil(lambda: "bara administratör" in form.error.text(), timeout=5000)
    with sessions.begin() as s:
        s.add(
            PersonRole(
                version=1,
                person_id=ensure_person(sessions, "olle.upphandlare", "Olle"),
                role="administrator",
            )
        )
    form.save()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=5000)
    advice = services.plan.advice(1_000_000_00, date(2026, 6, 1), "90910000-9")
    assert advice.level == 1 and advice.missing is None


def test_bad_input_is_explained(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    form = ReferenceValueForm(services.reference, tasks)
    qtbot.addWidget(form)
    _fill(form)
    form.amount.setText("två miljoner")
    form.save()
    assert "Värde: ange ett heltal" in form.error.text()
    assert "Värde: ange ett heltal" in form.fields.message("amount")
    assert form.amount.toolTip() == form.fields.message("amount")
    form.amount.setText("2 400 000")
    form.valid_to.set_value(date(2025, 12, 31))
    form.save()
    qtbot.waitUntil(
        lambda: "Slutdatum får inte vara före startdatum" in form.error.text(), timeout=5000
    )


def test_dialog_lists_the_shipped_values(
    qtbot: QtBot, qtmodeltester: Any, services: Services, tasks: TaskRunner
) -> None:
    dialog = ReferenceDialog(services.reference, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 20, timeout=5000)
    qtmodeltester.check(dialog.model)
    texts = dialog.model.as_tsv(range(dialog.model.rowCount()))
    assert "700\u00a0000 kr" in texts and "626\u00a0284 kr" in texts
