"""Direktupphandlingar: the list, and the service composed of the record, signing and reports."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select

from inkop_desktop.db.tables import DirectAward, Person, Supplier
from inkop_desktop.domain.direct_award.status import SIGNED_STATUSES
from inkop_desktop.services.direct_award.records import RecordsMixin
from inkop_desktop.services.direct_award.reports import ReportsMixin
from inkop_desktop.services.direct_award.signing import SigningMixin
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.listing import ListSpec, run_page


class DirectAwardRow(BaseModel):
    """One line in the direct-award list."""

    model_config = FROZEN
    id: uuid.UUID
    diarienummer: str
    region: str
    title: str
    same_kind_key: str
    value_ore: int
    legal_ground: str
    supplier: str | None
    award_date: date
    decision_maker: str | None
    status: str
    cpv: str = ""


SPEC = ListSpec(
    sortable={
        "diarienummer": DirectAward.diarienummer,
        "region": DirectAward.region,
        "title": DirectAward.title,
        "same_kind_key": DirectAward.same_kind_key,
        "value_ore": DirectAward.value_ore,
        "legal_ground": DirectAward.legal_ground,
        "supplier": Supplier.name,
        "award_date": DirectAward.award_date,
        "decision_maker": Person.name,
        "status": DirectAward.status,
        "cpv": DirectAward.cpv,
    },
    searchable=[DirectAward.title, DirectAward.diarienummer, Supplier.name, DirectAward.cpv],
    default_sort="award_date",
    seekable=frozenset({"award_date", "diarienummer"}),
    filters={
        "region": lambda v: DirectAward.region.in_({v, "BADA"}),  # joint awards count for both
        "status": lambda v: DirectAward.status == v,
        "open": lambda _v: DirectAward.status.not_in([m.value for m in SIGNED_STATUSES]),
    },
)


class DirectAwardService(RecordsMixin, SigningMixin, ReportsMixin):
    """Use cases of direct awards (19 a kap. LOU): list, record, sign, validate, report."""

    def list(self, query: ListQuery) -> Page[DirectAwardRow]:
        """A filtered, sorted page of direct awards."""
        stmt = (
            select(
                DirectAward.id,
                DirectAward.diarienummer,
                DirectAward.region,
                DirectAward.title,
                DirectAward.same_kind_key,
                DirectAward.value_ore,
                DirectAward.legal_ground,
                Supplier.name.label("supplier"),
                DirectAward.award_date,
                Person.name.label("decision_maker"),
                DirectAward.status,
                DirectAward.cpv,
            )
            .outerjoin(Supplier, Supplier.id == DirectAward.chosen_supplier_id)
            .outerjoin(Person, Person.id == DirectAward.decision_maker_id)
        )
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, SPEC, query)
        return Page(
            rows=[DirectAwardRow.model_validate(r) for r in rows],
            total=total,
            offset=query.offset,
            estimated=estimated,
        )
