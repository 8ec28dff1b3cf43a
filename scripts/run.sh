#!/usr/bin/env bash
# Command (1): set up, build data/indicators.parquet from seeds/, then serve the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh serve
.venv/bin/indicators extract seeds/*.txt -o data/indicators.parquet
exec .venv/bin/indicators serve --table data/indicators.parquet "$@"
