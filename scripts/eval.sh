#!/usr/bin/env bash
# Evaluate reviewsift on the development corpora and write docs/eval-results.md (the numbers docs/EVAL.md quotes).
# The corpora are read in place from ../shared/datasets (override: DATA=/path bash scripts/eval.sh); nothing is
# copied. With --train, the models are retrained first (reviewsift train, deterministic) and their cards refreshed.
# Complaint gold sets C, E, F and J are the team's held-out sets: every look at them is disclosed (docs/EVAL.md and
# datasets/gold/README.md), so they are scored only with --held-out; otherwise their last recorded sections are
# carried over, marked as such. The category sets' app-store rows carry the `subject` a run gives those files
# (scripts/telecom-sources.toml; scripts/gold.py writes it), read with --subject-column.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/datasets}
bash scripts/setup.sh
cargo build --release --locked --quiet
bin=target/release/reviewsift
train=no; held_out=no
for arg in "$@"; do
  case $arg in
    --train) train=yes ;;
    --held-out) held_out=yes ;;
    *) echo "usage: bash scripts/eval.sh [--train] [--held-out]" >&2; exit 2 ;;
  esac
done
if [ $train = yes ]; then
  $bin train --data "$data" --out models
fi
out=docs/eval-results.md
c_title="Complaint categories: the team's gold set C (datasets/gold/, 115 rows, en fr zh, held out)"
e_title="Complaint categories: the team's gold set E (datasets/gold/, 115 rows, en fr zh, held out, labelled blind)"
f_title="Complaint categories: the team's gold set F (datasets/gold/, 100 telecom rows, en fr, held out, labelled blind)"
j_title="Complaint categories: the team's gold set J (datasets/gold/, 115 rows, en fr zh, held out, labelled blind)"
# A held-out set's last recorded section, without its heading (carried over when the set is not scored).
previous() { awk -v t="## $1" '$0 == t {on = 1; next} on && /^## / {exit} on' "$out" 2>/dev/null || true; }
previous_c=$(previous "$c_title")
previous_e=$(previous "$e_title")
previous_f=$(previous "$f_title")
previous_j=$(previous "$j_title")
{
  echo "# Evaluation results"
  echo
  echo "Written by \`bash scripts/eval.sh\` on $(date -u +%Y-%m-%d) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)). Every figure is"
  echo "\`reviewsift eval\` on the named file: the same ingest, models and configuration as \`reviewsift run\`, text and"
  echo "label columns only (no ratings)."
  run() {
    local title=$1; shift
    echo; echo "## $title"; echo; echo "\`reviewsift eval $*\`"; echo
    $bin eval "$@"
  }
  for lang in en fr zh; do
    run "Sentiment: MARC $lang dev (stars 1–2 vs 4–5)" --task sentiment --data "$data/sentiment/marc_${lang}_dev.csv" --label-column stars --label-scale stars
  done
  for lang in en fr zh; do
    run "Sentiment, lexicon only (no trained model): MARC $lang dev" --task sentiment --data "$data/sentiment/marc_${lang}_dev.csv" --label-column stars --label-scale stars --set "sentiment.model_dir=\"no-models\""
  done
  # Single sentences, as a mention's sentence is read: the aspect-based corpus's sentence file, split by language,
  # the polar rows (its Mixed and Neutral ones left out) of its test split (the zh and fr models train on its train
  # split).
  mkdir -p .cache/absa
  python3 - "$data/sentiment/absa_zh_fr_sentence_level.csv" .cache/absa <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
for lang in ('zh', 'fr'):
    with open(f'{sys.argv[2]}/{lang}.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['sentence', 'polarity'])
        w.writerows([r['sentence'], r['polarity']] for r in rows
                    if r['lang'] == lang and r['split'] == 'test' and r['polarity'] in ('Positive', 'Negative'))
PY
  run "Sentiment of single sentences: Chinese product sentences (ABSA sentence file, test split: phone, camera, car, notebook)" --task sentiment --data .cache/absa/zh.csv --text-column sentence --label-column polarity
  run "Sentiment of single sentences: French restaurant sentences (ABSA sentence file, test split)" --task sentiment --data .cache/absa/fr.csv --text-column sentence --label-column polarity
  run "Deception: GPT-2 generated vs real (Salminen et al., dev file; 9/10 of it trained generated-en)" --task deception --data "$data/deceptive/salminen_generated_vs_real_dev.csv"
  mkdir -p .cache/gold
  python3 scripts/gold.py "$data" datasets/gold/categories_gold.csv .cache/gold/categories_gold.jsonl
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_b.csv .cache/gold/categories_gold_b.jsonl
  run "Complaint categories: the team's gold set A (datasets/gold/, 140 rows, en fr zh)" --task categories --data .cache/gold/categories_gold.jsonl --id-column review_id --subject-column subject
  run "Complaint categories: the team's gold set B (datasets/gold/, 110 rows, en fr zh, labelled blind)" --task categories --data .cache/gold/categories_gold_b.jsonl --id-column review_id --subject-column subject
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_d.csv .cache/gold/categories_gold_d.jsonl
  run "Complaint categories: the team's gold set D (datasets/gold/, 90 rows, Chinese e-commerce, labelled blind)" --task categories --data .cache/gold/categories_gold_d.jsonl --id-column review_id --subject-column subject
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_g.csv .cache/gold/categories_gold_g.jsonl
  run "Complaint categories: the team's gold set G (datasets/gold/, 100 telecom rows, en fr, labelled blind)" --task categories --data .cache/gold/categories_gold_g.jsonl --id-column review_id --subject-column subject
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_h.csv .cache/gold/categories_gold_h.jsonl
  run "Complaint categories: the team's gold set H (datasets/gold/, 100 telecom rows, en fr, labelled blind)" --task categories --data .cache/gold/categories_gold_h.jsonl --id-column review_id --subject-column subject
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_i.csv .cache/gold/categories_gold_i.jsonl
  run "Complaint categories: the team's gold set I (datasets/gold/, 100 telecom rows, en fr, labelled blind)" --task categories --data .cache/gold/categories_gold_i.jsonl --id-column review_id --subject-column subject
  python3 scripts/gold.py "$data" datasets/gold/categories_gold_k.csv .cache/gold/categories_gold_k.jsonl
  run "Complaint categories: the team's gold set K (datasets/gold/, 115 rows, en fr zh, labelled blind)" --task categories --data .cache/gold/categories_gold_k.jsonl --id-column review_id --subject-column subject
  held_out_set() {
    local set=$1 title=$2 previous=$3
    if [ $held_out = yes ]; then
      python3 scripts/gold.py "$data" "datasets/gold/categories_gold_$set.csv" ".cache/gold/categories_gold_$set.jsonl"
      run "$title" --task categories --data ".cache/gold/categories_gold_$set.jsonl" --id-column review_id --subject-column subject
    elif [ -n "$previous" ]; then
      echo; echo "## $title"
      if ! grep -q '^(Not scored by this run' <<<"$previous"; then
        echo; echo '(Not scored by this run: the section of the last run that scored it, `bash scripts/eval.sh --held-out`.)'
      fi
      echo "$previous"
    fi
  }
  held_out_set c "$c_title" "$previous_c"
  held_out_set e "$e_title" "$previous_e"
  held_out_set f "$f_title" "$previous_f"
  held_out_set j "$j_title" "$previous_j"
  mkdir -p .cache/lang
  python3 scripts/gold.py "$data" datasets/gold/language_gold.csv .cache/lang/language_gold.jsonl
  run "Language: the team's gold set of short texts (datasets/gold/language_gold.csv, 140 app reviews, tweets and comments of 1–8 words)" --task language --data .cache/lang/language_gold.jsonl --label-column lang --id-column review_id
  python3 scripts/language_prefixes.py "$data" .cache/lang/marc_prefixes.jsonl
  run "Language: MARC en / fr / zh dev reviews, whole and cut to their first 1, 2, 3 and 5 words" --task language --data .cache/lang/marc_prefixes.jsonl --label-column lang --id-column review_id
  run "Suspicion: the team's development set (promotional / fake-support / astroturf vs genuine, zh en fr)" --task suspicion --data datasets/suspicion/suspicion_dev.jsonl
  run "Suspicion: UCI SMS spam (spam vs ham; SMS promotions, not reviews)" --task suspicion --data "$data/spam/uci_sms_spam_en.csv"
  mkdir -p .cache/eval
  python3 scripts/labelled_lines.py .cache/eval/zh_email_spam.csv spam="$data/spam/zh_email_spam_data.txt" ham="$data/spam/zh_email_ham_data.txt"
  run "Suspicion: Chinese e-mail spam sample (spam vs ham, one text per line; e-mail adverts and forum posts, not reviews)" --task suspicion --data .cache/eval/zh_email_spam.csv --id-column id
  seed=${SEED:-$(dirname "$data")/seed}
  if ls "$seed"/*.txt >/dev/null 2>&1; then
    echo; echo "## The seed article (\`reviewsift explain --text \"\$(cat $seed/*.txt)\"\`)"; echo; echo '```'
    $bin explain --text "$(cat "$seed"/*.txt)" --top 5
    echo '```'
  fi
  echo; echo "## Held-out figures from training (model cards)"; echo
  for card in models/*.md; do
    echo "### $(basename "$card" .md)"; echo
    sed -n '/^## Held-out results/,$p' "$card" | tail -n +2
  done
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "eval: wrote $out" >&2
