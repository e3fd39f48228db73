//! `reviewsift explain`: every analysis of one review, with the evidence behind each score — what of the text is not
//! read (an appended answer, boilerplate), the features that moved the sentiment model, the complaint mentions with
//! their sentences' polarity and the learned category models' likeliest answers (a category no cue named comes
//! from them, or from the source's subject given with `--subject`), the suspicion reasons with their contributions
//! and quotes.

use std::path::PathBuf;

use anyhow::Result;

use crate::config::Config;
use crate::pipeline::Analyser;
use crate::review::Review;

/// Explain the analysis of one review.
///
/// Example:
///   reviewsift explain --text "Best eSIM ever!!! DM me on Telegram @cheap_sims" --rating 5
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The review text
    #[arg(long)]
    text: String,
    /// Its rating, if any
    #[arg(long)]
    rating: Option<f64>,
    /// The complaint category its source is about (`subject` of an `[[input.sources]]` entry), e.g. app_website
    #[arg(long, value_name = "CATEGORY")]
    subject: Option<String>,
    /// How many model features to show
    #[arg(long, default_value_t = 12)]
    top: usize,
    /// Config file
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let config = Config::from_layers(args.config.as_deref(), &[])?;
    let analyser = Analyser::load(&config)?;
    if let Some(subject) = args.subject.as_deref() {
        analyser.taxonomy.check_subject(subject, "--subject", &config.complaints.taxonomy)?;
    }
    let subject = args.subject.as_deref().map(std::sync::Arc::from);
    let mut review = Review { text: args.text.clone(), rating: args.rating, subject, ..Review::default() };
    let doc = analyser.text.prepare(&review.analysed_text(), 0);
    let reading = analyser.sentiment.read(&doc);
    let mut alone = crate::crossreview::Collector::new(&config.crossreview);
    alone.add(&crate::crossreview::entries(std::slice::from_ref(&review), &config.crossreview, &analyser.text))?;
    analyser.analyse(&mut review, &alone.finish());

    println!("language: {}   words: {}", review.lang.code(), review.token_count);
    let (appended, blanked) = analyser.text.left_out(&args.text);
    if appended > 0 {
        println!(
            "  not read: the last {appended} characters, an answer appended under a heading (the provider's words)"
        );
    }
    for passage in blanked {
        let folded = passage.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown: String = folded.chars().take(60).collect();
        let more = if folded.chars().count() > 60 { "…" } else { "" };
        println!("  not read: \"{shown}{more}\" (text.boilerplate)");
    }
    let customer = crate::text::customer_part(&args.text);
    for quote in crate::text::quoted_correspondence(customer) {
        let chars = customer[quote].chars().count();
        println!("  not read by suspicion: {chars} characters of a quoted e-mail");
    }
    println!(
        "sentiment: {:+.3} ({})   lexicon alone: {:+.3}",
        review.sentiment.score,
        review.sentiment.label.as_str(),
        reading.lexicon_score
    );
    match analyser.sentiment.explain(&doc, &reading) {
        Some(features) => {
            println!("  model features (contribution to the log-odds of positive):");
            for (name, w) in features.iter().take(args.top) {
                println!("    {w:+.3}  {name}");
            }
        }
        None => println!("  (no trained model for this language: the lexicon scores it)"),
    }
    if review.complaints.provider_reply {
        println!("complaint: false (the provider's own support reply: left out of the provider's figures)");
    } else {
        println!("complaint: {}", review.complaints.is_complaint);
    }
    for m in &review.complaints.mentions {
        println!(
            "  {:<18} {:<8} {}  \"{}\" [{}..{}]{}",
            m.category,
            m.polarity.as_str(),
            if m.complaint { "complaint" } else { "mention  " },
            m.evidence.quote,
            m.evidence.start,
            m.evidence.end,
            match (m.learned, review.subject.as_deref()) {
                (true, Some(s)) if s == &*m.category =>
                    "  (learned or the source's subject: no cue named it; the most negative sentence)",
                (true, _) => "  (learned: no cue named it; the most negative sentence)",
                (false, _) => "",
            }
        );
    }
    if let Some((p, threshold)) = analyser.taxonomy.telecom_probability(&reading) {
        let (verdict, sign) = if p >= threshold { ("speak", "≥") } else { ("stay silent", "<") };
        println!("  learned categories {verdict}: P(about a telecom provider) {p:.2} {sign} {threshold:.2}");
    }
    let learned = analyser.taxonomy.learned_probabilities(&reading);
    if !learned.is_empty() {
        let c = &config.complaints;
        let top: Vec<String> = learned.iter().take(3).map(|(id, p)| format!("{id} {p:.2}")).collect();
        println!(
            "  learned category models: {} (in a complaint, a category the cues missed at ≥ {:.2}; the only one, \
             where nothing else named one, at ≥ {:.2})",
            top.join(", "),
            c.learned_threshold,
            c.fallback_threshold
        );
    }
    let s = &review.suspicion;
    println!("suspicion: {:.3} ({})", s.score, if s.suspicious { "suspicious" } else { "not suspicious" });
    if let Some(d) = s.deceptive_score {
        println!("  deceptive_score {d:.3}");
    }
    for r in &s.reasons {
        let quotes: Vec<String> = r.evidence.iter().take(4).map(|e| format!("\"{}\"", e.quote)).collect();
        println!("  {:<16} +{:.3}  {}", r.code, r.contribution, quotes.join(" "));
    }
    Ok(())
}
