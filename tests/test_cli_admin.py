"""``inkop admin delegation-check``: who may decide an amount for a unit on a day."""

from __future__ import annotations

import pytest

from inkop_desktop.cli import main

CHECK = ("admin", "delegation-check", "--datum", "2026-12-01")


def test_the_budget_holders_of_the_forvaltning_may_decide_80000_kr(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--url", db_url, "demo"]) == 0
    capsys.readouterr()
    args = ["--url", db_url, *CHECK, "--belopp", "80 000", "--organisation", "HSF"]
    assert main([*args, "--region", "VMA"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Beslut om direktupphandling om 80\u00a0000 kr för HSF den 2026-12-01 får fattas av:"
    )
    assert len(lines) == 3  # the two budget holders of Hälso- och sjukvårdsförvaltningen
    assert all(
        "(Hälso- och sjukvårdsförvaltningen): Region Västmanlands delegationsordning HSN punkt "
        "4.2 (budgetansvarig" in line
        for line in lines[1:]
    )
    assert main([*args, "--region", "VMA", "--belopp", "800000"]) == 1
    assert capsys.readouterr().out.startswith("Ingen har delegation för beslut om direktupph")
    assert main([*args, "--region", "VMA", "--typ", "avrop"]) == 1


def test_a_wrong_question_is_one_swedish_line(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--url", db_url, "demo"]) == 0
    capsys.readouterr()
    base = ["--url", db_url, *CHECK]
    assert main([*base, "--belopp", "80000", "--organisation", "HSF"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: Flera organisationer heter ”HSF”") and err.count("\n") == 1
    assert main([*base, "--belopp", "80000", "--organisation", "Nämnden X"]) == 2
    assert capsys.readouterr().err == "Fel: Det finns ingen organisation som heter ”Nämnden X”.\n"
    assert main([*base, "--belopp", "åttio", "--organisation", "HSN"]) == 2
    assert capsys.readouterr().err == "Fel: Belopp: ”åttio” är inte ett belopp.\n"
    with pytest.raises(SystemExit) as stopped:
        main([*base, "--belopp", "1", "--organisation", "HSN", "--typ", "inköp"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("Fel: argument --typ")
