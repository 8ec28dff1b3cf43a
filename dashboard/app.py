"""The Dash app: `create_app(table, sources)` assembles the frame and the pages.

Each page is a module of `dashboard.pages` with its part of the page and its own callbacks over pure
view functions; `dashboard.controls` keeps the URL, the filters and the chart clicks as one state,
which the pages render from. Exports are a plain Flask route (`dashboard.export_route`).

Serving: `indicators serve` (waitress, `dashboard.serving`), or for a team
`gunicorn 'dashboard.app:server'` (the table from $INDICATORS_TABLE, default
data/indicators.parquet; sources from $INDICATORS_SOURCES, default seeds/sources.yaml; the view
link's address from $INDICATORS_BASE_URL; uploads only with $INDICATORS_ALLOW_UPLOADS=1 and
$INDICATORS_UPLOAD_TOKEN). See docs/scale.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd
from dash import Dash

from dashboard import controls, export_route, serving, shell
from dashboard.filters import TABS
from dashboard.i18n import t
from dashboard.live import Live, Settings
from dashboard.pages import add, evidence, indicators, overview, sources, table
from indicators.sources import SourceRecord, load_sources

MAX_UPLOAD_MB = Settings.max_upload_mb  # the largest upload the Add-document page takes
ASSETS = Path(__file__).parent / "assets"
PAGES = {
    "indicators": indicators,
    "overview": overview,
    "sources": sources,
    "add": add,
}  # TABS order
PANELS = (table, evidence)  # parts of a page with callbacks of their own
CLICKABLE = overview.GRAPHS  # charts whose clicks select rows


class TableNotFoundError(FileNotFoundError):
    """The indicator table to serve does not exist."""


def create_app(
    table: pd.DataFrame,
    sources: Mapping[str, SourceRecord] | None = None,
    docs_dir: Path | str | None = None,
    store: tuple[Path, Path] | None = None,
    max_upload_mb: float = MAX_UPLOAD_MB,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
) -> Dash:
    """A dashboard over `table` (any frame the schema can conform; missing columns degrade).

    `store` = (corpus folder, table path): the app follows the table on disk, and with
    `allow_uploads` the Add-document page copies uploads into the corpus, records them in its
    sources.yaml and extracts them into the table (with `upload_token` set, only for visitors who
    type it). `base_url` is the public address the exported view link starts with (default: the
    address the server listens on, never the request's Host header).
    """
    uploads_on = bool(allow_uploads and store)
    settings = Settings(
        max_upload_mb=max_upload_mb,
        uploads_on=uploads_on,
        upload_token=upload_token,
        view_base=serving.check_base_url(base_url) if base_url else None,
    )
    live = Live(table, sources, docs_dir, store, load_table, settings)
    app = Dash(
        __name__,
        title=t("app.title"),
        assets_folder=str(ASSETS),
        update_title=None,
        suppress_callback_exceptions=not uploads_on,  # without uploads the Add form is absent
    )
    serving.harden(app.server, serving.body_limit(max_upload_mb, uploads_on))

    def layout():
        live.refresh()
        lang = controls.request_lang()
        parts = [PAGES[tab].layout(live, lang) for tab in TABS]
        return shell.page(live.prep, parts, uploads_on)

    app.layout = layout
    controls.register(app, live, CLICKABLE, tuple(f"page-{tab}" for tab in TABS))
    for module in (*PAGES.values(), *PANELS):
        module.register(app, live)
    export_route.register(app, live)
    app.live = live  # for tests and the benchmark
    return app


# --- serving -----------------------------------------------------------------------------------


def load_table(path: Path | str) -> pd.DataFrame:
    """Read the indicator table (.parquet, .csv, .jsonl or .xlsx)."""
    path = Path(path)
    if not path.exists():
        raise TableNotFoundError(
            f"{path}: no indicator table here; build it with `indicators extract seeds/*.txt -o {path}`"
        )
    suffix = path.suffix.lower()
    if suffix == ".parquet" or path.is_dir():
        from indicators.storage import load_table as load_parquet  # noqa: PLC0415

        return load_parquet(path)  # a file or a dataset partitioned by city
    if suffix in (".csv", ".jsonl", ".xlsx"):
        from indicators.exporters import read_table  # noqa: PLC0415

        return read_table(path)
    raise TableNotFoundError(
        f"{path}: unknown table format {suffix!r} (use .parquet, .csv, .jsonl or .xlsx)"
    )


def app_for(
    table_path: Path | str,
    sources_path: Path | str | None = None,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
) -> Dash:
    """The app over a table file; sources and document texts from the sources file's folder,
    which is also the corpus that uploads go to (when `allow_uploads`)."""
    sources_path = Path(sources_path or os.environ.get("INDICATORS_SOURCES", "seeds/sources.yaml"))
    return create_app(
        load_table(table_path),
        load_sources(sources_path),
        docs_dir=sources_path.parent,
        store=(sources_path.parent, Path(table_path)),
        allow_uploads=allow_uploads,
        upload_token=upload_token,
        base_url=base_url,
    )


def run(
    table_path: Path | str = "data/indicators.parquet",
    host: str = "127.0.0.1",
    port: int = 8050,
    debug: bool = False,
    sources_path: Path | str | None = None,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
    threads: int = serving.DEFAULT_THREADS,
) -> None:
    """Serve the dashboard with waitress (`debug`: Flask's development server, loopback only);
    prints nothing itself, the CLI announces the URL. Raises ServeRefused for what it refuses."""
    serving.check_serve_options(host, debug, allow_uploads, upload_token)
    serving.check_port_free(host, port)
    base_url = base_url or serving.own_address(host, port)
    app = app_for(table_path, sources_path, allow_uploads, upload_token, base_url)
    if debug:
        app.run(host=host, port=port, debug=True)
    else:
        limit = app.server.config["MAX_CONTENT_LENGTH"]
        serving.serve(app.server, host, port, threads, limit)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@lru_cache(maxsize=1)
def _default_app() -> Dash:
    """The app a WSGI server imports: the bind address is unknown here, so uploads need a token."""
    allow = _env_flag("INDICATORS_ALLOW_UPLOADS")
    token = os.environ.get("INDICATORS_UPLOAD_TOKEN") or None
    if allow and not token:
        raise serving.ServeRefused(
            "INDICATORS_ALLOW_UPLOADS is set but INDICATORS_UPLOAD_TOKEN is not: under a WSGI "
            "server anyone who reaches it could add documents; set INDICATORS_UPLOAD_TOKEN to a "
            f"token of {serving.MIN_TOKEN_CHARS} characters or more, or unset INDICATORS_ALLOW_UPLOADS"
        )
    serving.check_serve_options("0.0.0.0", False, allow, token)
    return app_for(
        os.environ.get("INDICATORS_TABLE", "data/indicators.parquet"),
        allow_uploads=allow,
        upload_token=token,
        base_url=os.environ.get("INDICATORS_BASE_URL") or None,
    )


def __getattr__(name: str):
    """`dashboard.app:server` for WSGI servers, built on first access (not at import)."""
    if name == "server":
        try:
            return _default_app().server
        except serving.ServeRefused as exc:  # the WSGI server stops with the message
            raise SystemExit(f"error: {exc}") from None
    raise AttributeError(name)
