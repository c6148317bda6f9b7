"""The contract editor's side of a concurrent edit: its values, names and how to save a mix."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox

from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.contracts.terms import OptionInput
from inkop_desktop.gui.conflict import ConflictSide, Saved, last_change, model_label, plain
from inkop_desktop.gui.contracts.form import kronor_text
from inkop_desktop.services.contracts.service import ContractDetail

if TYPE_CHECKING:
    from inkop_desktop.gui.contracts.editor import ContractEditor

OPTIONS = "options"
AMOUNTS = ("total_value_ore", "annual_value_ore")


def contract_values(detail: ContractDetail) -> dict[str, Any]:
    """A stored contract's values in the shape the form gives them (options included)."""
    options = [{"months": o.months, "decision": o.decision} for o in detail.options]
    return {**detail.data.model_dump(), OPTIONS: options}


def form_values(data: dict[str, Any], options: list[dict[str, Any]]) -> dict[str, Any]:
    """What the user tried to save, as one dictionary."""
    return {**data, OPTIONS: options}


def contract_side(editor: ContractEditor, contract_id: uuid.UUID) -> ConflictSide:
    """Fetch, name, show and save a contract's fields for the compare dialog."""
    service, fields = editor.service, editor.fields
    combos = {"owner_id": fields.owner, "handlaggare_id": fields.officer,
              "framework_id": fields.framework}  # fmt: skip

    def fetch() -> Saved:
        detail = service.get(contract_id)
        by, at = last_change(service.history(contract_id))
        return Saved(detail, contract_values(detail), by, at)

    def show(key: str, value: Any) -> str:
        if key in AMOUNTS:
            return kronor_text(value) if value else plain(None)
        if key in combos:
            return _combo_text(combos[key], value)
        if key == "supplier_ids":
            return plain([_combo_text(fields.supplier_pick, v) for v in value or ()])
        if key == OPTIONS:
            return plain([f"{o['months']} mån ({plain(o['decision'])})" for o in value or ()])
        return plain(value)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        options = values.pop(OPTIONS, [])
        editor.show_detail(saved.detail)
        editor.fields.set_data(saved.detail.data.model_copy(update=values))
        editor.options.set_options([OptionInput(**o) for o in options])
        editor.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: model_label(ContractInput, key, {OPTIONS: "Optioner"}),
        show_value=show,
        reload=lambda: editor.start(contract_id),
        save_mix=save_mix,
    )


def _combo_text(combo: QComboBox, value: Any) -> str:
    """The drop-down's text for an id (the id itself when the list does not have it)."""
    if value is None:
        return plain(None)
    index = combo.findData(str(value))
    return combo.itemText(index) if index >= 0 else str(value)
