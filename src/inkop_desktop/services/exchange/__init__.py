"""Excel/CSV export and import of the plan, the contracts and the suppliers."""

from inkop_desktop.services.exchange.cells import CellError, day, fold, kronor, text
from inkop_desktop.services.exchange.rows import ImportProblem

__all__ = ["CellError", "ImportProblem", "day", "fold", "kronor", "text"]
