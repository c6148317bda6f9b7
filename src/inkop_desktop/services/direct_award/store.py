"""Loading and saving direct-award rows inside one session."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.immutability import SignedRecordError
from inkop_desktop.db.tables import Attachment, DirectAward, Person, Quote, Supplier
from inkop_desktop.domain.direct_award.input import DirectAwardInput
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import NotFoundError, TransitionError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services import numbering
from inkop_desktop.services.attachments import store_attachment
from inkop_desktop.services.base import check_version, load_for_edit
from inkop_desktop.services.direct_award.dto import DirectAwardDetail, QuoteRow, StoredFile

OWNER = "direct_award"
COPIED = (
    "region", "organisation_id", "requester_id", "title", "description", "cpv", "same_kind_key",
    "same_kind_reason", "competition", "suppliers_asked", "value_ore", "duration",
    "legal_ground", "annex2_services", "chosen_supplier_id", "award_reason", "award_date",
    "decision_maker_id", "decision_text", "fewer_quotes_reason", "efterannonsering_done",
    "existing_contract_id", "existing_contract_reason", "contract_check_basis",
)  # fmt: skip
"""What a correction starts from: everything the user entered, nothing of the signature."""


MISSING = "Direktupphandlingen finns inte längre."


def load(session: Session, award_id: uuid.UUID) -> DirectAward:
    """Fetch or raise a Swedish NotFoundError."""
    row = session.get(DirectAward, award_id)
    if row is None:
        raise NotFoundError(MISSING)
    return row


def load_opened(session: Session, award_id: uuid.UUID, version: int) -> DirectAward:
    """The record locked for a change: refused if signed, then if newer than *version*."""
    row = load_for_edit(session, DirectAward, award_id, None, MISSING)
    refuse_if_signed(row)
    check_version(row.version, version)
    return row


def refuse_if_signed(row: DirectAward) -> None:
    """Signed and replaced records are never changed (a correction is a new version)."""
    if AwardStatus(row.status).is_signed:
        raise SignedRecordError(
            f"Direktupphandlingen {row.diarienummer} är signerad och kan inte ändras. "
            "Gör en rättelse (en ny version som hänvisar till den gamla) i stället."
        )


def load_draft(session: Session, award_id: uuid.UUID, version: int) -> DirectAward:
    """The record the user opened, if it is still that version and still a draft."""
    row = load_opened(session, award_id, version)
    if row.status != AwardStatus.UTKAST:
        raise TransitionError(
            "Direktupphandlingen är klar för beslut. Återöppna den som utkast för att ändra."
        )
    return row


def columns(item: DirectAwardInput) -> dict[str, Any]:
    """Table columns from the validated input."""
    values = item.model_dump(exclude={"value", "region", "legal_ground"})
    values.update(
        region=item.region.value, legal_ground=item.legal_ground.value, value_ore=item.value.ore
    )
    return values


def new_diarienummer(session: Session, parties: Parties, year: int) -> str:
    """A free provisional registry number, ``RS 2026-00007`` (RV for Västmanland)."""
    return numbering.diarienummer(session, parties, year)


def id_by_number(session: Session, diarienummer: str) -> uuid.UUID | None:
    """The record that has *diarienummer*, if any."""
    stmt = select(DirectAward.id).where(DirectAward.diarienummer == diarienummer)
    return session.execute(stmt).scalar_one_or_none()


def person_id(session: Session, login: str) -> uuid.UUID | None:
    """The person using the app, if registered."""
    return session.execute(select(Person.id).where(Person.login == login)).scalar_one_or_none()


def load_person(session: Session, person_id: uuid.UUID | None) -> Person:
    """A person named on the record (the decision maker), or a Swedish NotFoundError."""
    person = session.get(Person, person_id) if person_id is not None else None
    if person is None:
        raise NotFoundError("Beslutsfattaren finns inte längre.")
    return person


def file_name(text: str) -> str:
    """A file name made from a registry number (``RS 2025-00123/2`` → ``RS 2025-00123-2``)."""
    return text.replace("/", "-").replace("\\", "-")


def store_file(
    session: Session, award_id: uuid.UUID, filename: str, content: bytes, description: str
) -> Attachment:
    """Store a file of the record with its sha256 (flushed at once)."""
    return store_attachment(session, OWNER, award_id, file_name(filename), content, description)


def files(session: Session, award_id: uuid.UUID) -> list[Attachment]:
    """The record's stored files, oldest first."""
    stmt = (
        select(Attachment)
        .where(Attachment.owner_table == OWNER, Attachment.owner_id == award_id)
        .order_by(Attachment.created_at, Attachment.filename)
    )
    return list(session.execute(stmt).scalars())


def quotes(session: Session, award_id: uuid.UUID) -> list[QuoteRow]:
    """The record's quotes with supplier names, lowest first."""
    stmt = (
        select(
            Quote.id,
            Quote.supplier_id,
            Supplier.name.label("supplier"),
            Supplier.orgnr,
            Quote.amount_ore,
            Quote.received_on,
            Quote.received_how,
            Quote.notes,
        )
        .join(Supplier, Supplier.id == Quote.supplier_id)
        .where(Quote.direct_award_id == award_id)
        .order_by(Quote.amount_ore, Supplier.name)
    )
    return [QuoteRow.model_validate(r) for r in session.execute(stmt)]


def diarienummer_of(session: Session, award_id: uuid.UUID | None) -> str | None:
    """The registry number of another record."""
    if award_id is None:
        return None
    return session.execute(
        select(DirectAward.diarienummer).where(DirectAward.id == award_id)
    ).scalar_one_or_none()


def _stored(f: Attachment) -> StoredFile:
    """An attachment row as a DTO (without its content)."""
    return StoredFile(
        id=f.id, filename=f.filename, size=f.size, sha256=f.sha256, description=f.description
    )


def detail(session: Session, row: DirectAward) -> DirectAwardDetail:
    """The editor DTO with quotes, files and the correction links."""
    newer = session.execute(
        select(func.min(DirectAward.diarienummer)).where(DirectAward.supersedes_id == row.id)
    ).scalar_one_or_none()
    fields = {k: getattr(row, k) for k in DirectAwardDetail.model_fields if hasattr(row, k)}
    fields.update(
        status=AwardStatus(row.status),
        region=Parties(row.region),
        supersedes=diarienummer_of(session, row.supersedes_id),
        superseded_by=newer,
        quotes=tuple(quotes(session, row.id)),
        files=tuple(_stored(f) for f in files(session, row.id)),
    )
    return DirectAwardDetail.model_validate(fields)


def correction_of(session: Session, award_id: uuid.UUID) -> str | None:
    """The registry number of a correction already made of *award_id*."""
    return session.execute(
        select(DirectAward.diarienummer).where(DirectAward.supersedes_id == award_id)
    ).scalar_one_or_none()


def correction_number(session: Session, diarienummer: str) -> str:
    """``RS 2025-00123/2``, ``/3`` … for successive corrections of one registry number."""
    base = diarienummer.split("/")[0]
    number = 2
    while session.execute(
        select(DirectAward.id).where(DirectAward.diarienummer == f"{base}/{number}")
    ).first():
        number += 1
    return f"{base}/{number}"


def copy_quotes(session: Session, source: uuid.UUID, target: uuid.UUID) -> None:
    """The correction starts with the same quotes."""
    for quote in session.execute(select(Quote).where(Quote.direct_award_id == source)).scalars():
        session.add(
            Quote(
                version=1,
                direct_award_id=target,
                supplier_id=quote.supplier_id,
                amount_ore=quote.amount_ore,
                received_on=quote.received_on,
                received_how=quote.received_how,
                notes=quote.notes,
            )
        )
    session.flush()
