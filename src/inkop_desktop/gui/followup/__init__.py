"""Avtalsuppföljning: perform a follow-up, track its actions, keep the contact log."""

from inkop_desktop.gui.followup.commands import FollowupCommands

__all__ = ["FollowupCommands"]
