"""Serving the dashboard: the checks on `indicators serve` options, the HTTP hardening every
response gets, and the production WSGI server (waitress).

Nothing here imports Dash: the CLI refuses a bad option combination before it loads a table.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
from urllib.parse import urlsplit

DEFAULT_THREADS = 8  # waitress threads: a slow export or upload does not hold up the others
MIN_TOKEN_CHARS = 12
BODY_FLOOR = 1_000_000  # bytes: every callback request but an upload is far below this
SECURITY_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}


class ServeRefused(Exception):
    """An option combination or address `indicators serve` refuses before it listens (exit 2)."""


def is_loopback(host: str) -> bool:
    """True when `host` is reachable from this computer only.

    "127.0.0.1", "localhost", "::1", "127.0.0.2" -> True; "0.0.0.0", "::", "10.0.0.5",
    "dash.example.org" -> False.
    """
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_serve_options(
    host: str, debug: bool, allow_uploads: bool, upload_token: str | None
) -> None:
    """Refuse what would expose the dashboard: the debugger or open uploads beyond loopback.

    (host "0.0.0.0", debug) -> refused (the Werkzeug debugger runs code for any visitor);
    (host "0.0.0.0", uploads, no token) -> refused; (host "127.0.0.1", uploads, no token) -> ok.
    """
    beyond = not is_loopback(host)
    if debug and beyond:
        raise ServeRefused(
            f"--debug with --host {host}: the development server's debugger would let anyone "
            "who reaches this address run code on this computer; use --debug only with "
            "--host 127.0.0.1, and serve the team without --debug"
        )
    if upload_token is not None and len(upload_token) < MIN_TOKEN_CHARS:
        raise ServeRefused(
            f"the upload token is {len(upload_token)} characters long; choose one of at least "
            f"{MIN_TOKEN_CHARS}, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(16))'"
        )
    if allow_uploads and beyond and not upload_token:
        raise ServeRefused(
            f"--allow-uploads with --host {host}: anyone who reaches this address could add "
            "documents to the table; set a token the uploaders must type, in the environment "
            "(INDICATORS_UPLOAD_TOKEN=…) or with --upload-token, or serve on --host 127.0.0.1"
        )


def check_base_url(url: str) -> str:
    """The dashboard's public address, ending in "/": "https://dash.example.org/zhibiao" ->
    "https://dash.example.org/zhibiao/"; "dash.example.org" or "javascript:x" are refused."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ServeRefused(
            f"--base-url {url!r}: give the address people open the dashboard at, "
            "e.g. https://dash.example.org/ (http or https, no query)"
        )
    return url.strip().rstrip("/") + "/"


def own_address(host: str, port: int | str, scheme: str = "http") -> str:
    """The server's own address for links, from where it listens (never from a request header).

    ("127.0.0.1", 8050) -> "http://127.0.0.1:8050/"; ("::1", 8050) -> "http://[::1]:8050/";
    ("0.0.0.0", 8050) -> "http://<this computer's name>:8050/".
    """
    name = host.strip().strip("[]")
    if name in ("", "0.0.0.0", "::"):
        name = socket.getfqdn()
    if ":" in name:
        name = f"[{name}]"
    default = (scheme, str(port)) in (("http", "80"), ("https", "443"))
    return f"{scheme}://{name}{'' if default else f':{port}'}/"


def body_limit(max_upload_mb: float, uploads: bool) -> int:
    """The largest request body taken, in bytes: an upload arrives base64-encoded (4 bytes per 3)
    inside a JSON callback request. 5 MB uploads -> 7,666,668; without uploads -> 1,000,000."""
    if not uploads:
        return BODY_FLOOR
    return BODY_FLOOR + 4 * -(-int(max_upload_mb * 1e6) // 3)


def harden(server, max_body: int) -> None:
    """Refuse bodies over `max_body` before reading them (413), and send the anti-framing
    headers on every response of the Flask `server`."""
    server.config["MAX_CONTENT_LENGTH"] = max_body

    @server.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def check_port_free(host: str, port: int) -> None:
    """Raise ServeRefused with what to do when `host:port` cannot be listened on."""
    if os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        return  # --debug's reloader child: its parent already listens there for it
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeRefused(f"--host {host}: not an address of this computer ({exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do
        try:
            probe.bind(address)
        except OSError as exc:
            raise port_refusal(host, port, exc) from None


def port_refusal(host: str, port: int, exc: OSError) -> ServeRefused:
    """The message for a failed bind: the port in use, a privileged port, or a foreign address."""
    if exc.errno == errno.EADDRINUSE:
        return ServeRefused(
            f"port {port} on {host} is already in use (another dashboard or program is "
            f"listening there); stop it, or choose another port: --port {port + 1}"
        )
    if exc.errno == errno.EACCES:
        return ServeRefused(
            f"port {port}: permission denied (ports below 1024 need administrator rights); "
            "choose another port, e.g. --port 8050"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return ServeRefused(f"--host {host}: not an address of this computer; try 0.0.0.0")
    return ServeRefused(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def serve(wsgi_app, host: str, port: int, threads: int, max_body: int) -> None:
    """Serve `wsgi_app` with waitress until Ctrl+C; a body over `max_body` is refused (413)
    by waitress before it is read."""
    import waitress  # noqa: PLC0415 (the serve extra)

    # "Task queue depth is 12" for every burst of requests: queueing is normal under a team's
    # load and says nothing the operator can act on (errors are still logged)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        server = waitress.create_server(
            wsgi_app,
            host=host,
            port=port,
            threads=threads,
            max_request_body_size=max_body,
            ident="indicators",
            clear_untrusted_proxy_headers=True,
        )
    except OSError as exc:
        raise port_refusal(host, port, exc) from None
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
