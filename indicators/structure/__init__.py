"""Document structure: cases, places, years and policy domains for each indicator row."""

from indicators.structure.cases import split_cases
from indicators.structure.enrich import STRUCTURE_COLUMNS, add_structure, structure_rows
from indicators.structure.evaluate import evaluate_cases
from indicators.structure.model import Case, CaseSplit
from indicators.structure.report import describe_split

__all__ = [
    "STRUCTURE_COLUMNS",
    "Case",
    "CaseSplit",
    "add_structure",
    "describe_split",
    "evaluate_cases",
    "split_cases",
    "structure_rows",
]
