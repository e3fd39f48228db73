#!/usr/bin/env bash
# Run every test: fetch the lexicons if needed (scripts/setup.sh), then the Rust unit and end-to-end tests, then each
# stage benchmark once in criterion's test mode (it must run, nothing is timed).
# Release profile, so the tests share the compiled dependencies of `cargo run --release` (polars builds slowly).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --release --locked "$@"
cargo bench --locked --bench stages -- --test
