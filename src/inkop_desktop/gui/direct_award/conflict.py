"""The direct-award editor's side of a concurrent edit: its values, names, how to save a mix."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from inkop_desktop.domain.direct_award.input import DirectAwardInput
from inkop_desktop.gui.conflict import ConflictSide, Saved, model_label, plain
from inkop_desktop.gui.conflict_dialog import item_text

if TYPE_CHECKING:
    from inkop_desktop.gui.direct_award.editor import DirectAwardEditor


def award_side(editor: DirectAwardEditor, award_id: uuid.UUID) -> ConflictSide:
    """Fetch, name, show and save a draft's fields (who saved is not recorded here)."""
    service, combos = editor.service, editor.fields.combos

    def fetch() -> Saved:
        detail = service.get(award_id)
        return Saved(detail, detail.editable_values())

    def show(key: str, value: Any) -> str:
        if key in combos:
            return item_text(combos[key], value)
        if key == "value":
            return f"{value} kr" if value else plain(None)
        return plain(value)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        editor.show_detail(saved.detail)
        editor.fields.put(values)
        editor.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: model_label(DirectAwardInput, key),
        show_value=show,
        reload=lambda: editor.run(lambda: service.get(award_id), editor.show_detail),
        save_mix=save_mix,
    )
