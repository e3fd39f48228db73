#!/usr/bin/env bash
# Run reviewsift on the bundled dataset into a temporary folder and check its outputs the way users read them:
# pyarrow and DuckDB (pinned, in a virtual environment under .cache/) and headless Chromium (Debian package
# `chromium`, with `fonts-noto-cjk` so Chinese renders; installed when missing and apt is available). Optional first argument: where to save the screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-}
venv=.cache/venv-check
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyarrow==26.0.1 duckdb==2.0.1
fi
if { ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; } \
   && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "check-outputs: installing chromium and CJK fonts (Debian packages) for the report screenshot" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk) >/dev/null 2>&1 \
    || echo "check-outputs: chromium could not be installed; the report will not be rendered" >&2
fi
bash scripts/setup.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --locked --quiet -- run --quiet --out "$out/out" >/dev/null
cargo run --release --locked --quiet -- run --quiet --out "$out/parts" --partition-by provider >/dev/null
"$venv/bin/python" scripts/check_outputs.py "$out/out" --partitioned "$out/parts" --screenshot "${shot:-$out/report.png}"
