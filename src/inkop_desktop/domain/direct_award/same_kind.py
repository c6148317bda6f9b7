"""Same-kind aggregation of direct awards per authority and fiscal year (19 a kap. 3 § LOU)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict

from inkop_desktop.domain.calendar import fiscal_year
from inkop_desktop.domain.direct_award.status import (
    CITES,
    COUNTED_STATUSES,
    AwardStatus,
    LegalGround,
)
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.identifiers import cpv_group
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey


def same_kind_key(cpv: str, override: str = "", reason: str = "") -> str:
    """The CPV group (first three digits) unless overridden with a written reason."""
    default = cpv_group(cpv)
    key = override.strip()
    if not key or key == default:
        return default
    if not reason.strip():
        raise ValidationError(
            f"Nyckeln för samma slag ”{key}” avviker från CPV-gruppen {default}: ange varför.",
            field="same_kind_reason",
        )
    return key


class AwardRef(BaseModel):
    """What aggregation needs to know about one direct award."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")
    id: uuid.UUID
    diarienummer: str
    title: str
    parties: Parties
    same_kind_key: str
    value_ore: int
    award_date: date
    status: AwardStatus
    supersedes_id: uuid.UUID | None = None
    signed_at: datetime | None = None


@dataclass(frozen=True)
class SameKindTotal:
    """One authority's running total of awards of one kind in one fiscal year."""

    region: Region
    key: str
    year: int
    earlier: tuple[AwardRef, ...]
    own: Money
    limit: DatedValue

    @property
    def total(self) -> Money:
        """The other awards plus this one."""
        return sum((Money(a.value_ore) for a in self.earlier), self.own)

    @property
    def reached(self) -> bool:
        """A direct award below the limit must have a total under it (19 a kap. 3 §)."""
        return self.total >= self.limit.money

    def describe(self) -> str:
        """``Region Sörmland 2025, samma slag 331: 750 000 kr av gränsen 700 000 kr``."""
        return (
            f"{self.region.label} {self.year}, samma slag {self.key}: {self.total.format()} "
            f"(gränsen {self.limit.money.format()})"
        )


def _instant(moment: datetime) -> datetime:
    """A stored time as an aware one (SQLite returns it without zone, in UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def decided_before(other: AwardRef, signed: AwardRef) -> bool:
    """True when *other* stood decided on the decision date of the *signed* award.

    Awards dated earlier count; on the same day only those signed before it; later ones never
    (a signed decision is judged as the totals stood when it was made).
    """
    if other.award_date != signed.award_date:
        return other.award_date < signed.award_date
    if other.signed_at is None or signed.signed_at is None:
        return False
    return _instant(other.signed_at) < _instant(signed.signed_at)


def counts_with(other: AwardRef, current: AwardRef, region: Region) -> bool:
    """True when *other* is another finished award of the same kind, authority and year.

    A joint purchase (both regions) counts for each party; a replaced record and the record the
    current one corrects are left out so a correction is not counted twice. For a signed award
    only the awards that stood decided on its decision date count.
    """
    return (
        (not current.status.is_signed or decided_before(other, current))
        and other.id != current.id
        and other.id != current.supersedes_id
        and other.status in COUNTED_STATUSES
        and other.same_kind_key == current.same_kind_key
        and fiscal_year(other.award_date) == fiscal_year(current.award_date)
        and region in other.parties.regions()
    )


def same_kind_totals(
    current: AwardRef, others: Iterable[AwardRef], table: ReferenceTable
) -> list[SameKindTotal]:
    """One running total per authority the award is made for, against the limit of its date."""
    pool = list(others)
    limit = table.as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, current.award_date)
    replaced = {a.supersedes_id for a in pool if a.supersedes_id and a.status in COUNTED_STATUSES}
    totals = []
    for region in current.parties.regions():
        earlier = tuple(
            sorted(
                (a for a in pool if a.id not in replaced and counts_with(a, current, region)),
                key=lambda a: (a.award_date, a.diarienummer),
            )
        )
        totals.append(
            SameKindTotal(
                region=region,
                key=current.same_kind_key,
                year=fiscal_year(current.award_date),
                earlier=earlier,
                own=Money(current.value_ore),
                limit=limit,
            )
        )
    return totals


def aggregated_value(totals: Iterable[SameKindTotal]) -> Money:
    """The highest total over the authorities (what the documentation duty is counted on)."""
    return max((t.total for t in totals), default=Money.zero())


def limit_problem(totals: Iterable[SameKindTotal], ground: LegalGround) -> str | None:
    """Why the award is blocked by the same-kind total, or None (19 a kap. 3 §)."""
    if ground is not LegalGround.UNDER_GRANS:
        return None
    reached = [t for t in totals if t.reached]
    if not reached:
        return None
    worst = max(reached, key=lambda t: t.total)
    return (
        f"Direktupphandlingar av samma slag når direktupphandlingsgränsen: {worst.describe()}. "
        f"Direktupphandling på grund av lågt värde är inte tillåten ({CITES['same_kind']}); "
        "annonsera upphandlingen eller ange en annan grund."
    )
