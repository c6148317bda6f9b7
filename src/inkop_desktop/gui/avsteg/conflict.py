"""The handling dialog's side of a concurrent edit: kommentar, åtgärd and stäng compared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inkop_desktop.gui.conflict import ConflictSide, Saved, plain
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.avsteg import AvstegEntry, AvstegService

if TYPE_CHECKING:
    from inkop_desktop.gui.avsteg.dialogs import HandleDialog

CLOSE_LABEL = "Stäng avsteget (hanterat)"
LABELS = {"comment": "Kommentar", "action": "Åtgärd", "close": CLOSE_LABEL}


def handling_values(entry: AvstegEntry) -> dict[str, Any]:
    """An entry's handling in the shape the dialog gives it."""
    return {"comment": entry.comment, "action": entry.action, "close": not entry.open}


def handling_side(dialog: HandleDialog, service: AvstegService, tasks: TaskRunner) -> ConflictSide:
    """Fetch, name, show and save an entry's handling (who closed it, when closed)."""
    entry_id = dialog.entry.id

    def fetch() -> Saved:
        entry = service.entry(entry_id)
        return Saved(entry, handling_values(entry), by=entry.closed_by)

    def reload() -> None:
        tasks.run(lambda: service.entry(entry_id), dialog.show_version, dialog.failed, owner=dialog)

    def save_mix(saved: Saved, values: dict[str, Any]) -> None:
        dialog.show_version(saved.detail, values)
        dialog.save()

    return ConflictSide(
        fetch_saved=fetch,
        field_label=lambda key: LABELS.get(key, key),
        show_value=lambda _key, value: plain(value),
        reload=reload,
        save_mix=save_mix,
    )
