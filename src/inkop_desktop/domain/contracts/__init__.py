"""Avtal: the contract model, its terms and options, and alerts."""

from inkop_desktop.domain.contracts.model import RiskTier

__all__ = ["RiskTier"]
