//! Parquet rows, through polars. Columns of any type are read as text and validated like CSV fields, so a rating
//! stored as a string and a rating stored as a float pass the same checks. The file is decoded whole (Parquet is
//! compressed columnar data, typically a fraction of its CSV size); rows are handed on a slice at a time.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use polars::prelude::*;

use super::{Columns, Fields, Mapper, Progress, Quarantined, Row};

const SLICE: usize = 8192;

thread_local! {
    /// Set while [`quietly_caught`] runs: a panic on this thread is caught there and becomes an error message.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into an error. polars' Parquet decoder panics on some damaged files (a corrupt footer
/// field is `expect`ed, polars-parquet 0.55), and a damaged input must stop the run with its name, not a backtrace:
/// the panic hook stays silent for panics caught here and reports every other panic as before.
fn quietly_caught<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(|c| c.get()) {
                previous(info);
            }
        }));
    });
    CATCHING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(false));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("the Parquet decoder failed ({message})")
    })
}

pub struct ParquetRows {
    file: Arc<str>,
    frame: DataFrame,
    columns: Columns,
    mapper: Arc<Mapper>,
    next: usize,
    slice: Vec<Fields>,
    bytes: u64,
    progress: Progress,
}

impl ParquetRows {
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<ParquetRows> {
        let handle = File::open(path).with_context(|| format!("cannot open {file}"))?;
        let bytes = handle.metadata()?.len();
        let frame = quietly_caught(|| ParquetReader::new(handle).finish())
            .map_err(|e| anyhow::anyhow!("{file}: not a readable Parquet file (is it damaged or cut short?): {e}"))?
            .map_err(|e| anyhow::anyhow!("{file}: not a readable Parquet file: {e}"))?;
        let header: Vec<String> = frame.get_column_names().iter().map(|n| n.to_string()).collect();
        let columns = Columns::resolve(&header, &mapper.config, &file)?;
        Ok(ParquetRows { file, frame, columns, mapper, next: 0, slice: Vec::new(), bytes, progress })
    }

    /// Decodes the next slice of rows into text fields.
    fn load_slice(&mut self) -> Result<()> {
        let len = SLICE.min(self.frame.height() - self.next);
        let part = self.frame.slice(self.next as i64, len);
        let text = |i: Option<usize>| -> Result<Vec<Option<String>>> {
            let Some(i) = i else { return Ok(vec![None; len]) };
            let mut col = part.columns()[i].clone();
            if let DataType::Datetime(unit, Some(_)) = col.dtype() {
                // A zoned timestamp (pandas writes tz-aware datetimes so) is an instant: read it as UTC, as zoned
                // text dates are. polars cannot format a zoned datetime as text directly.
                col = col.cast(&DataType::Datetime(*unit, None))?;
            }
            let col = col.cast(&DataType::String).map_err(|e| {
                anyhow::anyhow!("column `{}` holds {}, which cannot be read as text: {e}", col.name(), col.dtype())
            })?;
            Ok(col.str()?.iter().map(|v| v.map(str::to_string)).collect())
        };
        let c = &self.columns;
        let mut cols = [c.id, Some(c.text), c.title, c.provider, c.rating, c.date, c.author]
            .into_iter()
            .chain(c.labels.iter().copied())
            .map(text)
            .collect::<Result<Vec<_>>>()
            .with_context(|| format!("{}: cannot read rows {}–{}", self.file, self.next + 1, self.next + len))?;
        let mut take = |k: usize| std::mem::take(&mut cols[k]).into_iter();
        let (mut id, mut tx, mut ti, mut pr, mut ra, mut da, mut au) =
            (take(0), take(1), take(2), take(3), take(4), take(5), take(6));
        let mut labels: Vec<_> = (7..7 + c.labels.len()).map(&mut take).collect();
        self.slice = (0..len)
            .map(|_| Fields {
                id: id.next().flatten(),
                text: tx.next().flatten(),
                title: ti.next().flatten(),
                provider: pr.next().flatten(),
                rating: ra.next().flatten(),
                date: da.next().flatten(),
                author: au.next().flatten(),
                labels: labels.iter_mut().map(|l| l.next().flatten()).collect(),
            })
            .collect();
        self.slice.reverse();
        let height = self.frame.height().max(1) as u64;
        self.progress.add(self.bytes * len as u64 / height);
        Ok(())
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        if self.slice.is_empty() {
            if self.next >= self.frame.height() {
                return Ok(None);
            }
            self.load_slice()?;
        }
        let fields = self.slice.pop().expect("slice loaded");
        self.next += 1;
        let line = self.next as u64;
        let provider = self.mapper.provider(fields.provider.as_deref());
        let raw = fields.text.clone().unwrap_or_default();
        Ok(Some(match self.mapper.review(fields, &self.file, line) {
            Ok(r) => Row::Review(r),
            Err(e) => Row::Quarantined(Quarantined {
                file: self.file.clone(),
                line,
                column: Some(e.column),
                reason: e.reason,
                provider,
                raw,
            }),
        }))
    }
}

impl Iterator for ParquetRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
