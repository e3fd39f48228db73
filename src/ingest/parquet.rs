//! Parquet rows, through polars. Columns of any type are read as text and validated like CSV fields, so a rating
//! stored as a string and a rating stored as a float pass the same checks. The file is decoded one row group at a
//! time, and only the columns the run maps: memory follows the file's row-group size (pyarrow writes at most a million
//! rows per group by default), not the file's. Rows are handed on a slice at a time. A column name may be a dotted path
//! into struct columns (`review.text`), as into nested JSON objects: Spark and pyarrow write nested records so.

use std::fs::File;
use std::path::{Path, PathBuf};
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

/// Runs a step of polars' decoder on `file`, its failure — a panic or an error — a message naming the file.
fn decoded<T>(file: &str, f: impl FnOnce() -> PolarsResult<T>) -> Result<T> {
    quietly_caught(f)
        .map_err(|e| anyhow::anyhow!("{file}: not a readable Parquet file (is it damaged or cut short?): {e}"))?
        .map_err(|e| anyhow::anyhow!("{file}: not a readable Parquet file: {e}"))
}

pub struct ParquetRows {
    file: Arc<str>,
    path: PathBuf,
    metadata: polars::io::parquet::metadata::FileMetadataRef,
    /// The names `columns` indexes: the file's columns, then the fields of its struct columns as dotted paths
    /// (`review.text`); for each, the column's position and the fields to follow within it; and the mapped columns'
    /// positions (the projection).
    header: Vec<String>,
    paths: Vec<(usize, Vec<String>)>,
    projection: Vec<usize>,
    columns: Columns,
    /// The row group being read (its mapped columns), the rows before it, and the next group's index.
    group: DataFrame,
    group_start: usize,
    next_group: usize,
    mapper: Arc<Mapper>,
    /// Rows handed on so far, in the whole file.
    next: usize,
    slice: Vec<Fields>,
    bytes: u64,
    progress: Progress,
}

impl ParquetRows {
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<ParquetRows> {
        let handle = File::open(path).with_context(|| format!("cannot open {file}"))?;
        let bytes = handle.metadata()?.len();
        let mut reader = ParquetReader::new(handle);
        let (schema, metadata) = decoded(&file, || {
            let schema = reader.schema()?;
            Ok((schema, reader.get_metadata()?.clone()))
        })?;
        let mut named: Vec<(String, (usize, Vec<String>))> =
            schema.iter_names().enumerate().map(|(i, name)| (name.to_string(), (i, Vec::new()))).collect();
        for (i, (name, field)) in schema.iter().enumerate() {
            struct_paths(name, &field.dtype, &mut vec![], &mut |path, fields| named.push((path, (i, fields))));
        }
        let (header, paths): (Vec<String>, Vec<(usize, Vec<String>)>) = named.into_iter().unzip();
        let columns = Columns::resolve(&header, &mapper.config, &file)?;
        let mut projection: Vec<usize> = columns.roles().flatten().map(|i| paths[i].0).collect();
        projection.sort_unstable();
        projection.dedup();
        Ok(ParquetRows {
            file,
            path: path.to_path_buf(),
            metadata,
            header,
            paths,
            projection,
            columns,
            group: DataFrame::empty(),
            group_start: 0,
            next_group: 0,
            mapper,
            next: 0,
            slice: Vec::new(),
            bytes,
            progress,
        })
    }

    /// Decodes the next row group's mapped columns; false after the last.
    fn load_group(&mut self) -> Result<bool> {
        let Some(group) = self.metadata.row_groups.get(self.next_group) else { return Ok(false) };
        let (start, rows) = (self.group_start + self.group.height(), group.num_rows());
        let handle = File::open(&self.path).with_context(|| format!("cannot open {}", self.file))?;
        let mut reader =
            ParquetReader::new(handle).with_slice(Some((start, rows))).with_projection(Some(self.projection.clone()));
        reader.set_metadata(self.metadata.clone());
        self.group = decoded(&self.file, || reader.finish())?;
        self.group_start = start;
        self.next_group += 1;
        Ok(true)
    }

    /// Decodes the next slice of rows of the current row group into text fields.
    fn load_slice(&mut self) -> Result<()> {
        let offset = self.next - self.group_start;
        let len = SLICE.min(self.group.height() - offset);
        let part = self.group.slice(offset as i64, len);
        let (header, paths) = (&self.header, &self.paths);
        let text = |i: Option<usize>| -> Result<Vec<Option<String>>> {
            let Some(i) = i else { return Ok(vec![None; len]) };
            let (top, fields) = &paths[i];
            let mut col = part.column(&header[*top])?.clone();
            for f in fields {
                col = col.struct_()?.field_by_name(f)?.into_column();
            }
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
        let mut cols = c
            .roles()
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
                earlier_on_line: 0,
            })
            .collect();
        self.slice.reverse();
        let rows = self.metadata.num_rows.max(1) as u64;
        self.progress.add(self.bytes * len as u64 / rows);
        Ok(())
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        if self.slice.is_empty() {
            while self.next >= self.group_start + self.group.height() {
                if !self.load_group()? {
                    return Ok(None);
                }
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

/// Each field within a struct column, at any depth, as its dotted path from `name` and the fields to follow.
fn struct_paths(
    name: &str,
    dtype: &ArrowDataType,
    within: &mut Vec<String>,
    found: &mut impl FnMut(String, Vec<String>),
) {
    let ArrowDataType::Struct(fields) = dtype else { return };
    for field in fields {
        within.push(field.name.to_string());
        found(format!("{name}.{}", within.join(".")), within.clone());
        struct_paths(name, &field.dtype, within, found);
        within.pop();
    }
}

impl Iterator for ParquetRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
