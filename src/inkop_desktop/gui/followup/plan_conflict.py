"""The plan editor's side of a concurrent edit: its values, names and how to save a mix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inkop_desktop.domain.followup.input import PlanInput
from inkop_desktop.gui.conflict import ConflictSide, Saved, model_label, plain
from inkop_desktop.gui.conflict_dialog import item_text
from inkop_desktop.services.followup import PlanDetail

if TYPE_CHECKING:
    from inkop_desktop.gui.followup.plan_editor import PlanEditor


def plan_values(plan: PlanDetail, keys: Any) -> dict[str, Any]:
    """A stored plan's values for *keys*, in the shape the form gives them."""
    return {k: getattr(plan, k) for k in keys}


def plan_side(editor: PlanEditor, opened: PlanDetail, keys: Any) -> ConflictSide:
    """Fetch, name, show and save a plan's fields (who saved is not in the Historik here)."""
    services = editor.services

    def fetch() -> Saved:
        plan = services.followup.get_plan(opened.id)
        return Saved(plan, plan_values(plan, keys))

    def show(key: str, value: Any) -> str:
        if key == "responsible_id":
            return item_text(editor.responsible, value)
        if key == "template_ids":
            return plain([editor.template_name(v) for v in value or ()])
        return plain(value)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        editor.show_version(saved.detail, values)
        editor.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: model_label(PlanInput, key),
        show_value=show,
        reload=lambda: editor.open_contract(opened.contract_id),
        save_mix=save_mix,
    )
