"""Excel/CSV export and import of the plan, contracts, suppliers and registers (all or nothing)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from inkop_desktop.documents.exchange.spreadsheet import (
    Format,
    HostileSpreadsheetError,
    ReadTable,
    SpreadsheetError,
    Table,
    read,
    write,
)
from inkop_desktop.documents.exchange.spreadsheet import format_for as _format_for
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service
from inkop_desktop.services.contracts import ContractService
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.exchange import collector
from inkop_desktop.services.exchange.contracts import ContractExchange
from inkop_desktop.services.exchange.delegation import DelegationExchange
from inkop_desktop.services.exchange.kind import KindExchange, run_import
from inkop_desktop.services.exchange.kinds import IMPORT_ACTS, ExchangeKind
from inkop_desktop.services.exchange.organisations import OrganisationExchange
from inkop_desktop.services.exchange.people import PersonExchange
from inkop_desktop.services.exchange.plan import PlanExchange
from inkop_desktop.services.exchange.rows import ImportProblem, ImportReport
from inkop_desktop.services.exchange.suppliers import SupplierExchange
from inkop_desktop.services.plan import PlanService
from inkop_desktop.services.suppliers import SupplierService

__all__ = [
    "IMPORT_ACTS",
    "ExchangeKind",
    "ExchangeService",
    "HostileSpreadsheetError",
    "ImportProblem",
    "ImportReport",
    "SpreadsheetError",
    "format_for",
]

format_for = _format_for
PAGE = 5000


_ADMIN: dict[str, Callable[[], KindExchange]] = {
    "organisationer": OrganisationExchange,
    "personer": PersonExchange,
    "delegation": DelegationExchange,
}


class ExchangeService(Service):
    """Spreadsheets of the list views (with their filter) out; checked spreadsheets in."""

    def headers(self, kind: ExchangeKind | str) -> tuple[str, ...]:
        """The stable Swedish column headers of *kind*."""
        return self._exchange(ExchangeKind(kind)).headers

    def export_table(self, kind: ExchangeKind | str, query: ListQuery | None = None) -> Table:
        """Every record the list view shows for *query* (paging ignored), in its order."""
        kind = ExchangeKind(kind)
        exchange = self._exchange(kind)
        ids = self._ids(kind, query or ListQuery())
        with self._session() as s:
            rows = exchange.rows(s, ids)
        return Table(kind.label, exchange.headers, rows)

    def export_file(
        self, kind: ExchangeKind | str, fmt: Format, query: ListQuery | None = None
    ) -> bytes:
        """The export as .xlsx or .csv bytes."""
        return write(self.export_table(kind, query), fmt)

    def template_file(self, kind: ExchangeKind | str, fmt: Format = "xlsx") -> bytes:
        """An empty sheet with the headers, to fill in and import."""
        kind = ExchangeKind(kind)
        return write(Table(kind.label, self.headers(kind), []), fmt)

    def import_table(
        self,
        kind: ExchangeKind | str,
        table: ReadTable,
        *,
        allow_missing_roles: bool = False,
        update: bool = False,
    ) -> ImportReport:
        """Check every row; store all of them in one transaction, or none and say why.

        *allow_missing_roles* lets contracts without avtalsägare or handläggare in (a legacy
        portfolio); each such row is listed under ``warnings``. With *update* a row whose
        natural key is stored updates that record (``outcomes`` says what each row did).
        """
        kind = ExchangeKind(kind)
        exchange = self._exchange(kind, allow_missing_roles)
        exchange.update = update
        with self._session() as s:
            self._require(s, IMPORT_ACTS[kind])
            return run_import(s, exchange, table)

    def import_file(
        self,
        kind: ExchangeKind | str,
        data: bytes,
        filename: str,
        *,
        allow_missing_roles: bool = False,
        update: bool = False,
    ) -> ImportReport:
        """Read an .xlsx/.csv file safely and import it; hostile files raise a SpreadsheetError."""
        with collector.paused():
            table = read(data, format_for(filename))
            return self.import_table(
                kind, table, allow_missing_roles=allow_missing_roles, update=update
            )

    def _exchange(self, kind: ExchangeKind, allow_missing_roles: bool = False) -> KindExchange:
        """The columns and rules of *kind*."""
        if kind is ExchangeKind.PLAN:
            return PlanExchange(ReferenceService(self._ctx).table, self.actor)
        if kind is ExchangeKind.AVTAL:
            return ContractExchange(allow_missing_roles)
        if kind.value in _ADMIN:
            return _ADMIN[kind.value]()
        return SupplierExchange()

    def _ids(self, kind: ExchangeKind, query: ListQuery) -> list[uuid.UUID]:
        """Ids of every row the list view would show for *query*, in its order."""
        if kind.value in _ADMIN:
            with self._session() as s:
                return _ADMIN[kind.value]().all_ids(s)  # type: ignore[attr-defined, no-any-return]
        listers: dict[ExchangeKind, Callable[[ListQuery], Page[Any]]] = {
            ExchangeKind.PLAN: PlanService(self._ctx).list,
            ExchangeKind.AVTAL: ContractService(self._ctx).list,
            ExchangeKind.LEVERANTORER: SupplierService(self._ctx).list,
        }
        lister = listers[kind]
        ids: list[uuid.UUID] = []
        while True:
            page = lister(query.model_copy(update={"offset": len(ids), "limit": PAGE}))
            ids.extend(row.id for row in page.rows)
            if not page.rows or len(ids) >= page.total:
                return ids
