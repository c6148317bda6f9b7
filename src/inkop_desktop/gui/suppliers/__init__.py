"""Leverantörer: the supplier editor."""
