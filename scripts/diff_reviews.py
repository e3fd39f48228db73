#!/usr/bin/env python3
"""How two runs of reviewsift on the same input differ in their complaint judgements.

Usage: python3 scripts/diff_reviews.py OLD_OUT NEW_OUT [SAMPLE] [SEED]

OLD_OUT and NEW_OUT are output folders of `reviewsift run` over the same input (e.g. the 100 k bench corpus, with
the previous and the new category models: `--set 'complaints.model_dir="/tmp/old-models"'`). Prints the reviews
whose is_complaint or categories changed (by language), complaints before and after, categories gained and lost,
and SAMPLE changed reviews drawn at random with SEED (default 20, 1) to read. docs/EVAL.md quotes its counts.
Needs pyarrow (the venv of scripts/check-outputs.sh: .cache/venv-check/bin/python).
"""
import random
import sys
from collections import Counter

import pyarrow.parquet as pq


def main() -> None:
    old_dir, new_dir = sys.argv[1], sys.argv[2]
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    columns = ["review_id", "is_complaint", "categories", "lang", "text"]
    old = pq.read_table(f"{old_dir}/reviews.parquet", columns=columns).to_pylist()
    new = pq.read_table(f"{new_dir}/reviews.parquet", columns=columns).to_pylist()
    if [r["review_id"] for r in old] != [r["review_id"] for r in new]:
        sys.exit("diff_reviews: the two runs did not read the same reviews")
    gained, lost, changed = Counter(), Counter(), []
    for a, b in zip(old, new):
        before, after = set(a["categories"] or []), set(b["categories"] or [])
        gained.update(after - before)
        lost.update(before - after)
        if before != after or a["is_complaint"] != b["is_complaint"]:
            changed.append((a, b))
    print(f"reviews: {len(new)}; changed: {len(changed)} {dict(Counter(b['lang'] for _, b in changed))}")
    print(f"complaints: {sum(r['is_complaint'] for r in old)} -> {sum(r['is_complaint'] for r in new)}")
    print(f"categories gained: {dict(gained)}; lost: {dict(lost)}")
    random.seed(seed)
    for a, b in random.sample(changed, min(sample, len(changed))):
        text = b["text"][:110].replace("\n", " ")
        print(f"- {a['is_complaint']} {a['categories']} -> {b['is_complaint']} {b['categories']} | {text}")


if __name__ == "__main__":
    main()
