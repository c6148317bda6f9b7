"""The six areas' list definitions: columns, filters and loaders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.gui.list_page import FilterSpec, ViewSpec
from inkop_desktop.gui.table_model import Column, label_column, money_column
from inkop_desktop.gui.view_states import (
    AWARD_LEGEND,
    CONTRACT_LEGEND,
    FOLLOWUP_LEGEND,
    PLAN_LEGEND,
    Today,
    award_state,
    contract_state,
    followup_state,
    plan_state,
)
from inkop_desktop.services.vocabulary import cpv_label

if TYPE_CHECKING:  # a page may be made before the database layers are loaded
    from inkop_desktop.services.registry import Services

VIEW_NAMES = ("plan", "avtal", "uppfoljning", "jav", "direktupphandling", "leverantorer")
REGION = "Region"
"""One name for the concept in every list (parter, gäller för, upphandlande myndighet)."""
TITLE_CAP = 240
NAME_CAP = 170


def tr(text: str) -> str:
    """Translate a view string (context "Vyer")."""
    return QCoreApplication.translate("Vyer", text)


def _labels(enum: type[StrEnum]) -> Callable[[str], str]:
    """Map a stored code to its enum's Swedish label (unknown codes shown as stored)."""

    def label(code: str) -> str:
        try:
            return str(enum(code).label)  # type: ignore[attr-defined]
        except ValueError:
            return code

    return label


def cpv_text(code: str | None) -> str:
    """``33112200 Ultraljudsapparater`` (the tooltip shows the same, whole text)."""
    return cpv_label(code or "")


def _options(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for a filter drop-down."""
    return [(m.value, str(m.label)) for m in enum]  # type: ignore[attr-defined]


def plan_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
    today: Today = date.today,
) -> ViewSpec:
    """Upphandlingsplan: open items first, coloured by the planned contract start."""
    years = [(str(y), str(y)) for y in range(date.today().year - 2, date.today().year + 3)]
    return ViewSpec(
        name="plan",
        title=tr("Upphandlingsplan"),
        columns=[
            Column("reference", tr("Nr")),
            Column("title", tr("Upphandling"), cap=TITLE_CAP),
            label_column("status", tr("Status"), _labels(PlanStatus)),
            Column("contract_start_on", tr("Avtalsstart")),
            Column("responsible", tr("Ansvarig upphandlare"), cap=NAME_CAP),
            label_column("parties", tr(REGION), _labels(Parties), cap=NAME_CAP),
            Column("year", tr("År")),
            Column("cpv", tr("CPV"), cpv_text, cap=NAME_CAP),
            money_column("estimated_total_ore", tr("Beräknat värde")),
            label_column("procedure", tr("Förfarande"), _labels(Procedure)),
        ],
        load=lambda q: s.plan.list(q),
        filters=[
            FilterSpec("status", tr("Status"), _options(PlanStatus)),
            FilterSpec("year", tr("År"), years),
            FilterSpec("parties", tr(REGION), _options(Parties)),
            FilterSpec("procedure", tr("Förfarande"), _options(Procedure)),
        ],
        default_sort="reference",
        on_activate=on_activate,
        commands=commands,
        row_state=plan_state(today),
        marked=("status", "contract_start_on"),
        legend=PLAN_LEGEND,
        closed_filter="open",
        hidden=("cpv", "procedure"),
    )


def contract_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
    today: Today = date.today,
) -> ViewSpec:
    """Avtal: double-click or Enter opens the editor; ended contracts hidden until asked for."""
    return ViewSpec(
        name="avtal",
        title=tr("Avtal"),
        columns=[
            Column("contract_number", tr("Avtalsnr")),
            Column("title", tr("Benämning"), cap=TITLE_CAP),
            Column("supplier", tr("Leverantör"), cap=NAME_CAP),
            Column("end_date", tr("Slut")),
            Column("owner", tr("Avtalsägare"), cap=NAME_CAP),
            label_column("parties", tr(REGION), _labels(Parties), cap=NAME_CAP),
            Column("start_date", tr("Start")),
            money_column("total_value_ore", tr("Totalt värde")),
            label_column("procedure", tr("Förfarande"), _labels(Procedure), cap=NAME_CAP),
            Column("cpv", tr("CPV"), cpv_text, cap=NAME_CAP),
            Column("handlaggare", tr("Handläggare"), cap=NAME_CAP),
        ],
        load=lambda q: s.contract_list.list(q),
        filters=[FilterSpec("parties", tr(REGION), _options(Parties))],
        default_sort="end_date",
        on_activate=on_activate,
        commands=commands,
        row_state=contract_state(today),
        marked=("end_date",),
        legend=CONTRACT_LEGEND,
        closed_filter="open",
        hidden=("start_date", "procedure", "cpv", "handlaggare"),
    )


def followup_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
    today: date | None = None,
) -> ViewSpec:
    """Avtalsuppföljning around the next action; *on_activate* opens a row (double-click, Enter)."""
    from inkop_desktop.domain.contracts.model import RiskTier  # not needed by other lists
    from inkop_desktop.services.followup.overview import DueState

    states = [(m.value, m.label) for m in DueState if m is not DueState.PLANERAD]
    return ViewSpec(
        name="uppfoljning",
        title=tr("Avtalsuppföljning"),
        columns=[
            Column("contract_number", tr("Avtalsnr")),
            Column("contract_title", tr("Avtal"), cap=TITLE_CAP - 60),
            Column("next_due", tr("Nästa uppföljning")),
            Column("due", tr("Läge")),
            Column("responsible", tr("Ansvarig"), cap=NAME_CAP),
            Column("deviations", tr("Öppna avvikelser"), cap=NAME_CAP),
            label_column("risk_tier", tr("Riskklass"), _labels(RiskTier)),
            Column("last_done", tr("Senast genomförd")),
            Column("open_actions", tr("Öppna åtgärder"), numeric=True),
            Column("suppliers", tr("Leverantör"), sortable=False, cap=NAME_CAP),
            Column("namnd", tr("Nämnd"), sortable=False, cap=NAME_CAP),
        ],
        load=lambda q: s.followup_overview.list(q, today),
        row_state=followup_state(lambda: today or date.today()),
        legend=FOLLOWUP_LEGEND,
        filters=[
            FilterSpec("mine", tr("Ansvar"), [("1", tr("Mina avtal"))]),
            FilterSpec("namnd", tr("Nämnd"), []),
            FilterSpec("region", tr(REGION), [(r.value, r.label) for r in Region]),
            FilterSpec("risk_tier", tr("Riskklass"), _options(RiskTier)),
            FilterSpec("state", tr("Läge"), states),
        ],
        default_sort="next_due",
        on_activate=on_activate,
        commands=commands,
        hidden=("open_actions", "suppliers", "namnd"),
    )


def jav_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
) -> ViewSpec:
    """Jäv och sekretess: every active participant with their declaration state."""
    return ViewSpec(
        name="jav",
        title=tr("Jäv och sekretess"),
        columns=[
            Column("procurement", tr("Upphandling")),
            Column("procurement_title", tr("Benämning"), cap=NAME_CAP + 10),
            Column("state", tr("Deklaration"), sortable=False, cap=300),
            Column("person", tr("Deltagare"), cap=NAME_CAP),
            Column("role", tr("Roll"), cap=NAME_CAP),
            Column("signed_version", tr("Version"), numeric=True),
            Column("external_company", tr("Extern (företag)"), cap=NAME_CAP),
            Column("added_on", tr("Tillagd")),
        ],
        load=lambda q: s.jav.roster(q),
        filters=[
            FilterSpec(
                "kind",
                tr("Typ"),
                [("plan", tr("Upphandlingar")), ("da", tr("Direktupphandlingar"))],
            )
        ],
        default_sort="procurement",
        on_activate=on_activate,
        commands=commands,
        hidden=("signed_version", "added_on"),
    )


def direct_award_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
) -> ViewSpec:
    """Direktupphandlingar: Enter opens the record; signed ones hidden until asked for."""
    return ViewSpec(
        name="direktupphandling",
        title=tr("Direktupphandlingar"),
        columns=[
            Column("diarienummer", tr("Diarienr")),
            Column("title", tr("Vad köps"), cap=TITLE_CAP),
            label_column("status", tr("Status"), _labels(AwardStatus)),
            money_column("value_ore", tr("Värde")),
            Column("award_date", tr("Datum")),
            Column("supplier", tr("Vald leverantör"), cap=NAME_CAP),
            Column("decision_maker", tr("Beslutsfattare"), cap=NAME_CAP),
            label_column("region", tr(REGION), _labels(Parties), cap=NAME_CAP),
            Column("cpv", tr("CPV"), cpv_text, cap=NAME_CAP),
            Column("same_kind_key", tr("Samma slag")),
            label_column("legal_ground", tr("Grund"), _labels(LegalGround), cap=TITLE_CAP),
        ],
        load=lambda q: s.direct_awards.list(q),
        filters=[
            FilterSpec("region", tr(REGION), _options(Parties)),
            FilterSpec("status", tr("Status"), _options(AwardStatus)),
        ],
        default_sort="award_date",
        descending=True,
        on_activate=on_activate,
        commands=commands,
        row_state=award_state,
        marked=("status",),
        legend=AWARD_LEGEND,
        closed_filter="open",
        hidden=("cpv", "same_kind_key", "legal_ground"),
    )


def supplier_view(
    s: Services,
    on_activate: Callable[[Any], None] | None = None,
    on_new: Callable[[], None] | None = None,
    commands: Sequence[tuple[str, Callable[[], None]]] = (),
) -> ViewSpec:
    """Leverantörer."""
    return ViewSpec(
        name="leverantorer",
        title=tr("Leverantörer"),
        columns=[
            Column("name", tr("Namn")),
            Column("orgnr", tr("Organisationsnr")),
            Column("vat_number", tr("Momsregistreringsnr")),
            Column("city", tr("Ort")),
            Column("contracts", tr("Avtal"), numeric=True),
            Column("direct_awards", tr("Direktupphandlingar"), numeric=True),
        ],
        load=lambda q: s.suppliers.list(q),
        default_sort="name",
        on_activate=on_activate,
        commands=([(tr("Ny leverantör…"), on_new)] if on_new else []) + list(commands),
    )
