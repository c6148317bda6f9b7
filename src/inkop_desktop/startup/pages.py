"""The main window's views by name; each page is made (its module imported) when first used."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.page_registry import PageFactory

if TYPE_CHECKING:
    from inkop_desktop.domain.compliance import PlanPrefill
    from inkop_desktop.services.access import Actor
    from inkop_desktop.services.registry import Services
    from inkop_desktop.startup.core import Startup


def tr(text: str) -> str:
    """Translate a view title (the start-up's context)."""
    return QCoreApplication.translate("Startup", text)


def list_tr(text: str) -> str:
    """Translate a list's title (the lists' context, as in their specs)."""
    return QCoreApplication.translate("Vyer", text)


def install(startup: Startup) -> None:
    """Every view in navigation order (Ctrl+1 … for the first ten), before the database is
    open; a page is made when first shown, with the services and the person then known."""
    views: list[tuple[str, str, Callable[[Services, Actor], QWidget]]] = [
        ("plan", list_tr("Upphandlingsplan"), lambda s, me: _plan(startup, s, me)),
        ("avtal", list_tr("Avtal"), lambda s, me: _contracts(startup, s, me)),
        ("uppfoljning", list_tr("Avtalsuppföljning"), lambda s, me: _followup(startup, s, me)),
        ("jav", tr("Jäv och sekretess"), lambda s, _me: _jav(startup, s)),
        ("direktupphandling", list_tr("Direktupphandlingar"), lambda s, _me: _awards(startup, s)),
        ("leverantorer", list_tr("Leverantörer"), lambda s, me: _suppliers(startup, s, me)),
        ("tidslinje", tr("Tidslinje"), lambda s, _me: _timeline(startup, s)),
        ("avtalskatalog", tr("Finns det avtal?"), lambda s, _me: _catalogue(startup, s)),
        ("uppfoljning-rapport", tr("Uppföljningsrapporter"), lambda s, _me: _reports(startup, s)),
        ("avsteg", tr("Avsteg"), lambda s, me: _avsteg(startup, s, me)),
        ("avtalstrohet", tr("Avtalstrohet"), lambda s, me: _compliance(startup, s, me)),
        ("administration", _admin_title(), lambda s, _me: _administration(startup, s)),
        ("oversikt", tr("Översikt"), lambda s, _me: _overview(startup, s)),
    ]
    for name, title, make in views:
        startup.window.add_view(name, title, _once_open(startup, make))


def _once_open(startup: Startup, make: Callable[[Services, Actor], QWidget]) -> PageFactory:
    """A factory that makes the page with the services and the person of the open database."""
    return lambda: make(*startup.opened())


def _list(startup: Startup, spec: Any) -> QWidget:
    """A list page for *spec*."""
    from inkop_desktop.gui.list_page import ListPage

    return ListPage(spec, startup.tasks, startup.window.stack)


def _plan(startup: Startup, s: Services, me: Actor) -> QWidget:
    """Upphandlingsplan with its commands, export and import."""
    from inkop_desktop.gui import views

    commands = plan_commands(startup, me)
    return _list(startup, views.plan_view(s, lambda row: startup.plan.edit(row.id), commands))


def plan_commands(startup: Startup, me: Actor) -> list[tuple[str, Callable[[], None]]]:
    """The plan page's toolbar: the person's plan commands, export and import."""
    from inkop_desktop.services.exchange.kinds import ExchangeKind

    return startup.plan.commands(me) + startup.exchange(ExchangeKind.PLAN, "plan")


def _contracts(startup: Startup, s: Services, me: Actor) -> QWidget:
    """Avtal with its commands, export and import."""
    from inkop_desktop.gui import views

    commands = contract_commands(startup, me)
    spec = views.contract_view(s, lambda row: startup.contracts.edit(row.id), commands)
    return _list(startup, spec)


def contract_commands(startup: Startup, me: Actor) -> list[tuple[str, Callable[[], None]]]:
    """The Avtal page's toolbar: the person's contract commands, export and import."""
    from inkop_desktop.services.exchange.kinds import ExchangeKind

    return startup.contracts.commands(me) + startup.exchange(ExchangeKind.AVTAL, "avtal")


def _followup(startup: Startup, s: Services, me: Actor) -> QWidget:
    """The follow-up list with its export and the way to the reports."""
    from inkop_desktop.gui import views
    from inkop_desktop.gui.followup.list_commands import followup_commands
    from inkop_desktop.gui.followup.overview import FollowupListPage

    window = startup.window
    commands = followup_commands(
        window,
        s.followup_overview,
        startup.tasks,
        lambda: window.list_page("uppfoljning"),
        lambda: window.show_view("uppfoljning-rapport"),
        edit_plan=startup.followup.edit_plan,
    )
    spec = views.followup_view(s, startup.open_followup_row, commands)
    menu = startup.followup.row_commands(me, startup.open_followup_row, startup.contracts.edit)
    return FollowupListPage(
        spec, startup.tasks, s.followup_overview.namnd_options, row_commands=menu
    )


def _jav(startup: Startup, s: Services) -> QWidget:
    """Jäv och sekretess."""
    from inkop_desktop.gui.jav import JavPage

    return JavPage(s, startup.tasks)


def _awards(startup: Startup, s: Services) -> QWidget:
    """Direktupphandling with its commands."""
    from inkop_desktop.gui import views

    awards = startup.direct_awards
    return _list(
        startup, views.direct_award_view(s, lambda row: awards.edit(row.id), awards.commands())
    )


def _suppliers(startup: Startup, s: Services, me: Actor) -> QWidget:
    """Leverantörer: a new one only for those allowed to edit suppliers."""
    from inkop_desktop.gui import views
    from inkop_desktop.services.exchange.kinds import ExchangeKind

    new = (lambda: startup.edit_supplier(None)) if me.may(Act.SUPPLIER_EDIT) else None
    spec = views.supplier_view(
        s,
        lambda row: startup.edit_supplier(row.id),
        new,
        startup.exchange(ExchangeKind.LEVERANTORER, "leverantorer"),
    )
    return _list(startup, spec)


def _timeline(startup: Startup, s: Services) -> QWidget:
    """Tidslinje over the plan."""
    from inkop_desktop.gui.plan.timeline import TimelinePage

    return TimelinePage(s.plan, startup.tasks)


def _catalogue(startup: Startup, s: Services) -> QWidget:
    """Finns det avtal?: a hit opens the contract."""
    from inkop_desktop.gui.contracts.catalogue import CataloguePage

    return CataloguePage(
        s.catalogue,
        startup.tasks,
        on_open=lambda hit: startup.contracts.open(hit.id, startup.me),
    )


def _reports(startup: Startup, s: Services) -> QWidget:
    """Uppföljningsrapporter."""
    from inkop_desktop.gui.followup.report_page import FollowupReportPage

    return FollowupReportPage(s.followup_reports, startup.tasks)


def _avsteg(startup: Startup, s: Services, me: Actor) -> QWidget:
    """The avsteg register; a change counts the to-dos again."""
    from inkop_desktop.gui.avsteg import AvstegPage

    register = AvstegPage(s.avsteg, startup.tasks, me, internal_control=s.internal_control)
    register.changed.connect(startup.window.refresh_counts)
    return register


def _compliance(startup: Startup, s: Services, me: Actor) -> QWidget:
    """Avtalstrohet: Skapa planpost opens the plan editor, prefilled."""
    from inkop_desktop.gui.compliance.page import CompliancePage

    return CompliancePage(
        s.compliance, startup.tasks, me, lambda prefill: new_plan_item(startup, s, prefill)
    )


def _admin_title() -> str:
    """The administration page's title (its own translation context)."""
    return QCoreApplication.translate("AdministrationWindow", "Administration")


def _administration(startup: Startup, s: Services) -> QWidget:
    """Administration (Arkiv → Administration shows it)."""
    from inkop_desktop.gui.admin.window import AdministrationWindow

    return AdministrationWindow(s, startup.tasks)


def _overview(startup: Startup, s: Services) -> QWidget:
    """Översikt: a picture opens the list behind it; the OCDS export."""
    from inkop_desktop.gui.overview import OverviewPage

    prefix = startup.settings.ocds_prefix
    overview = OverviewPage(
        s.pictures,
        startup.tasks,
        lambda: s.ocds.export_file(prefix),
        internal_control=s.internal_control,
    )
    overview.open_records.connect(startup.window.open_target)
    return overview


def new_plan_item(startup: Startup, s: Services, prefill: PlanPrefill) -> None:
    """Avtalstrohet's Skapa planpost: the plan editor, prefilled; saved by the plan service."""
    from inkop_desktop.gui.plan.editor import PlanItemEditor

    editor = PlanItemEditor(s, startup.tasks, startup.window)
    editor.title.setText(prefill.title)
    editor.year.setValue(prefill.year)
    editor.parties.setCurrentIndex(max(0, editor.parties.findData(prefill.parties.value)))
    editor.annual.setText(str(prefill.annual_ore // 100))
    editor.texts["description"].setPlainText(prefill.description)
    editor.exec()
    startup.plan_changed()
