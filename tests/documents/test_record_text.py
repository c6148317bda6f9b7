"""A record cites reference data without the notes meant for whoever maintains it."""

from __future__ import annotations

from inkop_desktop.documents.record_text import formal

SHIPPED_TIER = (
    "Riktlinjer för direktupphandling (exempelnivåer enligt vanlig praxis, LOU 19 a kap.); "
    "regionens beslutade riktlinje läggs in av administratör"
)


def test_guidance_clauses_and_remarks_are_left_out_and_the_citation_stays() -> None:
    assert formal(SHIPPED_TIER) == "Riktlinjer för direktupphandling (LOU 19 a kap.)"


def test_a_plain_citation_is_kept_character_for_character() -> None:
    limit = (
        "LOU 19 a kap. 3 § (prop. 2021/22:5), fast belopp i lagen från 2022-02-01; "
        "Upphandlingsmyndigheten, Nya beloppsgränser för 2024"
    )
    assert formal(limit) == limit
    assert formal("a;;b;") == "a;;b;"
