//! Cross-review signals: what no single review shows. Near-duplicate and templated texts, authors' activity,
//! per-provider bursts, and a rating's distance from its provider's mean.
//!
//! This stage is a first pass over the input, before the analyses: it reads every review once, keeps a compact
//! summary, and answers lookups by the review's position during the second (analysis) pass. Never O(n²):
//! - near-duplicates: MinHash over character 4-gram shingles (so Chinese works without segmentation) of the author's
//!   own words (a template a portal appends after a separator line is left out: [`own_words`]; so is what the
//!   analyst's `text.boilerplate` patterns match, as in every analysis), 32 hashes kept
//!   as 16-bit values (b-bit MinHash), banded 8 × 4 for LSH; candidates sharing a band are verified on their
//!   signatures (estimated Jaccard ≥ `crossreview.similarity`) and joined with union-find. Sorting each band's
//!   (band value, position) list finds the candidates in O(n log n).
//! - authors, provider-days: hash maps of counts.
//!
//! Memory: 68 bytes per review with at least `crossreview.min_chars` characters (position and signature) plus, while
//! clustering, 16 bytes per such review for one band's keys and 4 bytes per review (union-find); and the author,
//! author-day and provider-day maps — the part of a run that grows with the input (docs/BENCH.md).

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classifier::{fnv, mix64};
use crate::review::Review;
use crate::text::{self, Text};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossReviewConfig {
    pub similarity: f64,
    pub min_chars: usize,
    pub burst_factor: f64,
    pub burst_min: u32,
    pub burst_window_days: u32,
    pub anonymous_authors: Vec<String>,
}

impl CrossReviewConfig {
    pub fn validate(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.similarity) {
            bail!("crossreview.similarity must be in [0, 1], got {}", self.similarity);
        }
        if self.burst_factor < 1.0 {
            bail!("crossreview.burst_factor must be at least 1, got {}", self.burst_factor);
        }
        if !(1..=366).contains(&self.burst_window_days) {
            bail!("crossreview.burst_window_days must be 1 to 366, got {}", self.burst_window_days);
        }
        Ok(())
    }
}

const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS; // 4 × 16 bits: a band fits a u64 key
const SHINGLE: usize = 4;

type Signature = [u16; HASHES];

/// MinHash signature of the character 4-gram shingles (whitespace folded, case folded) of a text's own words
/// without what the boilerplate patterns match (so the FCC's placeholder for a complaint sent by post, before the
/// portal's appended correspondence, leaves nothing to compare); `None` for short texts.
fn signature(raw: &str, min_chars: usize, stage: &Text) -> Option<Signature> {
    let own = stage.without_boilerplate(own_words(text::customer_part(raw), min_chars));
    let folded: Vec<char> = text::fold(&own).chars().filter(|c| !c.is_whitespace()).collect();
    if folded.len() < min_chars.max(SHINGLE) {
        return None;
    }
    let mut mins = [u64::MAX; HASHES];
    let mut buf = [0u8; SHINGLE * 4];
    for w in folded.windows(SHINGLE) {
        let mut len = 0;
        for c in w {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in &buf[..len] {
            h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
        // One well-mixed hash per shingle, then 32 permutations of it, each `h × a + b` with odd `a` (a bijection
        // of u64): a multiply and an add per permutation instead of a full mix (the signature was the costliest part
        // of the cross-review pass; benches/stages.rs).
        let h = mix64(h);
        for (m, (a, b)) in mins.iter_mut().zip(PERMUTATIONS.iter()) {
            let v = h.wrapping_mul(*a).wrapping_add(*b);
            if v < *m {
                *m = v;
            }
        }
    }
    let mut sig = [0u16; HASHES];
    for (s, m) in sig.iter_mut().zip(mins) {
        // b-bit MinHash keeps the lowest bits of each minimum (its high bits shrink towards 0 on long texts).
        *s = m as u16;
    }
    Some(sig)
}

/// The part of a text its author wrote: what comes before a separator line ("- - - - -", "-----", "=====",
/// "_____": five or more, spaced or not), when that part has at least `min_chars` non-blank characters; else the whole
/// text. Complaint portals and forwarded e-mails append one long template after such a line (the FCC's "Follow-up
/// message by FCC … This constitutes a notice of informal complaint …", "-----Original Message-----"), and texts
/// that share it looked like near-duplicates of one another (116 of 1 558 Comcast complaints in one cluster) though
/// what each complainant wrote differs. (An answer the provider appended under a heading is cut off before:
/// `text::customer_part`; hotels answer with templates.)
fn own_words(raw: &str, min_chars: usize) -> &str {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'-' | b'=' | b'_') {
            let (mut j, mut run) = (i, 0);
            while j < bytes.len() && (bytes[j] == c || (bytes[j] == b' ' && bytes.get(j + 1) == Some(&c))) {
                run += (bytes[j] == c) as usize;
                j += 1;
            }
            if run >= 5 {
                let before = &raw[..i];
                let written = before.chars().filter(|c| !c.is_whitespace()).count();
                return if written >= min_chars.max(SHINGLE) { before } else { raw };
            }
            i = j;
        } else {
            i += 1;
        }
    }
    raw
}

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// The MinHash permutations' (a, b): a odd, both from a fixed splitmix sequence.
const PERMUTATIONS: [(u64, u64); HASHES] = {
    let mut p = [(0u64, 0u64); HASHES];
    let mut i = 0;
    while i < HASHES {
        let n = 2 * i as u64 + 1;
        p[i] = (mix64(n.wrapping_mul(GOLDEN)) | 1, mix64((n + 1).wrapping_mul(GOLDEN)));
        i += 1;
    }
    p
};

fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// Provider and author keys are written into shard files, so they use a hash that is fixed across builds.
fn provider_key(r: &Review) -> u64 {
    mix64(fnv(b'p', &[r.provider.as_bytes()]))
}

/// An author value as it is compared everywhere (author activity, `crossreview.anonymous_authors`,
/// `complaints.provider_accounts`): trimmed and lower-cased, so that "Freebox " and "freebox" are one author.
pub fn author_name(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Whether an author value is spelt like its review's provider: the provider's whole name ("Bell", "Free Mobile" as
/// "FreeMobile"), one of its words ("free" for "Free Mobile"), or a name that opens with its first word of four
/// letters or more and goes on for three more ("Freebox", "RogersHelps"); letters and digits compared, case folded.
/// Providers post under such names (outage notices, adverts), and their texts read as customers' unless the analyst
/// names the account.
pub fn names_provider(author: &str, provider: &str) -> bool {
    let fold = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let author = fold(author);
    if author.chars().count() < 3 {
        return false;
    }
    let words: Vec<String> =
        provider.split(|c: char| !c.is_alphanumeric()).map(fold).filter(|w| !w.is_empty()).collect();
    // "Bella" is not Bell's: the name must go on for three more letters ("Freebox").
    let opens =
        |w: &String| w.chars().count() >= 4 && author.strip_prefix(w.as_str()).is_some_and(|r| r.chars().count() >= 3);
    let first_opens = words.first().is_some_and(opens);
    author == words.concat() || words.contains(&author) || first_opens
}

/// Decides which author values name a person. Platforms hide accounts behind placeholders ("A Google user",
/// "匿名用户"), spreadsheets round numeric ids to scientific notation ("1.00008E+11": a JD.com export turned 4 722
/// buyers into 7 "authors", and every review became author activity), and sites mask names ("j***5"). Such a value
/// is no author: its reviews get no author signals.
pub struct AuthorNames {
    /// `crossreview.anonymous_authors`, trimmed and lower-cased.
    placeholders: std::collections::HashSet<String>,
}

impl AuthorNames {
    pub fn new(config: &CrossReviewConfig) -> AuthorNames {
        AuthorNames { placeholders: config.anonymous_authors.iter().map(|a| author_name(a)).collect() }
    }

    /// The key that groups an author's reviews (the name trimmed and lower-cased); `None` without an author or for
    /// a value that names nobody.
    fn key(&self, r: &Review) -> Option<u64> {
        let name = author_name(r.author.as_deref()?);
        (!self.names_nobody(&name)).then(|| mix64(fnv(b'a', &[name.as_bytes()])))
    }

    /// Whether an author value (trimmed, lower-cased) names nobody in particular.
    fn names_nobody(&self, name: &str) -> bool {
        self.placeholders.contains(name) || name.contains("**") || crate::ingest::spreadsheet_rounded(name)
    }
}

fn day(r: &Review) -> Option<i32> {
    r.date.map(|d| d.and_utc().timestamp().div_euclid(86_400) as i32)
}

#[derive(Default, Clone, Copy)]
struct AuthorStats {
    reviews: u32,
    five_star: u32,
}

/// What pass one keeps of a review: its position, keys, day, rating and MinHash signature. A sharded run writes
/// these to its shard folder; `merge` collects them in input order, as a single run does.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    ordinal: u64,
    /// The review id's key; none for an id reviewsift generated (unique by construction).
    id: Option<u64>,
    provider: u64,
    author: Option<u64>,
    day: Option<i32>,
    rating: Option<f64>,
    signature: Option<Signature>,
}

/// The entries of a chunk of reviews (signatures computed in parallel, on each text without what the analyst's
/// `text.boilerplate` patterns match: [`Text::without_boilerplate`]).
pub fn entries(reviews: &[Review], config: &CrossReviewConfig, text: &Text) -> Vec<Entry> {
    let authors = AuthorNames::new(config);
    reviews
        .par_iter()
        .map(|r| Entry {
            ordinal: r.ordinal,
            id: id_key(&r.review_id),
            provider: provider_key(r),
            author: authors.key(r),
            day: day(r),
            rating: r.rating,
            signature: signature(&r.text, config.min_chars, text),
        })
        .collect()
}

/// Pass one: collects the summary, review by review in input order.
pub struct Collector {
    config: CrossReviewConfig,
    next: u32,
    /// The review ids' keys, to find those that more than one review carries (8 bytes a review; sorted and dropped
    /// before the clustering, whose band keys take twice that, so the peak does not grow).
    ids: Vec<u64>,
    signatures: Vec<(u32, Signature)>,
    authors: HashMap<u64, AuthorStats>,
    author_days: HashMap<(u64, i32), u32>,
    provider_days: HashMap<(u64, i32), (u32, u32)>,
    ratings: HashMap<u64, (f64, u32)>,
}

impl Collector {
    pub fn new(config: &CrossReviewConfig) -> Collector {
        Collector {
            config: config.clone(),
            next: 0,
            ids: Vec::new(),
            signatures: Vec::new(),
            authors: HashMap::new(),
            author_days: HashMap::new(),
            provider_days: HashMap::new(),
            ratings: HashMap::new(),
        }
    }

    /// Adds a chunk's entries. They must come in input order: each `ordinal` continues from the previous one.
    pub fn add(&mut self, entries: &[Entry]) -> Result<()> {
        for e in entries {
            if e.ordinal != self.next as u64 {
                bail!(
                    "cross-review entries out of order: review {} came where review {} was due",
                    e.ordinal,
                    self.next
                );
            }
            if let Some(sig) = e.signature {
                self.signatures.push((self.next, sig));
            }
            self.ids.extend(e.id);
            self.next += 1;
            let five = e.rating.is_some_and(|v| v >= 5.0) as u32;
            if let Some(a) = e.author {
                let s = self.authors.entry(a).or_default();
                s.reviews += 1;
                s.five_star += five;
                if let Some(d) = e.day {
                    *self.author_days.entry((a, d)).or_default() += 1;
                }
            }
            if let Some(d) = e.day {
                let p = self.provider_days.entry((e.provider, d)).or_default();
                p.0 += 1;
                p.1 += five;
            }
            if let Some(v) = e.rating {
                let p = self.ratings.entry(e.provider).or_default();
                p.0 += v;
                p.1 += 1;
            }
        }
        Ok(())
    }

    /// Clusters the near-duplicates and finds the burst days.
    pub fn finish(mut self) -> CrossReview {
        let shared_ids = shared(std::mem::take(&mut self.ids));
        let n = self.next as usize;
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn find(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        for band in 0..BANDS {
            // A band's four 16-bit values are its key, packed into a u64; sorting (key, index into `signatures`)
            // puts each bucket together, in input order.
            let mut keys: Vec<(u64, u32)> = self
                .signatures
                .iter()
                .enumerate()
                .map(|(i, (_, s))| {
                    let band = &s[band * ROWS..(band + 1) * ROWS];
                    (band.iter().fold(0u64, |k, &v| k << 16 | v as u64), i as u32)
                })
                .collect();
            keys.sort_unstable();
            let mut i = 0;
            while i < keys.len() {
                let (first, first_sig) = &self.signatures[keys[i].1 as usize];
                let mut j = i + 1;
                while j < keys.len() && keys[j].0 == keys[i].0 {
                    let (other, other_sig) = &self.signatures[keys[j].1 as usize];
                    if similarity(first_sig, other_sig) >= self.config.similarity {
                        let (ra, rb) = (find(&mut parent, *first), find(&mut parent, *other));
                        // The smaller position becomes the root: a cluster is named by its first review.
                        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                        parent[hi as usize] = lo;
                    }
                    j += 1;
                }
                i = j;
            }
        }
        for i in 0..n as u32 {
            find(&mut parent, i);
        }
        let mut sizes: HashMap<u32, u32> = HashMap::new();
        for &p in &parent {
            *sizes.entry(p).or_default() += 1;
        }
        sizes.retain(|_, s| *s > 1);

        let bursts = burst_days(&self.provider_days, &self.config);
        CrossReview {
            author_names: AuthorNames::new(&self.config),
            shared_ids,
            parent,
            sizes,
            authors: self.authors,
            author_days: self.author_days,
            bursts,
            provider_mean: self.ratings.into_iter().map(|(p, (s, n))| (p, s / n as f64)).collect(),
        }
    }
}

/// The burst days among a provider-day table ((provider, day) → (reviews, five-star reviews)), each with its
/// five-star share. A day is a burst when it has at least `burst_min` reviews and `burst_factor` times its
/// provider's usual day around it: the larger of the medians of the `burst_window_days` before it and of those after
/// it (days without reviews count as zero; each side stays within the provider's first and last day, and an empty
/// side is left out). Why local, and why both sides: scraped app-store histories are a long sparse tail and then a
/// few weeks of steady traffic; against the median of all active days (one review) every recent day was a burst
/// (3 882 of Airtel's 3 978 reviews), and against the days before it the first day of the steady weeks still was.
/// A provider seen on a single day has no baseline and no bursts.
fn burst_days(provider_days: &HashMap<(u64, i32), (u32, u32)>, config: &CrossReviewConfig) -> HashMap<(u64, i32), f64> {
    let mut per_provider: HashMap<u64, Vec<(i32, u32, u32)>> = HashMap::new();
    for (&(p, d), &(count, five)) in provider_days {
        per_provider.entry(p).or_default().push((d, count, five));
    }
    let window = config.burst_window_days as i32;
    let mut bursts = HashMap::new();
    let mut side = Vec::new();
    for (p, mut days) in per_provider {
        days.sort_unstable();
        let (first, last) = (days[0].0, days[days.len() - 1].0);
        // The median daily count over days `from..=to` (zeros for days without reviews); None for an empty range.
        let mut median = |from: i32, to: i32| -> Option<f64> {
            if from > to {
                return None;
            }
            let span = (to - from + 1) as usize;
            let start = days.partition_point(|&(x, _, _)| x < from);
            side.clear();
            side.extend(days[start..].iter().take_while(|&&(x, _, _)| x <= to).map(|&(_, c, _)| c));
            side.sort_unstable();
            let zeros = span - side.len();
            let at = |k: usize| if k < zeros { 0 } else { side[k - zeros] };
            Some((at((span - 1) / 2) + at(span / 2)) as f64 / 2.0)
        };
        for &(d, count, five) in &days {
            if count < config.burst_min {
                continue;
            }
            let before = median((d - window).max(first), d - 1);
            let after = median(d + 1, (d + window).min(last));
            let usual = match (before, after) {
                (None, None) => continue,
                (b, a) => b.unwrap_or(0.0).max(a.unwrap_or(0.0)),
            };
            if count as f64 >= config.burst_factor * usual {
                bursts.insert((p, d), five as f64 / count as f64);
            }
        }
    }
    bursts
}

/// The keys that occur more than once in `keys`.
fn shared(mut keys: Vec<u64>) -> HashSet<u64> {
    keys.sort_unstable();
    keys.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect()
}

/// The key of a review id as read from the input; none for one reviewsift generated (a hash of file and line: unique
/// by construction, and not worth 8 bytes a review).
fn id_key(id: &str) -> Option<u64> {
    (!crate::ingest::is_generated_id(id)).then(|| mix64(fnv(b'i', &[id.as_bytes()])))
}

/// Pass one's answers, looked up per review in pass two.
pub struct CrossReview {
    author_names: AuthorNames,
    /// Keys of the review ids that more than one review carries.
    shared_ids: HashSet<u64>,
    parent: Vec<u32>,
    sizes: HashMap<u32, u32>,
    authors: HashMap<u64, AuthorStats>,
    author_days: HashMap<(u64, i32), u32>,
    bursts: HashMap<(u64, i32), f64>,
    provider_mean: HashMap<u64, f64>,
}

/// What the other reviews say about one review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossSignals {
    /// Position (0-based, input order) of the first review of its near-duplicate cluster, and the cluster's size;
    /// `None` when the review has no near-duplicate.
    pub cluster: Option<(u64, u32)>,
    /// The review's author value names nobody in particular ([`AuthorNames`]): it has no author signals.
    pub anonymous_author: bool,
    /// Another review in the input carries the same `review_id`.
    pub shared_id: bool,
    /// Reviews by the same author (case-insensitive name), anywhere in the input.
    pub author_reviews: Option<u32>,
    /// Reviews by the same author on the same day.
    pub author_day_reviews: Option<u32>,
    /// Five-star share of the author's reviews.
    pub author_five_star_share: Option<f64>,
    /// The review's provider-day is a burst: its five-star share.
    pub burst_five_star_share: Option<f64>,
    /// Rating minus the provider's mean rating.
    pub rating_deviation: Option<f64>,
}

impl CrossReview {
    pub fn signals(&self, r: &Review) -> CrossSignals {
        let root = self.parent.get(r.ordinal as usize).copied();
        let cluster = root.and_then(|root| self.sizes.get(&root).map(|&s| (root as u64, s)));
        let author = self.author_names.key(r);
        let stats = author.and_then(|a| self.authors.get(&a));
        let provider = provider_key(r);
        CrossSignals {
            cluster,
            // A value without a key names nobody.
            anonymous_author: r.author.is_some() && author.is_none(),
            shared_id: id_key(&r.review_id).is_some_and(|k| self.shared_ids.contains(&k)),
            author_reviews: stats.map(|s| s.reviews),
            author_day_reviews: author.zip(day(r)).and_then(|k| self.author_days.get(&k).copied()),
            author_five_star_share: stats.map(|s| s.five_star as f64 / s.reviews as f64),
            burst_five_star_share: day(r).and_then(|d| self.bursts.get(&(provider, d)).copied()),
            rating_deviation: r.rating.zip(self.provider_mean.get(&provider)).map(|(v, m)| v - m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(ordinal: u64, provider: &str, author: &str, date: &str, rating: f64, text: &str) -> Review {
        Review {
            ordinal,
            provider: provider.into(),
            author: Some(author.into()),
            date: crate::ingest::parse_date(date, &[]),
            rating: Some(rating),
            text: text.into(),
            ..Review::default()
        }
    }

    fn config() -> CrossReviewConfig {
        crate::config::Config::default().crossreview
    }

    #[test]
    fn ids_that_several_reviews_carry_are_found_and_generated_ids_are_not_kept() {
        let mut collector = Collector::new(&config());
        let mut reviews: Vec<Review> = ["r1", "r2", "r1", "gen-0123456789abcdef", "R2"]
            .iter()
            .enumerate()
            .map(|(i, id)| Review {
                review_id: id.to_string(),
                ..review(i as u64, "Bell", "a", "2025-01-01", 3.0, "ok")
            })
            .collect();
        collector.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        assert_eq!(collector.ids.len(), 4, "the generated id is not kept");
        let cross = collector.finish();
        for r in &mut reviews {
            r.cross = cross.signals(r);
        }
        let shared: Vec<bool> = reviews.iter().map(|r| r.cross.shared_id).collect();
        assert_eq!(shared, [true, false, true, false, false], "ids are compared exactly, case included");
    }

    #[test]
    fn templated_texts_cluster_and_different_texts_do_not() {
        let t = "强烈推荐这家加拿大流量卡！售后服务一流，在线客服全天在线，热线电话随时有人接，门店服务专业周到";
        let reviews = vec![
            review(0, "A", "u1", "2025-01-01", 5.0, &format!("{t}，加微信 sim888")),
            review(
                1,
                "A",
                "u2",
                "2025-01-02",
                2.0,
                "The network in Toronto drops every evening and support never calls back.",
            ),
            review(2, "A", "u3", "2025-01-03", 5.0, &format!("{t}！TG @cansim")),
            review(3, "A", "u4", "2025-01-04", 5.0, &format!("真心{t}，QQ 123456")),
            review(
                4,
                "A",
                "u5",
                "2025-01-05",
                1.0,
                "Billing charged me twice this month and nobody at the store could explain why.",
            ),
        ];
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        let s: Vec<CrossSignals> = reviews.iter().map(|r| x.signals(r)).collect();
        assert_eq!(s[0].cluster, Some((0, 3)));
        assert_eq!(s[2].cluster, Some((0, 3)));
        assert_eq!(s[3].cluster, Some((0, 3)));
        assert_eq!(s[1].cluster, None);
        assert_eq!(s[4].cluster, None);
    }

    #[test]
    fn texts_that_share_only_a_template_after_a_separator_are_not_near_duplicates() {
        let template =
            " - - - - - - - - - - - - - - - - - - - - -  Follow-up message by FCC on 4/17/2015 11:59:31 AM: \
            This constitutes a notice of informal complaint filed with the FCC against your company. Your response to \
            the consumer (with a copy to the FCC) is due no later than 30 days from the date of this notice. For more \
            information on your legal responsibilities, see https://us-fcc.app.box.com/complaintnotice.";
        let reviews = vec![
            review(0, "C", "u1", "2015-04-17", 1.0, &format!("My bill doubled without notice.{template}")),
            review(1, "C", "u2", "2015-04-17", 1.0, &format!("The technician never showed up twice.{template}")),
            // A template of the author's own making still clusters: the same words before the line.
            review(2, "C", "u3", "2015-04-18", 5.0, &format!("Best provider ever, call 555 0101!{template}")),
            review(3, "C", "u4", "2015-04-18", 5.0, &format!("Best provider ever, call 555 0101!!{template}")),
        ];
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        let s: Vec<CrossSignals> = reviews.iter().map(|r| x.signals(r)).collect();
        assert_eq!((s[0].cluster, s[1].cluster), (None, None));
        assert_eq!((s[2].cluster, s[3].cluster), (Some((2, 2)), Some((2, 2))));
        assert_eq!(own_words("Short.-----quoted", 20), "Short.-----quoted", "too little before the line");
        assert_eq!(own_words("a - b - c - d - e long enough text here", 5), "a - b - c - d - e long enough text here");
    }

    #[test]
    fn texts_alike_only_in_what_the_boilerplate_patterns_blank_are_not_near_duplicates() {
        // The FCC's placeholder for a complaint sent by post, blanked by a default `text.boilerplate` pattern: alone
        // it leaves too little to compare; beside a complaint, only the complaint is compared.
        let placeholder = "Postal Mail Ticket Ready For Data Entry";
        let reviews = vec![
            review(0, "C", "u1", "2015-04-17", 1.0, placeholder),
            review(1, "C", "u2", "2015-04-18", 1.0, placeholder),
            review(2, "C", "u3", "2015-04-18", 1.0, &format!("{placeholder}\nMy bill doubled without any notice.")),
            review(3, "C", "u4", "2015-04-19", 1.0, &format!("{placeholder}\nThe technician never showed up twice.")),
        ];
        let config = crate::config::Config::default();
        let text = Text::load(&config.text).unwrap();
        let signals = |text: &Text| {
            let mut c = Collector::new(&config.crossreview);
            c.add(&entries(&reviews, &config.crossreview, text)).unwrap();
            let x = c.finish();
            reviews.iter().map(|r| x.signals(r).cluster).collect::<Vec<_>>()
        };
        assert_eq!(signals(&text), [None, None, None, None]);
        assert_eq!(signals(&Text::new())[..2], [Some((0, 2)), Some((0, 2))], "without the patterns they cluster");
    }

    #[test]
    fn a_hotels_templated_answer_below_reviews_does_not_make_them_alike() {
        let answer =
            "宾馆反馈2008年4月17日：尊敬的客人您好，感谢您选择入住本酒店并发表宝贵意见，我们将不断改进，欢迎再次光临！";
        let reviews = [
            review(0, "H", "u1", "2015-04-17", 4.0, &format!("房间很干净，早餐品种也多，下次还会来住。{answer}")),
            review(1, "H", "u2", "2015-04-17", 2.0, &format!("隔音太差了，晚上一直被隔壁吵醒，前台也不管。{answer}")),
            // The same customer text, answered or not, is still a duplicate.
            review(2, "H", "u3", "2015-04-18", 4.0, "房间很干净，早餐品种也多，下次还会来住。"),
        ];
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        let s: Vec<CrossSignals> = reviews.iter().map(|r| x.signals(r)).collect();
        assert_eq!(s[1].cluster, None, "{s:?}");
        assert_eq!((s[0].cluster, s[2].cluster), (Some((0, 2)), Some((0, 2))));
    }

    #[test]
    fn authors_bursts_and_rating_deviation() {
        let mut reviews = Vec::new();
        // Provider B: one review a day for ten days, then six five-star reviews on one day.
        for d in 1..=9 {
            reviews.push(review(
                reviews.len() as u64,
                "B",
                &format!("regular{d}"),
                &format!("2025-03-{d:02}"),
                2.0,
                "ok",
            ));
        }
        for i in 0..6 {
            reviews.push(review(
                reviews.len() as u64,
                "B",
                if i < 3 { "ring" } else { "other" },
                "2025-03-20",
                5.0,
                "great",
            ));
        }
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews[..7], &config(), &Text::new())).unwrap();
        c.add(&entries(&reviews[7..], &config(), &Text::new())).unwrap();
        let x = c.finish();
        let burst = x.signals(&reviews[10]);
        assert_eq!(burst.burst_five_star_share, Some(1.0));
        assert_eq!(x.signals(&reviews[0]).burst_five_star_share, None);
        assert_eq!(burst.author_reviews, Some(3));
        assert_eq!(burst.author_day_reviews, Some(3));
        assert_eq!(burst.author_five_star_share, Some(1.0));
        let mean = (9.0 * 2.0 + 6.0 * 5.0) / 15.0;
        assert!((burst.rating_deviation.unwrap() - (5.0 - mean)).abs() < 1e-9);
    }

    #[test]
    fn author_values_that_name_nobody_get_no_author_signals() {
        // Four buyers whose ids a spreadsheet rounded, two hidden accounts, two masked names, and one
        // real author with two reviews: on one day, all five-star.
        let authors = [
            "1.00008E+11",
            "1.00008E+11",
            "1.00008E+11",
            "1E+11",
            "A Google user",
            "a google user ",
            "j***5",
            "j***5",
            "Marie",
            "marie",
        ];
        let reviews: Vec<Review> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| review(i as u64, "A", a, "2025-01-01", 5.0, &format!("review number {i}")))
            .collect();
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        for r in &reviews[..8] {
            let s = x.signals(r);
            assert!(s.anonymous_author, "{:?}", r.author);
            assert_eq!((s.author_reviews, s.author_day_reviews), (None, None), "{:?}", r.author);
        }
        let marie = x.signals(&reviews[9]);
        assert!(!marie.anonymous_author);
        assert_eq!((marie.author_reviews, marie.author_day_reviews), (Some(2), Some(2)));
        // Nor is a number without an exponent, or a name that merely contains an "e".
        let names = AuthorNames::new(&config());
        for real in ["100081234567", "1.5", "e5", "1e", "jean", "1e+", "zoe42", "30513e037842", "62149e622481", "12e+5"]
        {
            assert!(!names.names_nobody(real), "{real}");
        }
        let without_author = Review { author: None, ..reviews[0].clone() };
        assert!(!x.signals(&without_author).anonymous_author);
    }

    #[test]
    fn steady_traffic_after_a_sparse_history_is_not_a_burst_but_a_spike_in_it_is() {
        // Provider S: a review on days 1, 5 and 9 (the tail a scraper picks up), then ten a day from day 20 to
        // day 31, and forty on day 30. Provider T: five reviews, all on one day.
        let mut reviews = Vec::new();
        let mut add = |provider: &str, day: u32, n: usize| {
            for _ in 0..n {
                let date = format!("2025-05-{day:02}");
                reviews.push(review(reviews.len() as u64, provider, "u", &date, 5.0, "ok"));
            }
        };
        for day in [1, 5, 9] {
            add("S", day, 1);
        }
        for day in 20..=31 {
            add("S", day, if day == 30 { 40 } else { 10 });
        }
        add("T", 3, 5);
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        let burst_on = |day: &str, provider: &str| {
            let r = reviews.iter().find(|r| r.provider == provider && r.date.unwrap().to_string().starts_with(day));
            x.signals(r.unwrap()).burst_five_star_share.is_some()
        };
        assert!(!burst_on("2025-05-20", "S"), "the first day of steady traffic: the days after it are as busy");
        assert!(!burst_on("2025-05-25", "S"));
        assert!(burst_on("2025-05-30", "S"), "four times the days on either side");
        assert!(!burst_on("2025-05-03", "T"), "no other day to compare with");
    }

    #[test]
    fn authors_spelt_like_their_provider() {
        for (author, provider) in
            [("free", "Free Mobile"), ("Freebox", "Free Mobile"), (" BELL ", "Bell"), ("FreeMobile", "Free Mobile")]
        {
            assert!(names_provider(author, provider), "{author} / {provider}");
        }
        for (author, provider) in [("Bella", "Bell"), ("mobile_fan", "Free Mobile"), ("jd", "JD.com"), ("", "Bell")] {
            assert!(!names_provider(author, provider), "{author} / {provider}");
        }
    }

    #[test]
    fn short_texts_are_not_clustered() {
        let reviews: Vec<Review> = (0..3).map(|i| review(i, "C", "u", "2025-01-01", 5.0, "Good app")).collect();
        let mut c = Collector::new(&config());
        c.add(&entries(&reviews, &config(), &Text::new())).unwrap();
        let x = c.finish();
        assert_eq!(x.signals(&reviews[1]).cluster, None);
    }
}
