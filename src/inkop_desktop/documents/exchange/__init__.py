"""Spreadsheets in and out (.xlsx and .csv), with hostile-file checks."""
