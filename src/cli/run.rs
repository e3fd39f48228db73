//! `reviewsift run`: analyse reviews and write the per-provider reports.
//!
//! With no arguments it runs on the bundled default dataset (`datasets/telecom_reviews/`) and writes to `out/`.
//! Every setting comes from `reviewsift.toml` (built-in defaults, then `--config FILE` or `./reviewsift.toml`),
//! `--set section.key=value`, and the flags below, which are shorthands for the keys they name.

use std::path::PathBuf;

use anyhow::Result;

use crate::config::Config;
use crate::ingest::Ingest;
use crate::pipeline;
use crate::shard::ShardSpec;

/// Analyse reviews and write per-provider reports.
///
/// Examples:
///   reviewsift run
///   reviewsift run --input reviews/ --out out/ --provider-column carrier
///   reviewsift run -i a.csv -i b.jsonl --set suspicion.threshold=0.6
///   reviewsift run -i big.csv --shard 0/4 --out shards/0    (then: reviewsift merge shards/* --out out)
///   reviewsift run -c sources.toml -i crawl/ --check        (how each file would be read; nothing written)
#[derive(clap::Args, Default)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Input file, directory or glob; repeat for several [key: input.paths]
    #[arg(short, long = "input", value_name = "PATH")]
    inputs: Vec<String>,
    /// Output folder [key: output.dir]
    #[arg(short, long, value_name = "DIR")]
    out: Option<String>,
    /// Config file with the keys to change (default: ./reviewsift.toml when present)
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Set any config key: section.key=value (TOML value); repeatable
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Input format: auto, csv, tsv, jsonl, parquet, lines [key: input.format]
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Text encoding of the input files: auto, or a label such as utf-8, gb18030, windows-1252 [key: input.encoding]
    #[arg(long, value_name = "ENCODING")]
    encoding: Option<String>,
    /// Column holding the review id [key: input.id_column]
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    /// Column holding the review text, the one required column [key: input.text_column]
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// Column holding the review title [key: input.title_column]
    #[arg(long, value_name = "NAME")]
    title_column: Option<String>,
    /// Column holding the provider name [key: input.provider_column]
    #[arg(long, value_name = "NAME")]
    provider_column: Option<String>,
    /// Column holding the star rating [key: input.rating_column]
    #[arg(long, value_name = "NAME")]
    rating_column: Option<String>,
    /// Column holding the review date [key: input.date_column]
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,
    /// Date format (strftime, e.g. %d/%m/%Y) tried before the built-in ones; repeat for several
    /// [key: input.date_formats]
    #[arg(long = "date-format", value_name = "FORMAT")]
    date_formats: Vec<String>,
    /// Column holding the author name or id [key: input.author_column]
    #[arg(long, value_name = "NAME")]
    author_column: Option<String>,
    /// Rows read and analysed together [key: input.chunk_rows]
    #[arg(long, value_name = "N")]
    chunk_rows: Option<usize>,
    /// Write the reviews table as Hive partitions by this column: provider [key: output.partition_by]
    #[arg(long, value_name = "COLUMN")]
    partition_by: Option<String>,
    /// Complaint taxonomy file [key: complaints.taxonomy]
    #[arg(long, value_name = "FILE")]
    taxonomy: Option<String>,
    /// Be shard I of N (I counts from 0): analyse every Nth chunk of the input and write a shard folder to --out
    /// for `reviewsift merge` instead of reports
    #[arg(long, value_name = "I/N")]
    shard: Option<ShardSpec>,
    /// Only show how each input file would be read — format, encoding, the [[input.sources]] entry, and its first
    /// rows as reviews or quarantined rows — without analysing or writing anything; fails if a file cannot be read
    #[arg(long, conflicts_with = "shard")]
    check: bool,
    /// No progress bars
    #[arg(short, long)]
    quiet: bool,
}

impl Args {
    /// The flags as `key=value` overrides, applied after `--set`.
    fn overrides(&self) -> Vec<String> {
        let quote = |v: &str| toml::Value::String(v.to_string()).to_string();
        let mut out = self.set.clone();
        if !self.inputs.is_empty() {
            let list: Vec<String> = self.inputs.iter().map(|p| quote(p)).collect();
            out.push(format!("input.paths=[{}]", list.join(",")));
        }
        if !self.date_formats.is_empty() {
            let list: Vec<String> = self.date_formats.iter().map(|f| quote(f)).collect();
            out.push(format!("input.date_formats=[{}]", list.join(",")));
        }
        let named = [
            ("output.dir", &self.out),
            ("input.format", &self.format),
            ("input.encoding", &self.encoding),
            ("input.id_column", &self.id_column),
            ("input.text_column", &self.text_column),
            ("input.title_column", &self.title_column),
            ("input.provider_column", &self.provider_column),
            ("input.rating_column", &self.rating_column),
            ("input.date_column", &self.date_column),
            ("input.author_column", &self.author_column),
            ("complaints.taxonomy", &self.taxonomy),
            ("output.partition_by", &self.partition_by),
        ];
        for (key, value) in named {
            if let Some(v) = value {
                out.push(format!("{key}={}", quote(v)));
            }
        }
        if let Some(n) = self.chunk_rows {
            out.push(format!("input.chunk_rows={n}"));
        }
        out
    }
}

pub fn run(args: Args) -> Result<()> {
    let local = PathBuf::from("reviewsift.toml");
    let file = args.config.clone().or_else(|| local.exists().then_some(local));
    let config = Config::from_layers(file.as_deref(), &args.overrides())?;
    if args.check {
        return check(&config);
    }
    let summary = match args.shard {
        Some(shard) => pipeline::run_shard(&config, shard, args.quiet)?,
        None => pipeline::run(&config, args.quiet)?,
    };
    match args.shard {
        Some(shard) => summary.print(&format!("shard {}/{}: ", shard.index, shard.count)),
        None => summary.print(""),
    }
    Ok(())
}

/// Rows of each file `--check` shows.
const CHECK_ROWS: usize = 3;

/// `--check`: each input file as the run would read it, from its first rows; nothing is analysed or written.
fn check(config: &Config) -> Result<()> {
    let ingest = Ingest::open(&config.input)?;
    let previews = ingest.preview(CHECK_ROWS);
    let mut unreadable = 0;
    for (file, outcome) in &previews {
        let mut how = [vec![file.format_name()], file.read_as()].concat();
        if file.source.is_none() {
            how.push("the run's columns".to_string());
        }
        println!("{} ({})", file.path, how.join(", "));
        let chunk = match outcome {
            Ok(chunk) => chunk,
            Err(e) => {
                unreadable += 1;
                println!("  cannot be read: {e:#}");
                continue;
            }
        };
        // An unread value of a column found by its built-in name is shown beside the empty one.
        let or_dash = |v: Option<String>, unread: &Option<String>| match (v, unread) {
            (Some(v), _) => v,
            (None, Some(u)) => format!("– (`{u}` not read)"),
            (None, None) => "–".to_string(),
        };
        let mut lines: Vec<(u64, String)> = chunk
            .reviews
            .iter()
            .map(|r| {
                let text: String = r.text.chars().take(60).collect::<String>().replace('\n', " ");
                let more = if r.text.chars().count() > 60 { "…" } else { "" };
                (
                    r.source_line,
                    format!(
                        "review {}, provider {}, rating {}, date {}, author {}: \"{text}{more}\"",
                        r.review_id,
                        r.provider,
                        or_dash(r.rating.map(|v| format!("{v:.2}")), &r.notes.unread_rating),
                        or_dash(r.date.map(|d| d.format("%Y-%m-%d %H:%M").to_string()), &r.notes.unread_date),
                        or_dash(r.author.clone(), &None),
                    ),
                )
            })
            .collect();
        lines.extend(chunk.quarantined.iter().map(|q| {
            let column = q.column.as_deref().unwrap_or("the whole row");
            (q.line, format!("quarantined ({column}): {}", q.reason))
        }));
        lines.sort_by_key(|(line, _)| *line);
        if lines.is_empty() {
            println!("  no rows");
        }
        for (line, what) in lines {
            println!("  line {line}: {what}");
        }
    }
    for f in ingest.skipped() {
        println!("{} (not read: {})", f.path, f.reason);
    }
    if unreadable > 0 {
        anyhow::bail!("{unreadable} of {} input files cannot be read (above)", previews.len());
    }
    println!(
        "reviewsift: {} input file(s) read as shown (their first {CHECK_ROWS} rows); nothing analysed or written",
        previews.len()
    );
    Ok(())
}
