"""The offline fixtures (a migrated server database and a person's replica) for GUI tests."""

from tests.services.offline.conftest import migrated_template, replica_template, world

__all__ = ["migrated_template", "replica_template", "world"]
