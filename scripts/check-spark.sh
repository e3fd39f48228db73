#!/usr/bin/env bash
# Scale-out check (run by .ci/run): the bundled dataset analysed by 3 Spark tasks in Spark local mode
# (scripts/spark_run.py: `run --shard I/3` per task, then `merge`) must give byte-identical Parquet and CSV outputs to
# a single-machine run. PySpark (pinned) goes into a virtual environment under .cache/; Spark needs Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/venv-spark
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark==4.0.1
fi
command -v java >/dev/null || { echo "check-spark: Spark needs Java 17 (java not found)" >&2; exit 1; }
bash scripts/setup.sh
cargo build --release --locked --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Small chunks, so that every shard gets several and the template clusters span shards.
target/release/reviewsift run --quiet --chunk-rows 25 --out "$out/single" >/dev/null
"$venv/bin/python" scripts/spark_run.py --shards 3 --out "$out/spark" --shard-root "$out/shards" -- --chunk-rows 25
"$venv/bin/python" scripts/compare_outputs.py "$out/single" "$out/spark"
