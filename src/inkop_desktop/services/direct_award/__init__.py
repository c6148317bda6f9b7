"""Direktupphandlingar: records, quotes, checks, signing and reports."""
