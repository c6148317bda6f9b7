"""A package's public names imported on first use, so one use case does not load its siblings."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def exports(package: str, made_in: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for *package*: each name comes from its module in *made_in*."""

    def __getattr__(name: str) -> Any:
        module = made_in.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
