"""What a user enters for a direct award and its quotes, validated strictly."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from inkop_desktop.domain.direct_award.same_kind import same_kind_key
from inkop_desktop.domain.direct_award.status import LegalGround, ReceivedHow
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.identifiers import CpvCode
from inkop_desktop.domain.input_types import Day, Text
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.validation import STRICT

_TEXT = 10000


def _kronor(value: Any) -> Any:
    """Kronor typed by the user; a bad amount is reported under the field's title."""
    if isinstance(value, str):
        try:
            return Money.kronor(value)
        except ValidationError as exc:
            raise ValueError(exc.text) from None
    return value


Kronor = Annotated[Money, BeforeValidator(_kronor)]
"""An amount in kronor, given as Money or as text such as ``125 000`` or ``99,50``."""


class DirectAwardInput(BaseModel):
    """The guided record's fields (a draft may leave most of them empty)."""

    model_config = STRICT

    region: Parties = Field(title="Upphandlande myndighet")
    organisation_id: UUID | None = Field(default=None, title="Nämnd/förvaltning")
    requester_id: UUID | None = Field(default=None, title="Beställare")
    diarienummer: Text = Field(default="", max_length=40, title="Diarienummer")
    title: Text = Field(min_length=1, max_length=300, title="Vad köps")
    description: Text = Field(default="", max_length=_TEXT, title="Beskrivning av behovet")
    cpv: CpvCode = Field(title="CPV-kod")
    same_kind_key: Text = Field(default="", max_length=20, title="Samma slag (nyckel)")
    same_kind_reason: Text = Field(default="", max_length=_TEXT, title="Skäl för annan nyckel")
    competition: Text = Field(default="", max_length=_TEXT, title="Hur konkurrensen tillvaratogs")
    suppliers_asked: int = Field(default=0, ge=0, le=1000, title="Antal tillfrågade leverantörer")
    value: Kronor = Field(title="Värde exkl. moms")
    duration: Text = Field(default="", max_length=200, title="Leveranstid eller avtalstid")
    legal_ground: LegalGround = Field(title="Grund för direktupphandling")
    annex2_services: bool = Field(default=False, title="Sociala och andra särskilda tjänster")
    chosen_supplier_id: UUID | None = Field(default=None, title="Vald leverantör")
    award_reason: Text = Field(default="", max_length=_TEXT, title="Huvudsakliga skäl för valet")
    award_date: Day = Field(title="Beslutsdatum")
    decision_maker_id: UUID | None = Field(default=None, title="Beslutsfattare")
    decision_text: Text = Field(default="", max_length=_TEXT, title="Beslutstext")
    fewer_quotes_reason: Text = Field(default="", max_length=_TEXT, title="Skäl för färre offerter")
    efterannonsering_done: bool = Field(default=False, title="Efterannonserad")

    @model_validator(mode="after")
    def _checks(self) -> DirectAwardInput:
        """A negative value is refused; an overridden same-kind key needs a reason."""
        if self.value.is_negative():
            raise ValueError("Värdet får inte vara negativt.")
        key = same_kind_key(self.cpv, self.same_kind_key, self.same_kind_reason)
        object.__setattr__(self, "same_kind_key", key)
        return self


class QuoteInput(BaseModel):
    """One received quote (secret until the decision, OSL 19 kap. 3 §)."""

    model_config = STRICT

    supplier_id: UUID = Field(title="Leverantör")
    amount: Kronor = Field(title="Belopp exkl. moms")
    received_on: Day = Field(title="Mottagen")
    received_how: ReceivedHow = Field(default=ReceivedHow.EPOST, title="Hur den kom in")
    notes: Text = Field(default="", max_length=_TEXT, title="Utvärdering och anteckningar")

    @model_validator(mode="after")
    def _positive(self) -> QuoteInput:
        """A quote is a positive amount."""
        if self.amount.ore <= 0:
            raise ValueError("Offertens belopp måste vara större än noll.")
        return self
