//! Evaluation metrics and `reviewsift eval`: run the analyses on a labelled file and score them against the gold
//! labels — accuracy, macro-F1, per-class precision and recall, confusion matrices, ROC AUC, multi-label F1, and
//! language identification by text length.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::{bail, Result};
use rayon::prelude::*;

use crate::config::Config;
use crate::ingest::Ingest;
use crate::pipeline::Analyser;
use crate::review::Review;

/// Accuracy, macro-F1, per-class precision / recall and the confusion matrix of a binary task.
#[derive(Debug, Clone, Default)]
pub struct Binary {
    /// [truth][prediction], index 1 = the positive class.
    pub confusion: [[u64; 2]; 2],
}

impl Binary {
    pub fn add(&mut self, truth: bool, predicted: bool) {
        self.confusion[truth as usize][predicted as usize] += 1;
    }
    pub fn total(&self) -> u64 {
        self.confusion.iter().flatten().sum()
    }
    pub fn accuracy(&self) -> f64 {
        (self.confusion[0][0] + self.confusion[1][1]) as f64 / self.total().max(1) as f64
    }
    pub fn precision(&self, class: usize) -> f64 {
        let predicted = self.confusion[0][class] + self.confusion[1][class];
        self.confusion[class][class] as f64 / predicted.max(1) as f64
    }
    pub fn recall(&self, class: usize) -> f64 {
        let actual = self.confusion[class][0] + self.confusion[class][1];
        self.confusion[class][class] as f64 / actual.max(1) as f64
    }
    pub fn f1(&self, class: usize) -> f64 {
        let (p, r) = (self.precision(class), self.recall(class));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn macro_f1(&self) -> f64 {
        (self.f1(0) + self.f1(1)) / 2.0
    }

    /// A Markdown table of the per-class figures and the confusion matrix.
    pub fn table(&self, negative: &str, positive: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "| | precision | recall | F1 | predicted {negative} | predicted {positive} |\n|---|---|---|---|---|---|"
        );
        for (class, name) in [(0, negative), (1, positive)] {
            let _ = writeln!(
                s,
                "| {name} | {:.3} | {:.3} | {:.3} | {} | {} |",
                self.precision(class),
                self.recall(class),
                self.f1(class),
                self.confusion[class][0],
                self.confusion[class][1]
            );
        }
        let _ = writeln!(s, "\naccuracy {:.4}, macro-F1 {:.4}, n = {}", self.accuracy(), self.macro_f1(), self.total());
        s
    }
}

/// How far predicted probabilities are from observed frequencies: expected calibration error over ten equal-width
/// bins of the probability (the mean gap between a bin's mean probability and its share of positives, weighted by
/// the bin's size), the Brier score (mean squared error of the probability) and the log-loss.
#[derive(Debug, Clone, Default)]
pub struct Reliability {
    /// Per bin: count, sum of probabilities, positives.
    bins: [(u64, f64, u64); 10],
    squared_error: f64,
    log_loss: f64,
}

impl Reliability {
    pub fn add(&mut self, probability: f64, truth: bool) {
        let p = probability.clamp(0.0, 1.0);
        let bin = &mut self.bins[((p * 10.0) as usize).min(9)];
        bin.0 += 1;
        bin.1 += p;
        bin.2 += truth as u64;
        let y = if truth { 1.0 } else { 0.0 };
        self.squared_error += (p - y) * (p - y);
        let q = p.clamp(1e-6, 1.0 - 1e-6);
        self.log_loss -= y * q.ln() + (1.0 - y) * (1.0 - q).ln();
    }

    pub fn total(&self) -> u64 {
        self.bins.iter().map(|b| b.0).sum()
    }

    pub fn ece(&self) -> f64 {
        let gaps: f64 = self.bins.iter().map(|&(_, sum, pos)| (sum - pos as f64).abs()).sum();
        gaps / self.total().max(1) as f64
    }

    pub fn brier(&self) -> f64 {
        self.squared_error / self.total().max(1) as f64
    }

    pub fn log_loss(&self) -> f64 {
        self.log_loss / self.total().max(1) as f64
    }

    /// One line of the three figures.
    pub fn summary(&self) -> String {
        format!("ECE {:.4}, Brier {:.4}, log-loss {:.4}", self.ece(), self.brier(), self.log_loss())
    }

    /// A Markdown reliability table: per bin, its size, mean probability and observed share of positives.
    pub fn table(&self, positive: &str) -> String {
        let mut s = format!("| P({positive}) | n | mean P | observed share |\n|---|---|---|---|\n");
        for (i, &(n, sum, pos)) in self.bins.iter().enumerate().filter(|(_, b)| b.0 > 0) {
            let _ = writeln!(
                s,
                "| {:.1}–{:.1} | {n} | {:.3} | {:.3} |",
                i as f64 / 10.0,
                (i + 1) as f64 / 10.0,
                sum / n as f64,
                pos as f64 / n as f64
            );
        }
        s
    }
}

/// Area under the ROC curve of `scores` for the positive labels (ties count half).
pub fn roc_auc(scored: &[(f64, bool)]) -> f64 {
    let mut v: Vec<(f64, bool)> = scored.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (pos, neg) = (v.iter().filter(|x| x.1).count() as f64, v.iter().filter(|x| !x.1).count() as f64);
    if pos == 0.0 || neg == 0.0 {
        return f64::NAN;
    }
    // Mann–Whitney U with average ranks for ties.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1].0 == v[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += v[i..=j].iter().filter(|x| x.1).count() as f64 * rank;
        i = j + 1;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// The multi-label summary figures of [`MultiLabel::micro_macro`].
pub struct Figures {
    /// Micro-F1 over every category predicted or gold.
    pub micro_all: f64,
    /// Micro-F1 and macro-F1 over the frequent categories; none when no category is frequent.
    pub frequent: Option<(f64, f64)>,
}

/// Per-category true positives, false positives and false negatives.
#[derive(Default)]
pub struct MultiLabel {
    pub counts: BTreeMap<String, [u64; 3]>,
}

impl MultiLabel {
    pub fn add(&mut self, truth: &[String], predicted: &[String]) {
        for t in truth {
            let c = self.counts.entry(t.clone()).or_default();
            if predicted.contains(t) {
                c[0] += 1
            } else {
                c[2] += 1
            }
        }
        for p in predicted.iter().filter(|p| !truth.contains(p)) {
            self.counts.entry(p.clone()).or_default()[1] += 1;
        }
    }

    fn f1(c: [u64; 3]) -> (f64, f64, f64) {
        let p = c[0] as f64 / (c[0] + c[1]).max(1) as f64;
        let r = c[0] as f64 / (c[0] + c[2]).max(1) as f64;
        (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    /// Micro-F1 over all categories; and, over the categories with at least `min_support` gold examples (none when
    /// no category has that many), micro-F1 and macro-F1. The issue's targets are set "over the categories that have
    /// at least 10 gold examples", which reads for both figures or for macro-F1 alone, so both micro-F1s are printed:
    /// the one over all categories also counts the false alarms of the rare ones.
    pub fn micro_macro(&self, min_support: u64) -> Figures {
        let frequent: Vec<[u64; 3]> = self.frequent_counts(min_support).map(|(_, &c)| c).collect();
        let total = |cs: &[[u64; 3]]| cs.iter().fold([0u64; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
        let every: Vec<[u64; 3]> = self.counts.values().copied().collect();
        let macro_f1 = frequent.iter().map(|&c| Self::f1(c).2).sum::<f64>() / frequent.len().max(1) as f64;
        Figures {
            micro_all: Self::f1(total(&every)).2,
            frequent: (!frequent.is_empty()).then(|| (Self::f1(total(&frequent)).2, macro_f1)),
        }
    }

    /// The categories with at least `min_support` gold examples, by name.
    pub fn frequent(&self, min_support: u64) -> Vec<&str> {
        self.frequent_counts(min_support).map(|(n, _)| n.as_str()).collect()
    }

    fn frequent_counts(&self, min_support: u64) -> impl Iterator<Item = (&String, &[u64; 3])> {
        self.counts.iter().filter(move |(_, c)| c[0] + c[2] >= min_support)
    }

    /// Per-category figures, with how many times each was predicted beside its support: what a provider table adds
    /// up is the predicted count, so their gap (summed at the end) is the error in those tables' category counts.
    pub fn table(&self) -> String {
        let mut s =
            String::from("| category | precision | recall | F1 | predicted | support |\n|---|---|---|---|---|---|\n");
        let (mut gap, mut gold) = (0, 0);
        for (name, &c) in &self.counts {
            let (p, r, f) = Self::f1(c);
            let (predicted, support) = (c[0] + c[1], c[0] + c[2]);
            let _ = writeln!(s, "| {name} | {p:.3} | {r:.3} | {f:.3} | {predicted} | {support} |");
            gap += predicted.abs_diff(support);
            gold += support;
        }
        let _ = writeln!(
            s,
            "\ncategory counts: the sum over categories of |predicted − support| is {gap}, of {gold} gold labels"
        );
        s
    }
}

/// A confusion matrix over named classes: [truth][prediction] counts.
#[derive(Default)]
pub struct Multiclass {
    pub confusion: BTreeMap<String, BTreeMap<String, u64>>,
}

impl Multiclass {
    pub fn add(&mut self, truth: &str, predicted: &str) {
        *self.confusion.entry(truth.to_string()).or_default().entry(predicted.to_string()).or_default() += 1;
    }

    pub fn total(&self) -> u64 {
        self.confusion.values().flat_map(|row| row.values()).sum()
    }

    pub fn accuracy(&self) -> f64 {
        let right: u64 = self.confusion.iter().map(|(t, row)| row.get(t).copied().unwrap_or(0)).sum();
        right as f64 / self.total().max(1) as f64
    }

    /// The gold and predicted classes, sorted.
    fn classes(&self) -> Vec<&String> {
        let mut classes: Vec<&String> =
            self.confusion.keys().chain(self.confusion.values().flat_map(|r| r.keys())).collect();
        classes.sort();
        classes.dedup();
        classes
    }

    fn count(&self, truth: &str, predicted: &str) -> u64 {
        self.confusion.get(truth).and_then(|r| r.get(predicted)).copied().unwrap_or(0)
    }

    /// A class's precision, recall, F1 and support.
    fn figures(&self, class: &str) -> (f64, f64, f64, u64) {
        let classes = self.classes();
        let tp = self.count(class, class) as f64;
        let predicted: u64 = classes.iter().map(|t| self.count(t, class)).sum();
        let support: u64 = classes.iter().map(|p| self.count(class, p)).sum();
        let (p, r) = (tp / predicted.max(1) as f64, tp / support.max(1) as f64);
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f, support)
    }

    /// The mean F1 of the gold classes.
    pub fn macro_f1(&self) -> f64 {
        let gold: Vec<&String> = self.confusion.keys().collect();
        gold.iter().map(|c| self.figures(c).2).sum::<f64>() / gold.len().max(1) as f64
    }

    /// Per-class precision, recall, F1 and support, then the confusion matrix, as Markdown.
    pub fn table(&self) -> String {
        let classes = self.classes();
        let mut s = String::from("| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for c in &classes {
            let (p, r, f, support) = self.figures(c);
            let _ = writeln!(s, "| {c} | {p:.3} | {r:.3} | {f:.3} | {support} |");
        }
        let _ = write!(s, "\n| gold \\ predicted |");
        for c in &classes {
            let _ = write!(s, " {c} |");
        }
        let _ = writeln!(s, "\n|---|{}", "---|".repeat(classes.len()));
        for t in &classes {
            let _ = write!(s, "| {t} |");
            for p in &classes {
                let _ = write!(s, " {} |", self.count(t, p));
            }
            s.push('\n');
        }
        let _ = writeln!(s, "\naccuracy {:.4}, n = {}", self.accuracy(), self.total());
        s
    }
}

/// What `eval` scores.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Task {
    Sentiment,
    Deception,
    Suspicion,
    Categories,
    /// Language identification: the gold label is zh, en, fr or other.
    Language,
}

/// How gold labels are written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// 1/0, true/false, or the corpora's words (pos/neg, deceptive/truthful, CG/OR, spam/ham ...).
    Binary,
    /// Star ratings: 1–2 negative, 4–5 positive, 3 left out.
    Stars,
}

/// Reads a gold binary label.
pub fn parse_label(scale: Scale, raw: &str) -> Option<bool> {
    let s = raw.trim().to_ascii_lowercase();
    if scale == Scale::Stars {
        return match s.parse::<f64>().ok()? {
            v if v <= 2.0 => Some(false),
            v if v >= 4.0 => Some(true),
            _ => None,
        };
    }
    match s.as_str() {
        "1" | "true" | "yes" | "pos" | "positive" | "deceptive" | "cg" | "fake" | "spam" | "suspicious" => Some(true),
        "0" | "false" | "no" | "neg" | "negative" | "truthful" | "or" | "real" | "ham" | "genuine" => Some(false),
        _ => None,
    }
}

/// What the figures above (by the sign of `sentiment_score`) leave out: `sentiment_label` says neutral inside the
/// neutral band, so a reader who scores the label sees fewer polar reviews called right. Reports the label's binary
/// accuracy (neutral counted as a miss), how many polar reviews it calls neutral and its accuracy on the rest; and,
/// with star labels, the three-class figures of the label against 1–2 / 3 / 4–5 stars — how well the band finds
/// the middling reviews.
fn sentiment_labels(scale: Scale, reviews: &[Review]) -> String {
    use crate::sentiment::Label;
    let (mut polar, mut neutral, mut right, mut three) = (0u64, 0u64, 0u64, Multiclass::default());
    for r in reviews {
        let Some(raw) = r.labels.first().cloned().flatten() else { continue };
        if let Some(gold) = parse_label(scale, &raw) {
            polar += 1;
            match r.sentiment.label {
                Label::Neutral => neutral += 1,
                label => right += u64::from((label == Label::Positive) == gold),
            }
        }
        if scale == Scale::Stars {
            if let Ok(stars) = raw.trim().parse::<f64>() {
                let gold = match stars {
                    v if v <= 2.0 => Label::Negative,
                    v if v >= 4.0 => Label::Positive,
                    _ => Label::Neutral,
                };
                three.add(gold.as_str(), r.sentiment.label.as_str());
            }
        }
    }
    let share = |n: u64, of: u64| n as f64 / of.max(1) as f64;
    let mut s = format!(
        "by `sentiment_label`: accuracy {:.4} with neutral counted as a miss; {neutral} of the {polar} polar reviews \
         ({:.1} %) labelled neutral; accuracy {:.4} on the other {}\n",
        share(right, polar),
        100.0 * share(neutral, polar),
        share(right, polar - neutral),
        polar - neutral
    );
    if three.confusion.contains_key(Label::Neutral.as_str()) {
        let _ = write!(
            s,
            "\nthree classes, `sentiment_label` against stars 1–2 negative, 3 neutral, 4–5 positive (macro-F1 {:.4}):\n\n{}",
            three.macro_f1(),
            three.table()
        );
    }
    s
}

/// Runs the analyses over every row of the configured input (labels in `input.label_columns`) and returns the
/// analysed reviews and the number of quarantined rows. `subject_label`, the index of a label column, gives each row
/// the `subject` an `[[input.sources]]` entry would give its source's reviews (a labelled file mixes sources).
pub fn analyse_labelled(config: &Config, subject_label: Option<usize>) -> Result<(Vec<Review>, u64)> {
    let mut ingest = Ingest::open(&config.input)?;
    let analyser = Analyser::load(config)?;
    let cross = crate::pipeline::cross_review(&ingest, config, &analyser.text, &indicatif::ProgressBar::hidden())?;
    let (mut reviews, mut quarantined) = (Vec::new(), 0);
    loop {
        let mut chunk = ingest.next_chunk()?;
        if chunk.reviews.is_empty() && chunk.quarantined.is_empty() {
            break;
        }
        quarantined += chunk.quarantined.len() as u64;
        for r in &mut chunk.reviews {
            let Some(subject) = subject_label.and_then(|i| r.labels.get(i)).cloned().flatten() else { continue };
            let subject = subject.trim();
            if subject.is_empty() {
                continue;
            }
            let what = format!("{}, line {}: subject", r.source_file, r.source_line);
            analyser.taxonomy.check_subject(subject, &what, &config.complaints.taxonomy)?;
            r.subject = Some(Arc::from(subject));
        }
        chunk.reviews.par_iter_mut().for_each(|r| analyser.analyse(r, &cross));
        reviews.extend(chunk.reviews);
    }
    Ok((reviews, quarantined))
}

/// Scores the analysed reviews against their labels; returns a Markdown report.
pub fn report(task: Task, scale: Scale, reviews: &[Review], quarantined: u64) -> Result<String> {
    let mut out = String::new();
    let mut skipped = 0u64;
    match task {
        Task::Sentiment | Task::Deception | Task::Suspicion => {
            let (mut m, mut scored, mut reliability) = (Binary::default(), Vec::new(), Reliability::default());
            for r in reviews {
                let gold = r.labels.first().cloned().flatten().and_then(|l| parse_label(scale, &l));
                let score = match task {
                    Task::Sentiment => Some((r.sentiment.score + 1.0) / 2.0),
                    Task::Deception => r.suspicion.deceptive_score,
                    _ => Some(r.suspicion.score),
                };
                let (Some(gold), Some(score)) = (gold, score) else {
                    skipped += 1;
                    continue;
                };
                let predicted = match task {
                    Task::Suspicion => r.suspicion.suspicious,
                    Task::Sentiment => r.sentiment.score > 0.0 || (r.sentiment.score == 0.0 && score > 0.5),
                    _ => score >= 0.5,
                };
                m.add(gold, predicted);
                scored.push((score, gold));
                reliability.add(score, gold);
            }
            let (neg, pos) = match task {
                Task::Sentiment => ("negative", "positive"),
                Task::Deception => ("truthful", "deceptive"),
                _ => ("genuine", "suspicious"),
            };
            out.push_str(&m.table(neg, pos));
            let _ = writeln!(out, "ROC AUC {:.4}", roc_auc(&scored));
            // The suspicion score is a weighted sum of evidence, not a probability: no calibration to measure.
            if task != Task::Suspicion {
                let what = if task == Task::Sentiment { "(sentiment_score + 1) / 2" } else { "deceptive_score" };
                let _ = writeln!(
                    out,
                    "\ncalibration of {what} as P({pos}): {}\n\n{}",
                    reliability.summary(),
                    reliability.table(pos)
                );
            }
            if task == Task::Sentiment {
                out.push_str(&sentiment_labels(scale, reviews));
            }
        }
        Task::Categories => {
            let (mut complaint, mut cats) = (Binary::default(), MultiLabel::default());
            for r in reviews {
                let gold_complaint = r.labels.first().cloned().flatten().and_then(|l| parse_label(Scale::Binary, &l));
                let gold_categories: Option<Vec<String>> = r.labels.get(1).cloned().flatten().map(|l| {
                    serde_json::from_str::<Vec<String>>(&l).unwrap_or_else(|_| {
                        l.split([';', ',', '|']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
                    })
                });
                let (Some(gold_complaint), Some(gold_categories)) = (gold_complaint, gold_categories) else {
                    skipped += 1;
                    continue;
                };
                complaint.add(gold_complaint, r.complaints.is_complaint);
                let predicted: Vec<String> = r.complaints.categories().map(|m| m.category.to_string()).collect();
                cats.add(&gold_categories, &predicted);
            }
            let figures = cats.micro_macro(10);
            let _ = writeln!(out, "is_complaint:\n\n{}", complaint.table("not a complaint", "complaint"));
            let frequent = match figures.frequent {
                Some((micro, macro_f1)) => format!(
                    "micro-F1 {micro:.4}, macro-F1 {macro_f1:.4} over the categories with ≥ 10 gold examples ({})",
                    cats.frequent(10).join(", ")
                ),
                None => "no category has ≥ 10 gold examples".to_string(),
            };
            let _ = writeln!(
                out,
                "categories: micro-F1 {:.4} over all categories; {frequent}\n\n{}",
                figures.micro_all,
                cats.table()
            );
        }
        Task::Language => {
            // Short texts are where identification is hard: the figure by length says how hard.
            const LENGTHS: [(usize, usize, &str); 4] =
                [(0, 1, "1 word"), (2, 3, "2–3 words"), (4, 8, "4–8 words"), (9, usize::MAX, "9 words or more")];
            let (mut all, mut by_length) = (Multiclass::default(), BTreeMap::new());
            for r in reviews {
                let Some(gold) = r.labels.first().cloned().flatten().map(|l| l.trim().to_ascii_lowercase()) else {
                    skipped += 1;
                    continue;
                };
                if !["zh", "en", "fr", "other"].contains(&gold.as_str()) {
                    bail!(
                        "{} line {}: language label `{gold}`, expected zh, en, fr or other",
                        r.source_file,
                        r.source_line
                    );
                }
                let predicted = r.lang.code();
                all.add(&gold, predicted);
                let words = length_in_words(&r.text);
                let bucket = LENGTHS.iter().position(|&(lo, hi, _)| (lo..=hi).contains(&words)).expect("covers all");
                by_length.entry(bucket).or_insert_with(Multiclass::default).add(&gold, predicted);
            }
            out.push_str(&all.table());
            let _ = writeln!(out, "\n| length | accuracy | n |\n|---|---|---|");
            for (bucket, m) in &by_length {
                let _ = writeln!(out, "| {} | {:.3} | {} |", LENGTHS[*bucket].2, m.accuracy(), m.total());
            }
            out.push('\n');
        }
    }
    if reviews.len() as u64 == skipped {
        bail!("no row had a usable label (check --label-column)");
    }
    let _ = writeln!(
        out,
        "rows: {} analysed, {} without a usable label (skipped), {} quarantined",
        reviews.len(),
        skipped,
        quarantined
    );
    Ok(out)
}

/// A text's length in words: whitespace-separated words, each Han character counting as one.
fn length_in_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let han = w.chars().filter(|&c| crate::text::is_han(c)).count();
            han + usize::from(han < w.chars().count())
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_of_perfect_random_and_reversed_rankings() {
        let perfect = [(0.1, false), (0.2, false), (0.8, true), (0.9, true)];
        assert_eq!(roc_auc(&perfect), 1.0);
        let reversed = [(0.9, false), (0.8, false), (0.2, true), (0.1, true)];
        assert_eq!(roc_auc(&reversed), 0.0);
        let tied = [(0.5, false), (0.5, true)];
        assert_eq!(roc_auc(&tied), 0.5);
    }

    #[test]
    fn binary_and_multilabel_figures() {
        let mut b = Binary::default();
        for (t, p) in [(true, true), (true, false), (false, false), (false, false)] {
            b.add(t, p);
        }
        assert_eq!(b.accuracy(), 0.75);
        assert_eq!(b.precision(1), 1.0);
        assert_eq!(b.recall(1), 0.5);
        let mut m = MultiLabel::default();
        m.add(&["billing".into()], &["billing".into(), "delivery".into()]);
        m.add(&["delivery".into()], &[]);
        // billing: 1 true positive; delivery: 1 false positive, 1 false negative.
        let f = m.micro_macro(1);
        assert!((f.micro_all - 0.5).abs() < 1e-9, "{}", f.micro_all);
        assert_eq!(f.frequent, Some((0.5, 0.5)));
        assert!(MultiLabel::default().micro_macro(1).frequent.is_none());
        // Only billing has two gold examples: the micro-F1 over it drops delivery's false alarm and miss.
        m.add(&["billing".into()], &["billing".into()]);
        let f = m.micro_macro(2);
        assert!((f.micro_all - 2.0 / 3.0).abs() < 1e-9, "{}", f.micro_all);
        assert_eq!(f.frequent, Some((1.0, 1.0)));
        assert_eq!(m.frequent(2), ["billing"]);
    }

    #[test]
    fn three_class_figures() {
        let mut m = Multiclass::default();
        for (t, p) in [("neg", "neg"), ("neg", "neg"), ("neg", "neu"), ("neu", "neu"), ("pos", "pos"), ("pos", "neg")] {
            m.add(t, p);
        }
        // neg: P 2/3, R 2/3; neu: P 1/2, R 1; pos: P 1, R 1/2 — each F1 2/3.
        assert!((m.macro_f1() - 2.0 / 3.0).abs() < 1e-9, "{}", m.macro_f1());
        assert_eq!(m.figures("neu"), (0.5, 1.0, 2.0 / 3.0, 1));
        assert!((m.accuracy() - 4.0 / 6.0).abs() < 1e-9);
        // A class only ever predicted counts in precision, not in the macro mean over gold classes.
        m.add("neg", "other");
        assert_eq!(m.classes().len(), 4);
        assert!(m.macro_f1() < 2.0 / 3.0);
    }

    #[test]
    fn reliability_of_calibrated_and_overconfident_probabilities() {
        // In the 0.8–0.9 bin, 8 of 10 positive at P = 0.8: calibrated.
        let mut calibrated = Reliability::default();
        for i in 0..10 {
            calibrated.add(0.8, i < 8);
        }
        assert!(calibrated.ece() < 1e-9, "{}", calibrated.ece());
        assert!((calibrated.brier() - 0.16).abs() < 1e-9, "{}", calibrated.brier());
        // P = 0.95 for texts right half the time: ECE 0.45.
        let mut overconfident = Reliability::default();
        for i in 0..10 {
            overconfident.add(0.95, i % 2 == 0);
        }
        assert!((overconfident.ece() - 0.45).abs() < 1e-9, "{}", overconfident.ece());
        assert!(overconfident.table("positive").contains("| 0.9–1.0 | 10 | 0.950 | 0.500 |"));
        assert_eq!(Reliability::default().ece(), 0.0);
    }

    #[test]
    fn labels_in_the_corpora_forms() {
        assert_eq!(parse_label(Scale::Stars, "5"), Some(true));
        assert_eq!(parse_label(Scale::Stars, "1"), Some(false));
        assert_eq!(parse_label(Scale::Stars, "3"), None);
        assert_eq!(parse_label(Scale::Binary, "1"), Some(true));
        assert_eq!(parse_label(Scale::Binary, "deceptive"), Some(true));
        assert_eq!(parse_label(Scale::Binary, "OR"), Some(false));
    }
}
