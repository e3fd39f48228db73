//! The one record that flows through the pipeline.
//!
//! Ingest fills the fields read from the input; each analysis stage then fills its own part (`lang`, `sentiment`,
//! `complaints`, `suspicion`). Report writes it out unchanged. Nothing downstream re-reads the input.

use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

/// The scale of [`Review::rating`]: 1 to 5 stars. Inputs on another scale (a site that rates 0–10) are brought to it
/// in proportion as they are read, so that the rules that read ratings (a low rating, a five-star burst, a rating two
/// stars above its provider's mean) and the per-provider tables mean the same for every source.
pub const STARS: (f64, f64) = (1.0, 5.0);

/// A review as read from the input, plus the results of every analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Review {
    /// Position among the input's reviews (0-based, input order; quarantined rows not counted).
    pub ordinal: u64,
    /// Input file it came from, and its line (CSV/TSV/JSONL) or row (Parquet) there, counting from 1.
    pub source_file: Arc<str>,
    pub source_line: u64,
    pub review_id: String,
    pub provider: String,
    pub title: Option<String>,
    pub text: String,
    /// Stars on [`STARS`], whatever scale the input rated on (`input.rating_min` / `rating_max`).
    pub rating: Option<f64>,
    pub date: Option<NaiveDateTime>,
    pub author: Option<String>,
    /// `review_id` of an earlier review with exactly the same text (whitespace folded), if any.
    pub duplicate_of: Option<String>,
    /// Gold labels from `input.label_columns`, for `reviewsift eval`.
    pub labels: Vec<Option<String>>,
    /// The complaint category its source is about when a complaint's words name none (`subject` of its
    /// `[[input.sources]]` entry: `app_website` for an app store's reviews).
    pub subject: Option<Arc<str>>,
    /// What ingest noticed in the row's values without stopping it, for the manifest's counts and warnings.
    pub notes: IngestNotes,

    pub cross: crate::crossreview::CrossSignals,
    pub lang: Lang,
    pub token_count: u32,
    pub sentiment: crate::sentiment::Sentiment,
    pub complaints: crate::complaints::Complaints,
    pub suspicion: crate::suspicion::Suspicion,
}

/// Values of a review's row that ingest could not use as they were, and kept the review.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IngestNotes {
    /// The value of a rating or date column found only by its built-in name that is not a rating or a date: left
    /// out of `rating` / `date` (`ingest::NamedColumns`).
    pub unread_rating: Option<String>,
    pub unread_date: Option<String>,
    /// The start of a text, title, provider or author that was mojibake, as it was read (`ingest::decode`).
    pub mojibake: Option<String>,
}

impl Review {
    /// The text the analyses read: the title (when there is one) and the body, one per line.
    /// Offsets into this string are turned back into per-field offsets by [`Span::locate`].
    pub fn analysed_text(&self) -> String {
        match &self.title {
            Some(t) if !t.trim().is_empty() => format!("{t}\n{}", self.text),
            _ => self.text.clone(),
        }
    }

    /// Length of the title prefix in characters (title + newline) inside [`Review::analysed_text`].
    pub fn title_prefix_chars(&self) -> usize {
        match &self.title {
            Some(t) if !t.trim().is_empty() => t.chars().count() + 1,
            _ => 0,
        }
    }
}

/// Detected language. Only the three the first market reads are told apart; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    Zh,
    En,
    Fr,
    #[default]
    Other,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Other => "other",
        }
    }
}

/// A quoted piece of evidence: which field, character offsets `[start, end)` into that field's original text, and
/// the quoted characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    #[serde(deserialize_with = "span_field")]
    pub field: StaticStr,
    pub start: u32,
    pub end: u32,
    pub quote: String,
}

impl Span {
    /// Builds a span from character offsets into [`Review::analysed_text`] (`analysed` is that text as chars).
    pub fn locate(analysed: &[char], title_prefix: usize, start: usize, end: usize) -> Span {
        let end = end.min(analysed.len()).max(start);
        if start < title_prefix {
            // Evidence that starts in the title stays in it (the newline after the title is not the text's).
            let end = end.min(title_prefix.saturating_sub(1)).max(start);
            let quote: String = analysed[start..end].iter().collect();
            Span { field: "title", start: start as u32, end: end as u32, quote }
        } else {
            let quote: String = analysed[start..end].iter().collect();
            Span { field: "text", start: (start - title_prefix) as u32, end: (end - title_prefix) as u32, quote }
        }
    }
}

fn span_field<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    intern(d, &["title", "text"])
}

/// A `&'static str` field that serde must not try to borrow from its input (it borrows every field spelled `&str`,
/// which would tie the whole record to a `'static` input); such fields are deserialised by [`intern`].
pub type StaticStr = &'static str;

/// Deserialises a `&'static str` field that holds one of a fixed set of values (by lookup: nothing is leaked).
/// Such fields only travel through the shard files of `run --shard` and `merge`.
pub(crate) fn intern<'de, D: Deserializer<'de>>(d: D, known: &[&'static str]) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    known.iter().copied().find(|k| *k == s).ok_or_else(|| D::Error::custom(format!("unknown value {s:?}")))
}
