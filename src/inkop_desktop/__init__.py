"""inkop-desktop: planning, contracts, follow-up, jäv and direct awards for two regions."""

__version__ = "0.1.0"
