"""The user-facing error classes, gathered so the CLI can report them without a traceback."""

from indicators.output_guard import OutputRefused
from indicators.reading import DocumentError
from indicators.schema import SchemaError
from indicators.sources import SourcesFileError
from indicators.structure.evaluate import GoldFileError as StructureGoldFileError


class GoldFileError(ValueError):
    """A gold annotation file cannot be used (missing, malformed, or its text is not in the doc)."""


# Refusals the user answers by changing the command (exit 2): an output that is not ours.
USAGE_ERRORS: tuple[type[Exception], ...] = (OutputRefused,)

USER_ERRORS: tuple[type[Exception], ...] = (
    OutputRefused,
    DocumentError,
    SchemaError,
    SourcesFileError,
    GoldFileError,
    StructureGoldFileError,
    FileNotFoundError,
    PermissionError,
)
