#!/usr/bin/env bash
# The issue's TF-IDF baselines on the same splits as docs/EVAL.md (scripts/baselines.py says which), in a virtual
# environment of their own (scikit-learn from PyPI); writes docs/baselines-results.md. About a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/datasets}
venv=.cache/venv-baselines
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
fi
{
  echo "# TF-IDF baselines"
  echo
  echo "Written by \`bash scripts/baselines.sh\` on $(date -u +%Y-%m-%d) (scikit-learn 1.9.1). Same training and test data as"
  echo "reviewsift's figures in docs/EVAL.md; \`scripts/baselines.py\` gives the settings."
  echo
  "$venv/bin/python" scripts/baselines.py "$data"
} > docs/baselines-results.md
echo "baselines: wrote docs/baselines-results.md" >&2
