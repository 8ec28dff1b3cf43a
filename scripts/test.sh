#!/usr/bin/env bash
# Command (2): set up everything the tests need (venv, packages, Debian chromium) and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then
  echo "installing Debian chromium, chromium-driver and CJK fonts for the browser tests…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver fonts-noto-cjk >/dev/null
fi
bash scripts/setup.sh "test,serve,scale"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest --headless "$@"
