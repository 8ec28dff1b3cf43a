"""The app never ships demo data: no module of `dashboard/` imports `bench` or a `synthetic` module."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
IMPORTERS = {"import_module", "__import__"}  # importlib.import_module("…"), __import__("…")


def is_demo(module: str) -> bool:
    """True for a module path that names the demo data.

    "bench.synthetic" -> True; ".synthetic" -> True; "bench" -> True; "dashboard.data" -> False
    """
    parts = [p for p in module.split(".") if p]
    return bool(parts) and (parts[0] == "bench" or "synthetic" in parts)


def demo_imports(source: str) -> list[str]:
    """The demo modules a Python source imports, statically or by a constant string.

    "from . import synthetic" -> [".synthetic"]; "import bench.synthetic as s" -> ["bench.synthetic"]
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names = [f"{base}{'' if base.endswith('.') else '.'}{a.name}" for a in node.names]
            found += [base] if is_demo(base) else names
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in IMPORTERS and isinstance(node.args[0].value, str):
                found.append(node.args[0].value)
    return sorted({m for m in found if is_demo(m)})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from bench.synthetic import synthetic_table", ["bench.synthetic"]),
        ("import bench", ["bench"]),
        ("from . import synthetic", [".synthetic"]),
        ("from .synthetic import synthetic_table", [".synthetic"]),
        ("from dashboard import data, synthetic", ["dashboard.synthetic"]),
        ("import importlib\nimportlib.import_module('bench.synthetic')", ["bench.synthetic"]),
        ("def f():\n    from dashboard.synthetic import synthetic_table", ["dashboard.synthetic"]),
        ("from dashboard.data import prepare\nimport benchmark_tools", []),
        ("from indicators.schema import conform", []),
    ],
)
def test_the_check_sees_demo_imports(source, expected):
    assert demo_imports(source) == expected


def test_no_dashboard_module_imports_demo_data():
    files = sorted(DASHBOARD.rglob("*.py"))
    assert len(files) >= 10, f"expected the dashboard's modules under {DASHBOARD}"
    offenders = {
        str(path.relative_to(DASHBOARD)): hits
        for path in files
        if (hits := demo_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, f"dashboard modules import demo data (keep it in bench/): {offenders}"
    assert not list(DASHBOARD.rglob("synthetic*.py")), "the demo generator lives in bench/"


def test_every_dashboard_module_imports_without_the_checkout(tmp_path):
    """As installed: run from elsewhere, `bench` is not importable, and every module still loads."""
    code = (
        "import importlib, importlib.util, pkgutil, sys, dashboard\n"
        "for m in pkgutil.walk_packages(dashboard.__path__, 'dashboard.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert importlib.util.find_spec('bench') is None, 'bench importable from outside'\n"
        "print(sorted(m for m in sys.modules if m.startswith('bench')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
