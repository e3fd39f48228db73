#!/usr/bin/env bash
# End-to-end speed and memory of `reviewsift run`, against the parse-only floor and the Python peer, in one run on
# this machine. Writes docs/bench-results.md.
#   bash scripts/bench.sh [ROWS ...]        default: 100000 1000000   (10000000 works; allow ~25 minutes)
# Corpora come from ../shared/bench/make_corpus.py (real texts, synthetic providers / authors / dates), cached in
# .cache/bench/. The parse-only floor is the same CSV read and written to Parquet by polars (Python), nothing else.
# The peer (../shared/bench/peer_pandas.py: pandas + VADER + SnowNLP + regex) runs on the first 20 000 rows.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
bench=${BENCH:-../shared/bench}
cache=.cache/bench
venv=.cache/venv-bench
mkdir -p "$cache"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$bench/requirements.txt" polars==2.1.0
fi
bash scripts/setup.sh
cargo build --release --locked --quiet
bin=target/release/reviewsift

# seconds and peak RSS (MiB) of a command, from GNU time
measure() {
  local log=$cache/time.log
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; return 1; }
  local wall rss cpu
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  cpu=$(grep 'Percent of CPU' "$log" | awk '{print $NF}')
  echo "$wall $rss $cpu"
}

out=docs/bench-results.md
{
  echo "# Benchmark results"
  echo
  echo "\`bash scripts/bench.sh ${sizes[*]}\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB."
  echo
  echo "| rows | reviewsift wall s | reviews/s | µs per review | vs first size | peak RSS MiB | CPU | cross-review s | share of wall | parse floor s | floor rows/s | reviewsift / floor |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$out.tmp"
first=""
first_cost=""
for n in "${sizes[@]}"; do
  csv=$cache/corpus_$n.csv
  [ -f "$csv" ] || python3 "$bench/make_corpus.py" "$n" "$csv"
  first=${first:-$csv}
  read -r wall rss cpu < <(measure "$bin" run --quiet -i "$csv" -o "$cache/out_$n")
  cross=$(python3 -c "import json;print(json.load(open('$cache/out_$n/manifest.json'))['timings_s']['crossreview'])")
  rows=$(python3 -c "import json;print(json.load(open('$cache/out_$n/manifest.json'))['counts']['rows_in'])")
  floor=$(measure "$venv/bin/python" -c "import polars as pl; pl.read_csv('$csv', infer_schema_length=0).write_parquet('$cache/floor.parquet')" | awk '{print $1}')
  cost=$(python3 -c "print($wall / $rows * 1e6)")
  first_cost=${first_cost:-$cost}
  python3 - "$rows" "$wall" "$rss" "$cpu" "$cross" "$floor" "$cost" "$first_cost" >>"$out.tmp" <<'PY'
import sys
rows, wall, rss, cpu, cross, floor, cost, first_cost = sys.argv[1:]
rows, wall, cross, floor, cost, first_cost = int(rows), float(wall), float(cross), float(floor), float(cost), float(first_cost)
print(f"| {rows:,} | {wall:.1f} | {rows / wall:,.0f} | {cost:.1f} | {cost / first_cost - 1:+.0%} | {rss} | {cpu} | {cross:.1f} | {cross / wall:.0%} | {floor:.1f} | {rows / floor:,.0f} | {floor / wall:.0%} |")
PY
done
peer_csv=$cache/peer_20000.csv
python3 -c "
import csv
csv.field_size_limit(10**9)
r = csv.reader(open('$first', newline='', encoding='utf-8')); w = csv.writer(open('$peer_csv', 'w', newline=''))
for i, row in enumerate(r):
    if i > 20000: break
    w.writerow(row)"
read -r pwall prss _ < <(measure "$venv/bin/python" "$bench/peer_pandas.py" "$peer_csv" "$cache/peer_out")
# reviewsift takes about a second here, where one busy moment of the machine weighs: the median of three runs (the
# peer's minute and a half is timed once).
runs=()
for _ in 1 2 3; do
  read -r rwall rrss _ < <(measure "$bin" run --quiet -i "$peer_csv" -o "$cache/out_peer")
  runs+=("$rwall")
done
python3 - "$pwall" "$prss" "$rrss" "${runs[@]}" >>"$out.tmp" <<'PY'
import statistics, sys
pw, prss, rrss, *runs = sys.argv[1:]
pw, runs = float(pw), [float(r) for r in runs]
rw = statistics.median(runs)
print(f"\nPeer (pandas + VADER + SnowNLP + regex), the same 20 000 rows: {pw:.1f} s, {20000 / pw:,.0f} reviews/s, peak {prss} MiB;")
print(f"reviewsift on them: {rw:.2f} s (median of {', '.join(f'{r:.2f}' for r in runs)} s), {20000 / rw:,.0f} reviews/s, "
      f"peak {rrss} MiB — {pw / rw:.1f}× the peer's throughput.")
PY
# Sharded: the first corpus as 2 shards (run one after the other here) and their merge, checked against the single run.
shards=$cache/shards
rm -rf "$shards"
read -r s0 _ < <(measure "$bin" run --quiet -i "$first" --shard 0/2 -o "$shards/0")
read -r s1 _ < <(measure "$bin" run --quiet -i "$first" --shard 1/2 -o "$shards/1")
read -r mwall mrss _ < <(measure "$bin" merge --quiet "$shards/0" "$shards/1" -o "$cache/out_merged")
n0=${sizes[0]}
python3 scripts/compare_outputs.py "$cache/out_$n0" "$cache/out_merged" >/dev/null
python3 - "$n0" "$s0" "$s1" "$mwall" "$mrss" "$(du -sm "$shards" | cut -f1)" >>"$out.tmp" <<'PY'
import sys
n, s0, s1, m, mrss, size = sys.argv[1:]
print(f"\nSharded, {int(n):,} rows as 2 shards: shard 0 {float(s0):.1f} s, shard 1 {float(s1):.1f} s, merge {float(m):.1f} s "
      f"(peak {mrss} MiB); shard folders {size} MiB; merged outputs byte-identical to the single run (scripts/compare_outputs.py).")
PY
rm -rf "$shards"
mv "$out.tmp" "$out"
cat "$out"
