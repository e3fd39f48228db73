#!/usr/bin/env python3
"""Language-identification test set made from the MARC dev files (whose language is known per file): each review
whole and cut to its first 1, 2, 3 and 5 words (Chinese: characters), the lengths at which app reviews and tweets
are written. For `reviewsift eval --task language --label-column lang`; read from ../shared/datasets, written to
the cache (texts may not be copied into the repository).
usage: language_prefixes.py DATA_DIR OUT.jsonl"""
import csv, json, sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    with open(out, 'w', encoding='utf-8') as f:
        for lang in ('en', 'fr', 'zh'):
            for i, r in enumerate(csv.DictReader(open(f'{data}/sentiment/marc_{lang}_dev.csv', encoding='utf-8'))):
                text = r['text'].strip()
                units = list(text.replace(' ', '')) if lang == 'zh' else text.split()
                for k in (1, 2, 3, 5, None):
                    if k is not None and k >= len(units):
                        continue
                    cut = text if k is None else ('' if lang == 'zh' else ' ').join(units[:k])
                    f.write(json.dumps({'review_id': f'marc_{lang}_dev:{i + 1}:{k or "all"}', 'text': cut,
                                        'lang': lang}, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
