"""The filed direct-award PDFs: PDF/A-2b, numbered, drafts marked, one fitting signature block."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date

import pytest

from inkop_desktop.documents.direct_award.pdf import documentation_pdf, render_decision
from inkop_desktop.documents.signing import SignRequest, sign_pdf
from inkop_desktop.domain.direct_award.status import AwardStatus, SignatureMethod
from tests.certs import PASSPHRASE, make_p12
from tests.documents.direct_award.test_direct_award_pdf import document
from tests.documents.pdfa_check import pdfa_problems

GUIDE = (
    "Minst 3 (Minst tre skriftliga förfrågningar); Riktlinjer för direktupphandling "
    "(exempelnivåer enligt vanlig praxis, LOU 19 a kap.); regionens beslutade riktlinje "
    "läggs in av administratör"
)
SIGNED_ON = date(2025, 5, 12)
LOCAL_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d CES?T")


def pages(pdf: bytes) -> list[str]:
    """The text of each page as pdftotext reads it (what a reader copies)."""
    shown = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return shown.stdout.decode().split("\f")[:-1]


def _filed(**changes: object) -> bytes:
    return documentation_pdf(document(signed_on=SIGNED_ON, **changes))


@pytest.fixture(scope="module")
def pades() -> bytes:
    """A decision rendered for PAdES and signed with the decision maker's test certificate."""
    doc = document(signed_on=SIGNED_ON, signature_method=SignatureMethod.PADES)
    rendered = render_decision(doc)
    request = SignRequest(
        rendered.signature_page, rendered.signature_box, "Åke Lund", "Beslut", "Nyköping"
    )
    return sign_pdf(rendered.content, make_p12(), PASSPHRASE, request)


def test_both_documents_are_pdfa_2b_also_after_the_pades_signature(pades: bytes) -> None:
    paper = document(signed_on=SIGNED_ON, signature_method=SignatureMethod.PAPPER)
    for pdf in (documentation_pdf(document()), _filed(), render_decision(paper).content, pades):
        assert pdfa_problems(pdf) == []


def test_every_page_says_sida_n_av_m_and_every_preview_page_says_utkast() -> None:
    lines = "\n".join(f"Rad {n} av behovet" for n in range(300))
    long = document(description=lines, decision_text=lines)
    for pdf in (documentation_pdf(long), render_decision(long).content):
        shown = pages(pdf)
        assert len(shown) > 2
        for number, page in enumerate(shown, start=1):
            assert f"Sida {number} av {len(shown)}" in page
            assert "UTKAST" in page
    filed = pages(_filed(description=long.description))
    assert len(filed) > 2 and not any("UTKAST" in page for page in filed)


def test_the_filed_documentation_shows_the_final_status_not_klar_for_beslut() -> None:
    text = "".join(pages(_filed()))
    assert f"{AwardStatus.SIGNERAD.label} 2025-05-12" in text and "Klar för beslut" not in text
    assert "Klar för beslut" in "".join(pages(documentation_pdf(document())))


def test_an_e_signed_decision_has_the_stamp_in_local_time_and_no_place_and_date_line(
    pades: bytes,
) -> None:
    text = "".join(pages(pades))
    assert "Digitalt signerad av Åke Lund" in text and LOCAL_TIME.search(text)
    assert "Ort och datum" not in text and "UTKAST" not in text
    assert "Namnförtydligande: Åke Lund" in text


def test_a_paper_decision_has_the_lines_to_sign_on_and_the_preview_shows_the_block() -> None:
    paper = document(signed_on=SIGNED_ON, signature_method=SignatureMethod.PAPPER)
    text = "".join(pages(render_decision(paper).content))
    assert "Ort och datum: ____" in text and "UTKAST" not in text
    assert "Digitalt signerad" not in text
    preview = "".join(pages(render_decision(document()).content))
    assert "Ort och datum: ____" in preview and "Förhandsvisning" in preview


def test_no_guidance_or_internal_key_reaches_the_record() -> None:
    doc = document(tier=GUIDE, same_kind_reason="Standard: CPV-grupp 384.")
    text = " ".join(" ".join(pages(documentation_pdf(doc))).split())
    for guidance in ("exempelnivåer", "vanlig praxis", "administratör", "Standard: CPV-grupp"):
        assert guidance not in text, guidance
    assert "Riktlinjer för direktupphandling (LOU 19 a kap.)" in text
    assert "CPV-grupp 384" in text


def test_a_chosen_same_kind_key_keeps_its_reason() -> None:
    doc = document(same_kind_key="ÅRSAVTAL-LAB", same_kind_reason="Ramavtalets avrop räknas ihop.")
    text = " ".join(" ".join(pages(documentation_pdf(doc))).split())
    assert "ÅRSAVTAL-LAB – Ramavtalets avrop räknas ihop." in text


def test_words_in_the_narrow_cells_of_the_total_are_whole() -> None:
    text = "".join(pages(documentation_pdf(document())))
    assert "Denna direktupphandling" in text.replace("\n", " ")


def test_markup_in_a_title_is_printed_as_typed() -> None:
    doc = replace(document(), title="Prov <b>& Söder")
    assert "Prov <b>& Söder" in "".join(pages(documentation_pdf(doc)))
