"""Administration: organisations, people, the first run and dated reference values."""

from inkop_desktop.services.admin.people import PeopleService, PersonRef
from inkop_desktop.services.admin.reference import ReferenceService
from inkop_desktop.services.admin.setup import FirstRunService

__all__ = ["FirstRunService", "PeopleService", "PersonRef", "ReferenceService"]
