"""The checklist templates a real installation gets are shipped data, not demo code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.domain.followup.templates import load_templates
from inkop_desktop.paths import resource

SHIPPED = resource("data", "checklist_templates.json")


def test_shipped_templates_cover_every_category_with_evidence() -> None:
    templates = load_templates(SHIPPED)
    assert len({t.key for t in templates}) == len(templates)
    categories = {i.category for t in templates for i in t.items}
    assert categories == set(CheckCategory)
    assert all(i.evidence for t in templates for i in t.items)
    assert any(i.serious for t in templates for i in t.items)


def test_a_template_with_an_unknown_category_is_refused(tmp_path: Path) -> None:
    broken = json.loads(SHIPPED.read_text(encoding="utf-8"))
    broken["templates"][0]["items"][0]["category"] = "horoskop"
    path = tmp_path / "templates.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_templates(path)


def test_an_edited_checklist_is_a_new_version_and_an_unchanged_one_is_not() -> None:
    from inkop_desktop.domain.followup.templates import revised_version

    v1 = [("skatter", "Skulder hos Kronofogden", "Besked", True)]
    assert revised_version(1, v1, list(v1)) is None
    assert revised_version(1, v1, [("skatter", "Skulder hos Kronofogden", "Besked", False)]) == 2
    assert revised_version(3, v1, [*v1, ("faktura", "Stickprov", "", False)]) == 4
