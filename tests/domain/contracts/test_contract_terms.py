"""Option periods and decision deadlines are derived from the end date and notice period."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.attachments import MAX_ATTACHMENT_BYTES, check_size, safe_filename
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.contracts.terms import (
    OptionInput,
    add_months,
    latest_possible_end,
    notice_deadline,
    option_schedule,
)
from inkop_desktop.domain.errors import ValidationError

OPEN, USED = OptionDecision.EJ_BESLUTAD, OptionDecision.UTNYTTJAD


def test_each_option_follows_the_period_before_it_and_is_decided_notice_months_earlier() -> None:
    terms = option_schedule(date(2026, 12, 31), 3, [OptionInput(months=12), OptionInput(months=6)])
    assert [(t.period_start, t.period_end, t.decision_deadline) for t in terms] == [
        (date(2027, 1, 1), date(2027, 12, 31), date(2026, 9, 30)),
        (date(2028, 1, 1), date(2028, 6, 30), date(2027, 9, 30)),
    ]
    assert latest_possible_end(date(2026, 12, 31), terms) == date(2028, 6, 30)


def test_exercised_options_are_inside_the_current_end_date() -> None:
    options = [OptionInput(months=12, decision=USED), OptionInput(months=12, decision=OPEN)]
    first, second = option_schedule(date(2027, 12, 31), 6, options)
    assert (first.period_start, first.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert first.decision_deadline == date(2026, 6, 30)
    assert (second.period_start, second.decision_deadline) == (date(2028, 1, 1), date(2027, 6, 30))
    assert latest_possible_end(date(2027, 12, 31), [first, second]) == date(2028, 12, 31)


@pytest.mark.parametrize(
    ("end", "notice", "deadline"),
    [
        (date(2026, 6, 30), 1, date(2026, 5, 31)),  # month ends stay month ends
        (date(2026, 3, 15), 3, date(2025, 12, 15)),
        (date(2026, 12, 31), 0, date(2026, 12, 31)),  # no notice: decide by the end
        (date(2028, 2, 29), 12, date(2027, 2, 28)),
    ],
)
def test_deadline_arithmetic_at_month_ends_and_leap_days(
    end: date, notice: int, deadline: date
) -> None:
    assert option_schedule(end, notice, [OptionInput(months=12)])[0].decision_deadline == deadline


def test_notice_date_only_with_a_notice_period() -> None:
    assert notice_deadline(date(2026, 12, 31), 3) == date(2026, 9, 30)
    assert notice_deadline(date(2026, 12, 31), 0) is None
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_attachment_limit_and_file_names_in_swedish() -> None:
    check_size(MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError, match="högst 50 MB"):
        check_size(MAX_ATTACHMENT_BYTES + 1)
    assert safe_filename(r"C:\Users\åsa\Avtal: bilaga?.pdf") == "Avtal_ bilaga_.pdf"
    with pytest.raises(ValidationError, match="saknar filnamn"):
        safe_filename("  /  ")
