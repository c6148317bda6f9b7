"""``inkop admin utfardare``: an administrator lists and adds trusted issuers from a shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkop_desktop.cli import main
from tests.certs import ca_pem


def test_an_issuer_is_shown_then_added_and_a_non_certificate_is_refused(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--url", db_url, "db", "upgrade"]) == 0
    base = ["--url", db_url, "admin", "utfardare"]
    capsys.readouterr()
    assert main([*base, "lista"]) == 0
    assert capsys.readouterr().out.startswith("Inga betrodda utfärdare är inlagda")
    cert = tmp_path / "region.pem"
    cert.write_bytes(ca_pem())
    assert main([*base, "lagg-till", str(cert), "--namn", "Regionens CA"]) == 0
    out = capsys.readouterr().out
    assert "Innehavare (subject): CN=Region Sörmland CA, O=Region Sörmland" in out
    assert out.endswith("Lade till betrodd utfärdare: Regionens CA\n")
    assert main([*base, "lista"]) == 0
    assert capsys.readouterr().out.startswith("Regionens CA\tCN=Region Sörmland CA")
    junk = tmp_path / "inte.pem"
    junk.write_bytes(b"inget certifikat")
    assert main([*base, "lagg-till", str(junk)]) == 2
    assert capsys.readouterr().err.startswith("Fel: Filen är inget certifikat.")
