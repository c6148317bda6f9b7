"""Every rule the app enforces, run over the whole demo, finds nothing (one seeding per engine)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    Attachment,
    Contract,
    ContractOption,
    DirectAward,
    Organisation,
    PlanItem,
    PlanItemCpv,
)
from inkop_desktop.demo import DEMO_LOGIN
from inkop_desktop.demo.catalogue import CATEGORIES, DIRECT_AWARD_TITLES
from inkop_desktop.demo.plan import base_title
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.direct_award.same_kind import same_kind_totals
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES, AwardStatus
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.direct_award import facts as rules
from inkop_desktop.services.registry import Services
from inkop_desktop.services.vocabulary import cpv_name, cpv_vocabulary
from tests.conftest import DemoDb

TODAY = date(2026, 11, 24)
PERIOD = re.compile(r"(\d{4})–(\d{4})")
TITLE_CPV = {title: cpv for c in CATEGORIES for title, cpv in c.items}
AWARD_CPV = {title: cpv for title, cpv, _ in DIRECT_AWARD_TITLES}


@pytest.fixture
def demo(sessions: sessionmaker[Session], demo_db: DemoDb) -> Services:
    """The demo seeded into the test database, with services acting as the demo user."""
    demo_db(TODAY)
    return Services.create(ServiceContext(sessions, actor=DEMO_LOGIN))


def _award_problems(services: Services, s: Session, award: DirectAward) -> list[str]:
    """What the services would refuse on *award*, as of its decision date."""
    da = services.direct_awards
    values = {"region": award.region, "cpv": award.cpv, "award_date": award.award_date}
    hits = da._hits(values)
    problems = list(rules.assessment(s, award, da._table(), hits).problems)
    if hits and "inget gällande avtal" in award.existing_contract_reason:
        problems.append(f"says no contract, the catalogue finds {hits}")
    if not hits and "omfattar inte behovet" in award.existing_contract_reason:
        problems.append("names contracts the catalogue does not find")
    rule = rules.delegation(s, award)  # a DelegationError unless one covers it on the day
    org = s.get(Organisation, rule.organisation_id)
    assert org is not None
    if award.region not in (org.region, "BADA"):
        problems.append(f"delegation of {org.region} for an award of {award.region}")
    if Parties(award.region).label not in rule.reference:
        problems.append(f"the decision cites {rule.reference}")
    return problems


def _total_on_its_date(services: Services, s: Session, award: DirectAward) -> list[str]:
    """The same-kind total as it stood on the decision date (awards dated up to that day)."""
    others = [
        r
        for r in rules.same_year_refs(s, award.same_kind_key, award.award_date, award.id)
        if r.award_date <= award.award_date
    ]
    totals = same_kind_totals(rules.award_ref(award), others, services.direct_awards._table())
    return [t.describe() for t in totals if t.reached]


def _pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    from io import BytesIO

    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def _file_problems(services: Services, s: Session, award: DirectAward) -> list[str]:
    """The stored files open: documentation, decision, scan with the recorded checksums."""
    da = services.direct_awards
    problems = []
    documentation, decision = da.documentation_pdf(award.id), da.decision_pdf(award.id)
    if not (documentation.startswith(b"%PDF") and decision.startswith(b"%PDF")):
        problems.append("a stored file is no PDF")
    stored = {
        f.sha256 for f in s.scalars(select(Attachment).where(Attachment.owner_id == award.id))
    }
    if not {award.documentation_sha256, award.decision_sha256, award.signed_pdf_sha256} <= stored:
        problems.append("recorded checksums do not match the stored files")
    for name, content in (("documentation", documentation), ("decision", decision)):
        text = _pdf_text(content)
        if "UTKAST" in text or "Förhandsvisning" in text or "Klar för beslut" in text:
            problems.append(f"the stored {name} is a draft preview, not the record as signed")
    check = da.validate_signature(award.id)
    if check.verdict != "papper" or not check.checksum_matches:
        problems.append(f"signature check: {check.text}")
    return problems


def test_every_rule_over_the_whole_demo_finds_nothing(demo: Services) -> None:
    """Runs every rule check on every demo record; the list of findings stays empty.

    Direct awards (finished "klar" and signed/replaced): the 19 a kap. assessment the
    services run at completion and signing (same-kind total of the fiscal year under the
    direktupphandlingsgräns, documentation items from 100 000 kr, the guideline's number of
    suppliers asked, "finns avtal?" checked against the catalogue as of the decision date
    with a reason for a hit, the record's text agreeing with what the catalogue finds,
    supplier, decision maker and decision text); the delegation in force on the decision
    date covering the value, of the award's own region and citing that region's
    delegationsordning. Signed awards also: the same-kind total as it stood on the decision
    date; no jäv blocker; the documentation, the decision and the signed scan stored,
    opening as PDFs, with the recorded checksums; "Kontrollera signatur" confirming the
    scan; signed by the decision maker, on another day only with a reason. Contracts: annual
    value ≤ total value, end ≥ start, a period in the title ("2023–2027") equal to the years
    it runs, exercised options with passed deadlines, call-offs inside their framework and
    under its code. CPV: every code of contracts, plan items and awards in the shipped
    vocabulary, and every title the demo catalogue knows bought under its own code.
    """
    findings: Counter[str] = Counter()
    with demo.context.sessions() as s:
        awards = list(s.scalars(select(DirectAward)))
        for award in awards:
            status = AwardStatus(award.status)
            if status in COUNTED_STATUSES or status.is_signed:
                problems = _award_problems(demo, s, award)
                findings.update(f"{award.diarienummer}: {p}" for p in problems)
            if not status.is_signed:
                continue
            findings.update(_total_on_its_date(demo, s, award))
            findings.update(demo.jav.signing_blockers(direct_award_id=award.id))
            findings.update(_file_problems(demo, s, award))
            if award.signed_by_id != award.decision_maker_id:
                findings[f"{award.diarienummer} signed by another person"] += 1
            assert award.signed_at is not None
            late = award.signed_at.date() != award.award_date
            if late != bool(award.decision_date_reason.strip()):
                findings[f"{award.diarienummer} signing day and reason disagree"] += 1
        contracts = {c.id: c for c in s.scalars(select(Contract))}
        findings.update(_contract_findings(contracts))
        findings.update(_option_findings(list(s.scalars(select(ContractOption)))))
        plan_codes = list(s.execute(select(PlanItem.title, PlanItemCpv.cpv).join(PlanItemCpv)))
        assert plan_codes
        bought = [(a.title, a.cpv) for a in awards] + [(t, c) for t, c in plan_codes]
        findings.update(_cpv_findings(bought, [c.cpv for c in contracts.values()]))
    assert sum(AwardStatus(a.status).is_signed for a in awards) >= 20
    assert not findings, "\n".join(sorted(findings))


def _contract_findings(contracts: dict) -> list[str]:
    """Values, dates and periods of the contract portfolio."""
    found = []
    for c in contracts.values():
        if c.annual_value_ore > c.total_value_ore:
            found.append(f"{c.contract_number}: annual value above total value")
        if c.end_date < c.start_date:
            found.append(f"{c.contract_number}: ends before it starts")
        period = PERIOD.search(c.title)
        if period and (int(period[1]), int(period[2])) != (c.start_date.year, c.end_date.year):
            runs = f"{c.start_date}–{c.end_date}"
            found.append(f"{c.contract_number}: titled {period[0]}, runs {runs}")
        parent = contracts.get(c.framework_id)
        if parent is not None and not parent.start_date <= c.start_date <= parent.end_date:
            found.append(f"{c.contract_number}: call-off outside its framework")
        if parent is not None and parent.cpv != c.cpv:
            found.append(f"{c.contract_number}: call-off under another code than its framework")
        wanted = TITLE_CPV.get(base_title(c.title)) if parent is None else c.cpv
        if wanted is not None and wanted != c.cpv:
            found.append(f"{c.contract_number}: {c.title} under {c.cpv} {cpv_name(c.cpv)}")
    return found


def _cpv_findings(bought: list[tuple[str, str]], other_codes: list[str]) -> list[str]:
    """Every code in the vocabulary, and a title the catalogue knows under its own code."""
    found = [f"{code} not in the vocabulary" for code in other_codes if not cpv_name(code)]
    for title, code in bought:
        if not cpv_name(code):
            found.append(f"{code} not in the vocabulary")
        wanted = AWARD_CPV.get(title) or TITLE_CPV.get(base_title(title))
        if wanted is not None and wanted != code:
            found.append(f"{title} under {code} {cpv_name(code)}")
    return found


def _option_findings(options: list) -> list[str]:
    """An exercised option was decided before its deadline passed, so the deadline is past."""
    return [
        f"option {o.id}: exercised with a deadline after today"
        for o in options
        if o.decision == OptionDecision.UTNYTTJAD.value and o.decision_deadline > TODAY
    ]


def test_demo_titles_are_bought_under_their_own_cpv_code() -> None:
    names = cpv_vocabulary()
    pairs = [pair for c in CATEGORIES for pair in c.items]
    pairs += [(title, cpv) for title, cpv, _ in DIRECT_AWARD_TITLES]
    assert all(names.name(cpv) for _, cpv in pairs)
    chosen = dict(pairs)
    assert names.name(chosen["El – leverans till regionens anläggningar"]) == "Elektricitet"
    assert names.name(chosen["Ultraljudsutrustning"]) == "Ultraljudsapparater"
    assert names.name(chosen["Röntgenutrustning inklusive service"]) == "Röntgenapparater"
    assert "vacciner" in names.name(chosen["Vacciner – säsongsinfluensa"])
    assert names.name(chosen["Medicinska gaser"]) == "Medicinska gaser"
