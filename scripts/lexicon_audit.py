#!/usr/bin/env python3
"""Lists lexicon words whose sign the star ratings of the reviews they occur in contradict (session 13's audit).

Usage: python3 scripts/lexicon_audit.py [DATA_DIR] [MIN_REVIEWS]      (defaults ../shared/datasets, 25)

For each language (en, fr, zh), every word of models/lexicons/LANG/valence.tsv, with models/lexicon_supplement.tsv
applied, is looked for in MARC's *training* reviews (stars 1-2 and 4-5; Chinese words of two characters or more by
substring, other languages by word). A word met in MIN_REVIEWS reviews or more is listed when its valence is negative
and over 60 % of those reviews are rated 4-5, or positive and under 30 % are: translation or dictionary artefacts
("nouvelle" -0.2, 根本 +2) are among them, and so are honest words of mixed reviews ("缺点", "seul point négatif"),
which a reader tells apart. Reads the data, writes nothing.
"""
import csv
import re
import sys
from collections import Counter


def lexicon(lang):
    valence = {}
    for path, prefix in ((f"models/lexicons/{lang}/valence.tsv", None), ("models/lexicon_supplement.tsv", lang)):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if prefix is not None:
                if len(parts) != 3 or parts[0] != prefix:
                    continue
                parts = parts[1:]
            try:
                valence[parts[0]] = float(parts[1])
            except (IndexError, ValueError):
                continue
    return valence


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"
    least = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    for lang in ("en", "fr", "zh"):
        valence = lexicon(lang)
        chinese = [w for w in valence if len(w) >= 2] if lang == "zh" else None
        seen, positive = Counter(), Counter()
        with open(f"{data}/sentiment/marc_{lang}_train.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                stars = int(row["stars"])
                if stars == 3:
                    continue
                text = row["text"].lower().replace("\u2019", "'")
                if chinese is not None:
                    words = {w for w in chinese if w in text}
                else:
                    words = {w for w in re.findall(r"[a-zàâäçéèêëîïôöùûüÿœæ']+", text) if w in valence}
                for w in words:
                    seen[w] += 1
                    positive[w] += stars >= 4
        print(f"## {lang}: word, valence, reviews, share rated 4-5")
        for w, n in sorted(seen.items(), key=lambda kv: -kv[1]):
            share = positive[w] / n
            v = valence[w]
            if n >= least and ((v < 0 and share > 0.6) or (v > 0 and share < 0.3)):
                print(f"{w}\t{v:+.1f}\t{n}\t{share:.2f}")


if __name__ == "__main__":
    main()
