"""The suggested procedure as short lines, with the legal basis and sources in the tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from inkop_desktop.domain.procedure import ProcedureAdvice
from inkop_desktop.gui.form_helpers import show_rules


def advice_lines(advice: ProcedureAdvice) -> list[tuple[str, str]]:
    """(line, citation) for a ProcedureAdvice: procedure, limit, threshold, what is missing."""
    lines = [
        (advice.text, advice.legal_basis),
        (f"Direktupphandlingsgräns {advice.limit.display()}", advice.limit.source),
    ]
    if advice.threshold is not None:
        lines.append((f"Tröskelvärde {advice.threshold.display()}", advice.threshold.source))
    if advice.missing:
        lines.append((advice.missing, ""))
    return lines


def show_advice(label: QLabel, advice: ProcedureAdvice) -> None:
    """Put *advice* in *label* as bullet lines."""
    show_rules(label, advice_lines(advice))
