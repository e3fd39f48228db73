#!/usr/bin/env python3
"""Writes a CSV (id, text, label) from files that hold one text per line and take their label from the file, such as the
Chinese e-mail spam sample (zh_email_spam_data.txt / zh_email_ham_data.txt), so that `reviewsift eval` can score it.

    python3 scripts/labelled_lines.py OUT.csv LABEL=FILE [LABEL=FILE ...]

Blank lines are skipped; the rows are written in file order, each file's lines in order."""
import csv
import sys


def main():
    if len(sys.argv) < 3 or not all('=' in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    with open(sys.argv[1], 'w', newline='', encoding='utf-8') as out:
        w = csv.writer(out)
        w.writerow(['id', 'text', 'label'])
        for arg in sys.argv[2:]:
            label, path = arg.split('=', 1)
            with open(path, encoding='utf-8', errors='replace') as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        w.writerow([f'{label}-{n}', line.strip(), label])


if __name__ == '__main__':
    main()
