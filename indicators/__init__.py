"""reform-indicators: quantitative indicators from Chinese government reform texts."""

__version__ = "0.1.0"
