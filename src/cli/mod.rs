//! The command line: one file per subcommand, each a usage text, its arguments and a `run` that calls the library.

mod eval;
mod explain;
mod merge;
mod run;
mod train;

use clap::{Parser, Subcommand};

/// reviewsift — batch review analytics for service providers.
///
/// Reads scraped reviews (CSV, TSV, JSONL, Parquet), analyses each one (language, sentiment, suspicion,
/// complaint categories) and writes per-provider reports.
#[derive(Parser)]
#[command(name = "reviewsift", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    Run(run::Args),
    Train(train::Args),
    Eval(eval::Args),
    Explain(explain::Args),
    Merge(merge::Args),
}

/// Parses the command line and runs the subcommand (`run` when none is named).
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Run(args)) => run::run(args),
        Some(Command::Train(args)) => train::run(args),
        Some(Command::Eval(args)) => eval::run(args),
        Some(Command::Explain(args)) => explain::run(args),
        Some(Command::Merge(args)) => merge::run(args),
        None => run::run(run::Args::default()),
    }
}
