"""Direct-award records: open, create, update, quotes, the running total and "finns avtal?"."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DirectAward, Quote
from inkop_desktop.domain.direct_award.contract_check import basis_text
from inkop_desktop.domain.direct_award.input import DirectAwardInput, QuoteInput
from inkop_desktop.domain.direct_award.same_kind import AwardRef, same_kind_totals
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.domain.validation import parse
from inkop_desktop.services import avsteg, visibility
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service, ServiceContext
from inkop_desktop.services.contracts import CatalogueHit, CatalogueQuery, CatalogueService
from inkop_desktop.services.direct_award import facts as rules
from inkop_desktop.services.direct_award import store, totals_cache
from inkop_desktop.services.direct_award.derive import (
    default_maker,
    derive,
    own_unit,
    proposal,
    release_lowest,
)
from inkop_desktop.services.direct_award.docs import delegation_text
from inkop_desktop.services.direct_award.dto import AwardCheck, DirectAwardDetail, RunningTotal
from inkop_desktop.services.jav import mark_suppliers_known_in

AVSTEG_KIND = "befintligt_avtal"
FOUND_LIMIT = 500
"""The most contracts a check looks at (far more than any CPV group holds in force)."""


class SigningGate(Protocol):
    """Who must still declare jäv or be assessed before a decision is signed (jäv issue)."""

    def signing_blockers(
        self, *, plan_item_id: uuid.UUID | None = None, direct_award_id: uuid.UUID | None = None
    ) -> list[str]:
        """Swedish messages naming people and what is missing; [] means go on."""
        ...


def _gate(context: ServiceContext) -> SigningGate:
    """The jäv service of the same database."""
    from inkop_desktop.services.jav import JavService

    return JavService(context)


class AwardServiceBase(Service):
    """Shared helpers: reference data, the jäv gate and the contract catalogue."""

    def __init__(self, context: ServiceContext, gate: SigningGate | None = None) -> None:
        super().__init__(context)
        self._gate = gate or _gate(context)
        self._totals = totals_cache.TotalsCache()

    def _table(self) -> ReferenceTable:
        """Dated limits, thresholds and guideline tiers."""
        return ReferenceService(self._ctx).table()

    def find_contracts(
        self, parties: Parties, cpv: str, text: str, on: date, limit: int = 50
    ) -> list[CatalogueHit]:
        """Contracts in force for one of the regions that match the CPV group and the words."""
        query = CatalogueQuery(text=text, cpv=cpv, on=on, limit=limit)
        hits = CatalogueService(self._ctx).search(query)
        wanted = {r.value for r in parties.regions()}
        return [h for h in hits if wanted & {r.value for r in Parties(h.parties).regions()}]

    def _hits(self, row_values: dict[str, Any]) -> rules.Found:
        """The contracts covering the record's need now (CPV group, regions, award date)."""
        parties = Parties(row_values["region"])
        hits = self.find_contracts(
            parties, row_values["cpv"], "", row_values["award_date"], limit=FOUND_LIMIT
        )
        return {h.id: f"{h.contract_number} {h.title}" for h in hits}

    def _found_for(self, award_id: uuid.UUID) -> rules.Found:
        """The contracts covering the stored record's need now."""
        with self._session() as s:
            row = store.load(s, award_id)
            values = {"region": row.region, "cpv": row.cpv, "award_date": row.award_date}
        return self._hits(values)


class RecordsMixin(AwardServiceBase):
    """Open, create and update records and their quotes."""

    def get(self, award_id: uuid.UUID) -> DirectAwardDetail:
        """One record for the editor."""
        with self._session() as s:
            return store.detail(s, store.load(s, award_id))

    def own_unit(self) -> uuid.UUID | None:
        """The acting person's nämnd/förvaltning, where a new record of theirs belongs."""
        values: dict[str, Any] = {}
        with self._session() as s:
            own_unit(s, store.person_id(s, self.actor), values)
        return values.get("organisation_id")

    def id_of(self, diarienummer: str) -> uuid.UUID:
        """The record with *diarienummer* (for the command line)."""
        diarienummer = checked_text(diarienummer, "Diarienummer", 40)
        with self._session() as s:
            found = s.execute(
                select(DirectAward.id).where(DirectAward.diarienummer == diarienummer.strip())
            ).scalar_one_or_none()
        if found is None:
            raise NotFoundError(
                f"Det finns ingen direktupphandling med diarienummer {diarienummer}."
            )
        return found

    def create(self, data: dict[str, Any]) -> DirectAwardDetail:
        """Validate and store a new draft; an empty diarienummer gets a provisional one."""
        item = parse(DirectAwardInput, data)
        with self._session() as s:
            who = self._require(s, Act.DIRECT_AWARD_EDIT)
            values = store.columns(item)
            own_unit(s, who.person_id, values)
            if not item.diarienummer:
                values["diarienummer"] = store.new_diarienummer(
                    s, item.region, item.award_date.year
                )
            elif store.id_by_number(s, item.diarienummer) is not None:
                raise ValidationError(
                    f"Diarienumret {item.diarienummer} finns redan.", field="diarienummer"
                )
            row = DirectAward(version=1, status=AwardStatus.UTKAST.value, **values)
            row.existing_contract_reason = ""
            s.add(row)
            s.flush()
            default_maker(s, row, who.person_id)  # a new record has no quotes to go by
            return store.detail(s, row)

    def update(self, award_id: uuid.UUID, version: int, data: dict[str, Any]) -> DirectAwardDetail:
        """Save the draft the user opened; a newer version is a conflict, a signed one refused."""
        item = parse(DirectAwardInput, data)
        found = self._hits(
            {"region": item.region.value, "cpv": item.cpv, "award_date": item.award_date}
        )
        with self._session() as s:
            who = self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            before = visibility.people(s, row)
            previous = proposal(s, row)
            values = store.columns(item)
            if not item.diarienummer:
                values.pop("diarienummer")
            for key, value in values.items():
                setattr(row, key, value)
            derive(s, row, who.person_id, previous)
            visibility.check_award_change(who, before, visibility.people(s, row))
            notice = _clear_if_stale(row, found)
            s.flush()
            return store.detail(s, row).model_copy(update={"notice": notice})

    def add_quote(
        self, award_id: uuid.UUID, version: int, data: dict[str, Any]
    ) -> DirectAwardDetail:
        """Record a received quote (one per supplier)."""
        item = parse(QuoteInput, data)
        with self._session() as s:
            who = self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            previous = proposal(s, row)
            taken = s.execute(
                select(Quote.id).where(
                    Quote.direct_award_id == award_id, Quote.supplier_id == item.supplier_id
                )
            ).first()
            if taken is not None:
                raise ValidationError("Leverantören har redan en offert i denna direktupphandling.")
            release_lowest(s, row)
            s.add(
                Quote(
                    version=1,
                    direct_award_id=award_id,
                    supplier_id=item.supplier_id,
                    amount_ore=item.amount.ore,
                    received_on=item.received_on,
                    received_how=item.received_how.value,
                    notes=item.notes,
                )
            )
            s.flush()
            # The suppliers are now known: every jäv declaration must be confirmed against them.
            mark_suppliers_known_in(s, direct_award_id=award_id)
            derive(s, row, who.person_id, previous)
            return store.detail(s, row)

    def remove_quote(
        self, award_id: uuid.UUID, version: int, quote_id: uuid.UUID
    ) -> DirectAwardDetail:
        """Remove a quote registered by mistake (drafts only)."""
        with self._session() as s:
            who = self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            previous = proposal(s, row)
            quote = s.get(Quote, quote_id)
            if quote is None or quote.direct_award_id != award_id:
                raise NotFoundError("Offerten finns inte längre.")
            if row.chosen_supplier_id == quote.supplier_id:
                row.chosen_supplier_id = None
            s.delete(quote)
            s.flush()
            derive(s, row, who.person_id, previous)
            return store.detail(s, row)

    def record_contract_check(
        self, award_id: uuid.UUID, version: int, contract_id: uuid.UUID | None, reason: str
    ) -> DirectAwardDetail:
        """Record the "finns det avtal?" check; going on despite a contract is an avsteg."""
        reason = checked_text(reason, "Skäl att direktupphandla trots avtal")
        with self._session() as s:
            self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            need = (Parties(row.region), row.cpv, row.award_date)
        hits = list(self._hits({"region": need[0].value, "cpv": need[1], "award_date": need[2]}))
        if hits and not reason.strip():
            raise ValidationError(
                "Det finns gällande avtal som kan täcka behovet: skriv varför "
                "direktupphandlingen ändå behövs.",
                field="existing_contract_reason",
            )
        with self._session() as s:
            self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            row.contract_check_basis = basis_text(hits)
            if not hits:
                row.existing_contract_id = None
                row.existing_contract_reason = _nothing_found()
            else:
                row.existing_contract_id = contract_id if contract_id in hits else hits[0]
                row.existing_contract_reason = reason.strip()
                _avsteg(s, row, reason.strip(), store.person_id(s, self.actor))
            s.flush()
            return store.detail(s, row)

    def running_totals(
        self, parties: Parties, key: str, award_date: date, value_ore: int, own: uuid.UUID | None
    ) -> list[RunningTotal]:
        """The same-kind totals an unsaved value would give (shown while the user types)."""
        key = checked_text(key, "Samma slag (nyckel)", 20)
        with self._session() as s:
            stored = s.get(DirectAward, own) if own else None
            signed = stored is not None and AwardStatus(stored.status).is_signed
            current = AwardRef(
                id=own or uuid.uuid4(),
                diarienummer="",
                title="",
                parties=parties,
                same_kind_key=key,
                value_ore=value_ore,
                award_date=award_date,
                status=AwardStatus(stored.status) if stored and signed else AwardStatus.UTKAST,
                supersedes_id=stored.supersedes_id if stored else None,
                signed_at=stored.signed_at if stored else None,
            )
            cache_key = (own, *current.model_dump(exclude={"id", "value_ore"}).values())
            now = totals_cache.stamp(s, key, award_date)
            known = self._totals.get(cache_key, now)
            if known is not None:
                return totals_cache.with_value(known, value_ore)
            others = rules.same_year_refs(s, key, award_date, own, parties)
        totals = [rules.running_total(t) for t in same_kind_totals(current, others, self._table())]
        self._totals.put(cache_key, now, totals)
        return totals

    def check(self, award_id: uuid.UUID) -> AwardCheck:
        """Every rule's verdict on the stored record, plus delegation and jäv gating."""
        table = self._table()
        hits = self._found_for(award_id)
        jav = self._gate.signing_blockers(direct_award_id=award_id)
        with self._session() as s:
            row = store.load(s, award_id)
            result = rules.assessment(s, row, table, None if _signed(row) else hits)
            return rules.to_check(result, delegation_text(s, row), jav)


def _signed(row: DirectAward) -> bool:
    """A signed record's contract check is judged as it stood when it was signed."""
    return AwardStatus(row.status).is_signed


def _clear_if_stale(row: DirectAward, found: rules.Found) -> str:
    """Clear a contract check the changed facts have made untrue; the Swedish notice why."""
    stale = rules.stale_contract_check(row, found)
    if not stale:
        return ""
    row.existing_contract_id = None
    row.existing_contract_reason = ""
    row.contract_check_basis = None
    return stale.replace("gäller inte längre", "har tagits bort", 1)


def _nothing_found() -> str:
    """The note of a check that found no contract in force for the need."""
    return (
        f"Avtalskatalogen kontrollerad {date.today().isoformat()}: "
        "inget gällande avtal omfattar behovet."
    )


def _avsteg(s: Session, row: DirectAward, reason: str, reporter: uuid.UUID | None) -> None:
    """The deviation recorded when a direct award goes on although a contract exists."""
    where = avsteg.Where(
        contract_id=row.existing_contract_id, direct_award_id=row.id, region=row.region,
        organisation_id=row.organisation_id,
    )  # fmt: skip
    avsteg.record(s, AVSTEG_KIND, reason, reporter, where)
