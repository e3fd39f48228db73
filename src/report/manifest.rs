//! The run manifest (`manifest.json`): what was read, with which configuration and models, what came out, how long
//! each stage took. Enough to reproduce a run and to check its outputs (row counts per file add up).

use std::collections::BTreeMap;

use chrono::{SecondsFormat, Utc};
use serde::Serialize;

use crate::ingest::{InputFile, ProviderSpellings, SkippedFile};

#[derive(Debug, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: &'static str,
    pub schema_version: &'static str,
    pub started_at: String,
    pub finished_at: String,
    pub command: Vec<String>,
    /// Number of shards merged (`reviewsift merge`); null for a single run.
    pub shards: Option<u32>,
    pub inputs: Vec<InputRecord>,
    /// Files found in the input folders and not read, each with why (hidden files aside).
    pub skipped_inputs: Vec<SkippedFile>,
    /// Providers whose name the input writes in several ways (case, runs of white space), reported under the
    /// spelling met first; up to five others each.
    pub provider_spellings: Vec<ProviderSpellings>,
    pub config: serde_json::Value,
    pub models: Models,
    pub counts: Counts,
    /// What the analyst should know before reading the outputs, one sentence each (also on stderr and at the top of
    /// the report): input values that defeat an analysis, with examples.
    pub warnings: Vec<String>,
    /// Seconds spent in each stage, summed over chunks. Reading (`ingest`) and output (`aggregate`, `write`) run on
    /// threads of their own beside `analyse`, so the stages add up to more than `wall`.
    pub timings_s: BTreeMap<&'static str, f64>,
    pub outputs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct InputRecord {
    #[serde(flatten)]
    pub file: InputFile,
    pub sha256: String,
    pub rows: u64,
    pub analysed: u64,
    pub quarantined: u64,
}

#[derive(Debug, Serialize)]
pub struct Models {
    /// The registry packages the sentiment lexicons were converted from (models/lexicons/SOURCES.txt).
    pub lexicons: Vec<String>,
    pub taxonomy_path: String,
    pub taxonomy_version: String,
    pub taxonomy_sha256: String,
    pub tokenizer: &'static str,
    pub language_id: &'static str,
    /// The trained model files read (`models/*.bin`, made by `reviewsift train`; cards beside them).
    pub trained: Vec<crate::classifier::ModelFile>,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub rows_in: u64,
    pub analysed: u64,
    pub quarantined: u64,
    pub exact_duplicates: u64,
    pub suspicious: u64,
    pub complaints: u64,
    pub provider_replies: u64,
    /// Reviews whose author value names nobody in particular (a placeholder, a spreadsheet-rounded id, a masked
    /// name): they have no author signals.
    pub anonymous_authors: u64,
    /// Reviews whose id is a number a spreadsheet rounded to scientific notation: it no longer tells reviews apart.
    pub rounded_ids: u64,
    /// Reviews whose id (not a rounded one) another review in the input carries too.
    pub shared_ids: u64,
    /// Reviews whose rating or date column, found only by its built-in name (`rating`, `date`), holds a value that
    /// is not a rating or a date: left empty, the review analysed.
    pub unread_ratings: u64,
    pub unread_dates: u64,
    /// Reviews with a text, title, provider or author that was mojibake (UTF-8 decoded as Windows-1252 and saved
    /// again: "rÃ©seau"): repaired as read, the outputs hold the repaired values.
    pub mojibake: u64,
    pub providers: u64,
}

impl Manifest {
    pub fn start(config: serde_json::Value, models: Models) -> Manifest {
        Manifest {
            tool: "reviewsift",
            version: env!("CARGO_PKG_VERSION"),
            schema_version: super::SCHEMA_VERSION,
            started_at: now(),
            finished_at: String::new(),
            command: std::env::args().collect(),
            shards: None,
            inputs: Vec::new(),
            skipped_inputs: Vec::new(),
            provider_spellings: Vec::new(),
            config,
            models,
            counts: Counts::default(),
            warnings: Vec::new(),
            timings_s: BTreeMap::new(),
            outputs: Vec::new(),
        }
    }

    pub fn finish(&mut self) {
        self.finished_at = now();
    }

    /// Writes [`Manifest::warnings`] from the final counts and the values met.
    pub fn warn(
        &mut self,
        quoted: &Quoted,
        files: &[MostlyQuarantined],
        reply_authors: &[ReplyAuthor],
        namesakes: &[NamesakeAuthor],
    ) {
        for f in files {
            self.warnings.push(format!(
                "{}: {} of its {} rows were quarantined, {} of them for {} (first at line {}: {}); see quarantine.csv",
                f.file, f.quarantined, f.rows, f.count, f.column, f.line, f.reason
            ));
        }
        let empty: Vec<&InputRecord> = self.inputs.iter().filter(|i| i.rows == 0).collect();
        if !empty.is_empty() {
            // A scraper that failed often leaves an empty file or a header alone: the analyst should hear of it
            // before reading a provider's counts as complete.
            let shown = first_three(&empty, "inputs", |i| format!("{} ({} bytes)", i.file.path, i.file.bytes));
            self.warnings.push(format!("{} input file(s) held no rows: {shown}", empty.len()));
        }
        if !reply_authors.is_empty() {
            let shown: Vec<String> = reply_authors
                .iter()
                .take(3)
                .map(|a| format!("\"{}\" ({} texts, {} of them replies)", a.author, a.texts, a.replies))
                .collect();
            self.warnings.push(format!(
                "{} author(s) wrote mostly the provider's support replies, and their other texts count as customers' \
                 reviews: {}; {}",
                reply_authors.len(),
                shown.join("; "),
                name_accounts(reply_authors.iter().map(|a| a.author.as_str()))
            ));
        }
        if !namesakes.is_empty() {
            let shown: Vec<String> = namesakes
                .iter()
                .take(3)
                .map(|a| format!("\"{}\" ({} of their {} texts, about {})", a.author, a.reviews, a.texts, a.provider))
                .collect();
            self.warnings.push(format!(
                "{} author(s) are spelt like the provider they write about, and their texts count as customers' \
                 reviews: {}; {}",
                namesakes.len(),
                shown.join("; "),
                name_accounts(namesakes.iter().map(|a| a.author.as_str()))
            ));
        }
        if !self.skipped_inputs.is_empty() {
            let quoted = first_three(&self.skipped_inputs, "skipped_inputs", |f| format!("{} ({})", f.path, f.reason));
            self.warnings
                .push(format!("{} file(s) in the input folders were not read: {quoted}", self.skipped_inputs.len()));
        }
        if !self.provider_spellings.is_empty() {
            let quoted = first_three(&self.provider_spellings, "provider_spellings", |p| {
                let also: Vec<String> = p.also.iter().map(|a| format!("\"{a}\"")).collect();
                format!("{} (also {})", p.provider, also.join(", "))
            });
            self.warnings.push(format!(
                "{} provider(s) are written in more than one way, differing in case or spacing, and are counted as one \
                 under the spelling met first: {quoted}; input.provider_aliases names them otherwise",
                self.provider_spellings.len()
            ));
        }
        let c = &self.counts;
        if c.unread_ratings > 0 {
            self.warnings.push(format!(
                "{} review(s) have a value in the rating column, which the run found by its built-in name `{}` and \
                 did not name, that is not a rating on {}–{} (such as {}): their rating is left empty and they are \
                 analysed; name the column (--rating-column) or its scale (input.rating_min / rating_max) to \
                 quarantine such rows instead",
                c.unread_ratings,
                self.config["input"]["rating_column"].as_str().unwrap_or_default(),
                self.config["input"]["rating_min"].as_f64().unwrap_or_default(),
                self.config["input"]["rating_max"].as_f64().unwrap_or_default(),
                quoted.unread_ratings.quoted()
            ));
        }
        if c.unread_dates > 0 {
            self.warnings.push(format!(
                "{} review(s) have a value in the date column, which the run found by its built-in name `{}` and \
                 did not name, that is not a date (such as {}): their date is left empty and they are analysed; \
                 give its format (input.date_formats, e.g. [\"%d-%m-%y\"]) to read them, or name the column \
                 (--date-column) to quarantine such rows instead",
                c.unread_dates,
                self.config["input"]["date_column"].as_str().unwrap_or_default(),
                quoted.unread_dates.quoted()
            ));
        }
        if c.mojibake > 0 {
            self.warnings.push(format!(
                "{} review(s) held mojibake, text decoded in the wrong encoding before it was saved (such as {}): \
                 repaired as it was read (\"rÃ©seau\" is read as \"réseau\"), and the outputs hold the repaired text",
                c.mojibake,
                quoted.mojibake.quoted()
            ));
        }
        if c.anonymous_authors > 0 {
            self.warnings.push(format!(
                "{} review(s) have an author value that names nobody in particular (such as {}): a placeholder, an \
                 id a spreadsheet rounded to scientific notation, or a masked name; author activity is not measured \
                 for them (crossreview.anonymous_authors)",
                c.anonymous_authors,
                quoted.anonymous_authors.quoted()
            ));
        }
        if c.rounded_ids > 0 {
            self.warnings.push(format!(
                "{} review id(s) are numbers a spreadsheet rounded to scientific notation (such as {}): they no \
                 longer tell reviews apart, nor does duplicate_of; source_file and source_line do, or a run without \
                 the id column gives generated ids",
                c.rounded_ids,
                quoted.rounded_ids.quoted()
            ));
        }
        if c.shared_ids > 0 {
            self.warnings.push(format!(
                "{} review(s) share their review id with another review (such as {}): the id column does not tell \
                 reviews apart (files that each number their rows from 1, or one id per product or thread); \
                 source_file and source_line do",
                c.shared_ids,
                quoted.shared_ids.quoted()
            ));
        }
    }
}

/// The first three of a manifest list, shown, and how many more the list (`field`) holds.
fn first_three<T>(items: &[T], field: &str, show: impl Fn(&T) -> String) -> String {
    let shown: Vec<String> = items.iter().take(3).map(show).collect();
    match items.len() {
        n if n > 3 => format!("{}; {} more in manifest.json's {field}", shown.join("; "), n - 3),
        _ => shown.join("; "),
    }
}

/// An input file half or more of whose rows were quarantined (a column mapped wrongly, a date format unknown): the
/// column at fault most often, with its first row's line and reason.
pub struct MostlyQuarantined {
    pub file: String,
    pub rows: u64,
    pub quarantined: u64,
    pub column: String,
    pub count: u64,
    pub line: u64,
    pub reason: String,
}

/// What to do about authors who are most likely the provider's accounts: the `--set` line naming the first three.
fn name_accounts<'a>(authors: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = authors.take(3).map(|a| format!("\"{a}\"")).collect();
    format!(
        "if they are the provider's accounts, name them in complaints.provider_accounts (--set \
         'complaints.provider_accounts=[{}]') to leave all their texts out of the provider's figures",
        names.join(", ")
    )
}

/// An author not named in `complaints.provider_accounts` at least half of whose texts, and at least
/// [`ReplyAuthor::MIN_REPLIES`], are the provider's support replies, and not all of them: most likely the provider's
/// account, whose announcements and adverts (which no reply phrase finds) count as customers' reviews.
pub struct ReplyAuthor {
    pub author: String,
    pub replies: u64,
    /// The author's texts in the input (`author_reviews`).
    pub texts: u32,
}

impl ReplyAuthor {
    /// Fewer replies than this are customers quoting a reply, or chance.
    pub const MIN_REPLIES: u64 = 5;
}

/// An author not named in `complaints.provider_accounts`, with [`NamesakeAuthor::MIN_TEXTS`] texts or more, spelt like
/// the provider of a review of theirs that counts as a customer's (`crate::crossreview::names_provider`: "free" and
/// "Freebox" for Free Mobile): most likely the provider's account, whose outage notices and adverts no reply phrase
/// finds. Authors warned of as [`ReplyAuthor`]s are left out.
pub struct NamesakeAuthor {
    pub author: String,
    /// The provider met first.
    pub provider: String,
    /// The author's reviews, spelt like their provider, that count as customers'.
    pub reviews: u64,
    /// The author's texts in the input (`author_reviews`).
    pub texts: u32,
}

impl NamesakeAuthor {
    /// Fewer texts than this are a customer who happens to share the name ("Bell" reviewing Bell once).
    pub const MIN_TEXTS: u32 = 3;
}

/// The values the warnings quote, offered as the reviews are written.
#[derive(Debug, Default)]
pub struct Quoted {
    pub anonymous_authors: Examples,
    pub rounded_ids: Examples,
    pub shared_ids: Examples,
    pub unread_ratings: Examples,
    pub unread_dates: Examples,
    pub mojibake: Examples,
}

/// Up to [`Examples::KEPT`] distinct values, in the order met: what a warning quotes.
#[derive(Debug, Default)]
pub struct Examples(Vec<String>);

impl Examples {
    const KEPT: usize = 5;

    pub fn offer(&mut self, value: &str) {
        if self.0.len() < Self::KEPT && !self.0.iter().any(|v| v == value) {
            self.0.push(value.to_string());
        }
    }

    fn quoted(&self) -> String {
        self.0.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
