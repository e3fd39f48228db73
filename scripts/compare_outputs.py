#!/usr/bin/env python3
"""Check that two reviewsift output folders hold the same results: every Parquet and CSV file byte-identical, the
same files present, and the manifests' counts and inputs equal (timings, start times and the config's output folder
may differ).

Usage: python scripts/compare_outputs.py OUT_A OUT_B
"""

import json
import sys
from pathlib import Path


def files(root):
    return {p.relative_to(root): p for p in root.rglob("*") if p.is_file()}


def main(a, b):
    a, b = Path(a), Path(b)
    fa, fb = files(a), files(b)
    problems = []
    if fa.keys() != fb.keys():
        problems.append(f"different files: only in {a}: {sorted(map(str, fa.keys() - fb.keys()))}, "
                        f"only in {b}: {sorted(map(str, fb.keys() - fa.keys()))}")
    compared = 0
    for rel in sorted(fa.keys() & fb.keys()):
        if rel.suffix in (".parquet", ".csv"):
            compared += 1
            if fa[rel].read_bytes() != fb[rel].read_bytes():
                problems.append(f"{rel} differs")
    ma, mb = (json.loads((d / "manifest.json").read_text()) for d in (a, b))
    for key in ("counts", "inputs"):
        if ma[key] != mb[key]:
            problems.append(f"manifest {key} differ: {ma[key]} vs {mb[key]}")
    if compared == 0:
        problems.append("no Parquet or CSV files to compare")
    for p in problems:
        print(f"compare_outputs: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"compare_outputs: {compared} Parquet/CSV files byte-identical; counts and inputs equal "
          f"({ma['counts']['rows_in']} rows in)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
