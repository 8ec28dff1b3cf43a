"""Document structure: cases, places, years and policy domains for each indicator row."""

from indicators.structure.cases import split_cases
from indicators.structure.model import Case, CaseSplit

__all__ = ["Case", "CaseSplit", "split_cases"]
