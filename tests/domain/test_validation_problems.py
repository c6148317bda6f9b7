"""A ValidationError carries every problem by field, and still reads as one Swedish message."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.plan.input import NeedInput
from inkop_desktop.domain.validation import parse


def test_every_problem_is_carried_by_field_and_the_text_lists_them_all() -> None:
    with pytest.raises(ValidationError) as caught:
        parse(
            NeedInput,
            {"title": "", "description": "", "estimated_total_ore": 0, "needed_by": date.today()},
        )
    exc = caught.value
    fields = [name for name, _text in exc.problems]
    assert fields[:2] == ["title", "description"] and "organisation_id" in fields
    assert exc.field == "title"
    assert exc.text.splitlines() == [text for _name, text in exc.problems]
    assert exc.problems[0][1] == "Vad behövs: måste fyllas i"


def test_a_single_error_is_its_own_problem_and_errors_can_be_joined() -> None:
    one = ValidationError("Ange källan till värdet.", field="source")
    loose = ValidationError("Datumen ligger i fel ordning.")
    assert one.problems == (("source", "Ange källan till värdet."),)
    joined = ValidationError.joined([loose, one])
    assert joined.field == "source"
    assert joined.problems == ((None, "Datumen ligger i fel ordning."), *one.problems)
    assert joined.text == "Datumen ligger i fel ordning.\nAnge källan till värdet."
