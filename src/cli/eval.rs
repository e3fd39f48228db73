//! `reviewsift eval`: score the analyses against a labelled file.
//!
//! The file goes through exactly what `reviewsift run` does (same ingest, same models, same config), so the numbers
//! are the numbers of the product. The gold label column is named with `--label-column`; for `--task categories`
//! the file has `is_complaint` and `categories` fields (a JSON list, or names separated by `;`); for `--task
//! language` the label is zh, en, fr or other, and the accuracy is also given by text length.

use std::path::PathBuf;

use anyhow::Result;

use crate::config::Config;
use crate::evaluation::{self, Task};

/// Score sentiment, deception, suspicion, complaint categories or language identification against a labelled file.
///
/// Examples:
///   reviewsift eval --task sentiment --data ../shared/datasets/sentiment/marc_en_dev.csv --label-column stars --label-scale stars
///   reviewsift eval --task deception --data ../shared/datasets/deceptive/op_spam_v1.4_folds1-4.csv
///   reviewsift eval --task categories --data gold.jsonl
///   reviewsift eval --task language --data languages.jsonl --label-column lang
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// What to score
    #[arg(long, value_enum)]
    task: Task,
    /// Labelled file (CSV, TSV, JSONL or Parquet)
    #[arg(long, value_name = "FILE")]
    data: String,
    /// Column holding the gold label (not used with --task categories)
    #[arg(long, value_name = "NAME", default_value = "label")]
    label_column: String,
    /// How the labels are written: binary (1/0, pos/neg, deceptive/truthful ...) or stars (1–2 vs 4–5)
    #[arg(long, value_enum, default_value = "binary")]
    label_scale: evaluation::Scale,
    /// Column holding the text [key: input.text_column]
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// Column holding the id [key: input.id_column]
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    /// Column holding a rating, if the analyses should see one [key: input.rating_column]
    #[arg(long, value_name = "NAME")]
    rating_column: Option<String>,
    /// Input format: auto, csv, tsv, jsonl, parquet [key: input.format]
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,
    /// Text encoding of the file: auto, or a label such as utf-8, gb18030, windows-1252 [key: input.encoding]
    #[arg(long, value_name = "ENCODING")]
    encoding: Option<String>,
    /// Config file
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Column holding, per row, the complaint category its source is about (what `subject` of an
    /// `[[input.sources]]` entry gives a run's files; a labelled file mixes sources): `app_website` for app-store rows
    #[arg(long, value_name = "NAME")]
    subject_column: Option<String>,
    /// Set any config key: section.key=value
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

pub fn run(args: Args) -> Result<()> {
    let quote = |v: &str| toml::Value::String(v.to_string()).to_string();
    let mut labels = match args.task {
        Task::Categories => vec!["is_complaint".to_string(), "categories".to_string()],
        _ => vec![args.label_column.clone()],
    };
    let subject_label = args.subject_column.as_ref().map(|column| {
        labels.push(column.clone());
        labels.len() - 1
    });
    let mut overrides = args.set.clone();
    overrides.push(format!("input.paths=[{}]", quote(&args.data)));
    overrides.push(format!("input.label_columns=[{}]", labels.iter().map(|l| quote(l)).collect::<Vec<_>>().join(",")));
    // Unless a rating column is named, the analyses see text only (as the targets are measured).
    overrides.push(format!("input.rating_column={}", quote(args.rating_column.as_deref().unwrap_or(""))));
    for (key, value) in [
        ("input.text_column", &args.text_column),
        ("input.id_column", &args.id_column),
        ("input.format", &args.format),
        ("input.encoding", &args.encoding),
    ] {
        if let Some(v) = value {
            overrides.push(format!("{key}={}", quote(v)));
        }
    }
    let config = Config::from_layers(args.config.as_deref(), &overrides)?;
    let (reviews, quarantined) = evaluation::analyse_labelled(&config, subject_label)?;
    print!("{}", evaluation::report(args.task, args.label_scale, &reviews, quarantined)?);
    Ok(())
}
