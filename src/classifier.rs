//! Compact trained text classifiers: logistic regression over hashed word n-grams, and character n-grams for Chinese.
//!
//! Why this shape: no pretrained sentiment transformer can be fetched here, the training corpora are tens of thousands
//! of reviews, and the run must stay fast on two cores. Hashed n-grams need no vocabulary file, cover Chinese through
//! character n-grams besides jieba's words (no dependence on segmentation errors) and alphabetic languages through
//! word unigrams and bigrams ("not good"). Character 3–5-grams inside alphabetic words were used until session 3 and
//! dropped: on every dev set they moved accuracy by less than a point either way, and they were most of the features,
//! so of the scoring time (docs/EVAL.md). A linear model predicts in microseconds and explains itself: each feature's
//! contribution is its weight. Weights are stored quantised to 16 bits (a 2^19-bucket model is 1 MiB).
//!
//! Training is deterministic: a fixed-seed shuffle and plain (single-threaded) AdaGrad; the callers train several
//! models in parallel instead. A model reports a calibrated probability: Platt scaling of its logit, fitted on
//! out-of-fold logits of its own training data ([`Model::train_calibrated`]), so that analysts can read P = 0.8 as
//! "right four times in five" — measured by `reviewsift eval` and the model cards (ECE, Brier, reliability table).

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::review::Lang;
use crate::text::{is_han, Doc};

/// Number of hash buckets features are hashed into: 2^19. A model may fold them into fewer (`Model::train`'s `size`).
pub const BUCKETS: u32 = 1 << 19;
const MAGIC: &[u8; 8] = b"RSIFTLM2";
/// The first format (no calibration): read only to say that the model must be retrained.
const MAGIC_V1: &[u8; 8] = b"RSIFTLM1";
/// Bytes before the weights: magic, weight count, bias, scale, calibration slope and offset.
const HEADER: usize = 28;

/// A document's features: sorted, distinct bucket indices (binary presence), plus a few dense values.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub buckets: Vec<u32>,
    /// Dense features in their own reserved buckets: (bucket, value).
    pub dense: Vec<(u32, f32)>,
}

/// The reserved buckets of the dense features: the lexicon score, split into its positive and negative parts.
pub const LEXICON_POSITIVE: u32 = 0;
pub const LEXICON_NEGATIVE: u32 = 1;
const RESERVED: u32 = 2;

/// FNV-1a over `parts` (separated by 0x1f), seeded by `namespace`; namespace 0 over one part is plain FNV-1a.
pub fn fnv(namespace: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ namespace as u64;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// The bucket of an extra dense feature, by name (the encoder experiment's embedding dimensions).
pub fn dense_bucket(name: &str) -> u32 {
    bucket(fnv(b'd', &[name.as_bytes()]))
}

fn bucket(h: u64) -> u32 {
    RESERVED + (h % (BUCKETS - RESERVED) as u64) as u32
}

/// The feature names of a document, for explanations: (bucket, human-readable feature).
pub fn named_features(doc: &Doc, is_negator: impl Fn(&str) -> bool) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    each_feature(doc, 0..doc.tokens.len(), 0..doc.folded.len(), is_negator, |b, name| out.push((b, name())));
    out
}

/// Word unigrams and bigrams (within a sentence), the words in a negation's scope once more as negated words ("not
/// very good": `very` and `good` negated, beside the plain words and bigrams; `is_negator` is the language's lexicon
/// list), and for Chinese text character 1–3-grams over runs of Han characters.
pub fn features(doc: &Doc, lexicon_score: f64, is_negator: impl Fn(&str) -> bool) -> Features {
    features_in(doc, 0..doc.tokens.len(), 0..doc.folded.len(), lexicon_score, is_negator)
}

/// [`features`] of a part of the document: the tokens `tokens` and the Han characters in `bytes` of `doc.folded`
/// (one sentence, for the complaint stage).
pub fn features_in(
    doc: &Doc,
    tokens: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
    lexicon_score: f64,
    is_negator: impl Fn(&str) -> bool,
) -> Features {
    let mut buckets = Vec::with_capacity(tokens.len() * 4);
    each_feature(doc, tokens, bytes, is_negator, |b, _| buckets.push(b));
    buckets.sort_unstable();
    buckets.dedup();
    let dense =
        vec![(LEXICON_POSITIVE, lexicon_score.max(0.0) as f32), (LEXICON_NEGATIVE, (-lexicon_score).max(0.0) as f32)];
    Features { buckets, dense }
}

/// How many words after a negator are read as negated (fewer if the sentence or clause ends first): the window
/// in which the lexicon's negators flip a sentiment word (`src/sentiment.rs`).
const NEGATION_SCOPE: u8 = 3;

fn each_feature(
    doc: &Doc,
    range: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
    is_negator: impl Fn(&str) -> bool,
    mut emit: impl FnMut(u32, &dyn Fn() -> String),
) {
    let tokens = &doc.tokens[range];
    let words: Vec<&str> = tokens.iter().map(|t| doc.word(t)).collect();
    let mut negated = 0u8;
    for (i, w) in words.iter().enumerate() {
        emit(bucket(fnv(b'w', &[w.as_bytes()])), &|| format!("word `{w}`"));
        if i > 0 {
            let (prev, t) = (&tokens[i - 1], &tokens[i]);
            let between = &doc.folded[prev.end as usize..t.start as usize];
            if prev.sentence != t.sentence || between.contains([',', ';', ':', '，', '；']) {
                negated = 0;
            }
        }
        if negated > 0 {
            negated -= 1;
            emit(bucket(fnv(b'n', &[w.as_bytes()])), &|| format!("negated `{w}`"));
        }
        if is_negator(w) {
            negated = NEGATION_SCOPE;
        }
        if i + 1 < words.len() && tokens[i].sentence == tokens[i + 1].sentence {
            let n = words[i + 1];
            emit(bucket(fnv(b'b', &[w.as_bytes(), n.as_bytes()])), &|| format!("words `{w} {n}`"));
        }
    }
    let text = &doc.folded[bytes];
    if doc.lang == Lang::Zh {
        // Character n-grams over runs of Han characters.
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (i, &(start, c)) in chars.iter().enumerate() {
            if !is_han(c) {
                continue;
            }
            for n in 1..=3 {
                let Some(&(last, lc)) = chars.get(i + n - 1) else { break };
                if !is_han(lc) {
                    break;
                }
                let end = last + lc.len_utf8();
                let gram = &text[start..end];
                emit(bucket(fnv(b'c', &[gram.as_bytes()])), &|| format!("characters `{gram}`"));
            }
        }
    }
}

/// Smoothed log-count ratio per bucket, from document frequencies in the two classes (reserved buckets: 1).
fn log_count_ratios(examples: &[(&Features, bool)], size: usize) -> Vec<f32> {
    let (mut pos, mut neg) = (vec![1f64; size], vec![1f64; size]);
    for (x, y) in examples {
        let counts = if *y { &mut pos } else { &mut neg };
        for &b in &x.buckets {
            counts[fold(b, size)] += 1.0;
        }
    }
    let (sp, sn) = (pos.iter().sum::<f64>(), neg.iter().sum::<f64>());
    let mut r: Vec<f32> = pos.iter().zip(&neg).map(|(p, n)| ((p / sp) / (n / sn)).ln() as f32).collect();
    // Dense features enter with their own value, not a ratio: the reserved buckets, and any other bucket a dense
    // feature uses (the encoder experiment's embedding dimensions), whose trained weight must not be scaled.
    for v in r.iter_mut().take(RESERVED as usize) {
        *v = 1.0;
    }
    for (x, _) in examples {
        for &(b, _) in &x.dense {
            r[fold(b, size)] = 1.0;
        }
    }
    r
}

/// A bucket folded into a model of `size` weights (reserved buckets stay where they are).
fn fold(b: u32, size: usize) -> usize {
    if b < RESERVED {
        b as usize
    } else {
        RESERVED as usize + (b - RESERVED) as usize % (size - RESERVED as usize)
    }
}

/// A trained binary logistic-regression model, its weights quantised to 16 bits as soon as it is trained (what is
/// evaluated is what ships). Scoring adds the 16-bit weights as integers — exact, so the order of features does not
/// matter, one-cycle additions instead of a chain of float ones, and half the memory of f32 weights (the scoring
/// loops are bound by fetching weights: the 14 category models alone were 8–10 % of a run's CPU).
pub struct Model {
    pub bias: f32,
    /// Weight `i` is `quantised[i] × scale`.
    scale: f32,
    quantised: Vec<i16>,
    /// Maps the regression's logit to the probability the model reports ([`Platt::IDENTITY`] until calibrated).
    pub calibration: Platt,
    /// The file it was loaded from, with the SHA-256 of its bytes (for the run manifest); `None` when just trained.
    pub file: Option<ModelFile>,
}

/// A model file as read: which weights made a run's outputs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelFile {
    pub path: String,
    pub sha256: String,
}

/// Platt scaling (Platt 1999): P = σ(slope × logit + offset), fitted on logits the model did not train on. A
/// regression trained for a few epochs is not calibrated by construction: its confidence depends on the learning
/// rate, the epochs and how many features a text has. The fit uses Platt's smoothed targets ((n₊ + 1) / (n₊ + 2) and
/// 1 / (n₋ + 2)) so that a separable calibration set does not send the slope to infinity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    pub slope: f32,
    pub offset: f32,
}

impl Platt {
    /// The uncalibrated model: P = σ(logit).
    pub const IDENTITY: Platt = Platt { slope: 1.0, offset: 0.0 };

    pub fn probability(&self, logit: f32) -> f64 {
        sigmoid(self.slope * logit + self.offset) as f64
    }

    /// Fits slope and offset by Newton's method on the log-loss of `(logit, label)` pairs.
    pub fn fit(scored: &[(f32, bool)]) -> Platt {
        let positives = scored.iter().filter(|s| s.1).count() as f64;
        let negatives = scored.len() as f64 - positives;
        if positives == 0.0 || negatives == 0.0 {
            return Platt::IDENTITY;
        }
        let (hi, lo) = ((positives + 1.0) / (positives + 2.0), 1.0 / (negatives + 2.0));
        let (mut a, mut b) = (1f64, 0f64);
        let loss = |a: f64, b: f64| -> f64 {
            scored
                .iter()
                .map(|&(z, y)| {
                    let t = if y { hi } else { lo };
                    let v = a * z as f64 + b;
                    // log(1 + e^v) − t·v, computed without overflow.
                    v.max(0.0) + (-v.abs()).exp().ln_1p() - t * v
                })
                .sum()
        };
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0f64, 0f64, 1e-12, 0f64, 1e-12);
            for &(z, y) in scored {
                let z = z as f64;
                let p = 1.0 / (1.0 + (-(a * z + b)).exp());
                let d = p - if y { hi } else { lo };
                let w = p * (1.0 - p);
                ga += d * z;
                gb += d;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det <= 0.0 {
                break;
            }
            let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
            // Halve the Newton step until the loss does not grow.
            let mut step = 1.0;
            while step > 1e-6 && loss(a - step * da, b - step * db) > current {
                step /= 2.0;
            }
            if step <= 1e-6 {
                break;
            }
            a -= step * da;
            b -= step * db;
            let next = loss(a, b);
            let done = current - next < 1e-10 * current.abs().max(1.0);
            current = next;
            if done {
                break;
            }
        }
        Platt { slope: a as f32, offset: b as f32 }
    }
}

/// Parts of the training data the calibration is cross-fitted over ([`Model::train_calibrated`]).
pub const CALIBRATION_FOLDS: usize = 5;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Scale each presence feature by its Naive-Bayes log-count ratio ([`Model::train`]).
    pub naive_bayes: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 6, learning_rate: 0.5, l2: 1e-6, seed: 20261127, naive_bayes: true }
    }
}

/// Deterministic splitmix64, for the training shuffle.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }
}

/// splitmix64's finaliser: a fast, well-spread 64-bit mix (also the MinHash permutations of the cross-review stage).
pub const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// Trains on `(features, label)` pairs (label true = the positive class) with AdaGrad on the logistic loss.
    /// Presence features are scaled by 1/√(number present), so long and short texts weigh alike.
    /// `size` is the number of weights (at most [`BUCKETS`]); features are folded into it.
    pub fn train(examples: &[(&Features, bool)], options: &TrainOptions, size: u32) -> Model {
        let size = size.clamp(RESERVED + 1, BUCKETS) as usize;
        // Naive-Bayes log-count ratios (Wang & Manning 2012): each present feature enters the regression with the
        // value r = log(P(feature | positive) / P(feature | negative)) instead of 1. The stored weight is w × r.
        let r = match options.naive_bayes {
            true => log_count_ratios(examples, size),
            false => vec![1f32; size],
        };
        let mut w = vec![0f32; size];
        let mut g2 = vec![1e-8f32; size];
        let (mut bias, mut bias_g2) = (0f32, 1e-8f32);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = SplitMix(options.seed);
        for _ in 0..options.epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next_u64() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &k in &order {
                let (x, y) = examples[k];
                let scale = 1.0 / (x.buckets.len().max(1) as f32).sqrt();
                let z = bias
                    + x.buckets.iter().map(|&b| w[fold(b, size)] * r[fold(b, size)]).sum::<f32>() * scale
                    + x.dense.iter().map(|&(b, v)| w[fold(b, size)] * v).sum::<f32>();
                let grad = sigmoid(z) - if y { 1.0 } else { 0.0 };
                let mut step = |b: usize, g: f32| {
                    let g = g + options.l2 * w[b];
                    g2[b] += g * g;
                    w[b] -= options.learning_rate * g / g2[b].sqrt();
                };
                for &b in &x.buckets {
                    step(fold(b, size), grad * scale * r[fold(b, size)]);
                }
                for &(b, v) in &x.dense {
                    step(fold(b, size), grad * v);
                }
                bias_g2 += grad * grad;
                bias -= options.learning_rate * grad / bias_g2.sqrt();
            }
        }
        for (wb, rb) in w.iter_mut().zip(&r).skip(RESERVED as usize) {
            *wb *= rb;
        }
        Model::quantise(bias, &w)
    }

    /// Trains on all examples, then calibrates: each of [`CALIBRATION_FOLDS`] parts of the examples (every k-th) is
    /// scored by a model trained on the others, and Platt scaling is fitted on those out-of-fold logits (cross-fitting:
    /// the shipped weights are those of [`Model::train`] on everything; only the calibration is added).
    pub fn train_calibrated(examples: &[(&Features, bool)], options: &TrainOptions, size: u32) -> Model {
        let out_of_fold: Vec<Vec<(f32, bool)>> = (0..CALIBRATION_FOLDS)
            .into_par_iter()
            .map(|k| {
                let inside = |i: usize| i % CALIBRATION_FOLDS == k;
                let train: Vec<(&Features, bool)> =
                    examples.iter().enumerate().filter(|(i, _)| !inside(*i)).map(|(_, e)| *e).collect();
                let model = Model::train(&train, options, size);
                examples
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| inside(*i))
                    .map(|(_, (x, y))| (model.logit(x), *y))
                    .collect()
            })
            .collect();
        let mut model = Model::train(examples, options, size);
        model.calibration = Platt::fit(&out_of_fold.concat());
        model
    }

    fn quantise(bias: f32, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-12);
        let scale = max / i16::MAX as f32;
        Model {
            bias,
            scale,
            quantised: weights.iter().map(|w| (w / scale).round() as i16).collect(),
            calibration: Platt::IDENTITY,
            file: None,
        }
    }

    /// Number of weights.
    pub fn size(&self) -> usize {
        self.quantised.len()
    }

    fn weight(&self, i: usize) -> f32 {
        self.quantised[i] as f32 * self.scale
    }

    /// The regression's logit from the integer sum of the presence features' weights and the dense features.
    fn logit_of(&self, presence: i64, x: &Features) -> f32 {
        let norm = 1.0 / (x.buckets.len().max(1) as f32).sqrt();
        let dense: f32 = x.dense.iter().map(|&(b, v)| self.weight(fold(b, self.size())) * v).sum();
        self.bias + presence as f32 * self.scale * norm + dense
    }

    /// The regression's logit, before calibration (what [`Platt::fit`] fits).
    pub fn logit(&self, x: &Features) -> f32 {
        if self.size() == BUCKETS as usize {
            // Full-size model: the buckets are the indices.
            return self.logit_of(x.buckets.iter().map(|&b| self.quantised[b as usize] as i64).sum(), x);
        }
        self.folded_logit(&self.fold(x), x)
    }

    /// Calibrated probability of the positive class.
    pub fn predict(&self, x: &Features) -> f64 {
        self.calibration.probability(self.logit(x))
    }

    /// The feature buckets of `x` folded into this model's size (computed once for several models of one size).
    pub fn fold(&self, x: &Features) -> Vec<usize> {
        x.buckets.iter().map(|&b| fold(b, self.size())).collect()
    }

    /// Calibrated probability of the positive class from buckets already folded by [`Model::fold`].
    pub fn predict_folded(&self, folded: &[usize], x: &Features) -> f64 {
        self.calibration.probability(self.folded_logit(folded, x))
    }

    fn folded_logit(&self, folded: &[usize], x: &Features) -> f32 {
        self.logit_of(folded.iter().map(|&i| self.quantised[i] as i64).sum(), x)
    }

    /// Each feature's contribution to the calibrated logit, largest magnitude first.
    pub fn explain(&self, doc: &Doc, x: &Features, is_negator: impl Fn(&str) -> bool) -> Vec<(String, f64)> {
        let slope = self.calibration.slope as f64;
        let scale = slope / (x.buckets.len().max(1) as f64).sqrt();
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<(String, f64)> = named_features(doc, is_negator)
            .into_iter()
            .filter(|(b, _)| seen.insert(*b))
            .map(|(b, name)| (name, self.weight(fold(b, self.size())) as f64 * scale))
            .collect();
        for &(b, v) in &x.dense {
            let name =
                if b == LEXICON_POSITIVE { "lexicon score, positive part" } else { "lexicon score, negative part" };
            out.push((name.to_string(), (self.weight(fold(b, self.size())) * v) as f64 * slope));
        }
        out.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        out
    }

    /// Writes the model: magic, weight count, bias, scale, calibration slope and offset, then one i16 per weight.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut out = Vec::with_capacity(HEADER + self.size() * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.size() as u32).to_le_bytes());
        for v in [self.bias, self.scale, self.calibration.slope, self.calibration.offset] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for q in &self.quantised {
            out.extend_from_slice(&q.to_le_bytes());
        }
        let tmp = path.with_extension("tmp");
        std::fs::File::create(&tmp)?.write_all(&out)?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Model> {
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .with_context(|| format!("cannot open model {}", path.display()))?
            .read_to_end(&mut bytes)?;
        if bytes.starts_with(MAGIC_V1) {
            bail!(
                "{}: a model of an earlier reviewsift (no calibration): retrain it with `reviewsift train`",
                path.display()
            );
        }
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            bail!("{}: not a reviewsift model file", path.display());
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let f32_at = |i: usize| f32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let size = u32_at(8);
        if !(RESERVED + 1..=BUCKETS).contains(&size) || bytes.len() != HEADER + size as usize * 2 {
            bail!("{}: damaged model file ({} weights declared, {} bytes)", path.display(), size, bytes.len());
        }
        let (bias, scale) = (f32_at(12), f32_at(16));
        let calibration = Platt { slope: f32_at(20), offset: f32_at(24) };
        let quantised = bytes[HEADER..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        let file = ModelFile { path: path.display().to_string(), sha256: format!("{:x}", Sha256::digest(&bytes)) };
        Ok(Model { bias, scale, quantised, calibration, file: Some(file) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn doc(s: &str) -> Doc {
        Text::new().prepare(s, 0)
    }

    /// A few negators, as a language's lexicon lists them.
    fn negator(w: &str) -> bool {
        matches!(w, "not" | "didn't" | "pas")
    }

    #[test]
    fn learns_a_separable_toy_task_and_round_trips_through_a_file() {
        let pos = ["great fast network", "love the great service", "fast and great", "信号很好 速度快"];
        let neg = ["terrible slow network", "hate the terrible service", "slow and terrible", "信号很差 速度慢"];
        let feats: Vec<(Features, bool)> = pos
            .iter()
            .map(|t| (features(&doc(t), 0.0, negator), true))
            .chain(neg.iter().map(|t| (features(&doc(t), 0.0, negator), false)))
            .collect();
        let examples: Vec<(&Features, bool)> = feats.iter().map(|(f, y)| (f, *y)).collect();
        let model = Model::train(&examples, &TrainOptions::default(), BUCKETS);
        assert!(model.predict(&features(&doc("great network"), 0.0, negator)) > 0.7);
        assert!(model.predict(&features(&doc("terrible network"), 0.0, negator)) < 0.3);
        assert!(model.predict(&features(&doc("信号很差"), 0.0, negator)) < 0.5);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.bin");
        model.save(&path).unwrap();
        let back = Model::load(&path).unwrap();
        let x = features(&doc("great network"), 0.0, negator);
        assert_eq!(back.predict(&x), model.predict(&x));
        let top = model.explain(&doc("great network"), &x, negator);
        assert!(top[0].0.contains("great"), "{top:?}");

        // Without Naive-Bayes scaling (the Chinese recipe) it learns the same task with other weights: a word seen
        // on both sides ("network", r ≈ 0) now gets a weight of its own.
        let plain = Model::train(&examples, &TrainOptions { naive_bayes: false, ..TrainOptions::default() }, BUCKETS);
        assert!(plain.predict(&features(&doc("great network"), 0.0, negator)) > 0.7);
        assert!(plain.predict(&features(&doc("terrible network"), 0.0, negator)) < 0.3);
        let weight = |m: &Model, text: &str| {
            m.explain(&doc(text), &features(&doc(text), 0.0, negator), negator)
                .into_iter()
                .find(|(name, _)| name == &format!("word `{text}`"))
                .map(|(_, w)| w)
        };
        let (nb, presence) = (weight(&model, "network").unwrap(), weight(&plain, "network").unwrap());
        assert!(
            nb.abs() < 0.1 * presence.abs(),
            "NB: a word as common on both sides weighs little: {nb} vs {presence}"
        );
    }

    #[test]
    fn words_after_a_negator_are_marked_until_the_scope_or_the_clause_ends() {
        let negated = |t: &str| -> Vec<String> {
            named_features(&doc(t), negator)
                .into_iter()
                .filter_map(|(_, n)| n.strip_prefix("negated ").map(String::from))
                .collect()
        };
        assert_eq!(negated("it does not work very well at all"), ["`work`", "`very`", "`well`"]);
        assert_eq!(negated("didn't work, great support"), ["`work`"]);
        assert_eq!(negated("not bad. works"), ["`bad`"]);
        assert_eq!(negated("ce n'est pas terrible du tout"), ["`terrible`", "`du`", "`tout`"]);
        assert!(negated("works very well").is_empty());
        // Each scope feature has its own bucket: "good" after a negator is not the word "good".
        let plain = features(&doc("good"), 0.0, negator).buckets;
        assert!(features(&doc("not good"), 0.0, negator).buckets.iter().filter(|b| !plain.contains(b)).count() >= 3);
    }

    #[test]
    fn a_dense_feature_outside_the_reserved_buckets_keeps_its_trained_weight() {
        // The label is carried by one dense feature only (an embedding dimension); the words are the same noise.
        let b = dense_bucket("e0");
        let feats: Vec<(Features, bool)> = (0..200)
            .map(|i| {
                let y = i % 2 == 0;
                let mut x = features(&doc(if i % 3 == 0 { "plain words" } else { "other words" }), 0.0, negator);
                x.dense.push((b, if y { 1.0 } else { -1.0 }));
                (x, y)
            })
            .collect();
        let examples: Vec<(&Features, bool)> = feats.iter().map(|(f, y)| (f, *y)).collect();
        let model = Model::train(&examples, &TrainOptions::default(), BUCKETS);
        let correct = feats.iter().filter(|(x, y)| (model.predict(x) >= 0.5) == *y).count();
        assert_eq!(correct, feats.len());
    }

    #[test]
    fn platt_scaling_recovers_the_slope_and_offset_that_generated_the_labels() {
        // Labels drawn with P(positive) = σ(2 × logit − 0.5): the fit must find about 2 and −0.5.
        let mut rng = SplitMix(7);
        let scored: Vec<(f32, bool)> = (0..20_000)
            .map(|_| {
                let z = (rng.next_u64() % 2001) as f32 / 250.0 - 4.0;
                let p = 1.0 / (1.0 + (-(2.0 * z - 0.5)).exp());
                (z, (rng.next_u64() % 1_000_000) as f32 / 1e6 < p)
            })
            .collect();
        let fit = Platt::fit(&scored);
        assert!((fit.slope - 2.0).abs() < 0.1, "{fit:?}");
        assert!((fit.offset + 0.5).abs() < 0.1, "{fit:?}");
        // One class only: nothing to fit.
        assert_eq!(Platt::fit(&[(1.0, true), (2.0, true)]), Platt::IDENTITY);
        // A separable set stays finite (Platt's smoothed targets).
        let separable = Platt::fit(&[(-1.0, false), (-2.0, false), (1.0, true), (2.0, true)]);
        assert!(separable.slope.is_finite() && separable.slope > 0.0, "{separable:?}");
    }

    #[test]
    fn a_calibrated_model_keeps_its_calibration_through_a_file_and_old_files_are_refused() {
        let feats: Vec<(Features, bool)> = ["good service", "bad service", "very good", "very bad", "good", "bad"]
            .iter()
            .enumerate()
            .map(|(i, t)| (features(&doc(t), 0.0, negator), i % 2 == 0))
            .collect();
        let examples: Vec<(&Features, bool)> = feats.iter().map(|(f, y)| (f, *y)).collect();
        let model = Model::train_calibrated(&examples, &TrainOptions::default(), 1 << 12);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.bin");
        model.save(&path).unwrap();
        let back = Model::load(&path).unwrap();
        assert_eq!(back.calibration, model.calibration);
        assert_eq!(back.predict(&feats[0].0), model.predict(&feats[0].0));

        let mut old = std::fs::read(&path).unwrap();
        old[..8].copy_from_slice(MAGIC_V1);
        std::fs::write(&path, old).unwrap();
        let err = Model::load(&path).err().unwrap().to_string();
        assert!(err.contains("retrain it with `reviewsift train`"), "{err}");
    }

    #[test]
    fn training_is_deterministic() {
        let feats: Vec<(Features, bool)> = ["good", "bad", "very good", "very bad"]
            .iter()
            .enumerate()
            .map(|(i, t)| (features(&doc(t), 0.0, negator), i % 2 == 0))
            .collect();
        let examples: Vec<(&Features, bool)> = feats.iter().map(|(f, y)| (f, *y)).collect();
        let a = Model::train(&examples, &TrainOptions::default(), BUCKETS);
        let b = Model::train(&examples, &TrainOptions::default(), BUCKETS);
        assert_eq!((a.bias, a.scale, &a.quantised), (b.bias, b.scale, &b.quantised));
        let small = Model::train(&examples, &TrainOptions::default(), 1 << 12);
        assert_eq!(small.size(), 1 << 12);
        assert!(small.predict(&examples[0].0.clone()) > small.predict(&examples[1].0.clone()));
    }
}
