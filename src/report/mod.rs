//! Report: writes the outputs — `reviews.parquet`, `providers.parquet`, `provider_categories.parquet`,
//! `provider_months.parquet`, their CSV copies, `quarantine.csv`, `report.html` and `manifest.json` — into the output
//! folder.
//!
//! Everything is written into a hidden staging folder inside the output folder first and moved into place only when
//! the run has succeeded, one rename per file, the manifest last: a crash leaves the previous outputs untouched and
//! never a half-written file under a final name. The reviews table streams out a chunk at a time.

mod csv_out;
pub mod html;
pub mod manifest;
pub mod samples;
pub mod tables;

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::path::PathBuf;

use anyhow::{Context, Result};
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::aggregate::Tables;
use crate::ingest::Quarantined;
use crate::review::Review;
pub use tables::SCHEMA_VERSION;

type ParquetBatches = polars::io::parquet::write::BatchedWriter<File>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    pub dir: String,
    pub csv: bool,
    pub partition_by: String,
    pub report_providers: usize,
}

impl OutputConfig {
    pub fn validate(&self) -> Result<()> {
        if !matches!(self.partition_by.as_str(), "" | "provider") {
            anyhow::bail!("output.partition_by must be \"\" or \"provider\", got `{}`", self.partition_by);
        }
        if self.report_providers == 0 {
            anyhow::bail!("output.report_providers must be at least 1");
        }
        Ok(())
    }
}

/// Writes one run's outputs.
pub struct Writer {
    out: PathBuf,
    staging: PathBuf,
    csv: bool,
    report_providers: usize,
    reviews_parquet: Option<ParquetBatches>,
    /// With `output.partition_by = "provider"`: one writer per provider under `reviews/provider=NAME/`.
    partitions: Option<BTreeMap<String, ParquetBatches>>,
    reviews_csv: Option<csv_out::ReviewsCsv>,
    quarantine_csv: csv_out::QuarantineCsv,
    written: Vec<String>,
}

impl Writer {
    pub fn create(config: &OutputConfig) -> Result<Writer> {
        let out = PathBuf::from(&config.dir);
        fs::create_dir_all(&out).with_context(|| format!("cannot create output folder {}", out.display()))?;
        let staging = out.join(format!(".reviewsift-staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir(&staging).with_context(|| format!("cannot write into {}", out.display()))?;
        let reviews_csv =
            if config.csv { Some(csv_out::ReviewsCsv::create(&staging.join("reviews.csv"))?) } else { None };
        Ok(Writer {
            quarantine_csv: csv_out::QuarantineCsv::create(&staging.join("quarantine.csv"))?,
            out,
            staging,
            csv: config.csv,
            report_providers: config.report_providers,
            reviews_parquet: None,
            partitions: (config.partition_by == "provider").then(BTreeMap::new),
            reviews_csv,
            written: vec!["quarantine.csv".into()],
        })
    }

    /// Appends one chunk: its reviews table (built by [`tables::reviews_frame`]) and its quarantined rows.
    pub fn write_chunk(&mut self, frame: &DataFrame, reviews: &[Review], quarantined: &[Quarantined]) -> Result<()> {
        if frame.height() > 0 {
            if self.partitions.is_some() {
                self.write_partitions(frame, reviews)?;
            } else {
                self.reviews_writer(frame.schema())?.write_batch(frame)?;
            }
        }
        if let Some(w) = &mut self.reviews_csv {
            w.write(reviews)?;
        }
        self.quarantine_csv.write(quarantined)?;
        Ok(())
    }

    fn reviews_writer(&mut self, schema: &Schema) -> Result<&mut ParquetBatches> {
        if self.reviews_parquet.is_none() {
            let file = File::create(self.staging.join("reviews.parquet"))?;
            self.reviews_parquet = Some(parquet_writer(file).batched(schema)?);
        }
        Ok(self.reviews_parquet.as_mut().expect("just created"))
    }

    /// Hive-style partitions: the rows of each provider go to `reviews/provider=<percent-encoded name>/part-0.parquet`,
    /// without the `provider` column (the folder name carries it, as Spark, DuckDB and pyarrow expect).
    fn write_partitions(&mut self, frame: &DataFrame, reviews: &[Review]) -> Result<()> {
        let mut rows: BTreeMap<&str, Vec<IdxSize>> = BTreeMap::new();
        for (i, r) in reviews.iter().enumerate() {
            rows.entry(r.provider.as_str()).or_default().push(i as IdxSize);
        }
        let partitions = self.partitions.as_mut().expect("partitioned run");
        for (provider, idx) in rows {
            let part = frame.take(&IdxCa::from_vec("idx".into(), idx))?.drop("provider")?;
            if !partitions.contains_key(provider) {
                let dir = self.staging.join("reviews").join(format!("provider={}", percent_encode(provider)));
                fs::create_dir_all(&dir)?;
                let writer = parquet_writer(File::create(dir.join("part-0.parquet"))?).batched(part.schema())?;
                partitions.insert(provider.to_string(), writer);
            }
            partitions.get_mut(provider).expect("inserted").write_batch(&part)?;
        }
        Ok(())
    }

    /// Writes the aggregate tables, the HTML report and the manifest, then moves every output into place.
    /// `names` maps category ids to the names the report shows.
    pub fn finish(
        mut self,
        mut tables: Tables,
        samples: &samples::Samples,
        names: &HashMap<String, String>,
        manifest: &mut manifest::Manifest,
    ) -> Result<Vec<PathBuf>> {
        if let Some(partitions) = self.partitions.take() {
            for writer in partitions.values() {
                writer.finish()?;
            }
            fs::create_dir_all(self.staging.join("reviews"))?;
            self.written.push("reviews".into());
        } else {
            if self.reviews_parquet.is_none() {
                let empty = tables::reviews_frame(&[])?;
                self.reviews_writer(empty.schema())?.write_batch(&empty)?;
            }
            self.reviews_parquet.take().expect("created above").finish()?;
            self.written.push("reviews.parquet".into());
        }
        if let Some(w) = self.reviews_csv.take() {
            w.finish()?;
            self.written.push("reviews.csv".into());
        }
        std::mem::replace(&mut self.quarantine_csv, csv_out::QuarantineCsv::closed()).finish()?;

        add_largest_clusters(&mut tables.providers, samples)?;
        for (name, frame) in [
            ("providers", &mut tables.providers),
            ("provider_categories", &mut tables.provider_categories),
            ("provider_months", &mut tables.provider_months),
            ("provider_category_months", &mut tables.provider_category_months),
        ] {
            let parquet = format!("{name}.parquet");
            parquet_writer(File::create(self.staging.join(&parquet))?).finish(frame)?;
            self.written.push(parquet);
            if self.csv {
                let csv = format!("{name}.csv");
                csv_out::write_frame(&self.staging.join(&csv), frame)?;
                self.written.push(csv);
            }
        }
        self.written.push("report.html".into());
        self.written.push("manifest.json".into());
        manifest.outputs = self.written.clone();
        manifest.finish();
        fs::write(
            self.staging.join("report.html"),
            html::render(&tables, samples, manifest, names, self.report_providers)?,
        )?;
        fs::write(self.staging.join("manifest.json"), serde_json::to_vec_pretty(&manifest)?)?;

        let mut moved = Vec::new();
        for name in &self.written {
            let target = self.out.join(name);
            if target.is_dir() {
                fs::remove_dir_all(&target)?;
            }
            fs::rename(self.staging.join(name), &target)
                .with_context(|| format!("cannot move {name} into {}", self.out.display()))?;
            moved.push(target);
        }
        fs::remove_dir_all(&self.staging).ok();
        Ok(moved)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // A failed run leaves no staging folder behind (and never touched the previous outputs).
        fs::remove_dir_all(&self.staging).ok();
    }
}

/// Adds each provider's largest near-duplicate cluster: its size and a sample text.
fn add_largest_clusters(providers: &mut DataFrame, samples: &samples::Samples) -> Result<()> {
    let names: Vec<String> = providers.column("provider")?.str()?.iter().map(|s| s.unwrap_or("").to_string()).collect();
    let largest: Vec<Option<(u32, String)>> = names
        .iter()
        .map(|n| {
            let s = samples.providers.get(n)?;
            s.largest_clusters(1).first().map(|&(_, size, text)| (size, text.to_string()))
        })
        .collect();
    providers.with_column(Column::new(
        "largest_cluster_size".into(),
        largest.iter().map(|l| l.as_ref().map(|l| l.0)).collect::<Vec<Option<u32>>>(),
    ))?;
    providers.with_column(Column::new(
        "largest_cluster_sample".into(),
        largest.iter().map(|l| l.as_ref().map(|l| l.1.as_str())).collect::<Vec<Option<&str>>>(),
    ))?;
    Ok(())
}

/// Percent-encodes a partition value the way Hive does: anything but letters, digits and `-_.` becomes %XX (UTF-8).
fn percent_encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parquet_writer(file: File) -> ParquetWriter<File> {
    ParquetWriter::new(file)
        .with_compression(ParquetCompression::Zstd(None))
        .with_statistics(StatisticsOptions::default())
        .with_key_value_metadata(Some(KeyValueMetadata::from_static(vec![(
            "reviewsift.schema_version".into(),
            SCHEMA_VERSION.into(),
        )])))
}
