"""Administration: organisations, people and dated reference values."""

from inkop_desktop.services.admin.reference import ReferenceService

__all__ = ["ReferenceService"]
