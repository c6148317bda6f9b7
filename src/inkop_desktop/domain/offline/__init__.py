"""Offline drafting: which acts can be done on the local replica, and the refusal of the others."""

from __future__ import annotations

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.permissions import Act

OFFLINE_ACTS = frozenset(
    {
        Act.PLAN_CREATE,
        Act.PLAN_NEED,
        Act.PLAN_EDIT,
        Act.DIRECT_AWARD_EDIT,
        Act.JAV_DECLARE,
        Act.FOLLOWUP_PERFORM,
    }
)
"""Drafts: plan items and behovsanmälningar, direct-award records, one's own jäv declarations,
follow-up results. Everything else (signing, status changes, rosters, assessments, contracts,
suppliers, administration) is final or shared and needs the server."""


class NeedsServerError(DomainError):
    """An act that cannot be done offline."""

    message_id = "offline.needs_server"


def refuse_offline(act: Act) -> None:
    """Raise NeedsServerError unless *act* can be done on the replica."""
    if act not in OFFLINE_ACTS:
        raise NeedsServerError(
            "Det här kräver anslutning till den gemensamma databasen och kan inte göras offline "
            "(till exempel att signera, ändra status eller registerposter). Dina utkast sparas "
            "lokalt; gör det här när anslutningen är tillbaka."
        )
