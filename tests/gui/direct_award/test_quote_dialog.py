"""The quote dialog: the supplier is searched for, never preselected, and can be registered."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.direct_award.quote_dialog import QuoteDialog

SUPPLIERS = [(uuid.uuid4(), f"Leverantör {n:03d} AB (556{n:03d}-0000)") for n in range(136)] + [
    (uuid.uuid4(), "Labbutrustning Norden AB (556677-8899)")
]


def test_the_supplier_is_searched_by_name_or_orgnr_and_nothing_is_preselected(
    qtbot: QtBot,
) -> None:
    dialog = QuoteDialog(SUPPLIERS, date(2026, 12, 1))
    qtbot.addWidget(dialog)
    assert dialog.supplier.currentIndex() == -1 and dialog.values()["supplier_id"] is None
    assert dialog.findChild(QPushButton, "newSupplierButton").isHidden()  # not offered
    completer = dialog.supplier.completer()
    completer.setCompletionPrefix("677-88")  # part of the org.nr
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Labbutrustning Norden AB (556677-8899)"
    dialog.supplier.setEditText(completer.currentCompletion())
    assert dialog.values()["supplier_id"] == SUPPLIERS[-1][0]


def test_a_supplier_not_in_the_register_is_added_from_the_dialog_and_chosen(
    qtbot: QtBot,
) -> None:
    new = (uuid.uuid4(), "Nya Centrifuger AB (559999-0001)")
    asked: list[QWidget] = []
    dialog = QuoteDialog(SUPPLIERS, date(2026, 12, 1), None, lambda p: asked.append(p) or new)
    qtbot.addWidget(dialog)
    button = dialog.findChild(QPushButton, "newSupplierButton")
    assert not button.isHidden()
    button.click()
    assert asked == [dialog] and dialog.values()["supplier_id"] == new[0]
    assert dialog.supplier.currentText() == "Nya Centrifuger AB (559999-0001)"
