//! Example reviews for the HTML report, kept while the chunks stream past: per provider, the most suspicious
//! reviews, the first complaints about each category, and the largest near-duplicate clusters with a sample text;
//! and the quarantined rows counted by column, with the first few. Bounded: a fixed number per provider and
//! category, whatever the input size.

use std::collections::{BTreeMap, HashMap};

use crate::ingest::Quarantined;
use crate::review::{Review, Span};

/// How many quarantined rows the report lists.
const QUARANTINE_LISTED: usize = 10;
/// How many flagged reviews, and complaint quotes per category, the report shows per provider.
const FLAGGED: usize = 5;
const PER_CATEGORY: usize = 2;
/// Longest text quoted (characters); longer texts are cut, and so are spans past the cut.
const QUOTE_CHARS: usize = 700;

/// A review as the report quotes it, with the spans to highlight.
#[derive(Clone)]
pub struct Quote {
    pub review_id: String,
    pub rating: Option<f64>,
    pub text: String,
    pub cut: bool,
    pub score: f64,
    pub labels: Vec<String>,
    /// Spans in `text` (title spans are not highlighted), with the label shown on hover.
    pub marks: Vec<(String, Span)>,
}

#[derive(Default)]
pub struct ProviderSamples {
    pub flagged: Vec<(Quote, u64)>,
    /// Per category, its example complaints, each with whether the learned models (not a cue) named the category.
    pub complaints: BTreeMap<String, Vec<(Quote, bool)>>,
    /// Near-duplicate clusters: first review's position → (cluster size, a sample text). Pruned to the largest.
    pub clusters: HashMap<u64, (u32, String)>,
}

impl ProviderSamples {
    /// The largest clusters, largest first (ties: earliest first).
    pub fn largest_clusters(&self, n: usize) -> Vec<(u64, u32, &str)> {
        let mut v: Vec<(u64, u32, &str)> =
            self.clusters.iter().map(|(&id, (size, text))| (id, *size, text.as_str())).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// How many clusters a provider keeps before pruning to the largest.
const CLUSTERS_KEPT: usize = 200;

#[derive(Default)]
pub struct Samples {
    pub providers: BTreeMap<String, ProviderSamples>,
    seen: u64,
    /// Quarantined rows by the column at fault ("" for a row that could not be read at all).
    pub quarantined_by_column: BTreeMap<String, u64>,
    /// The first quarantined rows, in input order: file, line, column, reason.
    pub first_quarantined: Vec<(String, u64, String, String)>,
}

fn quote(r: &Review, score: f64, labels: Vec<String>, marks: Vec<(String, Span)>) -> Quote {
    let cut = r.text.chars().count() > QUOTE_CHARS;
    let text: String = r.text.chars().take(QUOTE_CHARS).collect();
    let marks = marks.into_iter().filter(|(_, s)| s.field == "text" && (s.end as usize) <= QUOTE_CHARS).collect();
    Quote { review_id: r.review_id.clone(), rating: r.rating, text, cut, score, labels, marks }
}

impl Samples {
    pub fn add_quarantined(&mut self, rows: &[Quarantined]) {
        for q in rows {
            let column = q.column.clone().unwrap_or_default();
            *self.quarantined_by_column.entry(column.clone()).or_default() += 1;
            if self.first_quarantined.len() < QUARANTINE_LISTED {
                self.first_quarantined.push((q.file.to_string(), q.line, column, q.reason.clone()));
            }
        }
    }

    pub fn add(&mut self, reviews: &[Review]) {
        for r in reviews {
            self.seen += 1;
            let p = self.providers.entry(r.provider.clone()).or_default();
            // The provider's own replies are not reviews of it (`aggregate`): none of its examples.
            if r.complaints.provider_reply {
                continue;
            }
            if r.suspicion.suspicious {
                let labels = r.suspicion.reasons.iter().map(|x| x.code.to_string()).collect();
                let marks = r
                    .suspicion
                    .reasons
                    .iter()
                    .flat_map(|x| x.evidence.iter().map(move |e| (x.code.to_string(), e.clone())))
                    .collect();
                p.flagged.push((quote(r, r.suspicion.score, labels, marks), self.seen));
                p.flagged.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.1.cmp(&b.1)));
                p.flagged.truncate(FLAGGED);
            }
            for m in r.complaints.categories() {
                let list = p.complaints.entry(m.category.to_string()).or_default();
                // A cue names what the complaint is about; a learned category's evidence is only the review's most
                // negative sentence. So learned ones are examples while there are too few, and give way to a cue's.
                let place = match list.len() < PER_CATEGORY {
                    true => Some(list.len()),
                    false if !m.learned => list.iter().position(|(_, learned)| *learned),
                    false => None,
                };
                let Some(place) = place else { continue };
                let marks = r.complaints.categories().map(|c| (c.category.to_string(), c.evidence.clone())).collect();
                let label = match m.learned {
                    true => format!("{} (learned)", m.category),
                    false => m.category.to_string(),
                };
                let example = (quote(r, r.sentiment.score, vec![label], marks), m.learned);
                match place == list.len() {
                    true => list.push(example),
                    false => list[place] = example,
                }
            }
            if let Some((id, size)) = r.cross.cluster {
                p.clusters.entry(id).or_insert_with(|| (size, r.text.chars().take(QUOTE_CHARS).collect()));
                if p.clusters.len() > 2 * CLUSTERS_KEPT {
                    let keep: Vec<u64> = p.largest_clusters(CLUSTERS_KEPT).iter().map(|c| c.0).collect();
                    p.clusters.retain(|id, _| keep.contains(id));
                }
            }
        }
    }
}
