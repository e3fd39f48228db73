#!/usr/bin/env python3
"""How far two labellings of the same complaint gold rows agree: the ceiling a system scored against one of them can
hope for.

Usage: python3 scripts/gold_agreement.py REFERENCE.csv OTHER.csv

Both files in the gold sets' format (file, row, key, is_complaint, categories; datasets/gold/README.md), the same rows
in any order. Prints is_complaint agreement and, scoring OTHER against REFERENCE as `reviewsift eval` scores a run,
micro-F1 over all categories, micro- and macro-F1 over the categories with at least 10 REFERENCE examples, and the
rows that differ. Reads the label files only (no text).
"""
import csv
import sys
from collections import Counter


def labels(path):
    out = {}
    for r in csv.DictReader(open(path, encoding='utf-8')):
        cats = frozenset(c for c in r['categories'].split(';') if c)
        out[(r['file'], r['row'])] = (r['is_complaint'] == '1', cats)
    return out


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def main():
    reference, other = labels(sys.argv[1]), labels(sys.argv[2])
    if reference.keys() != other.keys():
        sys.exit('the two files do not hold the same rows')
    tp, fp, fn, support = Counter(), Counter(), Counter(), Counter()
    agree = 0
    for key, (complaint, cats) in sorted(reference.items()):
        complaint2, cats2 = other[key]
        agree += complaint == complaint2
        for c in cats:
            support[c] += 1
        for c in cats & cats2:
            tp[c] += 1
        for c in cats2 - cats:
            fp[c] += 1
        for c in cats - cats2:
            fn[c] += 1
        if (complaint, cats) != (complaint2, cats2):
            print(f'{key[0]}:{key[1]}  {int(complaint)} {sorted(cats)}  ->  {int(complaint2)} {sorted(cats2)}')
    frequent = sorted(c for c in support if support[c] >= 10)
    total = lambda cs: [sum(x[c] for c in cs) for x in (tp, fp, fn)]  # noqa: E731
    every = set(tp) | set(fp) | set(fn)
    print(f'\nrows {len(reference)}; is_complaint agreement {agree / len(reference):.3f}')
    print(f'micro-F1 {f1(*total(every)):.3f} over all categories; over the categories with >= 10 reference examples '
          f'({", ".join(frequent)}): micro-F1 {f1(*total(frequent)):.3f}, macro-F1 '
          f'{sum(f1(tp[c], fp[c], fn[c]) for c in frequent) / max(len(frequent), 1):.3f}')


if __name__ == '__main__':
    main()
