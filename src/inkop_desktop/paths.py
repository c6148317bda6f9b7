"""Locations of shipped data: ``resources/`` and ``ui/`` in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """Return the folder *name* inside the package, or beside ``src/`` in a checkout."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / name


def resources_dir() -> Path:
    """The ``resources/`` folder (default data, fonts, icons)."""
    return _shipped("resources")


def ui_dir() -> Path:
    """The ``ui/`` folder with the Qt Designer forms."""
    return _shipped("ui")


def resource(*parts: str) -> Path:
    """A file below ``resources/``."""
    return resources_dir().joinpath(*parts)
