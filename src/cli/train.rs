//! `reviewsift train`: train the sentiment (zh, en, fr) and deception models from the labelled corpora and write
//! them, with their model cards, to `models/`.
//!
//! The corpora are read in place (default `../shared/datasets`); nothing of them is copied. Deterministic: the same
//! data gives the same weights. Takes a few minutes on two cores.

use std::path::PathBuf;

use anyhow::Result;

use crate::classifier::TrainOptions;
use crate::config::Config;
use crate::sentiment::SentimentModel;
use crate::text::Text;
use crate::training::{self, Featurizer};

/// Train the sentiment and deception models from labelled corpora.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the corpora (sentiment/, deceptive/ ...)
    #[arg(long, value_name = "DIR", default_value_os_t = training::default_data_dir())]
    data: PathBuf,
    /// Where the models and their cards are written [key: sentiment.model_dir]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Passes over the training data
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// AdaGrad learning rate
    #[arg(long, default_value_t = TrainOptions::default().learning_rate)]
    learning_rate: f32,
    /// L2 regularisation per update
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    l2: f32,
    /// Run the encoder-features experiment with the encoder in DIR (scripts/setup-encoder.sh) instead of training
    /// the models; writes docs/encoder-results.md
    #[cfg(feature = "encoder")]
    #[arg(long, value_name = "DIR")]
    encoder: Option<PathBuf>,
    /// Config file (for the lexicon paths and the text stage's boilerplate patterns)
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let config = Config::from_layers(args.config.as_deref(), &[])?;
    let out = args.out.unwrap_or_else(|| PathBuf::from(&config.sentiment.model_dir));
    let text = Text::load(&config.text)?;
    let lexicon = SentimentModel::load_lexicons(&config.sentiment)?;
    let options =
        TrainOptions { epochs: args.epochs, learning_rate: args.learning_rate, l2: args.l2, ..TrainOptions::default() };
    let command = format!(
        "reviewsift train --data {} --out {} --epochs {} --learning-rate {} --l2 {}",
        args.data.display(),
        out.display(),
        options.epochs,
        options.learning_rate,
        options.l2
    );
    let featurizer = Featurizer { text: &text, lexicon: &lexicon };
    #[cfg(feature = "encoder")]
    if let Some(dir) = &args.encoder {
        let encoder = crate::encoder::Encoder::load(dir)?;
        let report = training::encoder_experiment(&args.data, &featurizer, &options, &encoder)?;
        let report = format!("# Encoder features experiment\n\nMade by `cargo run --release --features encoder -- train --encoder {}`.\n\n{report}", dir.display());
        std::fs::write("docs/encoder-results.md", &report)?;
        print!("{report}");
        return Ok(());
    }
    let trained = training::train_all(&args.data, &out, &featurizer, &options, &command)?;
    for t in trained {
        eprintln!("reviewsift: wrote {}/{}.bin and {}.md", out.display(), t.name, t.name);
    }
    // The category models learn from the run's own judgements, so they are trained with the new sentiment models.
    let analyser = SentimentModel::load(&crate::sentiment::SentimentConfig {
        model_dir: out.display().to_string(),
        ..config.sentiment.clone()
    })?;
    // Weak labels come from the cue rules alone: with the learned second opinion on, each training would feed on
    // the models of the one before. Nor are they limited in number: a category complained about in passing is still
    // an example of it (the limit picks what a review is mainly about, at run time).
    let cues_only = crate::complaints::ComplaintsConfig {
        learned_threshold: 1.0,
        fallback_threshold: 1.0,
        max_categories: 0,
        ..config.complaints.clone()
    };
    let taxonomy = crate::complaints::Taxonomy::load(&cues_only)?;
    let card = training::train_categories(
        &args.data,
        &out,
        &Featurizer { text: &text, lexicon: &analyser },
        &taxonomy,
        &options,
    )?;
    std::fs::write(out.join("categories.md"), format!("{card}\nMade by: `{command}`.\n"))?;
    eprintln!("reviewsift: wrote {}/category-*.bin and categories.md", out.display());
    Ok(())
}
