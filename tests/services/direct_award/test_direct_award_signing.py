"""Signing a decision (paper, PAdES), offline validation, immutability and corrections."""

from __future__ import annotations

import io
import uuid
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.immutability import SignedRecordError
from inkop_desktop.db.tables import Attachment, DirectAward, Participant, Quote
from inkop_desktop.domain.attachments import sha256_hex
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.services.registry import Services
from tests.certs import PASSPHRASE, ca_pem, flip_byte, make_p12, scan_pdf
from tests.services.award_setup import LATE, AwardWorld, as_maker, ready_record, world

__all__ = ["world"]


SCAN = scan_pdf()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_paper_signature_stores_the_scan_and_checksums(
    services: Services, world: AwardWorld
) -> None:
    service = as_maker(services).direct_awards
    ready = ready_record(services, world)
    preview = _text(service.decision_pdf(ready.id))
    signed = service.sign_on_paper(ready.id, ready.version, SCAN, "skanning.pdf", LATE)
    assert signed.status is AwardStatus.SIGNERAD and signed.signature_method == "papper"
    assert signed.signed_pdf_sha256 == sha256_hex(SCAN) and signed.signed_at is not None
    names = {f.filename: f for f in signed.files}
    documentation = names[f"Dokumentation {ready.diarienummer}.pdf"]
    assert documentation.sha256 in _text(service.decision_pdf(ready.id)).replace("\n", "")
    assert documentation.sha256 in preview.replace("\n", "")  # the preview lists the same file
    assert f"Underskrivet beslut {ready.diarienummer} (skannat).pdf" in names
    assert sha256_hex(service.documentation_pdf(ready.id)) == documentation.sha256
    name, content = service.signed_scan(ready.id)  # what the editor opens
    assert name == f"Underskrivet beslut {ready.diarienummer} (skannat).pdf" and content == SCAN
    check = service.validate_signature(ready.id)
    assert check.checksum_matches and "oförändrad" in check.text
    copy = service.validate_signature(ready.id, flip_byte(SCAN, 10))
    assert copy.checksum_matches is False and "har ändrats" in copy.text


def test_pades_signature_validates_and_a_flipped_byte_is_reported(
    services: Services, world: AwardWorld
) -> None:
    service = as_maker(services).direct_awards
    ready = ready_record(services, world)
    signed = service.sign_pades(ready.id, ready.version, make_p12(), PASSPHRASE, LATE)
    assert signed.status is AwardStatus.SIGNERAD and signed.signature_method == "pades"
    pdf = service.decision_pdf(ready.id)
    assert sha256_hex(pdf) == signed.signed_pdf_sha256
    assert "Beslut om direktupphandling" in _text(pdf)
    check = service.validate_signature(ready.id)  # no trusted issuer configured yet
    assert check.verdict == "okand_utfardare" and check.checksum_matches
    assert "Inga betrodda utfärdare" in check.text and "Giltig" not in check.text
    with pytest.raises(DomainError, match="ingen skannad kopia"):
        service.signed_scan(ready.id)
    broken = service.validate_signature(ready.id, flip_byte(pdf, len(pdf) // 3))
    assert broken.verdict == "andrad" and "har ändrats" in broken.text
    assert broken.checksum_matches is False


def test_a_wrong_passphrase_is_refused_in_swedish(services: Services, world: AwardWorld) -> None:
    ready = ready_record(services, world)
    with pytest.raises(DomainError, match="fel lösenord"):
        as_maker(services).direct_awards.sign_pades(
            ready.id, ready.version, make_p12(), "fel", LATE
        )
    assert services.direct_awards.get(ready.id).status is AwardStatus.KLAR


def test_jav_gating_refuses_signing_naming_the_person(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world)
    with sessions.begin() as s:
        s.add(
            Participant(
                version=1,
                direct_award_id=ready.id,
                person_id=world.requester,
                role="Beställare",
                added_on=date(2025, 5, 1),
            )
        )
    ready = services.direct_awards.get(ready.id)  # the roster change made a new version
    with pytest.raises(DomainError, match="jäv") as refused:
        as_maker(services).direct_awards.sign_on_paper(ready.id, ready.version, SCAN, "s.pdf", LATE)
    assert "Märta Sjö" in refused.value.text
    assert "Märta Sjö" in " ".join(services.direct_awards.check(ready.id).jav_blockers)
    assert services.direct_awards.get(ready.id).status is AwardStatus.KLAR


def _signed(services: Services, world: AwardWorld) -> DirectAward:
    ready = ready_record(services, world)
    return as_maker(services).direct_awards.sign_on_paper(
        ready.id, ready.version, SCAN, "s.pdf", LATE
    )


def test_a_signed_record_cannot_be_changed_through_the_service(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    signed = _signed(services, world)
    for attempt in (
        lambda: service.update(signed.id, signed.version, world.record(title="Ändrad")),
        lambda: service.add_quote(signed.id, signed.version, world.quote(2, "1 000")),
        lambda: service.reopen(signed.id, signed.version),
        lambda: as_maker(services).direct_awards.sign_on_paper(
            signed.id, signed.version, SCAN, "s.pdf", LATE
        ),
    ):
        with pytest.raises(SignedRecordError, match="är signerad och kan inte ändras"):
            attempt()


def test_a_signed_record_cannot_be_changed_by_an_orm_update(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    signed = _signed(services, world)
    with sessions() as s:
        row = s.get(DirectAward, signed.id)
        assert row is not None
        row.value_ore = 1
        with pytest.raises(SignedRecordError):
            s.flush()
        s.rollback()
        quote = s.execute(select(Quote).where(Quote.direct_award_id == signed.id)).scalars().first()
        s.delete(quote)
        with pytest.raises(SignedRecordError):
            s.flush()
        s.rollback()
        attachment = s.execute(select(Attachment)).scalars().first()
        assert attachment is not None
        attachment.content = b"annat"
        with pytest.raises(SignedRecordError):
            s.flush()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE direct_award SET value_ore = 1 WHERE status = 'signerad'",
        "UPDATE direct_award SET status = 'utkast' WHERE status = 'signerad'",
        "UPDATE direct_award SET status = 'ersatt', title = 'x' WHERE status = 'signerad'",
        "DELETE FROM direct_award WHERE status = 'signerad'",
        "UPDATE quote SET amount_ore = 1",
        "DELETE FROM quote",
        "UPDATE attachment SET content = NULL",
        "DELETE FROM attachment",
    ],
)
def test_the_database_refuses_raw_sql_on_a_signed_record(
    services: Services, world: AwardWorld, engine: Engine, statement: str
) -> None:
    signed = _signed(services, world)
    refused = pytest.raises(DBAPIError, match="Signerad direktupphandling kan inte ändras")
    with refused, engine.begin() as conn:
        conn.execute(text(statement))
    assert services.direct_awards.get(signed.id).value_ore == 25_000_000


def test_the_database_refuses_a_new_quote_on_a_signed_record(
    services: Services, world: AwardWorld, engine: Engine
) -> None:
    signed = _signed(services, world)
    table = Quote.__table__
    with pytest.raises(DBAPIError, match="Signerad direktupphandling"), engine.begin() as conn:
        conn.execute(
            table.insert().values(
                id=uuid.uuid4(),
                version=1,
                direct_award_id=signed.id,
                supplier_id=world.suppliers[2],
                amount_ore=1,
                received_on=date(2025, 5, 1),
                received_how="e-post",
                notes="",
                created_by="",
                updated_by="",
                created_at=signed.signed_at,
                updated_at=signed.signed_at,
            )
        )


def test_a_correction_is_a_new_version_and_replaces_the_old_when_signed(
    services: Services, world: AwardWorld, engine: Engine
) -> None:
    service = services.direct_awards
    old = _signed(services, world)
    draft = service.correct(old.id)
    assert draft.status is AwardStatus.UTKAST and draft.supersedes == old.diarienummer
    assert draft.diarienummer == f"{old.diarienummer}/2" and len(draft.quotes) == 3
    with pytest.raises(DomainError, match="redan en rättelse"):
        service.correct(old.id)
    draft = service.update(
        draft.id,
        draft.version,
        world.record(value="262 000", chosen_supplier_id=world.suppliers[1]),
    )
    draft = service.record_contract_check(draft.id, draft.version, None, "")
    ready = service.complete(draft.id, draft.version)  # the old one is not counted twice
    assert service.check(ready.id).totals[0].total_ore == 26_200_000
    as_maker(services).direct_awards.sign_pades(
        ready.id, ready.version, make_p12(), PASSPHRASE, LATE
    )
    replaced = service.get(old.id)
    assert replaced.status is AwardStatus.ERSATT and replaced.superseded_by == draft.diarienummer
    assert f"Ersätter {old.diarienummer}" in _text(service.documentation_pdf(ready.id))
    decision = _text(service.decision_pdf(ready.id))
    assert f"Beslutet ersätter tidigare beslut {old.diarienummer}" in decision
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text("UPDATE direct_award SET status = 'signerad' WHERE status = 'ersatt'"))


def test_a_scan_must_open_as_a_pdf_or_an_image(services: Services, world: AwardWorld) -> None:
    from PIL import Image

    ready = ready_record(services, world)
    maker = as_maker(services).direct_awards
    for junk in (b"%PDF-1.4 inte en riktig pdf", b"godtyckliga byte", b"\x89PNG\r\n\x1a\n trasig"):
        with pytest.raises(DomainError, match="går inte att öppna som PDF eller bild"):
            maker.sign_on_paper(ready.id, ready.version, junk, "skanning.pdf", LATE)
    assert services.direct_awards.get(ready.id).status is AwardStatus.KLAR
    png = io.BytesIO()
    Image.new("L", (40, 20), 255).save(png, format="PNG")
    signed = maker.sign_on_paper(ready.id, ready.version, png.getvalue(), "skanning.pdf", LATE)
    names = {f.filename for f in signed.files}
    assert f"Underskrivet beslut {ready.diarienummer} (skannat).png" in names


def test_a_configured_root_makes_a_signature_valid_and_refuses_other_issuers(
    services: Services, world: AwardWorld
) -> None:
    services.trusted_issuers.add(ca_pem(), "Region Sörmlands CA")
    ready = ready_record(services, world)
    maker = as_maker(services).direct_awards
    for p12 in (make_p12(), make_p12(ca="Annan utfärdare CA")):  # self-signed, foreign CA
        with pytest.raises(DomainError, match="inte finns bland de betrodda utfärdarna"):
            maker.sign_pades(ready.id, ready.version, p12, PASSPHRASE, LATE)
    assert services.direct_awards.get(ready.id).status is AwardStatus.KLAR
    maker.sign_pades(ready.id, ready.version, make_p12(ca="Region Sörmland CA"), PASSPHRASE, LATE)
    check = maker.validate_signature(ready.id)
    assert check.verdict == "giltig" and check.text.startswith("Giltig signatur")
    assert "Betrodd utfärdare: Region Sörmland CA." in check.text and "Signeringstid" in check.text
    issuer = services.trusted_issuers.list()[0]
    services.trusted_issuers.remove(issuer.id, issuer.version)
    after = maker.validate_signature(ready.id)
    assert after.verdict == "okand_utfardare" and "Giltig" not in after.text


def test_only_an_administrator_adds_trusted_issuers_and_files_are_checked(
    services: Services,
) -> None:
    from inkop_desktop.domain.organisation import Role
    from inkop_desktop.domain.permissions import PermissionDeniedError
    from tests.services.conftest import acting_as

    other = acting_as(services, "ake.lund", "Åke Lund", Role.BUDGETANSVARIG)
    with pytest.raises(PermissionDeniedError, match="administratörer"):
        other.trusted_issuers.add(ca_pem())
    with pytest.raises(DomainError, match="Filen är inget certifikat"):
        services.trusted_issuers.preview(b"-----BEGIN CERTIFICATE-----\nskrap\n")
    seen = services.trusted_issuers.preview(ca_pem())
    assert seen.name == "Region Sörmland CA" and len(seen.fingerprint) == 64
    services.trusted_issuers.add(ca_pem())
    with pytest.raises(DomainError, match="finns redan bland de betrodda"):
        services.trusted_issuers.add(ca_pem())
    assert [r.name for r in other.trusted_issuers.list()] == ["Region Sörmland CA"]


def test_the_delegated_decision_says_it_is_reported_to_the_namnd_where_the_rule_requires(
    services: Services, world: AwardWorld
) -> None:
    ready = ready_record(services, world)
    line = "Beslutet anmäls till Nämnden för hälsa och sjukvård."
    decision = " ".join(_text(services.direct_awards.decision_pdf(ready.id)).split())
    assert line in decision
    rule = next(r for r in services.delegation_admin.list() if r.person_id == world.chief)
    assert rule.report_to_namnd
    values = rule.model_dump(
        include={"organisation_id", "person_id", "max_amount_ore", "valid_from", "reference"}
    )
    services.delegation_admin.update(rule.id, rule.version, values | {"report_to_namnd": False})
    assert not services.delegation_admin.get(rule.id).report_to_namnd
    decision = " ".join(_text(services.direct_awards.decision_pdf(ready.id)).split())
    assert "anmäls till" not in decision
