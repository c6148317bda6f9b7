"""Historik: one line per save, each changed field old → new, with the save's child rows."""

from __future__ import annotations

from inkop_desktop.services.registry import Services
from tests.gui.plan.test_plan_gui import _data
from tests.services.conftest import BaseRows


def test_a_save_shows_its_fields_old_to_new_and_the_child_rows_it_changed(
    services: Services, base_rows: BaseRows
) -> None:
    item = services.plan.create(_data(base_rows))
    changed = _data(
        base_rows,
        cpv_codes=("90911200-8",),
        estimated_total_ore=3_250_000_00,
        responsible_id=base_rows.officer,
    )
    services.plan.update(item.id, item.version, changed)
    created, saved = services.audit.history("plan_item", item.id)
    assert (created.action, saved.action) == ("Skapad", "Ändrad")
    fields = {c.field: (c.old, c.new) for c in saved.changes}
    assert fields["beräknat totalvärde"] == ("3\xa0000\xa0000 kr", "3\xa0250\xa0000 kr")
    assert fields["ansvarig"][1] == "Karin Öberg"  # the person's name, not the id
    assert {(c.table, c.action, c.name) for c in saved.children} == {
        ("CPV-koder", "tog bort", "90910000-9"),
        ("CPV-koder", "lade till", "90911200-8"),
    }
    assert "CPV-koder: lade till 90911200-8" in saved.lines()
