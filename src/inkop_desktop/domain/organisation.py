"""Organisations, people and roles of the two regions' joint procurement."""

from __future__ import annotations

from enum import StrEnum


class Region(StrEnum):
    """The two upphandlande myndigheter; each buys on its own account."""

    SORMLAND = "SRM"
    VASTMANLAND = "VMA"

    @property
    def label(self) -> str:
        """The region's Swedish name."""
        return REGION_NAMES[self]


REGION_NAMES = {Region.SORMLAND: "Region Sörmland", Region.VASTMANLAND: "Region Västmanland"}


class OrgKind(StrEnum):
    """Kinds of organisational unit."""

    REGION = "region"
    NAMND = "namnd"
    FORVALTNING = "forvaltning"
    BOLAG = "bolag"
    INKOPSNAMND = "inkopsnamnd"
    INKOPSVERKSAMHET = "inkopsverksamhet"

    @property
    def label(self) -> str:
        """Swedish label."""
        return ORG_KIND_LABELS[self]


ORG_KIND_LABELS = {
    OrgKind.REGION: "Region",
    OrgKind.NAMND: "Nämnd",
    OrgKind.FORVALTNING: "Förvaltning",
    OrgKind.BOLAG: "Bolag",
    OrgKind.INKOPSNAMND: "Gemensam inköpsnämnd",
    OrgKind.INKOPSVERKSAMHET: "Inköpsverksamheten",
}


class Role(StrEnum):
    """What a person may do in the app."""

    UPPHANDLARE = "upphandlare"
    BUDGETANSVARIG = "budgetansvarig"
    MEDARBETARE = "medarbetare"
    INKOPSCHEF = "inkopschef"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        """Swedish label."""
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.UPPHANDLARE: "Upphandlare",
    Role.BUDGETANSVARIG: "Budgetansvarig",
    Role.MEDARBETARE: "Medarbetare",
    Role.INKOPSCHEF: "Inköpschef",
    Role.ADMINISTRATOR: "Administratör",
}


class Parties(StrEnum):
    """Which region(s) a contract or plan item is for."""

    SORMLAND = "SRM"
    VASTMANLAND = "VMA"
    BADA = "BADA"

    @property
    def label(self) -> str:
        """Swedish label."""
        return PARTIES_LABELS[self]

    def regions(self) -> tuple[Region, ...]:
        """The regions covered."""
        if self is Parties.BADA:
            return (Region.SORMLAND, Region.VASTMANLAND)
        return (Region(self.value),)


PARTIES_LABELS = {
    Parties.SORMLAND: "Region Sörmland",
    Parties.VASTMANLAND: "Region Västmanland",
    Parties.BADA: "Båda regionerna",
}
