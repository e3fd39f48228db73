#!/usr/bin/env python3
"""Draw the language gold sample: short texts (1 to 8 words), where language identification is hardest, from the
telecom app-review, tweet and comment corpora in ../shared/datasets. Writes file, row and key (no text: texts may
not be copied into the repository) to datasets/gold/language_gold.csv with an empty `lang` column, for the annotator
to fill in (zh, en, fr or other) before any prediction is looked at; the texts go to stdout only.
usage: language_sample.py DATA_DIR SEED      (the committed set: 2028)"""
import csv, random, sys

sys.path.insert(0, 'scripts')
from gold import SOURCES, rows_of  # noqa: E402

# file -> how many short texts to draw.
DRAW = [
    ('providers/rogers_bell_app_reviews_dev.csv', 45),
    ('providers/kenya_telco_app_reviews.csv', 40),
    ('complaints/free_mobile_tweets_dev.csv', 40),
    ('complaints/expresso_facebook_fr.csv', 15),
]


def short(text):
    return 1 <= len(text.split()) <= 8


def main():
    data, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    out = []
    for file, n in DRAW:
        assert file in SOURCES
        rows = rows_of(data, file)
        candidates = [i for i, r in enumerate(rows, 1) if short(r['text'])]
        for i in sorted(rng.sample(candidates, n)):
            out.append((file, i, rows[i - 1]))
    with open('datasets/gold/language_gold.csv', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'row', 'key', 'lang'])
        for k, (file, i, r) in enumerate(out):
            w.writerow([file, i, r['key'], ''])
            print(f"=== {k} {file}:{i}\n{r['text']}\n")


if __name__ == '__main__':
    main()
