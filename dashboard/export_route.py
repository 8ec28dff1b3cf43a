"""The export route, `/export/xlsx?city=厦门…` (and csv): the rows of a view as a file, with a sheet
that says what was exported and a link back to the view. A plain Flask route, so a large export
never blocks the page."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import numpy as np
from flask import Response, request

from dashboard import exports, serving
from dashboard.filters import filter_mask, state_from_query, state_to_query
from dashboard.live import Live


def view_link(app, live: Live, query: str) -> str:
    """The address of the exported view: the configured public address, else the address the
    server listens on (never the request's Host header, which a visitor controls)."""
    base = live.settings.view_base or serving.own_address(
        request.environ.get("SERVER_NAME", "127.0.0.1"),
        request.environ.get("SERVER_PORT", "80"),
        request.scheme,
    ).rstrip("/") + app.get_relative_path("/")
    return base + query


def export_body(fmt: str, frame, about, lang: str) -> bytes | str:
    """The file's bytes; ValueError when the format cannot hold the rows."""
    write = exports.exporters()[fmt]
    return write(frame, about=about, lang=lang) if fmt == "xlsx" else write(frame, lang=lang)


def export_response(app, live: Live, fmt: str) -> Response:
    live.refresh()
    if fmt not in exports.exporters() or fmt not in exports.MIME:
        known = sorted(exports.exporters())
        return Response(f"unknown export format {fmt!r}; use one of {known}", status=404)
    state = state_from_query(request.query_string.decode("utf-8", "replace"))
    positions = np.flatnonzero(filter_mask(live.prep, state, selection=True))
    frame = exports.export_frame(live.prep, positions)
    now = datetime.now().astimezone()
    docs = sorted({str(d) for d in frame["doc"].dropna().unique()})
    link = view_link(app, live, state_to_query(state))
    about = exports.about(state, live.sources, docs, len(frame), now, link)
    try:
        body = export_body(fmt, frame, about, state.lang)
    except ValueError as exc:  # e.g. more rows than a worksheet holds
        return Response(
            f"{exc}; narrow the filters or export CSV",
            status=413,
            mimetype="text/plain; charset=utf-8",
        )
    name = exports.filename(fmt, now)
    disposition = f"attachment; filename={name}; filename*=UTF-8''{quote(name)}"
    return Response(
        body,
        mimetype=exports.MIME[fmt],
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )


def register(app, live: Live) -> None:
    app.server.add_url_rule(
        app.get_relative_path("/export/<fmt>"),
        "export",
        lambda fmt: export_response(app, live, fmt),
    )
