"""Hostile visitors against the served dashboard: each attack from issue 12 tried for real.

`indicators serve` runs as a real process (waitress) over a table and corpus on disk; requests
are real HTTP, crafted as a visitor could craft them (the add callback posted directly, a huge
body, a forged Host header). Charts are checked in headless Chromium and in their figure JSON.
The cases are data (security_cases.yaml). Every served process's log is checked for tracebacks.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import requests
import yaml

from dashboard import figures, serving, uploads
from dashboard.app import create_app
from dashboard.data import prepare
from dashboard.filters import FilterState
from dashboard.pages.overview import view
from indicators.exporters import write_table
from indicators.schema import conform
from tests.dashboard.conftest import HAND_ROWS

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load(Path(__file__).with_name("security_cases.yaml").read_text("utf-8"))
HOSTILE = CASES["hostile"]
REPORT = "2023年,全区共化解矛盾纠纷1260件,调解成功率达97.5%,同比提高2.1个百分点。\n"
TOKEN = "correct-horse-battery-staple"
# not inherited by the served processes: a token of the caller's, and the socket variables
# Werkzeug leaves in this process once dash_duo has run a server
CLEAN_ENV = (
    "INDICATORS_UPLOAD_TOKEN",
    "INDICATORS_BASE_URL",
    "WERKZEUG_SERVER_FD",
    "WERKZEUG_RUN_MAIN",
)
TEMPLATE_REF = re.compile(r"%\{([^}]*)\}")
ALLOWED_REFS = re.compile(
    r"^(x|y|z|text|hovertext|meta\[\d\])(:[^}]*)?$"
)  # data only in escaped fields


def data_url(data: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(data).decode("ascii")


# --- a hostile table ---------------------------------------------------------------------------


def hostile_table() -> pd.DataFrame:
    """The hand rows again under the hostile cities, district, department, indicator and labels,
    over three years, so that every chart (heatmap, years, up/down, changes, pairs, comparable)
    has a hostile string to draw."""
    rows = []
    for city in (HOSTILE["link_city"], HOSTILE["template_city"], "厦门"):
        for year in (2019, 2020, 2021):
            for base in HAND_ROWS[:3]:
                row = dict(base, city=city, year=year, district=HOSTILE["district"])
                row["id"] = f"{base['id']}-{city}-{year}"
                row["pair_id"] = (
                    f"{base.get('pair_id')}-{city}-{year}" if "pair_id" in base else None
                )
                row["indicator"] = (
                    HOSTILE["indicator"] if base is not HAND_ROWS[0] else base["indicator"]
                )
                row["department"] = HOSTILE["department"]
                row["domain_label"] = HOSTILE["domain_label"] if row.get("domain") else None
                rows.append(row)
            rows.append(dict(HAND_ROWS[0], id=f"unit-{city}-{year}", city=city, year=year,
                             unit=HOSTILE["unit"], role="level", value=float(year - 2000),
                             indicator="受理量", direction=None))  # fmt: skip
    return conform(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def hostile() -> pd.DataFrame:
    return hostile_table()


def strings(obj, key=""):
    """(key, string) for every string in a figure's JSON."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, k)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from strings(v, key)
    elif isinstance(obj, str):
        yield key, obj


def test_every_hostile_field_reaches_the_charts_as_plain_text(hostile):
    prep = prepare(hostile)
    for lang in ("zh", "en"):
        for cmp in ("", f"{HOSTILE['indicator']}|%", f"受理量|{HOSTILE['unit']}"):
            figs = view(prep, FilterState(lang=lang, cmp=cmp))["figures"]
            everything = [
                (k, s) for fig in figs for k, s in strings(json.loads(fig.to_json())) if k
            ]
            shown = [s for k, s in everything if k != "customdata"]
            assert any("钓鱼城" in s for s in shown)  # the hostile rows are drawn …
            for k, s in everything:  # … and no markup of theirs is left to render
                if k in ("hovertemplate", "texttemplate"):
                    assert all(ALLOWED_REFS.match(r) for r in TEMPLATE_REF.findall(s)), s
                    assert not any(w in s for w in ("钓鱼城", "y}城", "满意度", "<sup>")), s
                elif k != "customdata":
                    assert "<" not in s and ">" not in s and "%{" not in s, (k, s)
            assert any("%&#123;y}城" in s for s in shown)  # the %{ city is shown, as typed
            for fig in figs:
                figures.go.Figure(fig.to_dict())  # still a valid figure


@pytest.mark.parametrize("text, shown", [
    ('<a href="https://evil.example/">钓鱼城</a>', '&lt;a href="https://evil.example/"&gt;钓鱼城&lt;/a&gt;'),
    ("%{y}城", "%&#123;y}城"), ("R&D", "R&amp;D"), ("厦门", "厦门"),
])  # fmt: skip
def test_plain(text, shown):
    assert figures.plain(text) == shown


FIND_LINKS = """
const anchors = Array.from(document.querySelectorAll('.js-plotly-plot svg a'));
const hrefs = Array.from(document.querySelectorAll('a')).map(a =>
    a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '');
const texts = Array.from(document.querySelectorAll('.js-plotly-plot svg text')).map(t => t.textContent);
return {anchors: anchors.length, evil: hrefs.filter(h => h.includes('//evil.example')), texts: texts};
"""

HOVER_ALL = """
const gd = document.querySelector('#%s .js-plotly-plot');
await Plotly.relayout(gd, {hovermode: 'x'});  // one label per trace at the hovered x
const out = [];
for (let k = 0; k < gd._fullData.length; k++) {
  if (gd._fullData[k].hoverinfo === 'skip') continue;
  Plotly.Fx.unhover(gd);
  Plotly.Fx.hover(gd, [{curveNumber: k, pointNumber: 0}], 'xy');
  const layer = gd.querySelector('.hoverlayer');
  out.push({text: layer.textContent, anchors: layer.querySelectorAll('a').length});
}
return out;
"""


@pytest.mark.browser
def test_a_planted_link_is_no_link_in_the_browser(dash_duo, hostile):
    """City, district, indicator and labels with <a href>, <b>, %{…}: ticks, legends and hover
    labels show them as typed, and Chromium's page holds no link to evil.example."""
    key = f"{HOSTILE['indicator']}|%"
    dash_duo.start_server(create_app(hostile))
    dash_duo.wait_for_page(
        url=dash_duo.server_url + "/?tab=overview&cmp=" + requests.utils.quote(key)
    )
    dash_duo.wait_for_element("#card-indicators .card-value", timeout=20)
    dash_duo.wait_for_element("#g-comparable .js-plotly-plot .legend", timeout=20)
    time.sleep(1.0)
    found = dash_duo.driver.execute_script(FIND_LINKS)
    assert found["anchors"] == 0 and found["evil"] == []
    assert any(HOSTILE["link_city"] in t for t in found["texts"]), found["texts"]
    assert any(HOSTILE["template_city"] in t for t in found["texts"])
    assert any("<b>粗体区</b>" in t for t in found["texts"])
    for graph in ("g-by-year", "g-comparable", "g-changes", "g-dumbbell"):
        hovers = dash_duo.driver.execute_script(HOVER_ALL % graph)
        assert hovers, graph
        assert all(h["anchors"] == 0 for h in hovers), (graph, hovers)
        if graph in ("g-by-year", "g-comparable"):  # one trace per city, named in the hover
            texts = " | ".join(h["text"] for h in hovers)
            assert HOSTILE["template_city"] in texts, texts  # %{y} shown, not interpreted
            assert "钓鱼城</a>" in texts, texts
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_without_uploads_the_page_has_no_upload_form(dash_duo, dashboard_app):
    dash_duo.start_server(dashboard_app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=add")
    dash_duo.wait_for_element("#add-off", timeout=20)
    assert "--allow-uploads" in dash_duo.find_element("#add-off").text
    assert dash_duo.driver.find_elements("css selector", "#add-upload, #add-city") == []
    assert not dash_duo.find_element("#tab-add").is_displayed()
    assert dash_duo.find_element("#tab-sources").is_displayed()
    assert dash_duo.get_logs() == []


# --- the served app ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prop(key: str) -> str:
    """add_upload__contents -> add-upload.contents"""
    ident, _, prop = key.partition("__")
    return f"{ident.replace('_', '-')}.{prop}"


class Served:
    """`indicators serve …` as a real process over `folder`'s table and corpus."""

    def __init__(self, folder: Path, *options: str, host: str = "127.0.0.1") -> None:
        self.folder, self.port = folder, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"serve-{self.port}.log"
        argv = ["serve", "--table", "indicators.parquet", "--host", host, "--port", str(self.port)]
        env = {**os.environ, "INDICATORS_SOURCES": str(folder / "corpus" / "sources.yaml"),
               "PYTHONPATH": str(ROOT)}  # fmt: skip
        for name in CLEAN_ENV:
            env.pop(name, None)
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "indicators.cli", *argv, *options],
                cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(self.base + "/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert self.proc.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.3)
        self.session = requests.Session()

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def rss_kb(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))

    def add(self, **fields) -> tuple[int, dict]:
        """Post the add callback as a crafted request: (status, the result component)."""
        deps = self.session.get(self.base + "/_dash-dependencies", timeout=30).json()
        dep = next(d for d in deps if d["output"] == "add-result.children")
        values = {"add-upload.filename": "报告.txt", "add-city.value": "厦门",
                  "add-published.value": "2024-01-15", "add-title.value": "",
                  "f-lang.value": "zh"} | {_prop(k): v for k, v in fields.items()}  # fmt: skip
        body = {
            "output": dep["output"],
            "outputs": {"id": "add-result", "property": "children"},
            "inputs": [{"id": "add-submit", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["add-submit.n_clicks"],
            "state": [
                {**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in dep["state"]
            ],
        }
        r = self.session.post(self.base + "/_dash-update-component", json=body, timeout=120)
        return r.status_code, (r.json()["response"]["add-result"] if r.ok else {})

    def stop(self) -> str:
        os.killpg(self.proc.pid, signal.SIGTERM)  # its own session: --debug's reloader child too
        self.proc.wait(timeout=30)
        out = self.output()
        assert "Traceback" not in out, out
        return out


def result_text(component) -> tuple[str, str]:
    """(class names, text) of a returned Dash component tree."""
    classes, texts = [], []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            props = node.get("props", node)
            classes.append(str(props.get("className", "")))
            walk(props.get("children"))
        elif node is not None:
            texts.append(str(node))

    walk(component)
    return " ".join(classes), " ".join(texts)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder with a corpus (empty sources.yaml) and the hostile table."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "sources.yaml").write_text("documents: []\n", encoding="utf-8")
    write_table(hostile_table(), folder / "indicators.parquet")
    return folder


@pytest.fixture(scope="module")
def served_default(site):
    served = Served(site)
    yield served
    served.stop()


@pytest.fixture(scope="module")
def served_uploads(site):
    served = Served(site, "--allow-uploads")
    yield served
    served.stop()


def test_serve_runs_a_production_server(served_default):
    r = served_default.session.get(served_default.base + "/")
    assert r.headers["Server"] == "indicators"  # waitress, not Werkzeug
    out = served_default.output()
    assert "development server" not in out and "Debugger" not in out
    assert "uploads off" in out


def test_debug_on_loopback_keeps_the_development_server(site):
    served = Served(site, "--debug")  # its reloader child listens on the socket the parent opened
    try:
        assert served.session.get(served.base + "/").headers["Server"].startswith("Werkzeug")
    finally:
        assert "Debug mode: on" in served.stop()


def test_the_add_page_is_off_by_default(served_default, site):
    layout = served_default.session.get(served_default.base + "/_dash-layout").text
    assert '"add-off"' in layout and '"add-upload"' not in layout and '"add-city"' not in layout
    status, result = served_default.add(add_upload__contents=data_url(REPORT.encode()))
    assert status == 200
    classes, text = result_text(result)
    assert "msg-error" in classes and "--allow-uploads" in text
    assert sorted(p.name for p in (site / "corpus").iterdir()) == ["sources.yaml"]


def test_the_add_page_is_on_with_the_option(served_uploads, site):
    layout = served_uploads.session.get(served_uploads.base + "/_dash-layout").text
    assert '"add-upload"' in layout and '"add-off"' not in layout
    status, result = served_uploads.add(
        add_upload__contents=data_url(REPORT.encode("gbk")), add_upload__filename="湖里区.txt"
    )
    classes, text = result_text(result)
    assert status == 200 and "msg-ok" in classes, text
    assert "1260件" in text and (site / "corpus" / "湖里区.txt").exists()


def _fill(value, long_name: str, ok: str, too_big: str):
    if isinstance(value, str):
        return value.format(long_name=long_name, ok=ok, too_big=too_big)
    return value


@pytest.mark.parametrize("case", CASES["bad_uploads"], ids=[c["id"] for c in CASES["bad_uploads"]])
def test_a_bad_upload_is_a_message(case, served_uploads, site):
    before = sorted((site / "corpus").iterdir())
    fill = {"long_name": "报" * 1 + "a" * 295 + ".txt", "ok": data_url(REPORT.encode()),
            "too_big": data_url(b"a" * 5_100_000)}  # fmt: skip
    fields = {"add_upload__" + k: _fill(case[k], **fill) for k in ("filename", "contents")}
    for key in ("city", "published", "title"):
        if key in case:
            fields[f"add_{key}__value"] = case[key]
    status, result = served_uploads.add(**fields)
    assert status == 200
    classes, text = result_text(result)
    assert "msg-error" in classes, text
    for words in case["says"]:
        assert words in text, text
    assert sorted((site / "corpus").iterdir()) == before
    assert "Traceback" not in served_uploads.output()


def test_uploads_beyond_loopback_need_the_token(site):
    served = Served(site, "--allow-uploads", "--upload-token", TOKEN, host="0.0.0.0")
    try:
        layout = served.session.get(served.base + "/_dash-layout").text
        assert '"add-token"' in layout
        for wrong in (None, "", "correct-horse", ["x"]):
            status, result = served.add(
                add_upload__contents=data_url("2024年，办结率达99%。\n".encode()),
                add_upload__filename="口令.txt",
                add_token__value=wrong,
            )
            classes, text = result_text(result)
            assert status == 200 and "msg-error" in classes and "口令不对" in text, text
        assert not (site / "corpus" / "口令.txt").exists()
        status, result = served.add(
            add_upload__contents=data_url("2024年，办结率达99%。\n".encode()),
            add_upload__filename="口令.txt",
            add_token__value=TOKEN,
        )
        classes, text = result_text(result)
        assert "msg-ok" in classes, text
        assert (site / "corpus" / "口令.txt").exists()
    finally:
        out = served.stop()
    assert TOKEN not in out  # the token is never printed


def test_a_large_body_is_refused_before_it_is_read(served_uploads):
    limit = serving.body_limit(5.0, True)
    before = served_uploads.rss_kb()
    with socket.create_connection(("127.0.0.1", served_uploads.port), timeout=20) as s:
        s.sendall(
            b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 180000000\r\n\r\n"
        )
        status_line = s.recv(200).split(b"\r\n", 1)[0]
        chunk = b"0" * (1 << 20)
        try:  # the rest of a 180 MB body, for as long as the server takes it
            for _ in range(180):
                s.sendall(chunk)
        except OSError:
            pass
    assert b" 413 " in status_line, status_line
    assert served_uploads.rss_kb() - before < 30_000  # the worker did not take the body in
    assert limit < 180_000_000


def test_a_large_chunked_body_is_cut_off_at_the_limit(served_uploads):
    """Without a Content-Length the server reads up to the limit, then refuses and closes."""
    before, sent = served_uploads.rss_kb(), 0
    chunk = b"100000\r\n" + b"0" * (1 << 20) + b"\r\n"  # 1 MiB chunks
    with socket.create_connection(("127.0.0.1", served_uploads.port), timeout=20) as s:
        s.sendall(
            b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for _ in range(180):
                s.sendall(chunk)
                sent += 1 << 20
        except OSError:
            pass
    assert sent < 60_000_000  # the server stopped taking the body (limit 7.7 MB + socket buffers)
    assert served_uploads.rss_kb() - before < 30_000


def test_the_flask_app_refuses_large_bodies_too(small_table):
    """Under gunicorn (no waitress limit) Flask's MAX_CONTENT_LENGTH refuses the body unread."""
    app = create_app(small_table)
    client = app.server.test_client()
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == serving.body_limit(5.0, False)
    r = client.post("/_dash-update-component", data=b"0" * (limit + 1),
                    content_type="application/json")  # fmt: skip
    assert r.status_code == 413 and r.headers["X-Frame-Options"] == "SAMEORIGIN"
    on = create_app(small_table, store=(Path("corpus"), Path("t.parquet")), allow_uploads=True)
    assert on.server.config["MAX_CONTENT_LENGTH"] == serving.body_limit(5.0, True) > 5e6 * 4 / 3


def workbook_strings(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]


def test_the_view_link_ignores_the_host_header(served_default):
    r = served_default.session.get(
        served_default.base + "/export/xlsx", params={"city": "厦门"},
        headers={"Host": "forged.example", "X-Forwarded-Host": "forged.example"},
    )  # fmt: skip
    assert r.status_code == 200
    cells = workbook_strings(r.content)  # (the hostile rows name evil.example themselves)
    assert not any("forged.example" in c for c in cells)
    assert f"http://127.0.0.1:{served_default.port}/?city=%E5%8E%A6%E9%97%A8" in cells


def test_the_view_link_uses_the_configured_base_url(site):
    served = Served(site, "--base-url", "https://dash.example.org/zhibiao")
    try:
        r = served.session.get(served.base + "/export/xlsx", headers={"Host": "forged.example"})
        cells = workbook_strings(r.content)
        assert "https://dash.example.org/zhibiao/" in cells
        assert not any("forged.example" in c for c in cells)
    finally:
        served.stop()


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/export/csv", "/nosuch"])
def test_every_response_forbids_framing(served_default, path):
    r = served_default.session.get(served_default.base + path)
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in r.headers["Content-Security-Policy"]


# --- the pure checks ---------------------------------------------------------------------------


@pytest.mark.parametrize("city", CASES["cities"]["accepted"])
def test_a_place_name_is_a_city(city):
    assert uploads.check_city_name(city) == city.strip()


@pytest.mark.parametrize("city", CASES["cities"]["refused"])
def test_markup_is_no_city(city):
    with pytest.raises(uploads.UploadError, match="does not look like a place name"):
        uploads.check_city_name(city)


@pytest.mark.parametrize("host, beyond", [("127.0.0.1", False), ("localhost", False),
                                          ("::1", False), ("0.0.0.0", True), ("::", True),
                                          ("10.0.0.5", True), ("dash.example.org", True)])  # fmt: skip
def test_loopback(host, beyond):
    assert serving.is_loopback(host) is not beyond


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", CASES["serve_refusals"], ids=[c["id"] for c in CASES["serve_refusals"]]
)
def test_serve_refuses_with_a_message(case, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        argv = [a.replace("{busy}", port) for a in case["argv"]]
        env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
        env["PYTHONPATH"] = str(ROOT)
        proc = subprocess.run(
            [sys.executable, "-m", "indicators.cli", *argv, "--table", "t.parquet"],
            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
        )  # fmt: skip
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 2, proc.stderr
    for words in case["says"]:
        assert words.replace("{busy}", port) in proc.stderr, proc.stderr
    assert not (tmp_path / "t.parquet").exists()  # refused before building a table


# --- a team deployment: gunicorn over dashboard.app:server -------------------------------------


def gunicorn(site: Path, port: int, **env_vars: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env |= {"PYTHONPATH": str(ROOT), "INDICATORS_TABLE": str(site / "indicators.parquet"),
            "INDICATORS_SOURCES": str(site / "corpus" / "sources.yaml"), **env_vars}  # fmt: skip
    cmd = [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}",
           "--workers", "1", "--preload", "dashboard.app:server"]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip


def test_gunicorn_refuses_uploads_without_a_token(site):
    proc = gunicorn(site, free_port(), INDICATORS_ALLOW_UPLOADS="1")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "INDICATORS_UPLOAD_TOKEN is not" in out and "Traceback" not in out, out


def test_gunicorn_takes_the_token_and_base_url(site):
    port = free_port()
    proc = gunicorn(site, port, INDICATORS_ALLOW_UPLOADS="1", INDICATORS_UPLOAD_TOKEN=TOKEN,
                    INDICATORS_BASE_URL="https://dash.example.org/")  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                layout = requests.get(base + "/_dash-layout", timeout=5)
                break
            except requests.RequestException:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        assert '"add-token"' in layout.text and layout.headers["X-Frame-Options"] == "SAMEORIGIN"
        r = requests.get(base + "/export/xlsx", headers={"Host": "forged.example"}, timeout=60)
        cells = workbook_strings(r.content)
        assert "https://dash.example.org/" in cells
        assert not any("forged.example" in c for c in cells)
        big = requests.post(base + "/_dash-update-component", timeout=60,
                            data=b"0" * (serving.body_limit(5.0, True) + 1),
                            headers={"Content-Type": "application/json"})  # fmt: skip
        assert big.status_code == 413
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert "Traceback" not in out, out
