#!/usr/bin/env python3
"""Draws complaint categories to read by hand, from a `reviewsift run` output folder (docs/EVAL.md's audits).

Usage: python3 scripts/category_audit.py OUT pairs SEED N [CATEGORY]   random (review, category) complaint pairs with
                                                                        their evidence quotes: a precision audit
       python3 scripts/category_audit.py OUT uncategorised SEED N       random complaints that name no category
       python3 scripts/category_audit.py OUT share                      the share of complaints naming no category
       python3 scripts/category_audit.py OUT evidence SEED N [LANG|-] [FILE|-] [cues]
                                                 random (review, complaint evidence) pairs, of reviews in language
                                                 LANG, from source files whose name holds FILE, only cue evidence with
                                                 `cues` (session 21's French and Airtel/Safaricom audits)
       python3 scripts/category_audit.py OUT changed OLD SEED N          random reviews whose categories differ
                                                 between the run OLD and OUT (session 21's draw of the source subject's
                                                 new labels)

Rows of the complaint gold sets (datasets/gold/categories_gold*.csv) are left out of the `pairs` and `uncategorised`
draws: they are scored, not audited (the `evidence` and `changed` draws keep them, as they were made). OUT is typically
`bash scripts/telecom-run.sh OUT`'s. Needs pyarrow (the venv of scripts/check-outputs.sh: .cache/venv-check/bin/python).
Reads, writes nothing.
"""
import csv
import glob
import random
import sys

import pyarrow.parquet as pq


def gold_rows():
    rows = set()
    for path in glob.glob('datasets/gold/categories_gold*.csv'):
        for r in csv.DictReader(open(path, encoding='utf-8')):
            rows.add((r['file'].split('/')[-1], int(r['row'])))
    return rows


def key(r):
    return r['source_file'].split('/')[-1], r['source_line']


def where(r):
    return '%s:%s' % key(r)


def main() -> None:
    needs = {'share': 3, 'changed': 6, 'pairs': 5, 'uncategorised': 5, 'evidence': 5}
    if len(sys.argv) < 3 or len(sys.argv) < needs.get(sys.argv[2], 3):
        sys.exit(__doc__)
    out, mode = sys.argv[1], sys.argv[2]
    reviews = pq.read_table(f'{out}/reviews.parquet').to_pylist()
    complaints = [r for r in reviews if r['is_complaint']]
    if mode == 'share':
        empty = sum(1 for r in complaints if not r['categories'])
        print(f"{len(complaints)} complaints, {empty} naming no category ({empty / max(len(complaints), 1):.1%})")
        return
    if mode == 'changed':
        old = {key(r): r for r in pq.read_table(f'{sys.argv[3]}/reviews.parquet').to_pylist()}
        new = {key(r): r for r in reviews}
        changed = [k for k in old if old[k]['categories'] != new[k]['categories']]
        print(f"{len(changed)} reviews whose categories differ")
        for k in random.Random(int(sys.argv[4])).sample(changed, min(int(sys.argv[5]), len(changed))):
            r = new[k]
            print(f"- {old[k]['categories']} -> {r['categories']} | {where(r)} | rating {r['rating']} | "
                  f"{(r['text'] or '')[:200]!r}")
        return
    seed, n = int(sys.argv[3]), int(sys.argv[4])
    if mode == 'evidence':
        arg = lambda i: sys.argv[i] if len(sys.argv) > i and sys.argv[i] != '-' else None
        lang, file, cues = arg(5), arg(6), arg(7) == 'cues'
        pairs = [(r, e) for r in complaints
                 if lang in (None, r['lang']) and (file is None or file in r['source_file'])
                 for e in r['complaint_evidence'] if e['complaint'] and not (cues and e['learned'])]
        print(f"{len(pairs)} complaint evidence pairs")
        for r, e in random.Random(seed).sample(pairs, min(n, len(pairs))):
            print(f"=== {e['category']} | {where(r)} | {e['quote'][:60]!r}")
            print('   ', (r['text'] or '')[:300].replace('\n', ' '))
        return
    gold = gold_rows()
    kept = [r for r in complaints if key(r) not in gold]
    rng = random.Random(seed)
    if mode == 'pairs':
        wanted = sys.argv[5] if len(sys.argv) > 5 else None
        pairs = [(r, c) for r in kept for c in (r['categories'] or []) if wanted in (None, c)]
        rng.shuffle(pairs)
        for r, c in pairs[:n]:
            quotes = [e['quote'] for e in r['complaint_evidence'] or [] if e['category'] == c]
            print(f"=== {c} | {r['provider']} | {where(r)} | sentiment {r['sentiment_score']:.2f}")
            print('   ', (r['text'] or '')[:500].replace('\n', ' '))
            print('    evidence:', quotes[:4])
    elif mode == 'uncategorised':
        empty = [r for r in kept if not r['categories']]
        rng.shuffle(empty)
        print(f"{len(empty)} complaints naming no category")
        for r in empty[:n]:
            print(f"- [{r['lang']}] {where(r)} sentiment {r['sentiment_score']:.2f} | {(r['text'] or '')[:300]!r}")
    else:
        sys.exit(f"category_audit: unknown mode {mode!r} ({', '.join(needs)})")


if __name__ == '__main__':
    main()
