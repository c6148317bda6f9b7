"""The Översikt's avtalstrohet picture reads the imported ledger (hand-computed shares)."""

from __future__ import annotations

from datetime import date

from inkop_desktop.services.overview import Scope
from inkop_desktop.services.registry import Services
from tests.services.compliance.setup import build_world, csv_file

DAY = date(2026, 11, 1)


def _import(services: Services) -> None:
    data = csv_file()
    preview = services.compliance.preview(data, "reskontra.csv")
    services.compliance.import_file(data, "reskontra.csv", preview.mapping)


def test_overview_shows_share_on_contract_per_namnd(services: Services, sessions) -> None:
    world = build_world(sessions)
    provider = services.pictures.compliance
    assert provider.share_on_contract_by_namnd(Scope(), DAY) is None  # "Ingen reskontra inläst"
    _import(services)
    shares = provider.share_on_contract_by_namnd(Scope(), DAY)
    assert shares == {world.hsn: 2, world.nhs: 72, None: 33}  # 20/860, 130/180, 5/15
    assert provider.share_on_contract_by_namnd(Scope(region="SRM"), DAY) == {world.nhs: 72}
    only_hsn = Scope(members=(world.hsn,))
    assert provider.share_on_contract_by_namnd(only_hsn, DAY) == {world.hsn: 2}
    picture = services.pictures.pictures("", None, DAY).picture("avtalstrohet")
    drawn = {bar.label: bar.values for bar in picture.bars}
    assert drawn == {
        "Nämnden för hälsa och sjukvård": (72,),
        "Hälso- och sjukvårdsnämnden": (2,),
        "Ingen nämnd angiven": (33,),
    }
