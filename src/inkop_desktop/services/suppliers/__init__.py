"""Leverantörsregistret: suppliers and everything they take part in."""

from inkop_desktop.services.suppliers.service import SupplierService

__all__ = ["SupplierService"]
