"""What the service files and prints: PDF/A, the final status, UTKAST only on previews."""

from __future__ import annotations

import subprocess

import pytest

from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.registry import Services
from tests.certs import PASSPHRASE, make_p12
from tests.documents.pdfa_check import pdfa_problems
from tests.services.award_setup import LATE, AwardWorld, as_maker, ready_record, world

__all__ = ["world"]


def _shown(pdf: bytes) -> str:
    """The text as pdftotext reads it."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode()


def test_the_maker_prints_a_paper_copy_without_utkast_and_others_may_not(
    services: Services, world: AwardWorld
) -> None:
    maker = as_maker(services).direct_awards
    ready = ready_record(services, world)
    preview = _shown(maker.decision_pdf(ready.id))
    assert "UTKAST" in preview and "Förhandsvisning" in preview
    paper = _shown(maker.paper_copy_pdf(ready.id))
    assert "UTKAST" not in paper and "Ort och datum: ____" in paper
    with pytest.raises(PermissionDeniedError):
        services.direct_awards.paper_copy_pdf(ready.id)  # not the named decision maker


def test_an_e_signed_award_files_pdfa_documents_with_the_final_status(
    services: Services, world: AwardWorld
) -> None:
    maker = as_maker(services).direct_awards
    ready = ready_record(services, world)
    assert "UTKAST" in _shown(maker.documentation_pdf(ready.id))
    maker.sign_pades(ready.id, ready.version, make_p12(), PASSPHRASE, LATE)
    documentation = maker.documentation_pdf(ready.id)
    decision = maker.decision_pdf(ready.id)
    assert pdfa_problems(documentation) == [] and pdfa_problems(decision) == []
    filed = _shown(documentation)
    assert "Beslutad och signerad" in filed and "Klar för beslut" not in filed
    assert "UTKAST" not in filed and "UTKAST" not in _shown(decision)
    signed = _shown(decision)
    assert "Digitalt signerad av Åke Lund" in signed and "Ort och datum" not in signed
