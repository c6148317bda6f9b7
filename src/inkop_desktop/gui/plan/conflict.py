"""The plan item editor's side of a concurrent edit: its values, names and how to save a mix."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan.input import PlanItemInput
from inkop_desktop.gui.conflict import ConflictSide, Saved, last_change, model_label, plain
from inkop_desktop.gui.conflict_dialog import item_text

if TYPE_CHECKING:
    from inkop_desktop.gui.plan.editor import PlanItemEditor
    from inkop_desktop.services.plan.store import PlanDetail

AMOUNTS = ("estimated_total_ore", "annual_value_ore")


def plan_values(detail: PlanDetail) -> dict[str, Any]:
    """A stored plan item's values in the shape the form gives them."""
    return detail.data.model_dump()


def plan_side(editor: PlanItemEditor, item_id: uuid.UUID) -> ConflictSide:
    """Fetch, name, show and save a plan item's fields for the compare dialog."""
    plan, audit = editor.services.plan, editor.services.audit

    def fetch() -> Saved:
        detail = plan.get(item_id)
        by, at = last_change(audit.history("plan_item", item_id))
        return Saved(detail, plan_values(detail), by, at)

    def show(key: str, value: Any) -> str:
        if key in AMOUNTS:
            return Money(value or 0).format()
        if key == "responsible_id":
            return item_text(editor.responsible, value)
        if key == "organisation_ids":
            return plain([item_text(editor.organisations, v) for v in value or ()])
        return plain(value)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        detail: PlanDetail = saved.detail
        mix = detail.model_copy(update={"data": detail.data.model_copy(update=values)})
        editor.show_version(detail, mix)
        editor.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: model_label(PlanItemInput, key),
        show_value=show,
        reload=lambda: editor.open_item(item_id),
        save_mix=save_mix,
    )
