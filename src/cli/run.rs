//! `reviewsift run`: analyse reviews and write the per-provider reports.
//!
//! With no arguments it runs on the bundled default dataset (`datasets/telecom_reviews/`) and writes to `out/`.
//! Every setting comes from `reviewsift.toml` (built-in defaults, then `--config FILE` or `./reviewsift.toml`),
//! `--set section.key=value`, and the flags below, which are shorthands for the keys they name.

use std::path::PathBuf;

use anyhow::Result;

use crate::config::Config;
use crate::pipeline;
use crate::shard::ShardSpec;

/// Analyse reviews and write per-provider reports.
///
/// Examples:
///   reviewsift run
///   reviewsift run --input reviews/ --out out/ --provider-column carrier
///   reviewsift run -i a.csv -i b.jsonl --set suspicion.threshold=0.6
///   reviewsift run -i big.csv --shard 0/4 --out shards/0    (then: reviewsift merge shards/* --out out)
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
    /// Input format: auto, csv, tsv, jsonl, parquet [key: input.format]
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
