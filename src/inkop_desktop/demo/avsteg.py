"""The demo's avsteg register: exactly what the rules find, two manual entries, a few handled."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Organisation, Person, PlanItem, PlanItemCpv
from inkop_desktop.domain.avsteg import Handling, PlanFacts, rule
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.domain.procedure import advise, category_for_cpv
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services import avsteg
from inkop_desktop.services.avsteg import AvstegFilter, ManualAvsteg
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services

MANUAL = (
    ("SRM", "Regionstyrelsen", 40, "Faktura 2026-11873",
     "Konsulttjänst beställdes muntligt utan avrop från ramavtalet och utan skriftlig order."),
    ("VMA", "Hälso- och sjukvårdsnämnden", 75, "Beställning 88412",
     "Förbrukningsmaterial köptes på kort hos en butik trots att avtalsleverantören hade varan."),
)  # fmt: skip
HANDLED = (
    ("avtal_utan_ansvarig", "Avtalsägaren har slutat; verksamheten utser en ny.",
     "Ny avtalsägare begärd från förvaltningen."),
    ("annat_beslutsdatum", "Beslutet fattades på mötet och signerades dagen efter.",
     "Påminnelse om signering samma dag skickad till beslutsfattarna."),
)  # fmt: skip


def seed_register(sessions: sessionmaker[Session], login: str, today: date) -> None:
    """Record what the rules find in the seeded demo, then a few entries by hand and handled."""
    services = Services.create(ServiceContext(sessions, actor=login))
    _lighter_procedures(sessions, login, services.reference.table(), today)
    services.avsteg.detect(today)
    _manual(sessions, services, today)
    for key, comment, action in HANDLED:
        entries = services.avsteg.entries(AvstegFilter(rule=key))
        if entries:
            services.avsteg.handle(
                entries[-1].id, entries[-1].version, Handling(comment, action, True)
            )


def _lighter_procedures(
    sessions: sessionmaker[Session], login: str, table: ReferenceTable, today: date
) -> None:
    """Plan items whose chosen procedure is lighter than their value requires (with reason)."""
    with sessions.begin() as s:
        s.info["actor"] = login
        reporter = s.scalar(select(Person.id).where(Person.login == login))
        for item in s.execute(select(PlanItem).where(PlanItem.procedure.is_not(None))).scalars():
            cpv = s.scalar(select(PlanItemCpv.cpv).where(PlanItemCpv.plan_item_id == item.id))
            on = item.planned_start or date(item.year, 1, 1)
            advice = advise(Money(item.estimated_total_ore), on, table, category_for_cpv(cpv))
            facts = PlanFacts(
                advice.is_below(Procedure(item.procedure or "")), item.procedure_reason
            )
            if rule("lagre_forfarande").applies(facts, on):
                where = avsteg.Where(plan_item_id=item.id, region=item.parties)
                avsteg.record(s, "lagre_forfarande", item.procedure_reason, reporter, where, today)


def _manual(sessions: sessionmaker[Session], services: Services, today: date) -> None:
    """Two deviations the inköpsverksamhet found in invoices and reported by hand."""
    with sessions() as s:
        found = list(s.execute(select(Organisation).where(Organisation.kind == "namnd")).scalars())
    namnder = {(o.region, o.name): o.id for o in found}
    first = {o.region: o.id for o in reversed(found)}
    for region, name, days, record, reason in MANUAL:
        services.avsteg.report(
            ManualAvsteg(
                reported_on=today - timedelta(days=days),
                region=region,
                organisation_id=namnder.get((region, name), first.get(region)),
                reason=reason,
                record=record,
            )
        )
