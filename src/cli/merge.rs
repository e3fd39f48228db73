//! `reviewsift merge`: combine the shard folders of a sharded run into the outputs of a single run.
//!
//! Each shard folder comes from `reviewsift run --shard I/N --out DIR` over the same input and configuration. The
//! merge takes the configuration from the shards (only the output folder is its own), checks that shards 0..N are
//! all there and belong together, and writes the same Parquet, CSV, report and manifest a single run writes.

use std::path::PathBuf;

use anyhow::Result;

use crate::pipeline;

/// Merge shard folders into one run's outputs.
///
/// Examples:
///   reviewsift merge shards/0 shards/1 shards/2 --out out
///   reviewsift merge shards/* --out out
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Shard folders written by `reviewsift run --shard I/N`, in any order
    #[arg(required = true, value_name = "SHARD_DIR")]
    shards: Vec<PathBuf>,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: String,
    /// No progress bars
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<()> {
    let summary = pipeline::merge(&args.shards, &args.out, args.quiet)?;
    summary.print(&format!("merged {} shards: ", args.shards.len()));
    Ok(())
}
