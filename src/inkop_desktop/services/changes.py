"""Other users' changes as the views they affect: one table of table → views, and a feed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine

from inkop_desktop.db.changes import EVERYTHING, ChangeListener, listener
from inkop_desktop.services.base import ServiceContext

log = logging.getLogger(__name__)

VIEWS = (
    "oversikt", "plan", "avtal", "uppfoljning", "uppfoljning-rapport", "jav", "direktupphandling",
    "leverantorer", "tidslinje", "avtalskatalog", "avsteg", "administration", "avtalstrohet",
)  # fmt: skip
"""Every view of the main window that shows stored data."""
ALL_VIEWS = frozenset(VIEWS)

_PLAN = frozenset({"plan", "tidslinje", "jav"})
_FOLLOWUP = frozenset({"uppfoljning", "uppfoljning-rapport"})
_CONTRACT = frozenset({"avtal", "avtalskatalog", "leverantorer"}) | _FOLLOWUP
_JAV = frozenset({"jav"})
VIEWS_BY_TABLE: dict[str, frozenset[str]] = {
    "plan_item": _PLAN,
    "plan_item_party": _PLAN,
    "plan_item_cpv": frozenset({"plan"}),
    "plan_item_bidder": frozenset({"plan", "jav"}),
    "contract": _CONTRACT | {"avtalstrohet"},
    "contract_supplier": _CONTRACT | {"avtalstrohet"},
    "contract_option": frozenset({"avtal", "avtalskatalog"}),
    "contract_amendment": frozenset({"avtal", "avtalskatalog"}),
    "attachment": frozenset({"avtal", "direktupphandling", "uppfoljning"}),
    "supplier": frozenset({"leverantorer", "avtal", "avtalskatalog", "direktupphandling"}),
    "supplier_contact": frozenset({"leverantorer"}),
    "direct_award": frozenset({"direktupphandling", "jav", "leverantorer"}),
    "quote": frozenset({"direktupphandling"}),
    "avsteg": frozenset({"plan", "avtal", "direktupphandling", "avsteg"}),
    "participant": _JAV,
    "jav_declaration": _JAV,
    "declared_interest": _JAV,
    "jav_assessment": _JAV,
    "followup_plan": _FOLLOWUP,
    "followup": _FOLLOWUP,
    "followup_result": _FOLLOWUP,
    "followup_action": _FOLLOWUP,
    "followup_template": _FOLLOWUP | {"administration"},
    "followup_template_item": _FOLLOWUP | {"administration"},
    "followup_plan_template": _FOLLOWUP,
    "followup_contact": _FOLLOWUP,
    "organisation": ALL_VIEWS,  # names and regions appear in every list
    "person": ALL_VIEWS,
    "person_role": frozenset({"administration", "jav"}),
    "delegation_rule": frozenset({"administration", "direktupphandling"}),
    "reference_value": frozenset({"plan", "direktupphandling"}),
    "trusted_issuer": frozenset({"administration", "direktupphandling"}),
    "number_series": frozenset(),
    "reskontra_import": frozenset({"avtalstrohet"}),
    "reskontra_row": frozenset({"avtalstrohet"}),
    "reskontra_mapping": frozenset(),
    "audit_entry": frozenset(),
    "audit_staging": frozenset(),
    "offline_operation": frozenset(),
}
"""Which views show rows of each table; a table not named here affects every view."""
_OVERVIEW_TABLES = (
    "plan_item", "plan_item_party", "contract", "contract_option", "direct_award", "avsteg",
    "participant", "jav_declaration", "jav_assessment", "followup_plan", "followup",
    "reskontra_row", "reference_value",
)  # fmt: skip
"""The tables the Översikt's pictures are counted from."""
for _table in _OVERVIEW_TABLES:
    VIEWS_BY_TABLE[_table] = VIEWS_BY_TABLE[_table] | {"oversikt"}


def views_for(tables: Iterable[str]) -> frozenset[str]:
    """The views that may show a change to any of *tables* ("*": every view)."""
    views: set[str] = set()
    for table in tables:
        views |= VIEWS_BY_TABLE.get(table, ALL_VIEWS)
    return frozenset(views)


@dataclass(frozen=True)
class Changes:
    """One batch of other users' changes: the tables and the views they affect."""

    tables: frozenset[str]
    views: frozenset[str]

    @property
    def everything(self) -> bool:
        """True when the database only said that something changed (not which table)."""
        return bool(self.tables & EVERYTHING)

    @classmethod
    def of(cls, tables: Iterable[str]) -> Changes:
        """The batch for *tables* with its views."""
        names = frozenset(tables)
        return cls(names, views_for(names))


Subscriber = Callable[[Changes], None]


class ChangeFeed:
    """Listens for other users' commits and tells the subscribers (on the listener's thread)."""

    def __init__(
        self,
        context: ServiceContext,
        make: Callable[[Engine, Callable[[frozenset[str]], None]], ChangeListener] = listener,
    ) -> None:
        self._engine: Engine = context.sessions.kw["bind"]
        self._make = make
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()
        self._listener: ChangeListener | None = None

    def subscribe(self, callback: Subscriber) -> None:
        """Call *callback* with every batch (from a background thread: hand it on, never block)."""
        with self._lock:
            self._subscribers.append(callback)

    def start(self) -> None:
        """Start listening (once)."""
        if self._listener is None:
            self._listener = self._make(self._engine, self._received)
            self._listener.start()

    def stop(self) -> None:
        """Stop listening; the background thread has ended when this returns."""
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    @property
    def listener(self) -> ChangeListener | None:
        """The running database listener (tests inspect it)."""
        return self._listener

    def _received(self, tables: frozenset[str]) -> None:
        """A batch from the database: map it to views and tell every subscriber."""
        changes = Changes.of(tables)
        if not changes.views:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(changes)
