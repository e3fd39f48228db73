#!/usr/bin/env bash
# Runs the release build on the six shared telecom files (22 141 reviews: Comcast FCC complaints, JD.com phone
# reviews, Free Mobile tweets, Expresso comments, Rogers/Bell and Airtel/Safaricom app reviews), the run whose
# review-by-review differences docs/EVAL.md counts (`scripts/diff_reviews.py OLD NEW`) and whose categories it audits
# (`scripts/category_audit.py`).
# Usage: bash scripts/telecom-run.sh OUT [more `reviewsift run` arguments, e.g. --taxonomy FILE]
# (the data folder is $DATA, by default ../shared/datasets)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
shift
data=${DATA:-../shared/datasets}
target/release/reviewsift run --quiet --config scripts/telecom-sources.toml \
  -i "$data/complaints/comcast_fcc_2015_dev.csv" -i "$data/providers/jd_phone_reviews_zh.csv" \
  -i "$data/complaints/free_mobile_tweets_dev.csv" -i "$data/complaints/expresso_facebook_fr.csv" \
  -i "$data/providers/rogers_bell_app_reviews_dev.csv" -i "$data/providers/kenya_telco_app_reviews.csv" \
  -o "$out" "$@"
