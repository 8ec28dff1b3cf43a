"""reform-indicators: quantitative indicators from Chinese government reform texts.

`extract_text` and `find_numbers` are loaded on first use (PEP 562), so `indicators --help` and
other light commands do not pay for pandas and pint.
"""

__all__ = ["extract_text", "find_numbers"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "extract_text":
        from indicators.pipeline import extract_text

        return extract_text
    if name == "find_numbers":
        from indicators.numbers import find_numbers

        return find_numbers
    raise AttributeError(f"module 'indicators' has no attribute {name!r}")
