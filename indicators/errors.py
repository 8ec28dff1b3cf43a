"""The user-facing error classes, gathered so the CLI can report them without a traceback."""

from indicators.output_guard import OutputRefused
from indicators.reading import DocumentError
from indicators.schema import SchemaError
from indicators.sources import SourcesFileError
from indicators.storage import TableStorageError
from indicators.structure.evaluate import GoldFileError as StructureGoldFileError


class MissingExtraError(ImportError):
    """An optional feature whose extra is not installed (names the pip command)."""


class GoldFileError(ValueError):
    """A gold annotation file cannot be used (missing, malformed, or its text is not in the doc)."""


# Refusals the user answers by changing the command or the install (exit 2).
USAGE_ERRORS: tuple[type[Exception], ...] = (OutputRefused, MissingExtraError)

USER_ERRORS: tuple[type[Exception], ...] = (
    OutputRefused,
    DocumentError,
    SchemaError,
    SourcesFileError,
    TableStorageError,
    MissingExtraError,
    GoldFileError,
    StructureGoldFileError,
    FileNotFoundError,
    PermissionError,
)


def require_extra(module: str, extra: str, feature: str) -> None:
    """Raise MissingExtraError (with the pip command) unless `module` can be imported."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{feature} needs the optional '{extra}' extra ({exc}); install it with: "
            f"pip install 'reform-indicators[{extra}]'  (in a checkout: .venv/bin/pip install -e '.[{extra}]')"
        ) from None
