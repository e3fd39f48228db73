//! CSV copies of the output tables, safe to open in a spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is prefixed with `'` so that it is never run as a formula (review text is written by
//! strangers). Numbers are written as numbers. List columns are joined with `;`, evidence is a JSON array.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{Context, Result};
use polars::prelude::*;
use serde_json::json;

use crate::ingest::Quarantined;
use crate::review::{Review, Span};

/// Neutralises a text cell against spreadsheet formula injection.
pub fn safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn create(path: &Path) -> Result<csv::Writer<BufWriter<File>>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file)))
}

const REVIEW_COLUMNS: &[&str] = &[
    "review_id",
    "provider",
    "source_file",
    "source_line",
    "title",
    "text",
    "rating",
    "date",
    "author",
    "duplicate_of",
    "dup_cluster_id",
    "dup_cluster_size",
    "author_reviews",
    "author_day_reviews",
    "burst_day",
    "rating_deviation",
    "lang",
    "token_count",
    "sentiment_score",
    "sentiment_label",
    "deceptive_score",
    "suspicion_score",
    "suspicious",
    "suspicion_reasons",
    "suspicion_evidence",
    "provider_reply",
    "is_complaint",
    "categories",
    "mentions",
    "complaint_evidence",
];

pub struct ReviewsCsv(csv::Writer<BufWriter<File>>);

impl ReviewsCsv {
    pub fn create(path: &Path) -> Result<ReviewsCsv> {
        let mut w = create(path)?;
        w.write_record(REVIEW_COLUMNS)?;
        Ok(ReviewsCsv(w))
    }

    pub fn write(&mut self, reviews: &[Review]) -> Result<()> {
        let span = |s: &Span| json!({"field": s.field, "start": s.start, "end": s.end, "quote": s.quote});
        for r in reviews {
            let suspicion_evidence: Vec<_> = r
                .suspicion
                .reasons
                .iter()
                .flat_map(|x| x.evidence.iter().map(move |e| (x.code, e)))
                .map(|(code, e)| {
                    let mut v = span(e);
                    v["reason"] = json!(code);
                    v
                })
                .collect();
            let complaint_evidence: Vec<_> = r
                .complaints
                .mentions
                .iter()
                .map(|m| {
                    let mut v = span(&m.evidence);
                    v["category"] = json!(&*m.category);
                    v["polarity"] = json!(m.polarity.as_str());
                    v["complaint"] = json!(m.complaint);
                    v["learned"] = json!(m.learned);
                    v
                })
                .collect();
            let join = |it: &mut dyn Iterator<Item = &str>| it.collect::<Vec<_>>().join(";");
            self.0.write_record([
                safe(&r.review_id).as_ref(),
                &safe(&r.provider),
                &safe(&r.source_file),
                &r.source_line.to_string(),
                &safe(r.title.as_deref().unwrap_or("")),
                &safe(&r.text),
                &r.rating.map(|v| v.to_string()).unwrap_or_default(),
                &r.date.map(iso_datetime).unwrap_or_default(),
                &safe(r.author.as_deref().unwrap_or("")),
                &safe(r.duplicate_of.as_deref().unwrap_or("")),
                &r.cross.cluster.map(|c| c.0.to_string()).unwrap_or_default(),
                &r.cross.cluster.map_or(1, |c| c.1).to_string(),
                &r.cross.author_reviews.map(|n| n.to_string()).unwrap_or_default(),
                &r.cross.author_day_reviews.map(|n| n.to_string()).unwrap_or_default(),
                if r.cross.burst_five_star_share.is_some() { "true" } else { "false" },
                &r.cross.rating_deviation.map(|d| format!("{d:.4}")).unwrap_or_default(),
                r.lang.code(),
                &r.token_count.to_string(),
                &format!("{:.4}", r.sentiment.score),
                r.sentiment.label.as_str(),
                &r.suspicion.deceptive_score.map(|d| format!("{d:.4}")).unwrap_or_default(),
                &format!("{:.4}", r.suspicion.score),
                if r.suspicion.suspicious { "true" } else { "false" },
                &join(&mut r.suspicion.reasons.iter().map(|x| x.code)),
                &safe(&serde_json::to_string(&suspicion_evidence)?),
                if r.complaints.provider_reply { "true" } else { "false" },
                if r.complaints.is_complaint { "true" } else { "false" },
                &join(&mut r.complaints.categories().map(|m| &*m.category)),
                &join(&mut r.complaints.mentions.iter().map(|m| &*m.category)),
                &safe(&serde_json::to_string(&complaint_evidence)?),
            ])?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

pub struct QuarantineCsv(Option<csv::Writer<BufWriter<File>>>);

impl QuarantineCsv {
    pub fn create(path: &Path) -> Result<QuarantineCsv> {
        let mut w = create(path)?;
        w.write_record(["file", "line", "column", "reason", "provider", "raw"])?;
        Ok(QuarantineCsv(Some(w)))
    }

    pub fn closed() -> QuarantineCsv {
        QuarantineCsv(None)
    }

    pub fn write(&mut self, rows: &[Quarantined]) -> Result<()> {
        let Some(w) = &mut self.0 else { return Ok(()) };
        for q in rows {
            w.write_record([
                safe(&q.file).as_ref(),
                &q.line.to_string(),
                &safe(q.column.as_deref().unwrap_or("")),
                &safe(&q.reason),
                &safe(q.provider.as_deref().unwrap_or("")),
                &safe(&q.raw),
            ])?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        if let Some(mut w) = self.0 {
            w.flush()?;
        }
        Ok(())
    }
}

/// Writes a small table (the per-provider aggregates) cell by cell.
pub fn write_frame(path: &Path, frame: &DataFrame) -> Result<()> {
    let mut w = create(path)?;
    w.write_record(frame.get_column_names().iter().map(|n| n.as_str()))?;
    let columns = frame.columns();
    for i in 0..frame.height() {
        let mut row = Vec::with_capacity(columns.len());
        for c in columns {
            row.push(cell(&c.get(i)?));
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn cell(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => safe(s).into_owned(),
        AnyValue::StringOwned(s) => safe(s).into_owned(),
        AnyValue::Float64(f) => format!("{f:.6}").trim_end_matches('0').trim_end_matches('.').to_string(),
        AnyValue::List(s) => {
            let parts: Vec<String> = s.iter().map(|x| cell(&x)).collect();
            safe(&parts.join(";")).into_owned()
        }
        other => other.to_string(),
    }
}

/// `2024-03-15T10:04:00`, as chrono's `%Y-%m-%dT%H:%M:%S` writes it, without its format parser (per row).
fn iso_datetime(d: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    if !(0..=9999).contains(&d.year()) || d.nanosecond() >= 1_000_000_000 {
        return d.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(safe("fine text"), "fine text");
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        use chrono::NaiveDate;
        for (y, mo, d, h, mi, s) in [(2024, 3, 5, 7, 8, 9), (1999, 12, 31, 23, 59, 59), (812, 1, 1, 0, 0, 0)] {
            let t = NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, s).unwrap();
            assert_eq!(iso_datetime(t), t.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
}
