"""PDFs of the jäv workflow: jävsdeklaration, sekretessförbindelse and jävsprotokoll.

Everything a user typed goes through ``pdf_base.para``/``esc`` (escaped); only program text is
written as markup.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from inkop_desktop.documents.jav.doc import DocDeclaration, DocProcurement, DocProtocol
from inkop_desktop.documents.local_time import zoned
from inkop_desktop.documents.pdf_base import (
    PageInfo,
    build_pdf,
    esc,
    field_table,
    grid_table,
    markup,
    para,
)

SECRET_NOTE = (
    "Handlingen kan innehålla uppgifter som omfattas av sekretess enligt OSL 19 kap. 3 § "
    "och 31 kap. 16 §. Får bara läsas av den som deklarerat, upphandlingens ansvarige och "
    "inköpschef."
)
UNDERTAKING = (
    "Jag åtar mig att genast anmäla om mina förhållanden ändras eller om jag får kännedom om "
    "någon omständighet som kan innebära jäv (FL 18 §, KL 6 kap. 32 §)."
)


def when_text(moment: datetime | None) -> str:
    """A stored time in Swedish local time with its zone: ``2026-11-24 09:15 CET``."""
    return zoned(moment) if moment is not None else ""


def _yes(value: bool) -> str:
    """Ja or Nej."""
    return "Ja" if value else "Nej"


def _head(p: DocProcurement) -> list[tuple[str, object]]:
    """Procurement rows of a field table."""
    kind = "Direktupphandling" if p.kind == "direktupphandling" else "Upphandling"
    rows: list[tuple[str, object]] = [(kind, f"{p.reference} – {p.title}")]
    if p.responsible:
        rows.append(("Ansvarig", p.responsible))
    return rows


def _keep(heading: list[Any], content: list[Any]) -> list[Any]:
    """Keep a heading with the table below it; the notes after the table may flow on."""
    from reportlab.platypus import KeepTogether

    return [KeepTogether([*heading, *content[:1]]), *content[1:]]


def _signature_lines() -> list[Any]:
    """Ruled lines for place and date, signature and name on paper."""
    return grid_table(
        ["Ort och datum", "Underskrift", "Namnförtydligande"], [["\n\n", "", ""]], [50, 65, 55]
    )


def _grounds(d: DocDeclaration) -> list[Any]:
    """The four grounds with answers."""
    rows = [[f"{g.label}\n{g.question}\n({g.source})", _yes(g.answer), g.text] for g in d.grounds]
    return _keep(
        [para("Jävsgrunder (FL 16 §, KL 6 kap. 28 §)", "h2")],
        grid_table(["Fråga", "Svar", "Beskrivning"], rows, [85, 15, 70]),
    )


def _interests(d: DocDeclaration) -> list[Any]:
    """Declared relationships."""
    story: list[Any] = [para("Anmälda förhållanden till företag och personer", "h2")]
    if not d.interests:
        return [*story, para("Inga förhållanden anmälda.")]
    rows = [[i.kind, i.company, i.orgnr, i.person, i.description] for i in d.interests]
    header = ["Typ", "Företag", "Org.nr", "Person", "Beskrivning"]
    return _keep(story, grid_table(header, rows, [30, 35, 25, 25, 55]))


def _assessments(d: DocDeclaration) -> list[Any]:
    """Matches and the manager's assessments."""
    story: list[Any] = []
    if d.matches:
        story.append(para("Träffar mot upphandlingens leverantörer", "h2"))
        story += [para("• " + m) for m in d.matches]
    heading = para("Ansvarig chefs bedömning (FL 18 §)", "h2")
    if not d.assessments:
        return [*story, *_keep([heading], [para("Ingen bedömning gjord.")])]
    rows = [
        [a.item, a.outcome, a.reason, f"{a.assessor}\n{when_text(a.assessed_at)}"]
        for a in d.assessments
    ]
    header = ["Avser", "Bedömning", "Motivering", "Bedömd av"]
    return [*story, *_keep([heading], grid_table(header, rows, [40, 25, 70, 35]))]


def _declaration_story(d: DocDeclaration, with_head: bool = True) -> list[Any]:
    """The body of one declaration (also used inside the protocol, without the head)."""
    signed = when_text(d.signed_at) or "Ej signerad"
    rows = [
        *(_head(d.procurement) if with_head else []),
        ("Deltagare", d.person),
        ("Roll i upphandlingen", d.role),
        ("Extern (företag)", d.external_company or "–"),
        ("Version", str(d.version_no)),
        ("Signerad", signed),
        ("Bekräftad mot leverantörerna", _confirmation(d)),
        ("Status", d.state),
    ]
    story = [*field_table(rows), *_grounds(d), *_interests(d)]
    if d.suppliers:
        story += [para("Kända leverantörer", "h2"), para(", ".join(d.suppliers))]
    return story + _assessments(d)


def _confirmation(d: DocDeclaration) -> str:
    """When the declaration was confirmed against the known suppliers."""
    if d.needs_confirmation:
        return "Nej – behöver bekräftas"
    return when_text(d.confirmed_at) or "–"


def declaration_pdf(d: DocDeclaration, made_on: date) -> bytes:
    """Jävsdeklaration for one participant and version."""
    info = PageInfo(d.procurement.organisation, "Jävsdeklaration", d.procurement.reference, made_on)
    story = [para("Jävsdeklaration", "title"), para(SECRET_NOTE, "secret")]
    story += _declaration_story(d)
    story += [
        para("Åtagande och underskrift", "h2"),
        para(("☒ " if d.report_changes else "☐ ") + UNDERTAKING),
        para(
            ("☒ " if d.secrecy_accepted else "☐ ") + "Jag har undertecknat sekretessförbindelsen "
            "för upphandlingen (OSL 19 kap. 3 § och 31 kap. 16 §)."
        ),
        *_signed_line(d),
    ]
    return build_pdf(info, story)


def _signed_line(d: DocDeclaration) -> list[Any]:
    """Electronic signature statement, or ruled lines for a paper signature."""
    if d.signed_at is None:
        return _signature_lines()
    return [
        markup(
            f"Signerad elektroniskt i inkop-desktop av <b>{esc(d.person)}</b> "
            f"{esc(when_text(d.signed_at))}."
        )
    ]


def secrecy_pdf(d: DocDeclaration, made_on: date) -> bytes:
    """Sekretessförbindelse naming the procurement and OSL 19 kap. 3 § and 31 kap. 16 §."""
    info = PageInfo(
        d.procurement.organisation, "Sekretessförbindelse", d.procurement.reference, made_on
    )
    who = [("Namn", d.person), ("Roll i upphandlingen", d.role)]
    if d.external_company:
        who.append(("Företag", d.external_company))
    story = [
        para("Sekretessförbindelse", "title"),
        *field_table([*_head(d.procurement), *who]),
        para("Sekretess i upphandlingen", "h2"),
        para(
            f"Jag har informerats om att uppgifter i upphandlingen {d.procurement.reference} "
            f"({d.procurement.title}) omfattas av sekretess enligt offentlighets- och "
            "sekretesslagen (2009:400), OSL:"
        ),
        para(
            "• 19 kap. 3 § andra stycket OSL – absolut sekretess för uppgifter som hänför sig "
            "till anbud till dess att alla anbud offentliggörs, beslut om leverantör och anbud "
            "har fattats eller ärendet dessförinnan har slutförts."
        ),
        para(
            "• 31 kap. 16 § OSL – sekretess för uppgifter om leverantörers affärs- eller "
            "driftförhållanden även efter tilldelningen, om det av särskild anledning kan antas "
            "att den enskilde lider skada om uppgiften röjs."
        ),
        para("Jag förbinder mig att", "h2"),
        *[para(f"{n}. {text}") for n, text in enumerate(_PROMISES, start=1)],
        para(
            "Jag är medveten om att brott mot tystnadsplikten kan medföra straffansvar "
            "(20 kap. 3 § brottsbalken)."
        ),
        para("Datum och underskrift", "h2"),
        _accepted(d),
        *_signature_lines(),
    ]
    return build_pdf(info, story)


_PROMISES = (
    "inte röja eller utnyttja uppgifter som jag får del av i upphandlingen, varken under eller "
    "efter mitt uppdrag (tystnadsplikt);",
    "hantera handlingar och filer säkert: förvara dem inlåsta eller i behörighetsstyrda system, "
    "inte lämna dem till obehöriga och inte använda privata e-post- eller lagringstjänster;",
    "när uppdraget är slutfört, eller när jag ombeds, återlämna eller förstöra (radera) allt "
    "material jag fått del av, även kopior och anteckningar;",
    "genast anmäla till upphandlingens ansvarige om uppgifter har kommit eller kan ha kommit "
    "till obehörigas kännedom.",
)


def _accepted(d: DocDeclaration) -> Any:
    """Whether and when the undertaking was accepted in the app."""
    if d.secrecy_accepted and d.signed_at is not None:
        return markup(
            f"Godkänd och signerad elektroniskt i inkop-desktop av <b>{esc(d.person)}</b> "
            f"{esc(when_text(d.signed_at))} (deklaration version {d.version_no})."
        )
    return para("Ännu inte godkänd i inkop-desktop – underteckna nedan.")


def protocol_pdf(p: DocProtocol) -> bytes:
    """Jävsprotokoll: roster, declarations and assessments of one procurement."""
    info = PageInfo(p.procurement.organisation, "Jävsprotokoll", p.procurement.reference, p.made_on)
    rows = [
        [
            x.person,
            x.role,
            x.added_on.isoformat(),
            x.removed_on.isoformat() if x.removed_on else "",
            f"v{x.version_no}\n{when_text(x.signed_at)}" if x.version_no else "–",
            x.state,
        ]
        for x in p.participants
    ]
    story = [
        para("Jävsprotokoll", "title"),
        para(SECRET_NOTE, "secret"),
        *field_table(
            [
                *_head(p.procurement),
                ("Kända leverantörer", ", ".join(p.suppliers) or "–"),
                ("Upprättat", p.made_on.isoformat()),
            ]
        ),
        para("Deltagare", "h2"),
        *grid_table(
            ["Namn", "Roll", "Tillagd", "Borttagen", "Deklaration", "Status"],
            rows,
            [30, 27, 21, 23, 34, 35],
        ),
        para("Hinder för beslut", "h2"),
    ]
    story += [para("• " + b) for b in p.blockers] or [
        para("Inga – inget jäv hindrar beslut i upphandlingen.")
    ]
    for d in p.declarations:
        story += [para(f"{d.person} – version {d.version_no}", "h2"), *_declaration_story(d, False)]
    return build_pdf(info, story)
