"""The benchmark measure model, its JSON and the ratio gate (pure, no benchmark is run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.gaps import Gap
from benchmarks.gate import main as gate
from benchmarks.gate import regressions
from benchmarks.measures import absolute, faster, load, save, slower, table


def test_slower_ratio_is_ours_over_the_anchor_and_fails_the_gate_only_past_half_again() -> None:
    within = slower("öppna", 14.0, 10.0, 1.5)
    missed = slower("öppna", 20.0, 10.0, 1.5)  # 2.0: misses 1.5 but within 2.25
    regressed = slower("öppna", 23.0, 10.0, 1.5)
    assert within.ratio == pytest.approx(1.4) and within.ok and not within.regressed
    assert not missed.ok and not missed.regressed
    assert regressed.regressed


def test_faster_ratio_is_the_anchor_over_ours_and_the_target_a_minimum() -> None:
    fast = faster("pdf", 40.0, 1400.0, 30.0)  # 35× faster
    slow = faster("pdf", 70.0, 1400.0, 30.0)  # 20×: misses 30, not below 20
    far = faster("pdf", 80.0, 1400.0, 30.0)  # 17.5×: below 30 / 1.5
    assert fast.ratio == pytest.approx(35.0) and fast.ok
    assert not slow.ok and not slow.regressed
    assert far.regressed


def test_an_absolute_limit_has_no_anchor_and_a_ratio_against_one() -> None:
    page = absolute("sista sidan", 75.0, 50.0)
    assert page.anchor is None and page.target == 1.0
    assert page.ratio == pytest.approx(1.5) and not page.ok and not page.regressed
    assert absolute("sista sidan", 76.0, 50.0).regressed


def test_the_json_has_the_issues_keys_and_reads_back_the_same(tmp_path: Path) -> None:
    measures = [slower("spara", 300.0, 10.0, 1.5), absolute("tangent", 40.0, 50.0, "ms")]
    path = tmp_path / "out.json"
    save(measures, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"spara", "tangent"}
    assert {"value", "anchor", "ratio", "target", "unit"} <= set(data["spara"])
    assert data["tangent"]["anchor"] is None
    assert load(path) == measures


def test_the_gate_names_each_regression_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "out.json"
    save([slower("spara ett avtal", 390.0, 10.0, 1.5), faster("pdf", 40.0, 1400.0, 30.0)], path)
    assert gate([str(path)]) == 1
    out = capsys.readouterr().out
    assert "spara ett avtal:" in out and "pdf:" not in out


def test_the_gate_passes_missed_targets_within_half_again(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    measures = [slower("start", 2.0, 1.0, 1.5), faster("pdf", 60.0, 1400.0, 30.0)]
    save(measures, path)
    assert regressions(measures) == []
    assert gate([str(path)]) == 0


def test_an_absolute_time_never_fails_the_gate(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    slow_page = absolute("sista sidan", 500.0, 50.0)  # ten times the limit, but no anchor
    save([slow_page, slower("start", 1.2, 1.0, 1.3)], path)
    assert slow_page.regressed and regressions([slow_page]) == []
    assert gate([str(path)]) == 0


def test_the_table_marks_a_missed_target() -> None:
    text = table([slower("spara", 300.0, 10.0, 1.5), absolute("tangent", 40.0, 50.0)])
    spara, tangent = text.splitlines()[2:]
    assert spara.startswith("spara") and spara.rstrip().endswith("NEJ")
    assert "30.00" in spara and "—" in tangent and tangent.rstrip().endswith("ja")


def test_a_known_gap_fails_only_past_half_again_its_recorded_ratio() -> None:
    gaps = {"data": Gap(5.0, "orsak")}
    within = slower("data", 7.0, 1.0, 2.5)  # misses 2.5 × 1.5, within 5.0 × 1.5
    worse = slower("data", 8.0, 1.0, 2.5)
    assert regressions([within], gaps) == []
    assert regressions([worse], gaps) == [worse]
    assert regressions([within], {}) == [within]


def test_the_gate_names_every_known_gap_and_one_that_meets_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "benchmarks.gate.GAPS", {"data": Gap(5.0, "orsak"), "last": Gap(3.0, "trådar")}
    )
    path = tmp_path / "out.json"
    save([slower("data", 6.0, 1.0, 2.5), slower("last", 1.2, 1.0, 1.5)], path)
    assert gate([str(path)]) == 0
    out = capsys.readouterr().out
    assert "Känd brist: data: kvot 6.00" in out and "spärr ≤ 7.50 (orsak)" in out
    assert "ta bort den ur benchmarks/gaps.py" in out and "2 kända brister inom sin spärr" in out
    save([slower("data", 8.0, 1.0, 2.5)], path)
    assert gate([str(path)]) == 1
