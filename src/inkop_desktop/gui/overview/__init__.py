"""Översikt: the inköpschef's pictures."""

from inkop_desktop.gui.overview.page import OverviewPage
from inkop_desktop.gui.overview.targets import Target

__all__ = ["OverviewPage", "Target"]
