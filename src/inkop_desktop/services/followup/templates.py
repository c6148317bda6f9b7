"""Checklist templates: the shipped ones loaded idempotently, edited by administrators.

Saving a template whose points changed makes a new version (``current_version`` + 1) with new
item rows; the items of earlier versions stay as they were, so a follow-up started from them
keeps its version (its results carry copies of the texts anyway).
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import FollowupTemplate, FollowupTemplateItem
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.followup.input import TemplateInput, TemplateItemInput
from inkop_desktop.domain.followup.templates import load_templates
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.paths import resource
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.followup.dto import TemplateDetail, TemplateItemRow, TemplateRow

MISSING = "Checklistan finns inte längre."


def items_of(session: Session, template_id: uuid.UUID, version: int) -> list[FollowupTemplateItem]:
    """The items of one version of a template, in order."""
    stmt = (
        select(FollowupTemplateItem)
        .where(
            FollowupTemplateItem.template_id == template_id,
            FollowupTemplateItem.version_no == version,
        )
        .order_by(FollowupTemplateItem.ordinal)
    )
    return list(session.scalars(stmt))


def _add_items(
    session: Session, template_id: uuid.UUID, version: int, items: tuple[TemplateItemInput, ...]
) -> None:
    """New item rows of *version*."""
    for i, item in enumerate(items, start=1):
        session.add(
            FollowupTemplateItem(
                version=1, template_id=template_id, version_no=version, ordinal=i,
                category=item.category.value, text=item.text, evidence=item.evidence,
                serious=item.serious,
            )
        )  # fmt: skip


def _same(rows: list[FollowupTemplateItem], items: tuple[TemplateItemInput, ...]) -> bool:
    """True when *items* are the stored points unchanged."""
    have = [(r.category, r.text, r.evidence, r.serious) for r in rows]
    return have == [(i.category.value, i.text, i.evidence, i.serious) for i in items]


def _detail(session: Session, row: FollowupTemplate, version: int | None) -> TemplateDetail:
    """The template at *version* (default: the current one)."""
    shown = version or row.current_version
    versions = session.scalars(
        select(FollowupTemplateItem.version_no)
        .where(FollowupTemplateItem.template_id == row.id)
        .distinct()
        .order_by(FollowupTemplateItem.version_no)
    )
    items = items_of(session, row.id, shown)
    if not items:
        raise NotFoundError(f"Checklistan {row.name} har ingen version {shown}.")
    return TemplateDetail(
        id=row.id, version=row.version, key=row.key, name=row.name,
        description=row.description, current_version=row.current_version, shown_version=shown,
        versions=tuple(versions), active=row.active,
        items=tuple(TemplateItemRow.model_validate(i) for i in items),
    )  # fmt: skip


class FollowupTemplateService(Service):
    """Checklist templates: list, read any version, save (administrators), load shipped."""

    def list_templates(self, include_inactive: bool = False) -> list[TemplateRow]:
        """Every template with the number of points in its current version, by name."""
        count = (
            select(func.count(FollowupTemplateItem.id))
            .where(
                FollowupTemplateItem.template_id == FollowupTemplate.id,
                FollowupTemplateItem.version_no == FollowupTemplate.current_version,
            )
            .scalar_subquery()
        )
        stmt = select(FollowupTemplate, count.label("items")).order_by(FollowupTemplate.name)
        if not include_inactive:
            stmt = stmt.where(FollowupTemplate.active.is_(True))
        with self._session() as s:
            return [
                TemplateRow(
                    id=t.id,
                    version=t.version,
                    key=t.key,
                    name=t.name,
                    description=t.description,
                    current_version=t.current_version,
                    active=t.active,
                    items=n,
                )
                for t, n in s.execute(stmt)
            ]

    def get_template(self, template_id: uuid.UUID, version: int | None = None) -> TemplateDetail:
        """The template at *version* (default the current one)."""
        with self._session() as s:
            row = s.get(FollowupTemplate, template_id)
            if row is None:
                raise NotFoundError(MISSING)
            return _detail(s, row, version)

    def save_template(
        self, template_id: uuid.UUID | None, data: dict[str, object], opened: int | None = None
    ) -> TemplateDetail:
        """Create a template, or save one: changed points make a new version. Administrators."""
        value = parse(TemplateInput, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            if template_id is None:
                row = self._create(s, value)
            else:
                row = load_for_edit(s, FollowupTemplate, template_id, opened, MISSING)
                self._update(s, row, value)
            s.flush()
            return _detail(s, row, None)

    def _create(self, session: Session, value: TemplateInput) -> FollowupTemplate:
        """A new template at version 1 with a key made from its name."""
        taken = set(session.scalars(select(FollowupTemplate.key)))
        key = _new_key(value.name, taken)
        row = FollowupTemplate(
            version=1, key=key, name=value.name, description=value.description,
            current_version=1, active=value.active,
        )  # fmt: skip
        session.add(row)
        session.flush()
        _add_items(session, row.id, 1, value.items)
        return row

    def _update(self, session: Session, row: FollowupTemplate, value: TemplateInput) -> None:
        """Name, description and use change in place; changed points make a new version."""
        row.name, row.description, row.active = value.name, value.description, value.active
        if not _same(items_of(session, row.id, row.current_version), value.items):
            row.current_version += 1
            _add_items(session, row.id, row.current_version, value.items)

    def sync_shipped(self) -> int:
        """Add the shipped templates whose key the database lacks; stored ones never change."""
        shipped = load_templates(resource("data", "checklist_templates.json"))
        with self._session() as s:
            have = set(s.scalars(select(FollowupTemplate.key)))
            names = set(s.scalars(select(FollowupTemplate.name)))
            added = 0
            for t in shipped:
                if t.key in have or t.name in names:
                    continue
                row = FollowupTemplate(
                    version=1, key=t.key, name=t.name, description=t.description,
                    current_version=1, active=True,
                )  # fmt: skip
                s.add(row)
                s.flush()
                items = tuple(TemplateItemInput.model_validate(i.model_dump()) for i in t.items)
                _add_items(s, row.id, 1, items)
                added += 1
        return added


def _new_key(name: str, taken: set[str]) -> str:
    """A key for a new template: its name in lower-case ASCII, made unique."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:50] or "mall"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    if len(key) > 60:
        raise ValidationError("Namnet ger ingen giltig nyckel.")
    return key
