"""The shipped CPV vocabulary: Swedish names, lookup and ranked, accent-insensitive search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inkop_desktop.domain.cpv import CpvEntry, CpvVocabulary, fold, load_vocabulary
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.paths import resource
from inkop_desktop.services.vocabulary import cpv_label, cpv_name, cpv_search, cpv_vocabulary


def test_shipped_vocabulary_is_well_formed_and_covers_what_the_regions_buy() -> None:
    data = json.loads(resource("data", "cpv.json").read_text(encoding="utf-8"))
    codes = [item["code"] for item in data["codes"]]
    assert len(codes) == len(set(codes)) >= 150
    assert all(item["name"].strip() for item in data["codes"])
    for code, name in {
        "09310000-5": "Elektricitet",
        "33112200-0": "Ultraljudsapparater",
        "33111000-1": "Röntgenapparater",
        "24111500-0": "Medicinska gaser",
        "33600000-6": "Farmaceutiska produkter",
        "90910000-9": "Rengöring",
        "72000000-5": "IT-tjänster: konsulttjänster, programvaruutveckling, Internet och support",
    }.items():
        assert cpv_name(code) == name
    assert cpv_vocabulary() is cpv_vocabulary()  # read once


def test_name_and_label_with_or_without_check_digit() -> None:
    assert cpv_name("33112200") == "Ultraljudsapparater"
    assert cpv_label("33112200-0") == "33112200 Ultraljudsapparater"
    assert cpv_label("99999999-9") == "99999999-9"  # unknown: the code as stored
    assert cpv_name("99999999-9") == "" and cpv_label("") == ""


def test_search_by_code_prefix_and_accent_insensitive_words() -> None:
    assert [e.code for e in cpv_search("331122")] == ["33112200-0"]
    assert [e.code for e in cpv_search("33112200-0")] == ["33112200-0"]
    assert cpv_search("3311")[0].code == "33110000-4"  # the class first, then its codes
    assert cpv_search("rontgen")[0].name == "Röntgenapparater"
    assert cpv_search("ULTRALJUD")[0].name == "Ultraljudsapparater"
    assert "Elektricitet" in [e.name for e in cpv_search("elektricitet")]
    assert cpv_search("medicinsk gas")[0].code == "24111500-0"  # every word must match
    assert cpv_search("   ") == [] and cpv_search("finnsinte") == []


def test_search_ranks_names_starting_with_the_word_first() -> None:
    vocabulary = CpvVocabulary(
        [
            CpvEntry("33140000-3", "Medicinska förbrukningsartiklar"),
            CpvEntry("33100000-1", "Medicinsk utrustning"),
            CpvEntry("38000000-5", "Laboratorieutrustning, optisk utrustning"),
        ]
    )
    assert [e.code for e in vocabulary.search("utrustning")] == ["33100000-1", "38000000-5"]
    assert [e.code for e in vocabulary.search("medicinsk")] == ["33100000-1", "33140000-3"]
    assert fold("Åsa Öberg é") == "asa oberg e"


def test_a_malformed_code_in_a_vocabulary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cpv.json"
    path.write_text(json.dumps({"codes": [{"code": "3311220", "name": "Fel"}]}), "utf-8")
    with pytest.raises(ValidationError):
        load_vocabulary(path)
