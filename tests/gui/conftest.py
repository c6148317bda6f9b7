"""GUI fixtures: a TaskRunner and the service fixtures of tests/services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool

from inkop_desktop.gui.tasks import TaskRunner
from tests.services.conftest import BaseRows, base_rows, services

__all__ = ["BaseRows", "base_rows", "services"]


@pytest.fixture
def tasks(qapp: object) -> Iterator[TaskRunner]:
    """A TaskRunner on its own pool, drained after the test."""
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    yield runner
    pool.waitForDone(10000)
