"""Finish, print, sign (paper or PAdES), validate and correct a direct-award decision."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from inkop_desktop.db.base import utcnow
from inkop_desktop.db.tables import Attachment, DirectAward
from inkop_desktop.documents import signing
from inkop_desktop.documents.direct_award.certificate import certificate_subject
from inkop_desktop.documents.direct_award.doc import RenderedDecision
from inkop_desktop.documents.direct_award.pdf import documentation_pdf, render_decision
from inkop_desktop.documents.scans import scan_suffix
from inkop_desktop.domain.attachments import check_size, sha256_hex
from inkop_desktop.domain.direct_award.delegation import DelegationError, DelegationRuleRef
from inkop_desktop.domain.direct_award.signer import (
    REASON_LABEL,
    check_subject,
    signing_day_reason,
)
from inkop_desktop.domain.direct_award.status import AwardStatus, SignatureMethod, transition
from inkop_desktop.domain.errors import DomainError, TransitionError
from inkop_desktop.domain.input_types import checked_text, printable
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services import avsteg, visibility
from inkop_desktop.services.admin import trusted_roots
from inkop_desktop.services.direct_award import docs, store
from inkop_desktop.services.direct_award import facts as rules
from inkop_desktop.services.direct_award.dto import DirectAwardDetail, SignatureCheck
from inkop_desktop.services.direct_award.records import AwardServiceBase

DOC_PREFIX = "Dokumentation "
SIGNED_SUFFIX = " signerat.pdf"
CERT_PREFIX = "Signeringscertifikat "
SCAN_PREFIX = "Underskrivet beslut "
Ready = tuple[ReferenceTable, rules.Found, list[str]]
"""Reference data, contract hits and jäv blockers gathered before the signing session."""


def _refusal(heading: str, problems: list[str]) -> DomainError:
    """One Swedish error listing every problem."""
    return DomainError(heading + "\n• " + "\n• ".join(problems), message_id="direct_award.refused")


UNTRUSTED = (
    "Certifikatet är utfärdat av {issuer}, som inte finns bland de betrodda utfärdarna, så "
    "signaturen skulle inte visa vem som beslutade. Använd ett certifikat från regionens "
    "utfärdare eller en e-legitimation, eller be en administratör lägga in utfärdaren under "
    "Administration → Betrodda utfärdare. Inget har sparats."
)


def _check_trusted(session: Session, p12: bytes, passphrase: str, issuer: str) -> None:
    """Refuse a certificate whose chain reaches no configured issuer (none configured: allow)."""
    roots = trusted_roots(session)
    if roots and not signing.chain_reaches(p12, passphrase, roots):
        raise DomainError(UNTRUSTED.format(issuer=issuer), message_id="signing.untrusted")


def _file(session: Session, award_id: uuid.UUID, prefix: str, suffix: str = "") -> Attachment:
    """A stored file of a signed record by its name."""
    for f in store.files(session, award_id):
        if f.filename.startswith(prefix) and f.filename.endswith(suffix):
            return f
    raise DomainError("Den signerade handlingen saknas.", message_id="direct_award.file_missing")


class SigningMixin(AwardServiceBase):
    """The decision's life after the record is filled in."""

    def complete(self, award_id: uuid.UUID, version: int) -> DirectAwardDetail:
        """Utkast → klar för beslut, once every rule is met (19 a kap. 3, 11 §§, delegation)."""
        table = self._table()
        with self._session() as s:
            self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_draft(s, award_id, version)
            hits = self._hits({"region": row.region, "cpv": row.cpv, "award_date": row.award_date})
        outside: tuple[avsteg.Where, str] | None = None
        try:
            with self._session() as s:
                self._require(s, Act.DIRECT_AWARD_EDIT)
                row = store.load_draft(s, award_id, version)
                problems = list(rules.assessment(s, row, table, hits).problems)
                try:
                    row.delegation_rule_id = rules.delegation(s, row).id
                except DelegationError as exc:
                    problems.append(exc.text)
                    outside = (avsteg.award_where(row), exc.text)
                if problems:
                    raise _refusal("Direktupphandlingen kan inte göras klar för beslut:", problems)
                row.status = transition(AwardStatus(row.status), AwardStatus.KLAR).value
                s.flush()
                return store.detail(s, row)
        except DomainError:
            if outside is not None:
                avsteg.outside_delegation(self._ctx.sessions, self.actor, *outside)
            raise

    def reopen(self, award_id: uuid.UUID, version: int) -> DirectAwardDetail:
        """Klar för beslut → utkast, to change something before signing."""
        with self._session() as s:
            who = self._require(s, Act.DIRECT_AWARD_EDIT)
            row = store.load_opened(s, award_id, version)
            before = visibility.people(s, row)
            row.status = transition(AwardStatus(row.status), AwardStatus.UTKAST).value
            visibility.check_award_change(who, before, visibility.people(s, row))
            s.flush()
            return store.detail(s, row)

    def documentation_pdf(self, award_id: uuid.UUID) -> bytes:
        """The documentation: the stored copy once signed, else generated now."""
        table, found = self._table(), self._found_for(award_id)
        with self._session() as s:
            row = store.load(s, award_id)
            if AwardStatus(row.status).is_signed:
                return _file(s, award_id, DOC_PREFIX).content
            return documentation_pdf(docs.build(s, row, table, found=found))

    def decision_pdf(self, award_id: uuid.UUID) -> bytes:
        """The decision: the signed (or signed-on-paper) copy once signed, else a preview."""
        table, found = self._table(), self._found_for(award_id)
        with self._session() as s:
            row = store.load(s, award_id)
            if row.signature_method == SignatureMethod.PADES:
                return _file(s, award_id, docs.DECISION_PREFIX, SIGNED_SUFFIX).content
            if AwardStatus(row.status).is_signed:
                return _file(s, award_id, docs.DECISION_PREFIX, ".pdf").content
            return self._render(s, row, table, store_files=False, found=found).content

    def paper_copy_pdf(self, award_id: uuid.UUID) -> bytes:
        """The finished decision to print and sign by hand (lines, no UTKAST), for its maker."""
        table, found = self._table(), self._found_for(award_id)
        with self._session() as s:
            row = store.load(s, award_id)
            self._require(s, Act.DIRECT_AWARD_SIGN, named=row.decision_maker_id)
            if row.status != AwardStatus.KLAR:
                raise TransitionError(
                    "Gör direktupphandlingen klar för beslut innan beslutet skrivs ut för "
                    "underskrift."
                )
            paper = SignatureMethod.PAPPER
            return self._render(s, row, table, store_files=False, method=paper, found=found).content

    def _render(
        self,
        s: Session,
        row: DirectAward,
        table: ReferenceTable,
        *,
        store_files: bool,
        signed_on: date | None = None,
        method: SignatureMethod | None = None,
        found: rules.Found | None = None,
    ) -> RenderedDecision:
        """The documentation as filed on signing (stored then) and the decision listing it.

        A preview lists the documentation as it would be filed today; *method* None is a preview.
        """
        filed_on = signed_on or date.today()
        content = documentation_pdf(docs.build(s, row, table, signed_on=filed_on, found=found))
        name = f"{DOC_PREFIX}{row.diarienummer}.pdf"
        if store_files:
            store.store_file(s, row.id, name, content, "Dokumentation av direktupphandling")
            listed = docs.stored_attachments(s, row.id)
        else:
            from inkop_desktop.documents.direct_award.doc import AttachmentLine

            line = AttachmentLine(name, sha256_hex(content), len(content))
            listed = (*docs.stored_attachments(s, row.id), line)
        decision = docs.build(s, row, table, listed, signed_on=signed_on, found=found)
        return render_decision(replace(decision, signature_method=method))

    def _ready(self, award_id: uuid.UUID, reason: str) -> Ready:
        """Refuse anyone but the decision maker and a missing reason, then gather what to check."""
        with self._session() as s:
            row = store.load(s, award_id)
            self._require(s, Act.DIRECT_AWARD_SIGN, named=row.decision_maker_id)
            signing_day_reason(row.award_date, date.today(), reason)
            values = {"region": row.region, "cpv": row.cpv, "award_date": row.award_date}
        table = self._table()
        return table, self._hits(values), self._gate.signing_blockers(direct_award_id=award_id)

    def _sign_checks(
        self, s: Session, award_id: uuid.UUID, version: int, ready: Ready, reason: str
    ) -> tuple[DirectAward, DelegationRuleRef]:
        """Refuse a signature unless the record is finished, allowed, delegated and jäv-free.

        Only the decision maker named on the record may sign (nobody steps in), and only
        within a delegation that covers the value on the decision date; signing on another
        day than the decision date needs a written reason, stored with the signature.
        """
        table, hits, jav = ready
        row = store.load_opened(s, award_id, version)
        self._require(s, Act.DIRECT_AWARD_SIGN, named=row.decision_maker_id)
        day_reason = signing_day_reason(row.award_date, date.today(), reason)
        if row.status != AwardStatus.KLAR:
            raise TransitionError("Gör direktupphandlingen klar för beslut innan den signeras.")
        if jav:
            raise _refusal("Beslutet kan inte signeras förrän jävsfrågorna är klara:", jav)
        problems = rules.assessment(s, row, table, hits).problems
        if problems:
            raise _refusal("Beslutet kan inte signeras:", problems)
        rule = rules.delegation(s, row)
        row.decision_date_reason = day_reason
        return row, rule

    def _seal(
        self,
        s: Session,
        row: DirectAward,
        rule: DelegationRuleRef,
        method: SignatureMethod,
        signed: bytes,
    ) -> DirectAwardDetail:
        """Mark the record signed (after its files are stored) and replace a corrected one."""
        documentation = _file(s, row.id, DOC_PREFIX)
        decision = _file(
            s, row.id, docs.DECISION_PREFIX, store.file_name(f"{row.diarienummer}.pdf")
        )
        row.documentation_sha256 = documentation.sha256
        row.decision_sha256 = decision.sha256
        row.signed_pdf_sha256 = sha256_hex(signed)
        row.signature_method = method.value
        row.signed_at = utcnow()
        row.signed_by_id = row.decision_maker_id
        row.delegation_rule_id = rule.id
        row.status = transition(AwardStatus(row.status), AwardStatus.SIGNERAD).value
        s.flush()  # the signed correction is stored first: only then may the old become ersatt
        if row.supersedes_id is not None:
            old = store.load(s, row.supersedes_id)
            if old.status == AwardStatus.SIGNERAD:
                old.status = transition(AwardStatus.SIGNERAD, AwardStatus.ERSATT).value
        s.flush()
        return store.detail(s, row)

    def sign_on_paper(
        self, award_id: uuid.UUID, version: int, scan: bytes, filename: str, reason: str = ""
    ) -> DirectAwardDetail:
        """The decision was printed and signed by hand: store it with the scanned copy.

        *reason*: why it is signed on another day than the decision date (required then).
        """
        reason = checked_text(reason, REASON_LABEL)
        ready = self._ready(award_id, reason)
        check_size(len(scan))
        if not scan:
            raise DomainError("Bifoga den skannade, underskrivna kopian.", message_id="scan.empty")
        suffix = scan_suffix(scan)
        with self._session() as s:
            row, rule = self._sign_checks(s, award_id, version, ready, reason)
            rendered = self._render(
                s, row, ready[0], store_files=True, signed_on=date.today(),
                method=SignatureMethod.PAPPER,
            )  # fmt: skip
            dnr = row.diarienummer
            store.store_file(
                s, row.id, f"{docs.DECISION_PREFIX}{dnr}.pdf", rendered.content, "Beslut"
            )
            name = f"{SCAN_PREFIX}{dnr} (skannat){suffix}"
            store.store_file(
                s, row.id, name, scan, f"Skannad kopia, originalfil {printable(filename)}"
            )
            return self._seal(s, row, rule, SignatureMethod.PAPPER, scan)

    def sign_pades(
        self, award_id: uuid.UUID, version: int, p12: bytes, passphrase: str, reason: str = ""
    ) -> DirectAwardDetail:
        """Sign the decision digitally (PAdES) with the decision maker's own PKCS#12 file.

        A certificate issued to someone else is refused (domain.direct_award.signer states
        the rule); *reason* as for sign_on_paper.
        """
        reason = checked_text(reason, REASON_LABEL)
        ready = self._ready(award_id, reason)
        info = signing.signer_info(p12, passphrase)
        subject = certificate_subject(p12, passphrase)
        with self._session() as s:
            row, rule = self._sign_checks(s, award_id, version, ready, reason)
            maker = store.load_person(s, row.decision_maker_id)
            check_subject(subject, maker.name, maker.email)
            _check_trusted(s, p12, passphrase, subject.issuer or info.subject)
            rendered = self._render(
                s, row, ready[0], store_files=True, signed_on=date.today(),
                method=SignatureMethod.PADES,
            )  # fmt: skip
            dnr = row.diarienummer
            store.store_file(
                s, row.id, f"{docs.DECISION_PREFIX}{dnr}.pdf", rendered.content, "Beslut"
            )
            request = signing.SignRequest(
                page=rendered.signature_page,
                box=rendered.signature_box,
                name=info.subject,
                reason=f"Beslut om direktupphandling {dnr}",
                location=rules.authorities(s, Parties(row.region))[0][0],
            )
            signed = signing.sign_pdf(rendered.content, p12, passphrase, request)
            store.store_file(
                s,
                row.id,
                f"{docs.DECISION_PREFIX}{dnr}{SIGNED_SUFFIX}",
                signed,
                f"Signerat av {info.subject}",
            )
            store.store_file(
                s,
                row.id,
                f"{CERT_PREFIX}{dnr}.pem",
                info.chain_pem,
                "Certifikatkedjan vid signeringen",
            )
            return self._seal(s, row, rule, SignatureMethod.PADES, signed)

    def signed_scan(self, award_id: uuid.UUID) -> tuple[str, bytes]:
        """The stored scan of a decision signed on paper: its file name and content."""
        with self._session() as s:
            row = store.load(s, award_id)
            if row.signature_method != SignatureMethod.PAPPER:
                raise DomainError(
                    "Beslutet är inte underskrivet på papper, så det finns ingen skannad kopia.",
                    message_id="direct_award.no_scan",
                )
            scan = _file(s, award_id, SCAN_PREFIX)
            return scan.filename, scan.content

    def validate_signature(self, award_id: uuid.UUID, data: bytes | None = None) -> SignatureCheck:
        """Validate the stored signed decision (or a copy of it) offline."""
        with self._session() as s:
            row = store.load(s, award_id)
            if row.signature_method == SignatureMethod.PAPPER:
                scan = _file(s, award_id, SCAN_PREFIX)
                content = scan.content if data is None else data
                same = sha256_hex(content) == row.signed_pdf_sha256
                text = "Underskrivet på papper. " + (
                    "Den skannade kopian är oförändrad (kontrollsumman stämmer)."
                    if same
                    else "Kopian har ändrats: kontrollsumman stämmer inte med den sparade."
                )
                return SignatureCheck(verdict="papper", text=text, checksum_matches=same)
            if row.signature_method != SignatureMethod.PADES:
                raise DomainError("Beslutet är inte signerat.", message_id="direct_award.unsigned")
            stored = _file(s, award_id, docs.DECISION_PREFIX, SIGNED_SUFFIX).content
            chain = _file(s, award_id, CERT_PREFIX).content
            roots = trusted_roots(s)
            expected = row.signed_pdf_sha256
        content = stored if data is None else data
        report = signing.validate_pdf(content, roots, chain)
        same = sha256_hex(content) == expected
        text = (
            report.text
            if same
            else report.text + " Filen är inte den som sparades vid signeringen."
        )
        return SignatureCheck(verdict=report.verdict.value, text=text, checksum_matches=same)

    def correct(self, award_id: uuid.UUID) -> DirectAwardDetail:
        """A correction: a new draft that refers to the signed record (replaced when signed)."""
        with self._session() as s:
            self._require(s, Act.DIRECT_AWARD_EDIT)
            old = store.load(s, award_id)
            if old.status != AwardStatus.SIGNERAD:
                raise TransitionError("Bara ett signerat beslut som inte redan ersatts kan rättas.")
            pending = store.correction_of(s, award_id)
            if pending is not None:
                raise TransitionError(f"Det finns redan en rättelse: {pending}.")
            row = DirectAward(
                version=1,
                status=AwardStatus.UTKAST.value,
                supersedes_id=old.id,
                diarienummer=store.correction_number(s, old.diarienummer),
                **{k: getattr(old, k) for k in store.COPIED},
            )
            s.add(row)
            s.flush()
            store.copy_quotes(s, old.id, row.id)
            return store.detail(s, row)
