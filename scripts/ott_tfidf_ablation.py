#!/usr/bin/env python3
"""Where the TF-IDF SVM baseline's lead on Ott et al. comes from (docs/EVAL.md, Deception, session 14).

Usage: .cache/venv-baselines/bin/python scripts/ott_tfidf_ablation.py [DATA]   (the venv of scripts/baselines.sh)

4-fold cross-validation over Ott's folds 1-4 (train on three, test on the fourth), each setting with and without the
209 real product reviews of the GPT-2 corpus added as truthful, as reviewsift's deception model learns them (the
first 209 real reviews of the file, not the exact tenth our recipe takes). Prints mean accuracy per setting.
"""
import csv
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

DATA = sys.argv[1] if len(sys.argv) > 1 else '../shared/datasets'


def main() -> None:
    rows = list(csv.DictReader(open(f'{DATA}/deceptive/op_spam_v1.4_folds1-4.csv', encoding='utf-8')))
    texts = [r['text'] for r in rows]
    labels = np.array([r['label'] == 'deceptive' for r in rows])
    folds = [r['fold'] for r in rows]
    generated = csv.DictReader(open(f'{DATA}/deceptive/salminen_generated_vs_real_dev.csv', encoding='utf-8'))
    real = [r['text'] for r in generated if r['label'] == 'OR'][:209]

    def cross_validate(make, with_real: bool) -> float:
        scores = []
        for k in sorted(set(folds)):
            train = [i for i in range(len(texts)) if folds[i] != k]
            test = [i for i in range(len(texts)) if folds[i] == k]
            x, y = [texts[i] for i in train], list(labels[train])
            if with_real:
                x, y = x + real, y + [False] * len(real)
            model = make().fit(x, y)
            scores.append((model.predict([texts[i] for i in test]) == labels[test]).mean())
        return float(np.mean(scores))

    words = lambda n=2: TfidfVectorizer(ngram_range=(1, n), sublinear_tf=True)
    chars = lambda: TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    settings = {
        'SVM, word 1-2-grams': lambda: make_pipeline(words(), LinearSVC(C=1)),
        'SVM, character 2-5-grams within words': lambda: make_pipeline(chars(), LinearSVC(C=1)),
        'SVM, both': lambda: make_pipeline(make_union(words(), chars()), LinearSVC(C=1)),
        'SVM, word 1-3-grams': lambda: make_pipeline(words(3), LinearSVC(C=1)),
        'logistic regression (C = 10), both': lambda: make_pipeline(make_union(words(), chars()),
                                                                  LogisticRegression(C=10, max_iter=3000)),
    }
    print('| setting | Ott CV | + 209 real reviews as truthful |\n|---|---|---|')
    for name, make in settings.items():
        print(f'| {name} | {cross_validate(make, False):.3f} | {cross_validate(make, True):.3f} |', flush=True)


if __name__ == '__main__':
    main()
