"""Checklist templates shipped as data (``resources/data/checklist_templates.json``)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from inkop_desktop.domain.followup.model import CheckCategory


class TemplateItem(BaseModel):
    """One point of a checklist: what to check, the evidence expected, whether it is serious."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: CheckCategory
    text: str = Field(min_length=1, max_length=2000)
    evidence: str = Field(default="", max_length=2000)
    serious: bool = False


class ChecklistTemplate(BaseModel):
    """A named, versioned checklist."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1, max_length=60)
    version: int = Field(ge=1)
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    items: tuple[TemplateItem, ...] = Field(min_length=1)


def load_templates(path: Path) -> tuple[ChecklistTemplate, ...]:
    """Read the shipped templates; a malformed file raises pydantic's ValidationError."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return tuple(ChecklistTemplate.model_validate(t) for t in raw["templates"])


Point = tuple[str, str, str, bool]
"""A checklist point as compared between versions: category, text, evidence, serious."""


def revised_version(current: int, stored: list[Point], edited: list[Point]) -> int | None:
    """The new version number when the points changed (None: the version stays).

    Earlier versions are never rewritten: a follow-up made from version N keeps N's texts.
    """
    return None if stored == edited else current + 1
