//! Per-provider aggregates, computed with polars and mergeable across chunks.
//!
//! The figures are the customers': a provider's own texts (`provider_reply`, found by the complaint stage: support
//! replies, and its named accounts' posts) are counted as `provider_replies` and left out of every other figure — a
//! provider answering 400 tweets with "nous en sommes désolés" would otherwise dilute its complaint rate and fill its
//! near-duplicate and sentiment figures.
//!
//! Each chunk contributes *partial* aggregates — counts and sums only, never means or shares — so that partials from
//! any number of chunks add up to exactly the totals of one pass, whatever the chunk size. Shares, means and rates
//! are derived once, at the end, from the merged sums.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use chrono::Datelike;
use polars::prelude::*;

use crate::ingest::Quarantined;
use crate::review::Review;
use crate::sentiment::Label;

/// How many complaint categories `providers.top_categories` lists.
const TOP_CATEGORIES: usize = 3;

const SUM_COLUMNS: &[&str] = &[
    "reviews",
    "provider_replies",
    "quarantined",
    "rated",
    "rating_sum",
    "lang_zh",
    "lang_en",
    "lang_fr",
    "lang_other",
    "sentiment_sum",
    "positive",
    "neutral",
    "negative",
    "suspicious",
    "complaints",
    "uncategorised",
    "kept_rated",
    "kept_rating_sum",
    "kept_rating_sq",
    "clustered",
    "burst_reviews",
];

/// Per (provider, month): reviews, complaints, suspicious reviews and the sentiment sum.
const MONTH_COLUMNS: &[&str] = &["reviews", "complaints", "suspicious", "sentiment_sum"];

/// Merged partial aggregates of everything seen so far.
pub struct Totals {
    providers: Vec<DataFrame>,
    categories: Vec<DataFrame>,
    months: Vec<DataFrame>,
    category_months: Vec<DataFrame>,
}

/// The final per-provider tables.
pub struct Tables {
    pub providers: DataFrame,
    pub provider_categories: DataFrame,
    pub provider_months: DataFrame,
    pub provider_category_months: DataFrame,
}

impl Default for Totals {
    fn default() -> Self {
        Self::new()
    }
}

impl Totals {
    pub fn new() -> Totals {
        Totals { providers: Vec::new(), categories: Vec::new(), months: Vec::new(), category_months: Vec::new() }
    }

    /// Adds one chunk: its reviews table (see `report::tables`), its reviews and its quarantined rows.
    pub fn add(&mut self, frame: &DataFrame, reviews: &[Review], quarantined: &[Quarantined]) -> Result<()> {
        if frame.height() > 0 {
            // Every figure but the replies' count is over the customers' reviews.
            let customer = || col("provider_reply").not();
            let count = |e: Expr| e.and(customer()).cast(DataType::Float64).sum();
            let is = |c: &str, v: &str| count(col(c).eq(lit(v)));
            // Ratings of the reviews that are not suspicious: the adjusted rating.
            let kept = col("rating").filter(col("suspicious").not().and(customer()));
            let part = frame
                .clone()
                .lazy()
                .group_by([col("provider")])
                .agg([
                    customer().cast(DataType::Float64).sum().alias("reviews"),
                    col("provider_reply").cast(DataType::Float64).sum().alias("provider_replies"),
                    lit(0.0).alias("quarantined"),
                    col("rating").filter(customer()).count().cast(DataType::Float64).alias("rated"),
                    col("rating").filter(customer()).sum().alias("rating_sum"),
                    is("lang", "zh").alias("lang_zh"),
                    is("lang", "en").alias("lang_en"),
                    is("lang", "fr").alias("lang_fr"),
                    is("lang", "other").alias("lang_other"),
                    col("sentiment_score").filter(customer()).sum().alias("sentiment_sum"),
                    is("sentiment_label", "positive").alias("positive"),
                    is("sentiment_label", "neutral").alias("neutral"),
                    is("sentiment_label", "negative").alias("negative"),
                    count(col("suspicious")).alias("suspicious"),
                    count(col("is_complaint")).alias("complaints"),
                    count(col("is_complaint").and(col("categories").list().len().eq(lit(0)))).alias("uncategorised"),
                    kept.clone().count().cast(DataType::Float64).alias("kept_rated"),
                    kept.clone().sum().alias("kept_rating_sum"),
                    (kept.clone() * kept).sum().alias("kept_rating_sq"),
                    count(col("dup_cluster_size").gt(lit(1))).alias("clustered"),
                    count(col("burst_day")).alias("burst_reviews"),
                ])
                .collect()?;
            self.providers.push(part);
            self.categories.push(mention_counts(reviews)?);
            self.months.push(month_counts(frame)?);
            self.category_months.push(category_month_counts(reviews)?);
        }
        if !quarantined.is_empty() {
            let mut counts: HashMap<&str, f64> = HashMap::new();
            for q in quarantined {
                *counts.entry(q.provider.as_deref().unwrap_or("unknown")).or_default() += 1.0;
            }
            let (names, n): (Vec<&str>, Vec<f64>) = counts.into_iter().unzip();
            let mut columns = vec![Column::new("provider".into(), names)];
            for c in SUM_COLUMNS {
                let v = if *c == "quarantined" { n.clone() } else { vec![0.0; n.len()] };
                columns.push(Column::new((*c).into(), v));
            }
            self.providers.push(DataFrame::new(n.len(), columns)?);
        }
        Ok(())
    }

    /// Merges every partial and derives the final tables. `categories` is the taxonomy's id list, in order.
    pub fn finish(mut self, categories: &[Arc<str>]) -> Result<Tables> {
        if self.providers.is_empty() {
            // An input without a single row (a header alone): empty tables, not a failure.
            let mut columns = vec![Column::new("provider".into(), Vec::<&str>::new())];
            columns.extend(SUM_COLUMNS.iter().map(|c| Column::new((*c).into(), Vec::<f64>::new())));
            self.providers.push(DataFrame::new(0, columns)?);
        }
        let providers = merge(self.providers, &["provider"], SUM_COLUMNS)?;
        let per_1000 = |c: &str| (col(c) * lit(1000.0) / col("reviews")).alias(format!("{c}_per_1000"));
        let share = |c: &str, name: &str| (col(c) / col("reviews")).alias(name);
        // Mean rating of the non-suspicious reviews, with a 95 % normal-approximation interval (n ≥ 2).
        let n = col("kept_rated");
        let adjusted = when(n.clone().gt(lit(0.0)))
            .then(col("kept_rating_sum") / n.clone())
            .otherwise(lit(NULL).cast(DataType::Float64));
        let variance = (col("kept_rating_sq") - col("kept_rating_sum") * col("kept_rating_sum") / n.clone())
            / (n.clone() - lit(1.0));
        let margin = when(n.clone().gt(lit(1.0)))
            .then(lit(1.96) * (when(variance.clone().gt(lit(0.0))).then(variance).otherwise(lit(0.0)) / n).sqrt())
            .otherwise(lit(NULL).cast(DataType::Float64));
        let providers = providers
            .lazy()
            .with_columns([col("reviews").neq(lit(0.0)).alias("has_reviews")])
            .select([
                col("provider"),
                col("reviews").cast(DataType::UInt64),
                col("provider_replies").cast(DataType::UInt64),
                col("quarantined").cast(DataType::UInt64),
                share("lang_zh", "share_zh"),
                share("lang_en", "share_en"),
                share("lang_fr", "share_fr"),
                share("lang_other", "share_other"),
                col("rated").cast(DataType::UInt64).alias("rated_reviews"),
                when(col("rated").gt(lit(0.0)))
                    .then(col("rating_sum") / col("rated"))
                    .otherwise(lit(NULL).cast(DataType::Float64))
                    .alias("mean_rating"),
                share("sentiment_sum", "mean_sentiment"),
                share("positive", "share_positive"),
                share("neutral", "share_neutral"),
                share("negative", "share_negative"),
                col("suspicious").cast(DataType::UInt64),
                share("suspicious", "share_suspicious"),
                col("complaints").cast(DataType::UInt64),
                per_1000("complaints"),
                col("uncategorised").cast(DataType::UInt64).alias("uncategorised_complaints"),
                col("clustered").cast(DataType::UInt64).alias("near_duplicate_reviews"),
                col("burst_reviews").cast(DataType::UInt64),
                col("kept_rated").cast(DataType::UInt64).alias("adjusted_rated_reviews"),
                adjusted.clone().alias("adjusted_rating"),
                (adjusted.clone() - margin.clone()).alias("adjusted_rating_low"),
                (adjusted + margin).alias("adjusted_rating_high"),
                col("has_reviews"),
            ])
            .sort_by_exprs(
                [col("reviews"), col("provider")],
                SortMultipleOptions::default().with_order_descending_multi([true, false]),
            )
            .collect()?;
        // Shares of nothing are unknown, not NaN.
        let providers = nullify_without_reviews(providers)?;

        let counts = if self.categories.is_empty() {
            HashMap::new()
        } else {
            let merged = merge(self.categories, &["provider", "category"], MENTION_COLUMNS)?;
            let p = merged.column("provider")?.str()?.clone();
            let c = merged.column("category")?.str()?.clone();
            let cols: Vec<Vec<f64>> = MENTION_COLUMNS
                .iter()
                .map(|m| Ok(merged.column(m)?.f64()?.into_no_null_iter().collect()))
                .collect::<Result<_>>()?;
            (0..merged.height())
                .map(|i| {
                    let key = (p.get(i).unwrap_or("").to_string(), c.get(i).unwrap_or("").to_string());
                    (key, [cols[0][i], cols[1][i], cols[2][i], cols[3][i]])
                })
                .collect()
        };
        let provider_categories = category_grid(&providers, categories, &counts)?;
        let providers = with_top_categories(providers, categories, &counts)?;
        let months = if self.months.is_empty() {
            month_frame(Vec::new(), Vec::new(), Default::default())?
        } else {
            merge(self.months, &["provider", "month"], MONTH_COLUMNS)?
        };
        let provider_months = months
            .lazy()
            .select([
                col("provider"),
                col("month"),
                col("reviews").cast(DataType::UInt64),
                col("complaints").cast(DataType::UInt64),
                (col("complaints") * lit(1000.0) / col("reviews")).alias("complaints_per_1000"),
                col("suspicious").cast(DataType::UInt64),
                (col("sentiment_sum") / col("reviews")).alias("mean_sentiment"),
            ])
            .collect()?;
        let provider_months = with_month_intervals(provider_months)?;
        let category_months = self.category_months.into_iter().filter(|f| f.height() > 0).collect::<Vec<_>>();
        let provider_category_months = if category_months.is_empty() {
            category_month_frame(Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new())?
        } else {
            merge(category_months, &["provider", "category", "month"], &["mentions", "complaints"])?
        }
        .lazy()
        .select([
            col("provider"),
            col("category"),
            col("month"),
            col("mentions").cast(DataType::UInt64),
            col("complaints").cast(DataType::UInt64),
        ])
        .collect()?;
        Ok(Tables { providers, provider_categories, provider_months, provider_category_months })
    }
}

/// Per (provider, category): mentions, complaints, positive and negative mentions.
const MENTION_COLUMNS: &[&str] = &["mentions", "complaints", "positive_mentions", "negative_mentions"];

fn mention_counts(reviews: &[Review]) -> Result<DataFrame> {
    let (mut provider, mut category) = (Vec::new(), Vec::new());
    let mut values: [Vec<f64>; 4] = Default::default();
    for r in reviews.iter().filter(|r| !r.complaints.provider_reply) {
        for m in &r.complaints.mentions {
            provider.push(r.provider.as_str());
            category.push(&*m.category);
            values[0].push(1.0);
            values[1].push(if m.complaint { 1.0 } else { 0.0 });
            values[2].push(if m.polarity == Label::Positive { 1.0 } else { 0.0 });
            values[3].push(if m.polarity == Label::Negative { 1.0 } else { 0.0 });
        }
    }
    let n = provider.len();
    let mut columns = vec![Column::new("provider".into(), provider), Column::new("category".into(), category)];
    for (name, v) in MENTION_COLUMNS.iter().zip(values) {
        columns.push(Column::new((*name).into(), v));
    }
    let frame = DataFrame::new(n, columns)?;
    Ok(frame
        .lazy()
        .group_by([col("provider"), col("category")])
        .agg(MENTION_COLUMNS.iter().map(|c| col(*c).sum()).collect::<Vec<_>>())
        .collect()?)
}

/// Per (provider, category, first day of the month): mentions and complaints, for the reviews that have a date.
fn category_month_counts(reviews: &[Review]) -> Result<DataFrame> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    let (mut provider, mut category, mut month, mut mentions, mut complaints) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in reviews.iter().filter(|r| !r.complaints.provider_reply) {
        let Some(first) = r.date.and_then(|d| d.date().with_day(1)) else { continue };
        for m in &r.complaints.mentions {
            provider.push(r.provider.as_str());
            category.push(&*m.category);
            month.push((first - epoch).num_days() as i32);
            mentions.push(1.0);
            complaints.push(if m.complaint { 1.0 } else { 0.0 });
        }
    }
    Ok(category_month_frame(provider, category, month, mentions, complaints)?
        .lazy()
        .group_by([col("provider"), col("category"), col("month")])
        .agg([col("mentions").sum(), col("complaints").sum()])
        .collect()?)
}

fn category_month_frame(
    provider: Vec<&str>,
    category: Vec<&str>,
    month: Vec<i32>,
    mentions: Vec<f64>,
    complaints: Vec<f64>,
) -> Result<DataFrame> {
    Ok(DataFrame::new(
        provider.len(),
        vec![
            Column::new("provider".into(), provider),
            Column::new("category".into(), category),
            Int32Chunked::from_vec("month".into(), month).into_date().into_column(),
            Column::new("mentions".into(), mentions),
            Column::new("complaints".into(), complaints),
        ],
    )?)
}

/// Per (provider, first day of the month) for the reviews that have a date.
fn month_counts(frame: &DataFrame) -> Result<DataFrame> {
    let dated = frame.clone().lazy().filter(col("date").is_not_null().and(col("provider_reply").not()));
    let month = col("date").cast(DataType::Date).dt().truncate(lit("1mo")).alias("month");
    Ok(dated
        .group_by([col("provider"), month])
        .agg([
            len().cast(DataType::Float64).alias("reviews"),
            col("is_complaint").cast(DataType::Float64).sum().alias("complaints"),
            col("suspicious").cast(DataType::Float64).sum().alias("suspicious"),
            col("sentiment_score").sum().alias("sentiment_sum"),
        ])
        .collect()?)
}

fn month_frame(provider: Vec<&str>, month: Vec<i32>, values: [Vec<f64>; 4]) -> Result<DataFrame> {
    let n = provider.len();
    let mut columns = vec![
        Column::new("provider".into(), provider),
        Int32Chunked::from_vec("month".into(), month).into_date().into_column(),
    ];
    for (name, v) in MONTH_COLUMNS.iter().zip(values) {
        columns.push(Column::new((*name).into(), v));
    }
    Ok(DataFrame::new(n, columns)?)
}

/// Concatenates partials and sums them by `keys`.
fn merge(parts: Vec<DataFrame>, keys: &[&str], sums: &[&str]) -> Result<DataFrame> {
    let mut all = parts.into_iter();
    let mut acc = all.next().expect("at least one partial");
    let order: Vec<&str> = keys.iter().chain(sums).copied().collect();
    acc = acc.select(order.iter().copied())?;
    for p in all {
        acc.vstack_mut(&p.select(order.iter().copied())?)?;
    }
    Ok(acc
        .lazy()
        .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg(sums.iter().map(|c| col(*c).sum()).collect::<Vec<_>>())
        .sort(keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(), SortMultipleOptions::default())
        .collect()?)
}

fn nullify_without_reviews(frame: DataFrame) -> Result<DataFrame> {
    let shares: Vec<Expr> = frame
        .get_column_names()
        .iter()
        .filter(|n| n.starts_with("share_") || n.as_str() == "mean_sentiment" || n.as_str() == "complaints_per_1000")
        .map(|n| {
            when(col("has_reviews"))
                .then(col(n.as_str()))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias(n.as_str())
        })
        .collect();
    Ok(frame.lazy().with_columns(shares).drop(by_name(["has_reviews"], true, false)).collect()?)
}

/// Every provider × every category, zeros included, so heatmaps and joins need no filling.
fn category_grid(
    providers: &DataFrame,
    categories: &[Arc<str>],
    counts: &HashMap<(String, String), [f64; 4]>,
) -> Result<DataFrame> {
    let names = providers.column("provider")?.str()?;
    let reviews = providers.column("reviews")?.u64()?;
    let (mut p, mut c) = (Vec::new(), Vec::new());
    let (mut mentions, mut complaints, mut pos, mut neg, mut rate, mut net) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut low, mut high) = (Vec::new(), Vec::new());
    for i in 0..providers.height() {
        let name = names.get(i).unwrap_or("");
        let n = reviews.get(i).unwrap_or(0) as f64;
        for cat in categories {
            let v = counts.get(&(name.to_string(), cat.to_string())).copied().unwrap_or_default();
            p.push(name.to_string());
            c.push(cat.to_string());
            mentions.push(v[0] as u64);
            complaints.push(v[1] as u64);
            pos.push(v[2] as u64);
            neg.push(v[3] as u64);
            rate.push((n > 0.0).then(|| v[1] * 1000.0 / n));
            let (lo, hi) = wilson(v[1], n);
            low.push(lo);
            high.push(hi);
            net.push((v[0] > 0.0).then(|| (v[2] - v[3]) * 100.0 / v[0]));
        }
    }
    let len = p.len();
    Ok(DataFrame::new(
        len,
        vec![
            Column::new("provider".into(), p),
            Column::new("category".into(), c),
            Column::new("mentions".into(), mentions),
            Column::new("complaints".into(), complaints),
            Column::new("complaints_per_1000".into(), rate),
            Column::new("complaints_per_1000_low".into(), low),
            Column::new("complaints_per_1000_high".into(), high),
            Column::new("positive_mentions".into(), pos),
            Column::new("negative_mentions".into(), neg),
            Column::new("net_sentiment".into(), net),
        ],
    )?)
}

/// Adds each month's 95 % interval of its complaint rate beside `complaints_per_1000`: a month of three reviews has
/// a rate of 0, 333, 667 or 1 000, and the interval is what tells the reader so (the report's trend draws it).
fn with_month_intervals(mut months: DataFrame) -> Result<DataFrame> {
    let (low, high): (Vec<Option<f64>>, Vec<Option<f64>>) = months
        .column("reviews")?
        .u64()?
        .iter()
        .zip(months.column("complaints")?.u64()?.iter())
        .map(|(n, k)| wilson(k.unwrap_or(0) as f64, n.unwrap_or(0) as f64))
        .unzip();
    let at = months.get_column_index("complaints_per_1000").expect("selected above") + 1;
    months.insert_column(at, Column::new("complaints_per_1000_low".into(), low))?;
    months.insert_column(at + 1, Column::new("complaints_per_1000_high".into(), high))?;
    Ok(months)
}

/// 95 % Wilson score interval of `k` out of `n`, per 1 000; none when `n` is 0.
fn wilson(k: f64, n: f64) -> (Option<f64>, Option<f64>) {
    if n <= 0.0 {
        return (None, None);
    }
    let (z, p) = (1.96f64, k / n);
    let denominator = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denominator;
    (Some(((centre - half).max(0.0)) * 1000.0), Some(((centre + half).min(1.0)) * 1000.0))
}

/// Adds `top_categories`: the provider's most complained-about categories, most first (ties in taxonomy order).
fn with_top_categories(
    mut providers: DataFrame,
    categories: &[Arc<str>],
    counts: &HashMap<(String, String), [f64; 4]>,
) -> Result<DataFrame> {
    let names: Vec<String> = providers.column("provider")?.str()?.iter().map(|s| s.unwrap_or("").to_string()).collect();
    let mut top = ListStringChunkedBuilder::new("top_categories".into(), names.len(), names.len() * TOP_CATEGORIES);
    for name in &names {
        let mut ranked: Vec<(usize, f64)> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (i, counts.get(&(name.clone(), c.to_string())).map_or(0.0, |v| v[1])))
            .filter(|(_, n)| *n > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.append_values_iter(ranked.iter().take(TOP_CATEGORIES).map(|(i, _)| &*categories[*i]));
    }
    providers.with_column(top.finish().into_column())?;
    Ok(providers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_the_textbook_values() {
        // 10 of 100: 95 % Wilson interval 0.0552–0.1744.
        let (lo, hi) = wilson(10.0, 100.0);
        assert!((lo.unwrap() - 55.2).abs() < 0.1 && (hi.unwrap() - 174.4).abs() < 0.1, "{lo:?} {hi:?}");
        assert_eq!(wilson(0.0, 0.0), (None, None));
        assert_eq!(wilson(0.0, 5.0).0, Some(0.0));
    }
}
