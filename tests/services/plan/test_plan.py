"""Upphandlingsplanen through the services, on both engines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Avsteg, Organisation
from inkop_desktop.domain.errors import (
    ConcurrentEditError,
    DomainError,
    TransitionError,
    ValidationError,
)
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows


def _item(rows: BaseRows, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(
        title="Städtjänster vårdlokaler",
        year=2025,
        parties=Parties.SORMLAND,
        organisation_ids=(rows.region,),
        cpv_codes=("90910000-9",),
        estimated_total_ore=3_000_000_00,
        annual_value_ore=750_000_00,
        contract_months=24,
        option_months=24,
        procedure=Procedure.OPPET,
        responsible_id=rows.officer,
        planned_start=date(2025, 3, 1),
        needs_analysis_on=date(2025, 1, 15),
        advertise_on=date(2025, 3, 1),
        award_on=date(2025, 6, 1),
        contract_start_on=date(2025, 9, 1),
    )
    data.update(changes)
    return data


def test_create_numbers_per_year_and_round_trips(services: Services, base_rows: BaseRows) -> None:
    first = services.plan.create(_item(base_rows))
    second = services.plan.create(_item(base_rows, title="Fönsterputs"))
    assert (first.reference, second.reference) == ("UP-2025-0001", "UP-2025-0002")
    assert services.plan.get(first.id).data.cpv_codes == ("90910000-9",)
    row = services.plan.list(ListQuery(text="fönsterputs")).rows[0]
    assert (row.reference, row.responsible) == ("UP-2025-0002", "Karin Öberg")


def test_milestones_out_of_order_are_refused(services: Services, base_rows: BaseRows) -> None:
    with pytest.raises(
        ValidationError, match=r"Tilldelning \(2025-02-01\) kan inte ligga före annonsering"
    ):
        services.plan.create(_item(base_rows, award_on=date(2025, 2, 1)))


def test_lighter_procedure_needs_a_reason_and_is_recorded_as_avsteg(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(ValidationError, match="avsteg och kräver en skriftlig motivering"):
        services.plan.create(_item(base_rows, procedure=Procedure.FORENKLAT))
    services.plan.create(
        _item(base_rows, procedure=Procedure.FORENKLAT, procedure_reason="Brådskande behov")
    )
    with sessions() as s:
        avsteg = s.execute(select(Avsteg)).scalars().all()
    assert [(a.kind, a.reason) for a in avsteg] == [("lagre_forfarande", "Brådskande behov")]


def test_procedure_advice_across_the_threshold_date(
    services: Services, base_rows: BaseRows
) -> None:
    advice_2023 = services.plan.advice(2_300_000_00, date(2023, 6, 1), "90910000-9")
    advice_2024 = services.plan.advice(2_300_000_00, date(2024, 6, 1), "90910000-9")
    assert (advice_2023.level, advice_2024.level) == (2, 1)


def test_status_workflow(services: Services, base_rows: BaseRows) -> None:
    item = services.plan.create(_item(base_rows))
    moved = services.plan.move(item.id, item.version, PlanStatus.FORBEREDELSE)
    assert moved.status is PlanStatus.FORBEREDELSE
    with pytest.raises(
        TransitionError, match="kan inte gå från ”Förberedelse” till ”Avtal tecknat”"
    ):
        services.plan.move(item.id, moved.version, PlanStatus.AVTAL_TECKNAT)
    with pytest.raises(ConcurrentEditError):
        services.plan.move(item.id, item.version, PlanStatus.AVBRUTEN)
    assert services.plan.get(item.id).status is PlanStatus.FORBEREDELSE


def test_a_closed_item_can_no_longer_be_changed(services: Services, base_rows: BaseRows) -> None:
    item = services.plan.create(_item(base_rows))
    cancelled = services.plan.move(item.id, item.version, PlanStatus.AVBRUTEN)
    with pytest.raises(DomainError, match="avslutad \\(”Avbruten”\\) och kan inte längre ändras"):
        services.plan.update(item.id, cancelled.version, _item(base_rows, title="Ändrad"))
    stored = services.plan.get(item.id)
    assert (stored.data.title, stored.version) == ("Städtjänster vårdlokaler", cancelled.version)


def test_need_lands_as_behov_anmalt(services: Services, base_rows: BaseRows) -> None:
    need = services.plan.report_need(
        {
            "title": "Nya rullstolar",
            "description": "Ersätter slitna rullstolar på ortopeden.",
            "organisation_id": base_rows.region,
            "cpv": "33193000-5",
            "estimated_total_ore": 400_000_00,
            "needed_by": date(2026, 4, 1),
        }
    )
    assert need.status is PlanStatus.BEHOV_ANMALT
    assert (need.reference, need.data.parties) == ("UP-2026-0001", Parties.SORMLAND)


def test_coordination_flags_and_merges_the_same_need(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as s:
        vma = Organisation(version=1, name="Region Västmanland", kind="region", region="VMA")
        s.add(vma)
        s.flush()
        vma_id = vma.id
    a = services.plan.create(_item(base_rows))
    b = services.plan.create(
        _item(
            base_rows,
            parties=Parties.VASTMANLAND,
            organisation_ids=(vma_id,),
            cpv_codes=("90911200-8",),
            title="Lokalvård Västerås",
        )
    )
    services.plan.create(_item(base_rows, cpv_codes=("30190000-7",), title="Kontorsmaterial"))
    groups = services.plan.coordination()
    assert [(g.cpv_group, {i.reference for i in g.items}) for g in groups] == [
        ("909", {a.reference, b.reference})
    ]
    joint = services.plan.merge([a.id, b.id])
    assert joint.data.parties is Parties.BADA
    assert set(joint.data.organisation_ids) == {base_rows.region, vma_id}
    assert joint.data.estimated_total_ore == 6_000_000_00
    assert services.plan.get(a.id).merged_into == joint.reference
    assert services.plan.coordination() == []
    listed = {r.reference for r in services.plan.list(ListQuery()).rows}
    assert a.reference not in listed and joint.reference in listed


def test_timeline_has_one_bar_per_item(services: Services, base_rows: BaseRows) -> None:
    item = services.plan.create(_item(base_rows))
    bars = services.plan.timeline(2025)
    assert [(b.reference, b.start, b.end) for b in bars] == [
        (item.reference, date(2025, 1, 15), date(2025, 9, 1))
    ]
    assert [m for m, _ in bars[0].milestones] == [
        "Behovsanalys",
        "Annonsering",
        "Tilldelning",
        "Avtalsstart",
    ]


def test_printed_plan_follows_the_filter_and_escapes_text(
    services: Services, base_rows: BaseRows
) -> None:
    import io

    from pypdf import PdfReader

    services.plan.create(_item(base_rows, title='Städ & <b>service</b> <font color="[[[">'))
    services.plan.create(_item(base_rows, title="Fönsterputs", year=2026, planned_start=None))
    pdf = services.plan.print_pdf(ListQuery(filters={"year": "2025"}), "År: 2025")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Städ & <b>service</b>" in text and '<font color="[[[">' in text
    assert "Fönsterputs" not in text
    assert "Urval: År: 2025" in text and "1 planposter" in text


def test_the_stored_columns_are_every_field_of_the_input_but_its_child_lists() -> None:
    import uuid

    from inkop_desktop.domain.plan.input import PlanItemInput
    from inkop_desktop.domain.plan.status import Preparedness
    from inkop_desktop.services.plan import store

    who = uuid.uuid4()
    item = PlanItemInput(
        title="Städtjänster", description="Alla lokaler", year=2026, parties=Parties.BADA,
        organisation_ids=(who,), cpv_codes=("90910000-9",), estimated_total_ore=5_000_00,
        annual_value_ore=1_000_00, contract_months=12, option_months=12,
        procedure=Procedure.OPPET, procedure_reason="skäl", responsible_id=who,
        planned_start=date(2026, 3, 1), contract_start_on=date(2026, 9, 1),
        env_requirements="miljö", preparedness=Preparedness.INGEN, replaces_contract_id=who,
    )  # fmt: skip
    columns = store.columns(item)
    assert columns == item.model_dump(exclude={"organisation_ids", "cpv_codes"})
    assert {type(v) for v in columns.values()} == {type(v) for v in item.model_dump(
        exclude={"organisation_ids", "cpv_codes"}).values()}  # fmt: skip
    assert "cpv_codes" not in columns and columns["procedure"] is Procedure.OPPET
