"""reform-indicators: quantitative indicators from Chinese government reform texts."""

from indicators.numbers import find_numbers
from indicators.pipeline import extract_text

__all__ = ["extract_text", "find_numbers"]
__version__ = "0.1.0"
