"""The supplier editor's side of a concurrent edit: its values, names and how to save a mix."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from inkop_desktop.domain.suppliers.input import ContactInput, SupplierInput
from inkop_desktop.gui.conflict import ConflictSide, Saved, model_label, plain
from inkop_desktop.services.suppliers.service import SupplierDetail

if TYPE_CHECKING:
    from inkop_desktop.gui.suppliers.editor import SupplierEditor

CONTACTS = "contacts"


def supplier_values(detail: SupplierDetail, keys: Any) -> dict[str, Any]:
    """A stored supplier's values for *keys*, in the shape the form gives them."""
    return detail.model_dump(include=set(keys))


def supplier_side(editor: SupplierEditor, supplier_id: uuid.UUID, keys: Any) -> ConflictSide:
    """Fetch, name, show and save a supplier's fields (who saved is not recorded here)."""
    service = editor.service

    def fetch() -> Saved:
        detail = service.get(supplier_id)
        return Saved(detail, supplier_values(detail, keys))

    def show(key: str, value: Any) -> str:
        if key == CONTACTS:
            return plain([" ".join(filter(None, (c["name"], c["role"]))) for c in value or ()])
        return plain(value)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        contacts = tuple(ContactInput(**c) for c in values.pop(CONTACTS, ()))
        editor.show_version(saved.detail.model_copy(update={**values, CONTACTS: contacts}))
        editor.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: model_label(SupplierInput, key),
        show_value=show,
        reload=lambda: editor.open_supplier(supplier_id),
        save_mix=save_mix,
    )
