"""What the Översikt pictures show: bars of counts or amounts, and the filters' choices."""

from __future__ import annotations

from pydantic import BaseModel

from inkop_desktop.services.dto import FROZEN


class Bar(BaseModel):
    """One bar: its key (what a click filters on), its label and one value per series."""

    model_config = FROZEN
    key: str
    label: str
    values: tuple[int, ...]


class Picture(BaseModel):
    """One chart: bars stacked by series, an optional limit line, the list a click opens."""

    model_config = FROZEN
    name: str
    title: str
    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    unit: str = "st"
    limit: int | None = None
    limit_label: str = ""
    opens: str = ""
    """The view a click opens ("" when the picture has no list behind it)."""
    empty_text: str = "Inga uppgifter för urvalet"


class OverviewPictures(BaseModel):
    """Every picture of the Översikt, and the nämnder the filter offers."""

    model_config = FROZEN
    pictures: tuple[Picture, ...]
    namnder: tuple[tuple[str, str], ...]

    def picture(self, name: str) -> Picture:
        """The picture called *name*."""
        return next(p for p in self.pictures if p.name == name)
