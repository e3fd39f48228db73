//! Ingest: scraped review files in, [`Review`] records and quarantined rows out.
//!
//! Reads CSV/TSV (the csv crate), JSONL, Parquet (polars) and plain text with one review per line, from files,
//! directories or globs, one row at a time and a chunk at a time, so that inputs larger than memory stream through.
//! Nothing is dropped silently: every input row becomes either a review or a [`Quarantined`] entry naming the file,
//! the line, the column and the reason, so that rows in = reviews analysed + rows quarantined, per file (a blank line
//! of a text file is no row). Exact duplicate texts are flagged ([`Review::duplicate_of`]), never dropped.
//!
//! Columns are found by name in each file's header (or JSON fields); files from sources that name them otherwise get
//! their own names from an `[[input.sources]]` entry ([`Source`]), so that one run reads them all.
//!
//! Ingest maps and validates fields; it does not interpret text (that is the text stage).

mod csv;
mod decode;
mod jsonl;
mod lines;
mod parquet;

use std::collections::hash_map::DefaultHasher;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::review::Review;
pub use decode::Compression;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestConfig {
    pub paths: Vec<String>,
    pub format: String,
    pub encoding: String,
    pub id_column: String,
    pub text_column: String,
    pub title_column: String,
    pub provider_column: String,
    pub rating_column: String,
    pub date_column: String,
    pub date_formats: Vec<String>,
    pub relative_dates_from: String,
    pub author_column: String,
    pub provider_aliases: BTreeMap<String, String>,
    pub label_columns: Vec<String>,
    pub rating_min: f64,
    pub rating_max: f64,
    pub chunk_rows: usize,
    pub sources: Vec<Source>,
    /// Whether the run named the rating and the date column itself, as opposed to leaving the built-in names
    /// (`rating`, `date`), which are a guess about the file. Set by `Config::from_layers`, not a key.
    #[serde(skip)]
    pub named: NamedColumns,
}

/// Which of the parsed columns the run named (a config file, `--set`, a flag or an `[[input.sources]]` entry set the
/// column, its formats or its scale). A value a named column cannot give quarantines its row: the analyst asked for
/// that column as configured. A column found only by its built-in name is a guess about the file (the FCC's `Date`
/// holds "22-04-15", old app-store exports rate 0 for "no rating"); a value it cannot give is left empty, counted
/// and warned of, and the review is analysed — a guess must not cost the analysis of every row.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NamedColumns {
    pub rating: bool,
    pub date: bool,
}

/// Files whose columns are named otherwise than the run's (`[[input.sources]]`): sources merged in one run rarely
/// agree on names (an app-store export's `text`, the FCC's `Description`, JD.com's `评论内容`), and some have no
/// provider column at all because the whole file is about one provider.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Glob pattern matched against each input file's path, and against its file name alone.
    pub files: String,
    pub id_column: Option<String>,
    pub text_column: Option<String>,
    pub title_column: Option<String>,
    pub provider_column: Option<String>,
    pub rating_column: Option<String>,
    pub date_column: Option<String>,
    pub date_formats: Option<Vec<String>>,
    pub author_column: Option<String>,
    /// The provider of each review of these files whose provider column is missing or blank.
    pub provider: Option<String>,
    /// The complaint category (a taxonomy id) these files are about when a complaint's words name none: for an
    /// app store's reviews, `app_website` — there "Doesn't work on my phone", "sucks" and "Never works" are about the
    /// app, words no cue can read as the app's (the complaint gold sets label them so). A complaint that names one of
    /// the taxonomy's `subjects` ("worst company", "terrible customer service") keeps no category. Where no plain cue
    /// names a category, yielding cues give way to it as to its cue ("Can't make a payment" is the app's).
    pub subject: Option<String>,
    /// The source's own rating scale (a site that rates 1–10), in place of the run's `rating_min` / `rating_max`.
    pub rating_min: Option<f64>,
    pub rating_max: Option<f64>,
}

impl Source {
    fn pattern(&self) -> Result<glob::Pattern> {
        glob::Pattern::new(&self.files)
            .with_context(|| format!("input.sources: `{}` is not a glob pattern", self.files))
    }

    fn matches(pattern: &glob::Pattern, path: &Path) -> bool {
        pattern.matches_path(path) || path.file_name().is_some_and(|name| pattern.matches(&name.to_string_lossy()))
    }
}

impl IngestConfig {
    /// The settings for the files of `source`: the run's, with the source's names in place.
    fn for_source(&self, source: &Source) -> IngestConfig {
        let pick = |own: &Option<String>, run: &String| own.clone().unwrap_or_else(|| run.clone());
        IngestConfig {
            id_column: pick(&source.id_column, &self.id_column),
            text_column: pick(&source.text_column, &self.text_column),
            title_column: pick(&source.title_column, &self.title_column),
            provider_column: pick(&source.provider_column, &self.provider_column),
            rating_column: pick(&source.rating_column, &self.rating_column),
            date_column: pick(&source.date_column, &self.date_column),
            date_formats: source.date_formats.clone().unwrap_or_else(|| self.date_formats.clone()),
            author_column: pick(&source.author_column, &self.author_column),
            rating_min: source.rating_min.unwrap_or(self.rating_min),
            rating_max: source.rating_max.unwrap_or(self.rating_max),
            sources: Vec::new(),
            named: NamedColumns {
                rating: self.named.rating
                    || source.rating_column.is_some()
                    || source.rating_min.is_some()
                    || source.rating_max.is_some(),
                date: self.named.date || source.date_column.is_some() || source.date_formats.is_some(),
            },
            ..self.clone()
        }
    }
}

impl IngestConfig {
    /// `relative_dates_from` read as a date (`None` when empty or not a date; `validate` refuses the latter).
    fn scraped_on(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.relative_dates_from.trim(), "%Y-%m-%d").ok()
    }

    pub fn validate(&self) -> Result<()> {
        if self.paths.is_empty() {
            bail!("input.paths is empty: name at least one file, directory or glob (--input)");
        }
        if !matches!(self.format.as_str(), "auto" | "csv" | "tsv" | "jsonl" | "parquet" | "lines") {
            bail!("input.format must be auto, csv, tsv, jsonl, parquet or lines, got `{}`", self.format);
        }
        decode::check_label(&self.encoding)?;
        if self.text_column.trim().is_empty() {
            bail!("input.text_column must name a column");
        }
        if let Some((from, to)) = self.provider_aliases.iter().find(|(k, v)| k.trim().is_empty() || v.trim().is_empty())
        {
            bail!(
                "input.provider_aliases: `{from}` = `{to}`: both the spelling and the provider name must be non-empty"
            );
        }
        if self.chunk_rows == 0 {
            bail!("input.chunk_rows must be at least 1");
        }
        if !self.relative_dates_from.is_empty() && self.scraped_on().is_none() {
            bail!("input.relative_dates_from must be a date, YYYY-MM-DD, got `{}`", self.relative_dates_from);
        }
        for f in &self.date_formats {
            let items = chrono::format::StrftimeItems::new(f);
            if f.trim().is_empty() || items.clone().any(|i| matches!(i, chrono::format::Item::Error)) {
                bail!("input.date_formats: `{f}` is not a strftime format (e.g. \"%d/%m/%Y\" or \"%m/%d/%y %H:%M\")");
            }
            if !items.into_iter().any(|i| matches!(i, chrono::format::Item::Numeric(chrono::format::Numeric::Day, _))) {
                bail!("input.date_formats: `{f}` has no day of the month (%d or %e)");
            }
        }
        if self.rating_min.partial_cmp(&self.rating_max) != Some(std::cmp::Ordering::Less) {
            bail!("input.rating_min ({}) must be below input.rating_max ({})", self.rating_min, self.rating_max);
        }
        for (i, source) in self.sources.iter().enumerate() {
            let what = format!("input.sources #{} (`{}`)", i + 1, source.files);
            if source.files.trim().is_empty() {
                bail!("input.sources #{}: `files` must be a glob pattern (e.g. \"*fcc*.csv\")", i + 1);
            }
            source.pattern()?;
            let columns = [
                ("id_column", &source.id_column),
                ("text_column", &source.text_column),
                ("title_column", &source.title_column),
                ("provider_column", &source.provider_column),
                ("rating_column", &source.rating_column),
                ("date_column", &source.date_column),
                ("author_column", &source.author_column),
                ("provider", &source.provider),
                ("subject", &source.subject),
            ];
            if let Some((key, _)) = columns.iter().find(|(_, v)| v.as_ref().is_some_and(|v| v.trim().is_empty())) {
                bail!("{what}: `{key}` is empty");
            }
            if columns.iter().all(|(_, v)| v.is_none())
                && source.date_formats.is_none()
                && source.rating_min.is_none()
                && source.rating_max.is_none()
            {
                bail!("{what} changes nothing: set a column name, date_formats, provider, subject or a rating scale");
            }
            self.for_source(source).validate().with_context(|| what.clone())?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
    Parquet,
    /// Plain text, one review per line.
    Lines,
}

/// One input file, resolved before the first row is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InputFile {
    pub path: String,
    pub format: Format,
    /// Size on disk.
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub compression: Option<Compression>,
    /// The text encoding the file is read in (encoding_rs's name: UTF-8, GBK, windows-1252 ...); none for Parquet.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub encoding: Option<String>,
    /// The `[[input.sources]]` entry whose names the file is read with (its `files` pattern); none for the run's.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
}

impl InputFile {
    /// The file's format as the report and `run --check` name it ("csv").
    pub fn format_name(&self) -> String {
        format!("{:?}", self.format).to_lowercase()
    }

    /// What else applies to how the file is read, for the report and `run --check` ("UTF-8", "gzip", "input.sources
    /// `…`": the entry whose columns, provider or subject it takes).
    pub fn read_as(&self) -> Vec<String> {
        let mut how: Vec<String> = self.encoding.iter().cloned().collect();
        how.extend(self.compression.map(|c| c.name().to_string()));
        how.extend(self.source.as_ref().map(|pattern| format!("input.sources `{pattern}`")));
        how
    }
}

/// A row that could not become a review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quarantined {
    pub file: Arc<str>,
    /// Line (CSV/TSV/JSONL) or row (Parquet), counting from 1.
    pub line: u64,
    pub column: Option<String>,
    pub reason: String,
    /// The provider, when it could still be read (for per-provider quarantine counts).
    pub provider: Option<String>,
    /// The raw row as far as it could be read (invalid UTF-8 replaced by U+FFFD).
    pub raw: String,
}

// A row is handed on once and moved into its chunk: boxing the review, the common case, would allocate per row.
#[allow(clippy::large_enum_variant)]
pub enum Row {
    Review(Review),
    Quarantined(Quarantined),
}

/// One chunk of input: its reviews and its quarantined rows.
#[derive(Default)]
pub struct Chunk {
    pub reviews: Vec<Review>,
    pub quarantined: Vec<Quarantined>,
}

/// Why a row or field was not read: its bytes are not UTF-8 in the encoding the file is read in (`where_`: "" or
/// " of the field").
fn invalid_utf8(e: std::str::Utf8Error, where_: &str) -> String {
    format!(
        "invalid UTF-8 at byte {}{where_} (the file is read as UTF-8; input.encoding names another)",
        e.valid_up_to()
    )
}

/// The fields of one row, by role, before validation.
#[derive(Default)]
pub(crate) struct Fields {
    pub id: Option<String>,
    pub text: Option<String>,
    pub title: Option<String>,
    pub provider: Option<String>,
    pub rating: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub labels: Vec<Option<String>>,
    /// Records that start earlier on the same line (a minified JSON array holds them all on one): 0 for the first.
    /// A generated id tells them apart.
    pub earlier_on_line: u32,
}

/// Where each role's column sits in a file with a header, resolved once per file.
pub(crate) struct Columns {
    pub id: Option<usize>,
    pub text: usize,
    pub title: Option<usize>,
    pub provider: Option<usize>,
    pub rating: Option<usize>,
    pub date: Option<usize>,
    pub author: Option<usize>,
    pub labels: Vec<Option<usize>>,
}

/// A header as a message shows it: a name with control characters or undecodable bytes quoted with escapes (a binary
/// file read as CSV has such a "header"), the whole cut to about 300 characters.
fn shown_header(header: &[String]) -> String {
    const LIMIT: usize = 300;
    let shown = header
        .iter()
        .map(|h| if h.chars().any(|c| c.is_control() || c == '\u{FFFD}') { format!("{h:?}") } else { h.clone() })
        .collect::<Vec<_>>()
        .join(", ");
    match shown.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}… ({} in all)", &shown[..cut], header.len()),
        None => shown,
    }
}

impl Columns {
    /// The positions of the mapped columns, each role once, labels last (the order `parquet` decodes them in).
    pub fn roles(&self) -> impl Iterator<Item = Option<usize>> + '_ {
        [self.id, Some(self.text), self.title, self.provider, self.rating, self.date, self.author]
            .into_iter()
            .chain(self.labels.iter().copied())
    }

    /// Resolves the configured names against a header (exact match first, then case-insensitive).
    pub fn resolve(header: &[String], config: &IngestConfig, file: &str) -> Result<Columns> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .or_else(|| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name.trim())))
        };
        let Some(text) = find(&config.text_column) else {
            let hint = match header.iter().find(|h| looks_like_text(h)) {
                Some(h) => format!("; `{h}` looks like the text: --text-column '{h}'"),
                None => String::new(),
            };
            bail!(
                "{file}: no text column `{}` (columns: {}){hint}; name it with --text-column, or for these files alone \
                 in an [[input.sources]] entry of the config",
                config.text_column,
                shown_header(header)
            );
        };
        Ok(Columns {
            id: find(&config.id_column),
            text,
            title: find(&config.title_column),
            provider: find(&config.provider_column),
            rating: find(&config.rating_column),
            date: find(&config.date_column),
            author: find(&config.author_column),
            labels: config.label_columns.iter().map(|c| find(c)).collect(),
        })
    }
}

/// Whether a column's name is one that scrapers and platforms give review text: it contains one of the words below
/// ("review_text", "Content", "commentaire", "评论内容"). Named in the message when the configured text column is
/// missing; a hint, not a guess: which column holds the review is the analyst's to say.
fn looks_like_text(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "review",
        "text",
        "content",
        "comment",
        "body",
        "description",
        "message",
        "sentence",
        "feedback",
        "avis",
        "contenu",
        "评论",
        "评价",
        "内容",
        "正文",
    ];
    let name = name.trim().to_lowercase();
    WORDS.iter().any(|w| name.contains(w)) && !name.ends_with("id") && !name.contains("title")
}

/// Turns [`Fields`] into a [`Review`], or says which column is wrong and why.
pub(crate) struct Mapper {
    config: IngestConfig,
    /// `input.provider_aliases` by [`provider_key`].
    aliases: HashMap<String, String>,
    /// The spellings met, shared by the run's mappers: one provider per [`provider_key`].
    spellings: Arc<Mutex<Spellings>>,
    /// The provider of rows without one (`provider` of an `[[input.sources]]` entry).
    fixed_provider: Option<String>,
    /// The `subject` of the `[[input.sources]]` entry, given to each review.
    subject: Option<Arc<str>>,
    /// Whether `config` is an `[[input.sources]]` entry's (for messages).
    from_source: bool,
}

/// How provider spellings are compared, for `input.provider_aliases` and for one provider per name: case and runs of
/// white space do not count.
fn provider_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A provider's name as scrapes write it in several ways ("Rogers", "rogers", "ROGERS "): one provider, reported
/// under the spelling met first in input order (so the same in every run and shard), its runs of white space made
/// one; the other spellings are kept for the manifest. `input.provider_aliases` names providers otherwise.
#[derive(Default)]
struct Spellings {
    first: HashMap<String, Arc<str>>,
    /// Per provider (its first spelling): the other spellings met, a few of them.
    others: BTreeMap<String, BTreeSet<String>>,
}

/// Other spellings kept per provider for the manifest.
const SPELLINGS_KEPT: usize = 5;

impl Spellings {
    /// The provider `name` (its [`provider_key`] `key`) is reported as.
    fn canonical(&mut self, name: &str, key: String) -> Arc<str> {
        let spaced = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(first) = self.first.get(&key) {
            if **first != *spaced {
                let others = self.others.entry(first.to_string()).or_default();
                if others.len() < SPELLINGS_KEPT {
                    others.insert(spaced);
                }
            }
            return first.clone();
        }
        let first: Arc<str> = spaced.into();
        self.first.insert(key, first.clone());
        first
    }
}

/// A provider reported under one spelling of several ([`Spellings`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProviderSpellings {
    pub provider: String,
    pub also: Vec<String>,
}

pub(crate) struct FieldError {
    pub column: String,
    pub reason: String,
}

impl Mapper {
    fn new(config: &IngestConfig, source: Option<&Source>, spellings: &Arc<Mutex<Spellings>>) -> Mapper {
        let aliases = config.provider_aliases.iter().map(|(k, v)| (provider_key(k), v.trim().to_string())).collect();
        Mapper {
            config: config.clone(),
            aliases,
            spellings: spellings.clone(),
            fixed_provider: source.and_then(|s| s.provider.clone()),
            subject: source.and_then(|s| s.subject.as_deref()).map(|s| Arc::from(s.trim())),
            from_source: source.is_some(),
        }
    }

    /// The provider a raw provider field names (or, when it is blank, the source's fixed provider): trimmed, its
    /// mojibake undone ("VidÃ©otron"), and renamed by `input.provider_aliases`; `None` when there is none.
    pub fn provider(&self, raw: Option<&str>) -> Option<String> {
        let name = raw.map(str::trim).filter(|s| !s.is_empty()).or(self.fixed_provider.as_deref().map(str::trim))?;
        let repaired = decode::repair_mojibake(name);
        let name = repaired.as_deref().unwrap_or(name);
        let key = provider_key(name);
        if let Some(alias) = self.aliases.get(&key) {
            return Some(alias.clone());
        }
        Some(self.spellings.lock().expect("not poisoned").canonical(name, key).to_string())
    }

    /// A rating value in stars ([`crate::review::STARS`]), or why it is not one.
    fn stars(&self, raw: &str) -> Result<f64, String> {
        let c = &self.config;
        let r = parse_rating(raw, c.rating_max).ok_or_else(|| format!("rating `{raw}` is not a number"))?;
        if r < c.rating_min || r > c.rating_max {
            let keys = if self.from_source { "its input.sources entry's " } else { "input." };
            return Err(format!("rating {raw} outside {}–{} ({keys}rating_min/max)", c.rating_min, c.rating_max));
        }
        // Brought to 1–5 stars in proportion (7 on 1–10 is 3.67): every rule reads stars.
        let (low, high) = crate::review::STARS;
        Ok(if (c.rating_min, c.rating_max) == (low, high) {
            r
        } else {
            low + (r - c.rating_min) * (high - low) / (c.rating_max - c.rating_min)
        })
    }

    /// A date value, or why it is not one.
    fn date(&self, raw: &str) -> Result<NaiveDateTime, String> {
        let c = &self.config;
        let read = parse_date(raw, &c.date_formats)
            .or_else(|| relative_date(raw, c.scraped_on()?))
            .ok_or_else(|| date_error(raw, &c.date_formats))?;
        // A year outside this range is a format read wrongly (a two-digit year under %Y), not a review's date.
        if !(1970..=2100).contains(&read.year()) {
            return Err(format!("date read as {}, outside 1970–2100 (check input.date_formats)", read.date()));
        }
        Ok(read)
    }

    pub fn review(&self, f: Fields, file: &Arc<str>, line: u64) -> Result<Review, FieldError> {
        let c = &self.config;
        let err = |column: &str, reason: String| FieldError { column: column.to_string(), reason };
        // Mojibake is undone in every text field (the provider's in `provider`), the first one kept for the warning.
        let mut mojibake = f.provider.as_deref().filter(|p| decode::repair_mojibake(p).is_some()).map(str::to_string);
        let mut repaired = |s: String| match decode::repair_mojibake(&s) {
            Some(fixed) => {
                mojibake.get_or_insert_with(|| s.chars().take(60).collect());
                fixed
            }
            None => s,
        };
        let text = repaired(f.text.unwrap_or_default());
        let title = non_empty(f.title).map(&mut repaired);
        let author = non_empty(f.author).map(|a| repaired(a.trim().to_string()));
        if text.trim().is_empty() {
            return Err(err(&c.text_column, "empty text".into()));
        }
        // A value a guessed column cannot give is left empty and kept for the warning (NamedColumns).
        let (mut unread_rating, mut unread_date) = (None, None);
        let rating = match non_empty(f.rating).map(|raw| (self.stars(&raw), raw)) {
            None => None,
            Some((Ok(stars), _)) => Some(stars),
            Some((Err(_), raw)) if !c.named.rating => {
                unread_rating = Some(raw);
                None
            }
            Some((Err(reason), _)) => return Err(err(&c.rating_column, reason)),
        };
        let date = match non_empty(f.date).map(|raw| (self.date(&raw), raw)) {
            None => None,
            Some((Ok(date), _)) => Some(date),
            Some((Err(_), raw)) if !c.named.date => {
                unread_date = Some(raw);
                None
            }
            Some((Err(reason), _)) => return Err(err(&c.date_column, reason)),
        };
        let provider = self.provider(f.provider.as_deref()).unwrap_or_else(|| "unknown".into());
        let review_id = non_empty(f.id)
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| generated_id(file, line, f.earlier_on_line));
        Ok(Review {
            source_file: file.clone(),
            source_line: line,
            review_id,
            provider,
            title,
            text,
            rating,
            date,
            author,
            labels: f.labels,
            subject: self.subject.clone(),
            notes: crate::review::IngestNotes { unread_rating, unread_date, mojibake },
            ..Review::default()
        })
    }
}

/// A number as a spreadsheet shows a long numeric id it rounded: one digit, maybe decimals, then `E+` and the
/// exponent ("1.00008E+11", "1E+11"). The lost digits were what told one buyer or review from another. The run warns
/// of such ids and does not group authors by them (`crossreview::AuthorNames`). The sign is required, so that hex
/// hashes such as "30513e037842" are not taken for rounded numbers.
pub fn spreadsheet_rounded(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['e', 'E']) else { return false };
    let Some(exponent) = exponent.strip_prefix('+') else { return false };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    ascii_digits(whole, 1..=1) && ascii_digits(fraction, 1..=usize::MAX) && ascii_digits(exponent, 1..=3)
}

/// `s` is ASCII digits only, as many as `len` allows.
fn ascii_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|v| !v.trim().is_empty())
}

/// `gen-` and 16 hex digits of SHA-256 over the file path and line: the same row of the same file always gets the
/// same id.
fn generated_id(file: &str, line: u64, earlier_on_line: u32) -> String {
    let key = match earlier_on_line {
        0 => format!("{file}\u{1f}{line}"),
        k => format!("{file}\u{1f}{line}\u{1f}{k}"),
    };
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("gen-{hex}")
}

/// An id of the form [`generated_id`] writes.
pub fn is_generated_id(id: &str) -> bool {
    id.len() == 20 && id.starts_with("gen-") && id[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// "4", "4.0", "4,5" (decimal comma), "4 stars", "4星", "★★★★☆" (the filled stars); "8/10" on another scale is
/// brought to the configured one in proportion (`scale_max` 5: 4.0).
fn parse_rating(raw: &str, scale_max: f64) -> Option<f64> {
    let s = raw.trim();
    if !s.is_empty() && s.chars().all(|c| matches!(c, '★' | '☆' | '⭐') || c.is_whitespace()) {
        let filled = s.chars().filter(|&c| c == '★' || c == '⭐').count();
        return (filled > 0).then_some(filled as f64);
    }
    let number = |s: &str| -> Option<f64> {
        let s = s
            .trim()
            .trim_end_matches(|c: char| c.is_alphabetic() || c.is_whitespace() || c == '★' || c == '星' || c == '分');
        s.replace(',', ".").parse().ok().filter(|v: &f64| v.is_finite())
    };
    match s.split_once('/') {
        None => number(s),
        Some((value, out_of)) => {
            let (value, out_of) = (number(value)?, number(out_of).filter(|&d| d > 0.0)?);
            Some(if out_of == scale_max { value } else { value * scale_max / out_of })
        }
    }
}

/// The analyst's `formats` (strftime, tried in order: a date-time, else a date), then ISO dates and date-times (with
/// or without zone), slashes or dots, Chinese 年月日, RFC 2822, Unix seconds, month names in English and French,
/// spreadsheet day serials. Ambiguous day/month orders
/// (03/04/2024) are refused rather than guessed, unless a format says which they are.
pub(crate) fn parse_date(raw: &str, formats: &[String]) -> Option<NaiveDateTime> {
    let s = raw.trim();
    for f in formats {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d);
        }
        if let Some(d) = NaiveDate::parse_from_str(s, f).ok().and_then(|d| d.and_hms_opt(0, 0, 0)) {
            return Some(d);
        }
    }
    // The common shape first, without chrono's format parser (trying the formats below one by one cost 1 % of a
    // run's CPU): "2024-03-05", alone or followed by " 14:30:00" / "T14:30:00".
    if let Some(d) = iso_date(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_utc());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.naive_utc());
    }
    if ascii_digits(s, 10..=10) {
        return DateTime::from_timestamp(s.parse().ok()?, 0).map(|d| d.naive_utc());
    }
    if let Some(d) = written_date(s).or_else(|| spreadsheet_serial(s)) {
        return Some(d);
    }
    // chrono's %Y reads any number of digits: without this, "22-04-15" (day first, two-digit year) would be the
    // 15th of April of the year 22.
    let four_digit_year = s.len() > 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if !four_digit_year {
        return None;
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return d.and_hms_opt(0, 0, 0);
        }
    }
    None
}

/// Month names in English and French (full, and abbreviated with or without a dot), 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
];

/// Words a written date may carry besides its day, month and year: weekdays, "le", "à", "at", "on".
const DATE_FILLERS: &[&str] = &[
    "le",
    "à",
    "a",
    "at",
    "on",
    "monday",
    "mon",
    "tuesday",
    "tue",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// A date with its month written as a word, in English or French, the way review sites show dates: "March 4, 2020",
/// "Mar 4 2020", "4 March 2020", "04-Mar-2020", "le 1er mars 2020", "4 févr. 2020 à 10:15", "Wednesday, March 4,
/// 2020 10:15 PM". The month word makes the order unambiguous. Needs one day, one month and a four-digit year — or a
/// two-digit one in the day-month-year order of spreadsheets and databases ("22-Apr-15", Oracle's and Excel's
/// DD-MON-YY: 2015; 00–69 are 2000–2069, 70–99 are 1970–1999, as strftime's %y reads them).
fn written_date(s: &str) -> Option<NaiveDateTime> {
    let lower = s.to_lowercase();
    let (mut day, mut month, mut year, mut time, mut pm) = (None, None, None, None, None);
    let mut day_first = false;
    let number = |t: &str, len| ascii_digits(t, len).then(|| t.parse::<u32>().ok()).flatten();
    let separators = |c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/';
    for token in lower.split(separators).filter(|t| !t.is_empty()) {
        let word = token.trim_end_matches('.');
        let ordinal = ["er", "st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
            if month.replace(m).is_some() {
                return None;
            }
            day_first = day.is_some();
        } else if let Some(t) = clock_time(word) {
            time = Some(t);
        } else if word == "am" || word == "pm" {
            pm = Some(word == "pm");
        } else if let (Some(y), None) = (number(word, 4..=4), year) {
            year = Some(y as i32);
        } else if let (Some(d), None) = (number(ordinal, 1..=2), day) {
            day = Some(d);
        } else if let (Some(y), None, true) = (number(word, 2..=2), year, day_first) {
            year = Some(if y < 70 { 2000 } else { 1900 } + y as i32);
        } else if !DATE_FILLERS.contains(&word) {
            return None;
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = match (time, pm) {
        (None, None) => NaiveTime::MIN,
        (Some(t), None) => t,
        (Some(t), Some(pm)) if (1..=12).contains(&t.hour()) => t.with_hour(t.hour() % 12 + if pm { 12 } else { 0 })?,
        _ => return None,
    };
    Some(date.and_time(time))
}

/// Why a date was not read, and what would read it.
fn date_error(raw: &str, formats: &[String]) -> String {
    if NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| relative_date(raw, d)).is_some() {
        return format!(
            "date `{raw}` says how long ago, not when: set input.relative_dates_from to the day the pages were \
             scraped (e.g. --set input.relative_dates_from=2025-03-31)"
        );
    }
    let expected = if formats.is_empty() {
        "e.g. 2024-03-15, 2024-03-15T10:00:00Z or 15 March 2024; for day/month orders set input.date_formats, e.g. \
         [\"%d/%m/%Y\"]"
            .to_string()
    } else {
        format!("one of input.date_formats {formats:?}, or e.g. 2024-03-15")
    };
    format!("date `{raw}` is not a date (expected {expected})")
}

/// A date written as how long ago it was, counted back from `scraped_on` (the day the page was read): "3 days ago",
/// "a month ago", "il y a 2 semaines", "il y a un an", "5天前", "3个月前", "yesterday", "hier", "昨天", "today".
/// Hours, minutes and seconds ago are the scrape day itself; months and years go back by the calendar.
fn relative_date(s: &str, scraped_on: NaiveDate) -> Option<NaiveDateTime> {
    static FORMS: std::sync::OnceLock<[regex::Regex; 3]> = std::sync::OnceLock::new();
    let [en, fr, zh] = FORMS.get_or_init(|| {
        [
            regex::Regex::new(r"^(a|an|one|\d+) (second|minute|hour|day|week|month|year)s? ago$"),
            regex::Regex::new(r"^il y a (un|une|\d+) (seconde|minute|heure|jour|semaine|mois|an|année)s?$"),
            regex::Regex::new(r"^(\d+|一|两|二|三|四|五|六|七|八|九|十)\s*(秒|分钟|小时|天|周|星期|个月|月|年)前$"),
        ]
        .map(|r| r.expect("fixed pattern"))
    });
    let s = s.trim().to_lowercase();
    let back = |days: u64| scraped_on.checked_sub_days(chrono::Days::new(days));
    let date = match s.as_str() {
        "today" | "just now" | "aujourd'hui" | "à l'instant" | "今天" | "刚刚" => Some(scraped_on),
        "yesterday" | "hier" | "昨天" => back(1),
        "前天" | "avant-hier" => back(2),
        _ => {
            let c = en.captures(&s).or_else(|| fr.captures(&s)).or_else(|| zh.captures(&s))?;
            let n: u32 = match &c[1] {
                "a" | "an" | "one" | "un" | "une" | "一" => 1,
                "两" | "二" => 2,
                "三" => 3,
                "四" => 4,
                "五" => 5,
                "六" => 6,
                "七" => 7,
                "八" => 8,
                "九" => 9,
                "十" => 10,
                digits => digits.parse().ok()?,
            };
            match &c[2] {
                "second" | "minute" | "hour" | "seconde" | "heure" | "秒" | "分钟" | "小时" => Some(scraped_on),
                "day" | "jour" | "天" => back(n as u64),
                "week" | "semaine" | "周" | "星期" => back(7 * n as u64),
                "month" | "mois" | "个月" | "月" => scraped_on.checked_sub_months(chrono::Months::new(n)),
                _ => scraped_on.checked_sub_months(chrono::Months::new(12 * n)),
            }
        }
    }?;
    date.and_hms_opt(0, 0, 0)
}

/// "10:15", "10:15:30", and the French "10h15" / "10h".
fn clock_time(word: &str) -> Option<NaiveTime> {
    if word.contains(':') {
        return NaiveTime::parse_from_str(word, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(word, "%H:%M")).ok();
    }
    let (hour, minute) = word.split_once('h')?;
    if !ascii_digits(hour, 1..=2) || !ascii_digits(minute, 0..=2) {
        return None;
    }
    NaiveTime::from_hms_opt(hour.parse().ok()?, if minute.is_empty() { 0 } else { minute.parse().ok()? }, 0)
}

/// A spreadsheet's date serial (days since 1899-12-30, a fraction for the time of day), as a date column saved
/// without its date format shows: "43894" or "43894.6875". Only serials of 1970 to 2099 (25569 to 73050) count, so
/// that no other number is read as a date.
fn spreadsheet_serial(s: &str) -> Option<NaiveDateTime> {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    if !ascii_digits(whole, 5..=5) || !ascii_digits(fraction, 0..=usize::MAX) {
        return None;
    }
    let serial: f64 = s.parse().ok()?;
    if !(25569.0..73051.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (serial * 86_400.0).round() as i64;
    Some(epoch + chrono::Duration::seconds(seconds))
}

/// "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" (what the format list below would accept for them).
fn iso_date(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().all(u8::is_ascii_digit).then(|| s[r].parse().ok())?
    };
    if !(b.len() == 10 || b.len() == 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    if b.len() == 10 {
        return date.and_hms_opt(0, 0, 0);
    }
    if !(b[10] == b' ' || b[10] == b'T') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    date.and_hms_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?)
}

/// The rows of one file, from its format's reader.
type Rows = Box<dyn Iterator<Item = Result<Row>> + Send>;

/// Reads every input file in order, a chunk at a time.
pub struct Ingest {
    files: Vec<InputFile>,
    /// Files in the input folders that are not read, with why.
    skipped: Vec<SkippedFile>,
    /// The provider spellings met, shared by the mappers (and by the second pass, which meets the same).
    spellings: Arc<Mutex<Spellings>>,
    /// The run's mapper, then one per `[[input.sources]]` entry, in order, each with its `files` pattern.
    mappers: Vec<(Option<String>, Arc<Mapper>)>,
    next_file: usize,
    /// The rows of the file being read, and that file as the readers read it (a decoded copy is deleted with it).
    current: Option<(Rows, decode::Plain)>,
    /// Text hash → `review_id` of its first review, for `duplicate_of`; `None` when not flagging duplicates.
    seen_texts: Option<HashMap<u64, Box<str>>>,
    reviews_read: u64,
    /// Bytes of input consumed so far (for progress).
    pub bytes_read: Arc<AtomicU64>,
    chunk_rows: usize,
}

impl Ingest {
    /// Resolves paths, directories and globs into files and checks each can be opened; reads no rows.
    pub fn open(config: &IngestConfig) -> Result<Ingest> {
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let patterns = config.sources.iter().map(Source::pattern).collect::<Result<Vec<_>>>()?;
        // One file named twice (a folder and a file in it, `./a.csv` and `a.csv`, a link) is read once.
        let mut canonical = HashSet::new();
        for p in &config.paths {
            for path in expand(p, &mut skipped)? {
                let name = path.to_string_lossy().into_owned();
                if !canonical.insert(std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone())) {
                    continue;
                }
                // The name tells the format (the extension before `.gz`, `.zst` …); the bytes tell the compression.
                let named_compression = Compression::of(&path);
                let format = detect_format(&path, named_compression.is_some(), &config.format)?;
                if format == Format::Parquet && named_compression.is_some() {
                    bail!("{name}: a compressed Parquet file is not read (Parquet compresses its own columns); decompress it first");
                }
                let compression = match format {
                    Format::Parquet => None,
                    _ => decode::compression_of(&path)?,
                };
                let bytes = std::fs::metadata(&path).with_context(|| format!("cannot read input {name}"))?.len();
                let encoding = match format {
                    Format::Parquet => None,
                    _ => Some(decode::encoding_of(&path, compression, &config.encoding)?.name().to_string()),
                };
                // The first entry whose pattern matches.
                let source =
                    patterns.iter().position(|p| Source::matches(p, &path)).map(|i| config.sources[i].files.clone());
                files.push(InputFile { path: name, format, bytes, compression, encoding, source });
            }
        }
        // A folder's file that is also named on its own is read, not skipped.
        skipped.retain(|f: &SkippedFile| !canonical.contains(&std::fs::canonicalize(&f.path).unwrap_or_default()));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        skipped.dedup_by(|a, b| a.path == b.path);
        let spellings = Arc::new(Mutex::new(Spellings::default()));
        Ok(Ingest {
            files,
            skipped,
            mappers: std::iter::once((None, Arc::new(Mapper::new(config, None, &spellings))))
                .chain(config.sources.iter().map(|s| {
                    let mapper = Mapper::new(&config.for_source(s), Some(s), &spellings);
                    (Some(s.files.clone()), Arc::new(mapper))
                }))
                .collect(),
            spellings,
            next_file: 0,
            current: None,
            seen_texts: Some(HashMap::new()),
            reviews_read: 0,
            bytes_read: Arc::new(AtomicU64::new(0)),
            chunk_rows: config.chunk_rows,
        })
    }

    /// A second pass over the same files, as resolved by [`Ingest::open`] (formats and encodings are not detected
    /// again). It leaves `duplicate_of` unset and keeps no hash per distinct text: the pass that needs neither (the
    /// cross-review pass) is spared the largest structure of a run that grows with the input.
    pub fn second_pass(&self) -> Ingest {
        Ingest {
            files: self.files.clone(),
            skipped: self.skipped.clone(),
            spellings: self.spellings.clone(),
            mappers: self.mappers.clone(),
            next_file: 0,
            current: None,
            seen_texts: None,
            reviews_read: 0,
            bytes_read: Arc::new(AtomicU64::new(0)),
            chunk_rows: self.chunk_rows,
        }
    }

    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// Files found in the input folders and not read (the manifest's `skipped_inputs`).
    pub fn skipped(&self) -> &[SkippedFile] {
        &self.skipped
    }

    /// The providers met under more than one spelling, each with the others (the manifest's `provider_spellings`).
    pub fn provider_spellings(&self) -> Vec<ProviderSpellings> {
        let spellings = self.spellings.lock().expect("not poisoned");
        spellings
            .others
            .iter()
            .map(|(provider, also)| ProviderSpellings {
                provider: provider.clone(),
                also: also.iter().cloned().collect(),
            })
            .collect()
    }

    /// The first `rows` rows of each file, as the run would read them (`reviewsift run --check`): the reviews and
    /// quarantined rows they give, or why the file cannot be read. A file that fails does not stop the others.
    pub fn preview(&self, rows: usize) -> Vec<(InputFile, Result<Chunk>)> {
        self.files
            .iter()
            .map(|file| {
                let mut one = Ingest { files: vec![file.clone()], chunk_rows: rows.max(1), ..self.second_pass() };
                (file.clone(), one.next_chunk())
            })
            .collect()
    }

    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }

    /// The next chunk of up to `input.chunk_rows` rows; empty when the input is exhausted.
    pub fn next_chunk(&mut self) -> Result<Chunk> {
        let mut chunk = Chunk::default();
        while chunk.reviews.len() + chunk.quarantined.len() < self.chunk_rows {
            match self.next_row()? {
                None => break,
                Some(Row::Quarantined(q)) => chunk.quarantined.push(q),
                Some(Row::Review(mut r)) => {
                    r.ordinal = self.reviews_read;
                    self.reviews_read += 1;
                    if let Some(seen) = &mut self.seen_texts {
                        match seen.entry(text_key(&r.text)) {
                            Entry::Occupied(first) => r.duplicate_of = Some(first.get().to_string()),
                            Entry::Vacant(slot) => {
                                slot.insert(r.review_id.as_str().into());
                            }
                        }
                    }
                    chunk.reviews.push(r);
                }
            }
        }
        Ok(chunk)
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        loop {
            if let Some((reader, _)) = &mut self.current {
                match reader.next() {
                    Some(row) => return row.map(Some),
                    None => self.current = None,
                }
            }
            let Some(file) = self.files.get(self.next_file) else { return Ok(None) };
            self.next_file += 1;
            let name: Arc<str> = Arc::from(file.path.as_str());
            let encoding = match file.encoding.as_deref() {
                None => encoding_rs::UTF_8,
                Some(e) => encoding_rs::Encoding::for_label(e.as_bytes())
                    .with_context(|| format!("{name}: unknown encoding `{e}`"))?,
            };
            let plain = decode::plain(Path::new(&file.path), file.compression, encoding)?;
            if plain.len == 0 {
                // An empty file holds no rows (not even a header): nothing to read, nothing lost.
                add_progress(&self.bytes_read, file.bytes);
                continue;
            }
            let progress = Progress::new(self.bytes_read.clone(), file.bytes, plain.len);
            // The first entry with the file's pattern: the one `open` chose.
            let (_, mapper) = self.mappers.iter().find(|(p, _)| *p == file.source).expect("resolved by open");
            let (mapper, path) = (mapper.clone(), plain.path.as_path());
            let reader: Rows = match file.format {
                Format::Csv => {
                    let delimiter = csv::sniff_delimiter(path, &name)?;
                    Box::new(csv::CsvRows::open(name, path, delimiter, mapper, progress)?)
                }
                Format::Tsv => Box::new(csv::CsvRows::open(name, path, b'\t', mapper, progress)?),
                Format::Jsonl => Box::new(jsonl::JsonlRows::open(name, path, mapper, progress)?),
                Format::Parquet => Box::new(parquet::ParquetRows::open(name, path, mapper, progress)?),
                Format::Lines => Box::new(lines::LinesRows::open(name, path, mapper, progress)?),
            };
            self.current = Some((reader, plain));
        }
    }
}

/// Exact-duplicate key: the text with whitespace folded.
fn text_key(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for w in text.split_whitespace() {
        w.hash(&mut h);
    }
    h.finish()
}

fn add_progress(counter: &AtomicU64, bytes: u64) {
    counter.fetch_add(bytes, Ordering::Relaxed);
}

/// A reader's progress, in bytes of the file on disk: a reader of a decoded copy counts the copy's bytes, scaled
/// to the original's size, so that the run's progress bar (sized by the files on disk) ends at 100 %.
pub(crate) struct Progress {
    counter: Arc<AtomicU64>,
    on_disk: u64,
    read_len: u64,
    read: u64,
    reported: u64,
}

impl Progress {
    fn new(counter: Arc<AtomicU64>, on_disk: u64, read_len: u64) -> Progress {
        Progress { counter, on_disk, read_len: read_len.max(1), read: 0, reported: 0 }
    }

    /// `bytes` more of the file read.
    pub fn add(&mut self, bytes: u64) {
        self.read += bytes;
        let scaled = (self.read.min(self.read_len) as u128 * self.on_disk as u128 / self.read_len as u128) as u64;
        add_progress(&self.counter, scaled - self.reported);
        self.reported = scaled;
    }
}

fn expand(pattern: &str, skipped: &mut Vec<SkippedFile>) -> Result<Vec<PathBuf>> {
    if pattern.contains(['*', '?', '[']) {
        let mut out: Vec<PathBuf> = glob::glob(pattern)
            .with_context(|| format!("bad glob pattern `{pattern}`"))?
            .filter_map(|p| p.ok())
            .filter(|p| p.is_file())
            .collect();
        out.sort();
        if out.is_empty() {
            bail!("input `{pattern}` matches no file");
        }
        return Ok(out);
    }
    let path = PathBuf::from(pattern);
    if path.is_dir() {
        let mut out = Vec::new();
        walk(&path, &mut out, skipped, &mut HashSet::new())?;
        out.sort();
        if out.is_empty() {
            let mut message = format!("input folder {} holds no .csv, .tsv, .jsonl or .parquet file", path.display());
            if let Some(f) = skipped.iter().find(|f| Path::new(&f.path).starts_with(&path)) {
                message += &format!(" (not read: {}, {})", f.path, f.reason);
            }
            bail!(message);
        }
        Ok(out)
    } else if path.is_file() {
        Ok(vec![path])
    } else {
        bail!("input {} does not exist", path.display())
    }
}

/// A file found in an input folder and not read: nothing in a folder is passed over without a word (hidden files
/// aside, whose names start with a dot).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// Why a folder's file is not read, by its name.
fn not_read(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "txt" => "a .txt file in a folder is taken for notes; name it to read it as one review per line",
        "zip" | "7z" | "rar" | "tar" | "tgz" => "an archive: unpack it",
        "xlsx" | "xls" | "xlsm" | "ods" | "numbers" => "a workbook: export the sheet as CSV",
        _ => {
            "not a review file by its extension (.csv, .tsv, .jsonl, .json, .parquet, each optionally .gz, .zst, \
              .bz2 or .xz)"
        }
    }
}

/// Lists a folder's input files, recursively; the others go to `skipped`, hidden ones aside. A folder reached twice
/// (a symbolic link to a parent, or two links to one folder) is listed once: a link loop would otherwise list its
/// files again at every level.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<SkippedFile>, seen: &mut HashSet<PathBuf>) -> Result<()> {
    if !seen.insert(std::fs::canonicalize(dir).with_context(|| format!("cannot list {}", dir.display()))?) {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<PathBuf>>>()?;
    // In name order, so that which name of a folder reached twice is kept does not depend on the file system.
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out, skipped, seen)?;
        } else if detect_format(&path, Compression::of(&path).is_some(), "auto").is_ok_and(|f| f != Format::Lines) {
            // A folder's .txt files are more often notes (README.txt) than reviews: only those named are read.
            out.push(path);
        } else if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            skipped
                .push(SkippedFile { path: path.to_string_lossy().into_owned(), reason: not_read(&path).to_string() });
        }
    }
    Ok(())
}

/// The format of a file: forced, or by its extension (the one before `.gz` / `.zst` for a compressed file).
fn detect_format(path: &Path, compressed: bool, forced: &str) -> Result<Format> {
    let by_name = |s: &str| match s {
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "parquet" | "pq" => Some(Format::Parquet),
        "lines" | "txt" => Some(Format::Lines),
        _ => None,
    };
    if forced != "auto" {
        return Ok(by_name(forced).expect("validated"));
    }
    let inner = if compressed { Path::new(path.file_stem().unwrap_or_default()) } else { path };
    let ext = inner.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    by_name(&ext).with_context(|| {
        format!(
            "cannot tell the format of {} from its extension; set --format csv|tsv|jsonl|parquet|lines",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_header_is_shown_escaped_and_cut_short() {
        let config = crate::config::Config::default().input;
        let header = vec!["id".to_string(), "co\u{1}m\u{FFFD}".to_string()];
        let err = Columns::resolve(&header, &config, "x.csv").err().unwrap().to_string();
        assert!(err.contains("(columns: id, \"co\\u{1}m\u{FFFD}\")"), "{err}");
        let long: Vec<String> = (0..200).map(|i| format!("column{i}")).collect();
        let err = Columns::resolve(&long, &config, "x.csv").err().unwrap().to_string();
        assert!(err.contains("… (200 in all)") && err.len() < 600, "{err}");
    }

    /// Damages a small Parquet file byte by byte (an inserted byte, a flipped byte): reading it must
    /// give the rows or an error naming the file, never a panic — polars' decoder panics on some of these.
    #[test]
    fn a_damaged_parquet_file_is_an_error_never_a_panic() {
        use polars::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let mut frame = df!(
            "review_id" => ["a", "b", "c"],
            "text" => ["good network", "bad billing", "信号很差"],
            "rating" => [5i64, 1, 2]
        )
        .unwrap();
        let good = dir.path().join("good.parquet");
        ParquetWriter::new(std::fs::File::create(&good).unwrap()).finish(&mut frame).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let path = dir.path().join("damaged.parquet");
        let mut config = crate::config::Config::default().input;
        config.paths = vec![path.to_string_lossy().into_owned()];
        let (mut errors, mut decoder_panics) = (0, 0);
        for at in 0..bytes.len() {
            for inserted in [true, false] {
                let mut damaged = bytes.clone();
                if inserted {
                    damaged.insert(at, 0);
                } else {
                    damaged[at] ^= 0xff;
                }
                std::fs::write(&path, &damaged).unwrap();
                let read_all = Ingest::open(&config).and_then(|mut ingest| loop {
                    let chunk = ingest.next_chunk()?;
                    if chunk.reviews.is_empty() && chunk.quarantined.is_empty() {
                        break Ok(());
                    }
                });
                if let Err(e) = read_all {
                    let message = format!("{e:#}");
                    assert!(message.contains("damaged.parquet: not a readable Parquet file"), "{message}");
                    errors += 1;
                    decoder_panics += message.contains("the Parquet decoder failed") as usize;
                }
            }
        }
        assert!(errors > 100, "{errors}");
        assert!(decoder_panics > 0, "no damage reached the decoder's panics: the test no longer covers them");
    }

    #[test]
    fn ratings_in_the_forms_scrapers_produce() {
        for (raw, want) in [
            ("4", 4.0),
            ("4.0", 4.0),
            ("4,5", 4.5),
            ("4/5", 4.0),
            ("4.5 / 5", 4.5),
            ("8/10", 4.0),
            ("10/10", 5.0),
            ("5 stars", 5.0),
            ("3星", 3.0),
            ("★★★★☆", 4.0),
            ("★", 1.0),
        ] {
            assert_eq!(parse_rating(raw, 5.0), Some(want), "{raw}");
        }
        for raw in ["great", "", "NaN", "inf", "☆☆☆☆☆", "4/0", "4/5/2024"] {
            assert_eq!(parse_rating(raw, 5.0), None, "{raw}");
        }
    }

    #[test]
    fn dates_that_say_how_long_ago_count_back_from_the_scrape_day() {
        let scraped = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let day = |raw: &str| relative_date(raw, scraped).map(|d| d.date().to_string());
        for (raw, expected) in [
            ("2 days ago", "2025-03-29"),
            ("a month ago", "2025-02-28"),
            ("3 weeks ago", "2025-03-10"),
            ("an hour ago", "2025-03-31"),
            ("Yesterday", "2025-03-30"),
            ("il y a 3 semaines", "2025-03-10"),
            ("il y a un an", "2024-03-31"),
            ("il y a 2 mois", "2025-01-31"),
            ("hier", "2025-03-30"),
            ("3天前", "2025-03-28"),
            ("两个月前", "2025-01-31"),
            ("5 小时前", "2025-03-31"),
            ("昨天", "2025-03-30"),
        ] {
            assert_eq!(day(raw).as_deref(), Some(expected), "{raw}");
        }
        for raw in ["2 days", "ago", "il y a longtemps", "a while ago", "3 days from now", "以前"] {
            assert_eq!(day(raw), None, "{raw}");
        }
        // Without a scrape day the row is quarantined with a message that names the key.
        assert!(date_error("2 days ago", &[]).contains("input.relative_dates_from"));
        assert!(!date_error("someday", &[]).contains("relative_dates_from"));
        let config =
            |from: &str| IngestConfig { relative_dates_from: from.into(), ..crate::config::Config::default().input };
        assert!(config("2025-03-31").validate().is_ok());
        assert!(config("31/03/2025").validate().unwrap_err().to_string().contains("YYYY-MM-DD"));
    }

    #[test]
    fn dates_in_the_forms_scrapers_produce() {
        for raw in [
            "2024-03-15",
            "2024-03-15 10:04:00",
            "2024-03-15T10:04:00Z",
            "2024-03-15T10:04:00+02:00",
            "2024/03/15",
            "2024.03.15",
            "2024年3月15日",
            "Fri, 15 Mar 2024 10:04:00 +0000",
            "1710496800",
            // Month names, English and French, as review sites write them.
            "March 15, 2024",
            "Mar 15 2024",
            "15 March 2024",
            "15-Mar-2024",
            "15-Mar-24",
            "15-MAR-24 10:04",
            "Friday, March 15th, 2024 10:04 PM",
            "15 mars 2024",
            "le 15 mars 2024 à 10h04",
            "vendredi 15 mars 2024",
            // A spreadsheet's serial day number.
            "45366",
            "45366.25",
        ] {
            let d = parse_date(raw, &[]).unwrap_or_else(|| panic!("{raw}"));
            assert_eq!(d.date(), NaiveDate::from_ymd_opt(2024, 3, 15).unwrap(), "{raw}");
        }
        for raw in [
            "03/04/2024",
            "22-04-15",
            "15-04-2022",
            "yesterday",
            "2024-13-01",
            "2024-02-30",
            "2024-03-15 25:00:00",
            "2024-03-15x10:04:00",
            "March 2024",
            "15 March",
            "March 15 24",
            "15-Mar-24-24",
            "March 15, 2024 13:00 PM",
            "31 février 2024",
            "15 Marsh 2024",
            "March 15 April 2024",
            "il y a 2 jours",
            "12345",
            "99999",
        ] {
            assert_eq!(parse_date(raw, &[]), None, "{raw}");
        }
        let at = |raw: &str| parse_date(raw, &[]).unwrap().format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(at("Friday, March 15th, 2024 10:04 PM"), "2024-03-15 22:04");
        assert_eq!(at("March 15, 2024 12:30 AM"), "2024-03-15 00:30");
        assert_eq!(at("le 1er févr. 2024 à 9h"), "2024-02-01 09:00");
        assert_eq!(at("45366.25"), "2024-03-15 06:00");
        assert_eq!(at("22-Apr-15"), "2015-04-22 00:00");
        assert_eq!(at("31-Dec-99"), "1999-12-31 00:00");
        let t = parse_date("2024-03-15T10:04:05", &[]).unwrap();
        assert_eq!(t, NaiveDate::from_ymd_opt(2024, 3, 15).unwrap().and_hms_opt(10, 4, 5).unwrap());
        // The analyst says the order: day first, two- or four-digit years, with or without a time.
        let day_first = ["%d-%m-%y".to_string(), "%d/%m/%Y".to_string(), "%d/%m/%Y %H:%M".to_string()];
        let april_3 = NaiveDate::from_ymd_opt(2024, 4, 3).unwrap();
        assert_eq!(parse_date("03/04/2024", &day_first).unwrap().date(), april_3);
        assert_eq!(parse_date("03-04-24", &day_first).unwrap().date(), april_3);
        assert_eq!(parse_date("03/04/2024 18:30", &day_first).unwrap(), april_3.and_hms_opt(18, 30, 0).unwrap());
        assert_eq!(parse_date("2024-03-15", &day_first).unwrap().date(), NaiveDate::from_ymd_opt(2024, 3, 15).unwrap());
        assert_eq!(parse_date("31/02/2024", &day_first), None);
    }

    #[test]
    fn generated_ids_are_stable_and_distinct() {
        assert_eq!(generated_id("a.csv", 3, 0), generated_id("a.csv", 3, 0));
        assert_ne!(generated_id("a.csv", 3, 0), generated_id("a.csv", 4, 0));
        assert!(generated_id("a.csv", 3, 0).starts_with("gen-"));
        assert!(is_generated_id(&generated_id("a.csv", 3, 0)));
        assert!(!is_generated_id("gen-42") && !is_generated_id("r000000001"));
        // Records of a minified JSON array share a line; their ids still differ.
        assert_ne!(generated_id("a.json", 1, 0), generated_id("a.json", 1, 1));
    }
}
