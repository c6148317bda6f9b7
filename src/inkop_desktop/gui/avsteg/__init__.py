"""The avsteg register: list with filters, handling, manual entries, Excel and PDF report."""

from inkop_desktop.gui.avsteg.page import AvstegPage

__all__ = ["AvstegPage"]
