"""Leverantörsregistret: suppliers and everything they take part in."""
