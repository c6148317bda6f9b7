"""Leverantörer: the validated supplier input."""
