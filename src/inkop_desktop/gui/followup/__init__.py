"""Avtalsuppföljning: the list around the next action, the reports, performing a follow-up."""

from inkop_desktop.gui.followup.commands import FollowupCommands

__all__ = ["FollowupCommands"]
