//! The reviews table: one row per analysed review, the schema of `reviews.parquet` (see `docs/SCHEMA.md`).

use polars::prelude::*;

use crate::review::{Review, Span};

/// Version of the output schema, written into every Parquet file's metadata and into the manifest.
pub const SCHEMA_VERSION: &str = "5";

/// Builds the reviews table for one chunk.
pub fn reviews_frame(reviews: &[Review]) -> PolarsResult<DataFrame> {
    let n = reviews.len();
    let s = |name: &str, v: Vec<Option<&str>>| Column::new(name.into(), v);
    let strings = |f: fn(&Review) -> Option<&str>| reviews.iter().map(f).collect::<Vec<_>>();
    let date = Int64Chunked::from_iter_options(
        "date".into(),
        reviews.iter().map(|r| r.date.map(|d| d.and_utc().timestamp_millis())),
    )
    .into_datetime(TimeUnit::Milliseconds, None)
    .into_column();

    let mut reasons = ListStringChunkedBuilder::new("suspicion_reasons".into(), n, n);
    let mut categories = ListStringChunkedBuilder::new("categories".into(), n, n);
    let mut mentions = ListStringChunkedBuilder::new("mentions".into(), n, n * 2);
    for r in reviews {
        reasons.append_values_iter(r.suspicion.reasons.iter().map(|x| x.code));
        categories.append_values_iter(r.complaints.categories().map(|m| &*m.category));
        mentions.append_values_iter(r.complaints.mentions.iter().map(|m| &*m.category));
    }

    let suspicion_evidence = evidence_lists(
        "suspicion_evidence",
        reviews
            .iter()
            .map(|r| r.suspicion.reasons.iter().flat_map(|x| x.evidence.iter().map(move |e| (x.code, None, e)))),
        "reason",
    )?;
    let complaint_evidence = evidence_lists(
        "complaint_evidence",
        reviews.iter().map(|r| {
            r.complaints
                .mentions
                .iter()
                .map(|m| (&*m.category, Some((m.polarity.as_str(), m.complaint, m.learned)), &m.evidence))
        }),
        "category",
    )?;

    DataFrame::new(
        n,
        vec![
            s("review_id", strings(|r| Some(r.review_id.as_str()))),
            s("provider", strings(|r| Some(r.provider.as_str()))),
            s("source_file", strings(|r| Some(&r.source_file))),
            Column::new("source_line".into(), reviews.iter().map(|r| r.source_line).collect::<Vec<u64>>()),
            s("title", strings(|r| r.title.as_deref())),
            s("text", strings(|r| Some(r.text.as_str()))),
            Column::new("rating".into(), reviews.iter().map(|r| r.rating).collect::<Vec<Option<f64>>>()),
            date,
            s("author", strings(|r| r.author.as_deref())),
            s("duplicate_of", strings(|r| r.duplicate_of.as_deref())),
            Column::new(
                "dup_cluster_id".into(),
                reviews.iter().map(|r| r.cross.cluster.map(|c| c.0)).collect::<Vec<_>>(),
            ),
            Column::new(
                "dup_cluster_size".into(),
                reviews.iter().map(|r| r.cross.cluster.map_or(1, |c| c.1)).collect::<Vec<u32>>(),
            ),
            Column::new("author_reviews".into(), reviews.iter().map(|r| r.cross.author_reviews).collect::<Vec<_>>()),
            Column::new(
                "author_day_reviews".into(),
                reviews.iter().map(|r| r.cross.author_day_reviews).collect::<Vec<_>>(),
            ),
            Column::new(
                "burst_day".into(),
                reviews.iter().map(|r| r.cross.burst_five_star_share.is_some()).collect::<Vec<bool>>(),
            ),
            Column::new(
                "rating_deviation".into(),
                reviews.iter().map(|r| r.cross.rating_deviation).collect::<Vec<_>>(),
            ),
            s("lang", strings(|r| Some(r.lang.code()))),
            Column::new("token_count".into(), reviews.iter().map(|r| r.token_count).collect::<Vec<u32>>()),
            Column::new("sentiment_score".into(), reviews.iter().map(|r| r.sentiment.score).collect::<Vec<f64>>()),
            s("sentiment_label", strings(|r| Some(r.sentiment.label.as_str()))),
            Column::new(
                "deceptive_score".into(),
                reviews.iter().map(|r| r.suspicion.deceptive_score).collect::<Vec<Option<f64>>>(),
            ),
            Column::new("suspicion_score".into(), reviews.iter().map(|r| r.suspicion.score).collect::<Vec<f64>>()),
            Column::new("suspicious".into(), reviews.iter().map(|r| r.suspicion.suspicious).collect::<Vec<bool>>()),
            reasons.finish().into_column(),
            suspicion_evidence,
            Column::new(
                "provider_reply".into(),
                reviews.iter().map(|r| r.complaints.provider_reply).collect::<Vec<bool>>(),
            ),
            Column::new(
                "is_complaint".into(),
                reviews.iter().map(|r| r.complaints.is_complaint).collect::<Vec<bool>>(),
            ),
            categories.finish().into_column(),
            mentions.finish().into_column(),
            complaint_evidence,
        ],
    )
}

/// A `list<struct>` column of evidence spans, one list per review. `key` names what the span is evidence for; the
/// complaint evidence also carries the mention's polarity and whether it counts as a complaint.
fn evidence_lists<'a, I, J>(name: &str, rows: I, key: &str) -> PolarsResult<Column>
where
    I: Iterator<Item = J>,
    J: Iterator<Item = (&'a str, Option<(&'static str, bool, bool)>, &'a Span)>,
{
    let (mut keys, mut polarity, mut complaint, mut learned, mut field, mut start, mut end, mut quote) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut lengths = Vec::new();
    let mut with_polarity = false;
    for row in rows {
        let before = keys.len();
        for (k, p, span) in row {
            keys.push(k);
            if let Some((pol, c, l)) = p {
                with_polarity = true;
                polarity.push(pol);
                complaint.push(c);
                learned.push(l);
            }
            field.push(span.field);
            start.push(span.start);
            end.push(span.end);
            quote.push(span.quote.as_str());
        }
        lengths.push(keys.len() - before);
    }
    let mut fields = vec![Series::new(key.into(), keys)];
    if with_polarity || key == "category" {
        fields.push(Series::new("polarity".into(), polarity));
        fields.push(Series::new("complaint".into(), complaint));
        fields.push(Series::new("learned".into(), learned));
    }
    fields.extend([
        Series::new("field".into(), field),
        Series::new("start".into(), start),
        Series::new("end".into(), end),
        Series::new("quote".into(), quote),
    ]);
    let flat = StructChunked::from_series("".into(), fields[0].len(), fields.iter())?.into_series();
    if lengths.is_empty() {
        return Ok(Series::new_empty(name.into(), &DataType::List(Box::new(flat.dtype().clone()))).into_column());
    }
    let mut offset = 0i64;
    let mut lists: ListChunked = lengths
        .into_iter()
        .map(|len| {
            let part = flat.slice(offset, len);
            offset += len as i64;
            Some(part)
        })
        .collect();
    lists.rename(name.into());
    Ok(lists.into_column())
}
