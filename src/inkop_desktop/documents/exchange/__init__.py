"""Spreadsheets in and out (.xlsx and .csv), with hostile-file checks."""

from inkop_desktop.documents.exchange.spreadsheet import Table, write

__all__ = ["Table", "write"]
