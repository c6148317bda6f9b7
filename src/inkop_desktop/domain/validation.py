"""Turn pydantic validation failures into one Swedish message."""

from __future__ import annotations

from typing import Any, TypeVar, get_args

import pydantic
from pydantic import BaseModel, ConfigDict

from inkop_desktop.domain.errors import ValidationError

M = TypeVar("M", bound=BaseModel)

STRICT = ConfigDict(strict=True, extra="forbid", frozen=True, str_strip_whitespace=True)
"""Model config for every input crossing a boundary."""


class FieldProblem(ValueError):
    """A rule of the whole record that one field breaks: the problem is shown at *field*."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(text)
        self.field = field


def _field(error: Any) -> str | None:
    """The top-level field a pydantic error belongs to (a FieldProblem names its own)."""
    loc = tuple(error["loc"])
    if loc:
        return str(loc[0])
    cause = error.get("ctx", {}).get("error")
    return cause.field if isinstance(cause, FieldProblem) else None


_MESSAGES = {
    "missing": "måste fyllas i",
    "extra_forbidden": "är inte ett känt fält",
    "string_too_short": "måste fyllas i",
    "string_too_long": "är för långt (högst {max_length} tecken)",
    "greater_than_equal": "får inte vara mindre än {ge}",
    "greater_than": "måste vara större än {gt}",
    "less_than_equal": "får inte vara större än {le}",
    "int_type": "måste vara ett heltal",
    "int_parsing": "måste vara ett heltal",
    "date_type": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "string_type": "måste vara text",
    "string_unicode": "Texten innehåller ett ogiltigt tecken (en halv teckenkod).",
    "int_from_float": "måste vara ett heltal",
    "too_short": "måste fyllas i",
    "too_long": "är för långt (högst {max_length})",
    "tuple_type": "måste vara en lista",
    "dict_type": "måste fyllas i som en rad med fält",
    "model_type": "måste fyllas i som en rad med fält",
    "bool_type": "måste vara ja eller nej",
    "enum": "har ett värde som inte finns i listan",
    "uuid_type": "måste väljas i listan",
    "literal_error": "har ett värde som inte finns i listan",
}


def _label(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """The Swedish field title for an error location, following nested rows ("rad 2")."""
    if not loc:
        return ""
    field = model.model_fields.get(str(loc[0]))
    if field is None:
        return str(loc[0])
    title = field.title or str(loc[0])
    rest = loc[1:]
    if rest and isinstance(rest[0], int):
        title += f" rad {rest[0] + 1}"
        rest = rest[1:]
    nested = _nested_model(field.annotation)
    if rest and nested is not None:
        return f"{title}, {_label(nested, rest)}"
    return title


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``tuple[Model, ...]`` or ``list[Model]``, if any."""
    candidates = (annotation, *get_args(annotation))
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _text(error: Any) -> str:
    """Swedish text for one pydantic error."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if error.get("input") is None and error["type"] in ("is_instance_of", "uuid_type"):
        return "måste väljas"
    if error["type"] == "greater_than_equal" and error["ctx"].get("ge") == 0:
        return "får inte vara negativt"
    template = _MESSAGES.get(error["type"], "har ett ogiltigt värde")
    return template.format(**error.get("ctx", {}))


def swedish_message(model: type[BaseModel], exc: pydantic.ValidationError) -> ValidationError:
    """One ValidationError listing every problem as "Fält: fel" and carrying each by field."""
    problems: list[tuple[str | None, str]] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        label = _label(model, loc)
        text = _text(error)
        problems.append((_field(error), f"{label}: {text}" if label else text))
    return ValidationError("\n".join(t for _f, t in problems), problems=problems)


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate *data* as *model*, raising a Swedish ValidationError."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise swedish_message(model, exc) from None


def field_messages(
    model: type[BaseModel], exc: pydantic.ValidationError
) -> list[tuple[str | None, str]]:
    """(top-level field, or None for the whole record; Swedish text) for every problem.

    A problem inside a nested item names it: ``rad 2, Kontaktperson: måste fyllas i``.
    """
    found: list[tuple[str | None, str]] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        text = _text(error)
        if len(loc) > 1:
            detail = _label(model, loc)[len(_label(model, loc[:1])) :].lstrip(", ")
            text = f"{detail}: {text}" if detail else text
        found.append((_field(error), text))
    return found
