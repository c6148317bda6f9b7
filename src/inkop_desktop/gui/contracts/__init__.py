"""Avtal: editor, options, amendments, files, alerts, reports and the catalogue."""
