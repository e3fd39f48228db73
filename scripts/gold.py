#!/usr/bin/env python3
"""Join the complaint-category gold labels (datasets/gold/categories_gold.csv: file, row, key, labels — no text, the
corpora may not be copied here) with the texts in ../shared/datasets, into a JSONL file for
`reviewsift eval --task categories`.
usage: gold.py DATA_DIR OUT.jsonl"""
import csv, json, sys

csv.field_size_limit(10**9)
TEXT = {'complaints/comcast_fcc_2015_dev.csv': ('Ticket', 'Description'),
        'complaints/free_mobile_tweets_dev.csv': ('tweet_id', 'text'),
        'providers/rogers_bell_app_reviews_dev.csv': ('review_id', 'text'),
        'providers/jd_phone_reviews_zh.csv': ('用户ID', '评论内容')}


def main():
    data, out = sys.argv[1], sys.argv[2]
    cache = {}
    with open(out, 'w', encoding='utf-8') as f:
        for g in csv.DictReader(open('datasets/gold/categories_gold.csv', encoding='utf-8')):
            if g['file'] not in cache:
                cache[g['file']] = list(csv.DictReader(open(f"{data}/{g['file']}", encoding='utf-8-sig')))
            key, text = TEXT[g['file']]
            row = cache[g['file']][int(g['row']) - 1]
            if row[key] != g['key']:
                sys.exit(f"gold.py: {g['file']} row {g['row']} has key {row[key]}, the labels expect {g['key']}")
            cats = [c for c in g['categories'].split(';') if c]
            f.write(json.dumps({'review_id': f"{g['file']}:{g['row']}", 'text': row[text],
                                'is_complaint': g['is_complaint'] == '1', 'categories': cats}, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
