"""What the acting person may do in the editor: the permission table, asked before offering."""

from __future__ import annotations

from inkop_desktop.domain.permissions import Act, refusal
from inkop_desktop.gui.direct_award.check_panel import tr
from inkop_desktop.services.access import Actor
from inkop_desktop.services.direct_award.dto import DirectAwardDetail

EDIT_BUTTONS = (
    "saveButton", "completeButton", "reopenButton", "correctButton", "contractCheckButton",
    "addQuoteButton", "removeQuoteButton",
)  # fmt: skip
"""The buttons that record or change a direct award (Act.DIRECT_AWARD_EDIT)."""


def edit_refusal(me: Actor | None) -> str:
    """Why this person may not record or change direct awards; empty when they may."""
    if me is None:
        return tr("Användaren läses in …")
    return "" if me.may(Act.DIRECT_AWARD_EDIT) else refusal(Act.DIRECT_AWARD_EDIT, me.roles)


def sign_refusal(me: Actor | None, detail: DirectAwardDetail | None, maker: str) -> str:
    """Why this person may not sign the decision; empty when they may (the service decides)."""
    if me is None or detail is None:
        return tr("Spara direktupphandlingen först.")
    if me.may(Act.DIRECT_AWARD_SIGN, named=detail.decision_maker_id):
        return ""
    who = maker or tr("den som anges som beslutsfattare")
    named = tr("Bara beslutsfattaren %1 som anges i beslutet får signera det.").replace("%1", who)
    return f"{named} {refusal(Act.DIRECT_AWARD_SIGN, me.roles)}"
