"""The direct-award PDFs hold every documentation item, print user text literally, and sign."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from inkop_desktop.documents.direct_award.doc import (
    AttachmentLine,
    AwardDocument,
    EarlierLine,
    QuoteLine,
    TotalLine,
)
from inkop_desktop.documents.direct_award.pdf import (
    decision_pdf,
    documentation_pdf,
    render_decision,
)
from inkop_desktop.documents.signing import (
    SigningError,
    SignRequest,
    Verdict,
    chain_reaches,
    sign_pdf,
    signer_info,
    validate_pdf,
)
from inkop_desktop.domain.direct_award.rules import DOC_ITEM_LABELS
from tests.certs import PASSPHRASE, ca_der, flip_byte, make_p12

CA = "Region Sörmland CA"

HOSTILE = '<font color="[[[">Städ & <b>Service</b> AB'


def document(**changes: object) -> AwardDocument:
    values: dict[str, object] = dict(
        diarienummer="RS 2025-00123",
        status="Klar för beslut",
        authorities=(("Region Sörmland", "232100-0032"),),
        organisation="Hälso- och sjukvårdsförvaltningen",
        requester="Märta Sjö",
        title=f"Centrifug {HOSTILE}",
        description="Behov: ersätta en trasig centrifug.",
        cpv="38432000-2",
        same_kind_key="384",
        same_kind_reason="",
        legal_ground="Värdet understiger direktupphandlingsgränsen (19 a kap. 3 §)",
        contract_check="Avtalskatalogen kontrollerad 2025-05-01: inget gällande avtal.",
        competition="Tre leverantörer tillfrågades skriftligen.",
        suppliers_asked=3,
        quotes=(
            QuoteLine(HOSTILE, "556016-0680", 25_000_000, date(2025, 5, 2), "E-post", "Bäst", True),
            QuoteLine("Mät och Väg AB", "556123-4567", 28_150_000, date(2025, 5, 3), "Brev", ""),
        ),
        quotes_secret=True,
        tier="Minst 3 (Minst tre skriftliga förfrågningar)",
        fewer_quotes_reason="",
        chosen_supplier=HOSTILE,
        chosen_orgnr="556016-0680",
        award_reason="Lägsta pris vid likvärdig kvalitet.",
        value_ore=25_000_000,
        duration="Engångsleverans vecka 24",
        award_date=date(2025, 5, 12),
        decision_maker="Åke Lund",
        decision_maker_title="Förvaltningschef",
        delegation="Delegationsordning NHS punkt 4.1",
        decision_text=f"Centrifugen köps från {HOSTILE}.",
        documentation_rule="Dokumentation krävs: samma slag uppgår till 490 000 kr.",
        checklist=tuple((label, True) for label in DOC_ITEM_LABELS.values()),
        totals=(
            TotalLine(
                "Region Sörmland",
                2025,
                "384",
                25_000_000,
                49_000_000,
                70_000_000,
                "LOU 19 a kap. 3 §",
                (
                    EarlierLine(
                        "RS 2025-00007", "Pipetter", date(2025, 2, 1), 24_000_000, "Signerad"
                    ),
                ),
            ),
        ),
        attachments=(AttachmentLine("Dokumentation RS 2025-00123.pdf", "ab" * 32, 12_345),),
    )
    values.update(changes)
    return AwardDocument(**values)  # type: ignore[arg-type]


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_documentation_holds_every_item_the_quotes_and_the_total() -> None:
    text = text_of(documentation_pdf(document()))
    assert "Dokumentation av direktupphandling" in text and "Region Sörmland" in text
    for label in DOC_ITEM_LABELS.values():
        assert label.split(",")[0] in text.replace("\n", " "), label
    for value in (
        "232100-0032",
        "38432000-2",
        "Tre leverantörer tillfrågades skriftligen.",
        "556016-0680",
        "Lägsta pris vid likvärdig kvalitet.",
        "250 000 kr",
        "Engångsleverans vecka 24",
        "RS 2025-00007",
        "490 000 kr",
        "Sida 2",
    ):
        assert value in text.replace("\u00a0", " "), value
    assert "SEKRETESS enligt OSL 19 kap. 3 §" in text


def test_after_the_decision_the_secrecy_marking_says_so() -> None:
    text = text_of(documentation_pdf(document(quotes_secret=False)))
    assert "SEKRETESS" not in text and "har upphört" in text


def test_markup_like_user_text_comes_out_literally() -> None:
    for pdf in (documentation_pdf(document()), decision_pdf(document())):
        flat = text_of(pdf).replace("\n", "")
        assert HOSTILE in flat


def test_decision_holds_number_text_maker_delegation_checksums_and_signature_lines() -> None:
    rendered = render_decision(document())
    text = text_of(rendered.content).replace("\n", " ")
    for value in (
        "Beslut om direktupphandling",
        "RS 2025-00123",
        "Åke Lund, Förvaltningschef",
        "Delegationsordning NHS punkt 4.1",
        "2025-05-12",
        "ab" * 16,
        "Dokumentation RS 2025-00123.pdf",
        "Underskrift",
        "Namnförtydligande: Åke Lund",
        "Ort och datum",
    ):
        assert value in text, value
    x1, y1, x2, y2 = rendered.signature_box
    assert rendered.signature_page == 0 and 0 < x1 < x2 < 595 and 0 < y1 < y2 < 842


def test_a_decision_signed_on_another_day_prints_the_reason_literally() -> None:
    reason = f"Beslutsfattaren var sjuk; {HOSTILE}"
    late = document(signed_on=date(2025, 5, 19), decision_date_reason=reason)
    text = text_of(decision_pdf(late)).replace("\n", "")
    assert "2025-05-19 (en annan dag än beslutsdatum)" in text
    compact = "".join(text.split())  # the label and the reason wrap in their cells
    assert "Skälattsigneraenannandagänbeslutsdatum" in compact
    assert "".join(reason.split()) in compact
    same_day = text_of(decision_pdf(document(signed_on=date(2025, 5, 12))))
    assert "Beslutet signeras på beslutsdagen 2025-05-12" in same_day
    assert "en annan dag" not in text_of(decision_pdf(document()))  # the preview says nothing


def test_every_font_is_embedded() -> None:
    for pdf in (documentation_pdf(document()), decision_pdf(document())):
        for page in PdfReader(io.BytesIO(pdf)).pages:
            for ref in page["/Resources"]["/Font"].values():
                assert "/FontFile2" in (ref.get_object().get("/FontDescriptor") or {})


@pytest.fixture(scope="module")
def signed() -> tuple[bytes, bytes]:
    """A decision signed with a certificate the region's CA issued, and its chain (PEM)."""
    rendered = render_decision(document())
    request = SignRequest(
        rendered.signature_page, rendered.signature_box, "Åke Lund", "Beslut", "Nyköping"
    )
    p12 = make_p12(ca=CA)
    info = signer_info(p12, PASSPHRASE)
    return sign_pdf(rendered.content, p12, PASSPHRASE, request), info.chain_pem


def test_a_pades_signature_is_valid_when_its_chain_reaches_a_configured_root(
    signed: tuple[bytes, bytes],
) -> None:
    pdf, chain = signed
    report = validate_pdf(pdf, [ca_der(CA)], chain)
    assert report.verdict is Verdict.GILTIG and report.signer == "Åke Lund"
    assert report.root == CA and "Common Name: Region Sörmland CA" in report.issuer
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CES?T", report.signed_at)
    assert report.text.startswith("Giltig signatur") and f"Betrodd utfärdare: {CA}." in report.text
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    assert "Beslutsfattare" in fields  # the visible signature field


def test_flipping_one_byte_is_detected(signed: tuple[bytes, bytes]) -> None:
    pdf, chain = signed
    for at in (len(pdf) // 4, len(pdf) // 2, len(pdf) - 200):
        assert validate_pdf(flip_byte(pdf, at), [ca_der(CA)], chain).verdict is Verdict.ANDRAD, at


def test_a_chain_to_no_configured_root_is_not_trusted(signed: tuple[bytes, bytes]) -> None:
    pdf, chain = signed
    other = validate_pdf(pdf, [ca_der("Annan utfärdare CA")], chain)
    assert other.verdict is Verdict.OKAND_UTFARDARE and other.text.startswith("Inte betrodd")
    assert "Giltig" not in other.text and "Inga betrodda utfärdare" not in other.text
    none = validate_pdf(pdf, (), chain)
    assert none.verdict is Verdict.OKAND_UTFARDARE and "Inga betrodda utfärdare" in none.text
    assert validate_pdf(decision_pdf(document())).verdict is Verdict.SAKNAS


def test_a_self_signed_certificate_is_never_valid_by_its_own_chain() -> None:
    rendered = render_decision(document())
    request = SignRequest(rendered.signature_page, rendered.signature_box, "Å", "B", "N")
    pdf = sign_pdf(rendered.content, make_p12(), PASSPHRASE, request)
    own = signer_info(make_p12(), PASSPHRASE).chain_pem
    for roots in ((), [ca_der(CA)]):
        report = validate_pdf(pdf, roots, own)
        assert report.verdict is Verdict.OKAND_UTFARDARE and "Giltig" not in report.text
    assert not chain_reaches(make_p12(), PASSPHRASE, [ca_der(CA)])
    assert chain_reaches(make_p12(ca=CA), PASSPHRASE, [ca_der("Annan utfärdare CA"), ca_der(CA)])


def test_a_wrong_passphrase_is_a_swedish_error() -> None:
    with pytest.raises(SigningError, match="fel lösenord"):
        signer_info(make_p12(), "fel")


def test_pdfs_are_deterministic() -> None:
    assert documentation_pdf(document()) == documentation_pdf(replace(document()))
