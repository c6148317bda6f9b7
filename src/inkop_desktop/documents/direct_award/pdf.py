"""The two PDFs of a direct award: "Dokumentation av direktupphandling" and the decision."""

from __future__ import annotations

from typing import Any

from inkop_desktop.documents.direct_award.doc import AwardDocument, RenderedDecision, TotalLine
from inkop_desktop.documents.direct_award.signature import signature_block
from inkop_desktop.documents.local_time import start_of
from inkop_desktop.documents.pdf_base import (
    PageInfo,
    build_pdf,
    esc,
    field_table,
    grid_table,
    markup,
    para,
    paragraphs,
)
from inkop_desktop.documents.record_text import formal
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.identifiers import cpv_group
from inkop_desktop.domain.money import format_kronor

DOCUMENTATION_TITLE = "Dokumentation av direktupphandling"
DECISION_TITLE = "Beslut om direktupphandling"
SECRET = (
    "SEKRETESS enligt OSL 19 kap. 3 § andra stycket: uppgifter om anbud (offerter) är hemliga "
    "tills beslut om leverantör och anbud har fattats."
)
SECRECY_ENDED = (
    "Beslut har fattats: den absoluta sekretessen enligt OSL 19 kap. 3 § har upphört. "
    "Begäran om utlämnande prövas enligt OSL 31 kap. 16 §."
)


def _info(doc: AwardDocument, title: str, *, draft: bool) -> PageInfo:
    """Header and footer of every page; a draft is marked UTKAST on each."""
    created = start_of(doc.signed_on) if doc.signed_on else None
    return PageInfo(
        doc.organisation_header, title, doc.diarienummer, doc.award_date, draft, created
    )


def _key(key: str) -> str:
    """A same-kind key as a reader knows it: ``CPV-grupp 331`` for a CPV group."""
    return f"CPV-grupp {key}" if len(key) == 3 and key.isdigit() else key


def _kind(doc: AwardDocument) -> str:
    """The same-kind key; the reason only when it departs from the CPV group."""
    try:
        default = cpv_group(doc.cpv)
    except DomainError:
        default = ""
    key = doc.same_kind_key or default
    if not key or key == default:
        return _key(key) or "–"
    return _key(key) + (f" – {doc.same_kind_reason}" if doc.same_kind_reason else "")


def _status(doc: AwardDocument) -> str:
    """The status the documentation is filed with: signed on the day, or the record's now."""
    if doc.signed_on is None:
        return doc.status
    return f"{AwardStatus.SIGNERAD.label} {doc.signed_on.isoformat()}"


def _authority(doc: AwardDocument) -> str:
    """``Region Sörmland (232100-0032)`` for each authority."""
    return "\n".join(
        f"{name} ({orgnr or 'organisationsnummer saknas'})" for name, orgnr in doc.authorities
    )


def _quotes(doc: AwardDocument) -> list[Any]:
    """The quotes table with its secrecy marking."""
    story: list[Any] = [para(SECRET if doc.quotes_secret else SECRECY_ENDED, "secret")]
    if not doc.quotes:
        return [*story, para("Inga offerter har registrerats.")]
    rows = [
        [
            ("Vald: " if q.chosen else "") + q.supplier,
            q.orgnr,
            format_kronor(q.amount_ore),
            q.received_on.isoformat(),
            q.received_how,
            q.notes,
        ]
        for q in doc.quotes
    ]
    header = ["Leverantör", "Org.nr", "Belopp exkl. moms", "Mottagen", "Hur", "Utvärdering"]
    return [*story, *grid_table(header, rows, [38, 24, 24, 22, 24, 38])]


def _total(total: TotalLine) -> list[Any]:
    """One authority's running same-kind total and the awards it consists of."""
    from reportlab.platypus import Spacer

    verdict = "når gränsen" if total.reached else "under gränsen"
    heading = (
        f"<b>{esc(total.authority)} {total.year}, samma slag {esc(_key(total.key))}:</b> "
        f"{esc(format_kronor(total.total_ore))} av direktupphandlingsgränsen "
        f"{esc(format_kronor(total.limit_ore))} ({verdict})"
    )
    rows = [
        [e.diarienummer, e.title, e.award_date.isoformat(), e.status, format_kronor(e.value_ore)]
        for e in total.earlier
    ]
    rows.append(["Denna direktupphandling", "", "", "", format_kronor(total.own_ore)])
    rows.append(["Summa", "", "", "", format_kronor(total.total_ore)])
    header = ["Diarienr", "Vad köptes", "Datum", "Status", "Värde"]
    return [
        markup(heading),
        *grid_table(header, rows, [30, 66, 22, 24, 28]),
        para(f"Gränsen enligt {formal(total.limit_source)}", "small"),
        Spacer(1, 6),
    ]


def _checklist(doc: AwardDocument) -> list[Any]:
    """The seven documentation items and whether each is filled in."""
    rows = [[label, "Ifylld" if done else "SAKNAS"] for label, done in doc.checklist]
    return [para(doc.documentation_rule), *grid_table(["Uppgift", "Status"], rows, [130, 40])]


def _supplier(doc: AwardDocument) -> str:
    """``Name (orgnr)`` of the chosen supplier, or empty."""
    return f"{doc.chosen_supplier} ({doc.chosen_orgnr})" if doc.chosen_supplier else ""


def _sections(doc: AwardDocument) -> list[tuple[str, list[tuple[str, object]]]]:
    """The seven minimum items as (heading, label/value rows)."""
    return [
        ("1. Upphandlande myndighet", [
            ("Upphandlande myndighet och organisationsnummer", _authority(doc)),
            ("Nämnd/förvaltning", doc.organisation),
            ("Beställare", doc.requester),
        ]),
        ("2. Vad som köps", [
            ("Föremål", doc.title),
            ("Beskrivning av behovet", doc.description),
            ("CPV-kod", doc.cpv_text),
            ("Samma slag", _kind(doc)),
            ("Finns det redan ett avtal?", doc.contract_check),
        ]),
        ("3. Hur konkurrensen har tillvaratagits", [
            ("Grund för direktupphandling", doc.legal_ground),
            ("Konkurrens", doc.competition),
        ]),
        ("4. Tillfrågade leverantörer och antal anbud", [
            ("Tillfrågade leverantörer", doc.suppliers_asked),
            ("Antal anbud (offerter)", len(doc.quotes)),
            ("Riktlinje", formal(doc.tier)),
            ("Skäl för färre", doc.fewer_quotes_reason or "–"),
        ]),
        ("5. Vald leverantör och huvudsakliga skäl", [
            ("Vald leverantör", _supplier(doc)),
            ("Huvudsakliga skäl", doc.award_reason),
        ]),
        ("6. Värde", [("Värde exkl. moms", format_kronor(doc.value_ore))]),
        ("7. Leveranstid eller avtalstid", [("Tid", doc.duration)]),
    ]  # fmt: skip


def _documentation_story(doc: AwardDocument) -> list[Any]:
    """All sections of the documentation in the order of the minimum items."""
    from reportlab.platypus import KeepTogether

    story: list[Any] = [para(DOCUMENTATION_TITLE, "title")]
    story.append(para(f"Diarienummer {doc.diarienummer} · {_status(doc)}"))
    if doc.supersedes:
        story.append(para(f"Ersätter {doc.supersedes} (rättelse av tidigare beslut)."))
    for heading, rows in _sections(doc):
        story += [para(heading, "h2"), *field_table(rows)]
        if heading.startswith("4."):
            story += _quotes(doc)
    heading = para("Direktupphandlingar av samma slag under räkenskapsåret", "h2")
    for number, total in enumerate(doc.totals):
        story.append(KeepTogether([heading, *_total(total)] if number == 0 else _total(total)))
    story += [para("Kontroll av dokumentationen", "h2"), *_checklist(doc)]
    if doc.efterannonsering:
        story += [para("Efterannonsering", "h2"), *paragraphs(doc.efterannonsering)]
    return story


def documentation_pdf(doc: AwardDocument) -> bytes:
    """ "Dokumentation av direktupphandling": every item, quotes, reasons, running total."""
    info = _info(doc, DOCUMENTATION_TITLE, draft=doc.signed_on is None)
    return build_pdf(info, _documentation_story(doc))


def _attachments(doc: AwardDocument) -> list[Any]:
    """The attachments with their SHA-256 checksums."""
    story: list[Any] = [para("Bilagor och kontrollsummor (SHA-256)", "h2")]
    if not doc.attachments:
        return [*story, para("Inga bilagor.")]
    rows = [
        [a.filename, a.sha256, f"{a.size:,}".replace(",", " ") + " byte"] for a in doc.attachments
    ]
    return [*story, *grid_table(["Fil", "SHA-256", "Storlek"], rows, [48, 96, 26])]


def _signing_day(doc: AwardDocument) -> list[Any]:
    """The day of signing and, when it is not the decision date, the reason given."""
    if doc.signed_on is None:
        return []
    if doc.signed_on == doc.award_date:
        return [para(f"Beslutet signeras på beslutsdagen {doc.signed_on.isoformat()}.")]
    return field_table(
        [
            ("Signeras", f"{doc.signed_on.isoformat()} (en annan dag än beslutsdatum)"),
            ("Skäl att signera en annan dag än beslutsdatum", doc.decision_date_reason or "–"),
        ]
    )


def _decision_story(doc: AwardDocument, where: list[Any]) -> list[Any]:
    """The decision: what, who, the text, delegation, attachments and signature."""
    maker = ", ".join(p for p in (doc.decision_maker, doc.decision_maker_title) if p)
    story: list[Any] = [para(DECISION_TITLE, "title"), *field_table([
        ("Diarienummer", doc.diarienummer),
        ("Upphandlande myndighet", _authority(doc)),
        ("Nämnd/förvaltning", doc.organisation),
        ("Ärende", doc.title),
        ("CPV-kod", doc.cpv_text),
        ("Leverantör", _supplier(doc)),
        ("Värde exkl. moms", format_kronor(doc.value_ore)),
        ("Leveranstid eller avtalstid", doc.duration),
        ("Grund", doc.legal_ground),
        ("Beslutsdatum", doc.award_date.isoformat()),
    ])]  # fmt: skip
    story += _signing_day(doc)
    if doc.supersedes:
        story.append(para(f"Beslutet ersätter tidigare beslut {doc.supersedes}."))
    story += [para("Beslut", "h2"), *paragraphs(doc.decision_text or "–")]
    story += [para("Beslutsfattare och delegation", "h2"), *field_table([
        ("Beslutsfattare", maker),
        ("Delegation", doc.delegation or "–"),
    ])]  # fmt: skip
    story += [para(doc.report_to)] if doc.report_to else []
    if doc.efterannonsering:
        story += paragraphs(doc.efterannonsering)
    return [*story, *_attachments(doc), signature_block(doc, where)]


def render_decision(doc: AwardDocument) -> RenderedDecision:
    """The decision PDF and the position of its signature box."""
    where: list[tuple[int, tuple[int, int, int, int]]] = []
    info = _info(doc, DECISION_TITLE, draft=doc.signature_method is None)
    content = build_pdf(info, _decision_story(doc, where))
    page, box = where[-1]
    return RenderedDecision(content=content, signature_page=page, signature_box=box)


def decision_pdf(doc: AwardDocument) -> bytes:
    """ "Beslut om direktupphandling" as PDF bytes."""
    return render_decision(doc).content
