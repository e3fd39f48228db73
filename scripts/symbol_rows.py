#!/usr/bin/env python3
"""Write the telecom app reviews that carry emoji or emoticons, with their stars, for `reviewsift eval --task
sentiment` (how docs/EVAL.md measured emoji and emoticons). Reads the Rogers/Bell and Airtel/Safaricom files in
place; writes to OUT_DIR (never into the repository: the texts are third-party):

  emoji_only.csv   reviews that are nothing but emoji and punctuation
  emoji_words.csv  reviews with words and at least one emoji
  emoticons.csv    reviews with a whitespace-separated emoticon of VADER's lexicon (":)", ":-(", "<3" …)

usage: symbol_rows.py DATA_DIR OUT_DIR     (after scripts/setup.sh: the emoticons come from models/lexicons/en)
then:  reviewsift eval --task sentiment --data OUT_DIR/emoji_only.csv --label-column rating --label-scale stars \\
         --id-column review_id"""
import csv, os, sys, unicodedata

FILES = ['providers/kenya_telco_app_reviews.csv', 'providers/rogers_bell_app_reviews_dev.csv']


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    emoticons = set()
    for line in open('models/lexicons/en/valence.tsv', encoding='utf-8'):
        term = line.split('\t')[0]
        if len(term) <= 4 and any(c in term for c in ':;=<'):
            emoticons.add(term)
    writers = {}
    for name in ('emoji_only', 'emoji_words', 'emoticons'):
        f = open(os.path.join(out, f'{name}.csv'), 'w', newline='', encoding='utf-8')
        writers[name] = csv.writer(f)
        writers[name].writerow(['review_id', 'text', 'rating'])
    counts = dict.fromkeys(writers, 0)
    for file in FILES:
        for r in csv.DictReader(open(os.path.join(data, file), encoding='utf-8')):
            text = r['text']
            if not text.strip():
                continue
            row = [r['review_id'], text, r['rating']]
            if any(unicodedata.category(c) == 'So' and ord(c) > 0x2000 for c in text):
                kind = 'emoji_only' if all(not c.isalnum() for c in text if not c.isspace()) else 'emoji_words'
                writers[kind].writerow(row)
                counts[kind] += 1
            if any(w.rstrip('.,') in emoticons for w in text.lower().split()):
                writers['emoticons'].writerow(row)
                counts['emoticons'] += 1
    print('symbol_rows:', ', '.join(f'{k} {v}' for k, v in counts.items()), file=sys.stderr)


if __name__ == '__main__':
    main()
