//! Shard folders: what `reviewsift run --shard I/N` writes and `reviewsift merge` reads.
//!
//! A shard reads the whole input (parsing is the cheap part, and it keeps row numbers, review positions and
//! exact-duplicate flags the same as in a single run) but analyses only the chunks `k` with `k mod N = I`. For each it
//! writes the analysed reviews and quarantined rows, and the chunk's cross-review entries (keys, day, rating and
//! MinHash signature), bincode + zstd:
//!
//! ```text
//! <out>/chunks/00000003.reviews.bin.zst   (reviews, quarantined rows)
//! <out>/chunks/00000003.cross.bin.zst     (cross-review entries)
//! <out>/shard.json                        (written last: the shard finished)
//! ```
//!
//! Why the merge re-reads rows rather than adding up per-shard tables: a review's suspicion depends on the whole
//! input (its near-duplicates, its author's and provider's other reviews), and the per-provider tables count
//! suspicious reviews. So `merge` collects every shard's entries in input order, exactly as pass one of a single run
//! does, concludes each review's suspicion, and feeds the chunks in input order through the same aggregation and
//! writers. No text is analysed again; the outputs are byte-identical to a single run's (tests/run.rs).
//!
//! Shard files are an exchange format between one build of reviewsift and itself: `merge` refuses shards written by
//! another version.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::crossreview::Entry;
use crate::ingest::{Chunk, InputFile, ProviderSpellings, Quarantined, SkippedFile};
use crate::review::Review;

/// `--shard I/N`: this process is shard `I` (counting from 0) of `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSpec {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for ShardSpec {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<ShardSpec, String> {
        let parsed = s.split_once('/').and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if count >= 1 && index < count => Ok(ShardSpec { index, count }),
            _ => Err(format!("expected I/N with 0 <= I < N (shards count from 0), got `{s}`")),
        }
    }
}

impl ShardSpec {
    /// Whether chunk `k` (counting from 0 in input order) is this shard's.
    pub fn owns(&self, chunk: u64) -> bool {
        chunk % self.count as u64 == self.index as u64
    }
}

/// `shard.json`: which shard this is, of what run, and what it read.
#[derive(Debug, Serialize, Deserialize)]
pub struct ShardManifest {
    pub version: String,
    pub shard: ShardSpec,
    /// The resolved configuration (its `output.dir` is the shard folder; `merge` replaces it).
    pub config: serde_json::Value,
    pub inputs: Vec<InputFile>,
    /// Files in the input folders that were not read (all shards list the same).
    pub skipped: Vec<SkippedFile>,
    /// Providers met under several spellings (every shard reads the whole input in order, so all agree).
    pub provider_spellings: Vec<ProviderSpellings>,
    /// SHA-256 of each input, computed by shard 0 only (empty on the others).
    pub sha256: Vec<String>,
    /// Chunks in the whole input (every shard reads all of it, so all shards agree).
    pub chunks: u64,
    /// Reviews and quarantined rows in this shard's chunks.
    pub analysed: u64,
    pub quarantined: u64,
    pub timings_s: std::collections::BTreeMap<String, f64>,
}

fn chunk_path(dir: &Path, k: u64, part: &str) -> PathBuf {
    dir.join("chunks").join(format!("{k:08}.{part}.bin.zst"))
}

fn write_file<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let file = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = zstd::stream::Encoder::new(BufWriter::new(file), 3)?;
    // A content checksum in the frame: a flipped byte that still decodes is caught by `read_file`, not merged.
    out.include_checksum(true)?;
    bincode::serde::encode_into_std_write(value, &mut out, bincode::config::standard())
        .with_context(|| format!("cannot write {}", path.display()))?;
    out.finish()?.flush()?;
    Ok(())
}

fn read_file<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let file = File::open(path).with_context(|| format!("cannot open {} (a shard file is missing)", path.display()))?;
    let mut input = zstd::stream::Decoder::new(BufReader::new(file))?;
    let value = bincode::serde::decode_from_std_read(&mut input, bincode::config::standard())
        .with_context(|| format!("{} is damaged or from another version of reviewsift", path.display()))?;
    let mut rest = [0u8; 1];
    // Reading to the end of the frame verifies its checksum.
    let trailing = input.read(&mut rest).with_context(|| format!("{} is damaged", path.display()))?;
    if trailing != 0 {
        bail!("{} has trailing data: damaged or from another version of reviewsift", path.display());
    }
    Ok(value)
}

/// Writes one shard's folder.
pub struct ShardWriter {
    dir: PathBuf,
}

impl ShardWriter {
    /// Creates `dir`, removing the chunks and `shard.json` of an earlier shard run there.
    pub fn create(dir: &Path) -> Result<ShardWriter> {
        let chunks = dir.join("chunks");
        if chunks.exists() {
            fs::remove_dir_all(&chunks).with_context(|| format!("cannot clear {}", chunks.display()))?;
        }
        let manifest = dir.join("shard.json");
        if manifest.exists() {
            fs::remove_file(&manifest)?;
        }
        fs::create_dir_all(&chunks).with_context(|| format!("cannot create shard folder {}", chunks.display()))?;
        Ok(ShardWriter { dir: dir.to_path_buf() })
    }

    pub fn write_chunk(&self, k: u64, entries: &[Entry], chunk: &Chunk) -> Result<()> {
        write_file(&chunk_path(&self.dir, k, "cross"), &entries)?;
        write_file(&chunk_path(&self.dir, k, "reviews"), &(&chunk.reviews, &chunk.quarantined))
    }

    /// Writes `shard.json` (through a temporary name, so that its presence means the shard is complete).
    pub fn finish(self, manifest: &ShardManifest) -> Result<PathBuf> {
        let path = self.dir.join("shard.json");
        let tmp = self.dir.join(".shard.json.tmp");
        fs::write(&tmp, serde_json::to_vec_pretty(manifest)?)?;
        fs::rename(&tmp, &path)?;
        Ok(path)
    }
}

/// A complete set of shard folders, checked to belong to one run.
pub struct Shards {
    dirs: Vec<PathBuf>,
    pub manifests: Vec<ShardManifest>,
}

impl Shards {
    /// Opens the folders (in any order) and checks that they are shards 0..N of one run: same version, input and
    /// configuration, each index once.
    pub fn open(dirs: &[PathBuf]) -> Result<Shards> {
        if dirs.is_empty() {
            bail!("merge needs the shard folders written by `reviewsift run --shard I/N`");
        }
        let mut found: Vec<(PathBuf, ShardManifest)> = Vec::new();
        for dir in dirs {
            let path = dir.join("shard.json");
            let text = fs::read_to_string(&path).with_context(|| {
                format!(
                    "{} is not a finished shard folder (no shard.json: its run failed or is still going)",
                    dir.display()
                )
            })?;
            let m: ShardManifest = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a reviewsift shard manifest", path.display()))?;
            found.push((dir.clone(), m));
        }
        found.sort_by_key(|(_, m)| m.shard.index);
        let (first_dir, first) = (&found[0].0, &found[0].1);
        let count = first.shard.count;
        let same_config = |m: &ShardManifest| without_output_dir(&m.config) == without_output_dir(&first.config);
        for (i, (dir, m)) in found.iter().enumerate() {
            let d = dir.display();
            if m.version != env!("CARGO_PKG_VERSION") {
                bail!("{d} was written by reviewsift {}, this is {}", m.version, env!("CARGO_PKG_VERSION"));
            }
            if m.shard.count != count {
                bail!("{d} is a shard of {}, {} a shard of {count}", m.shard.count, first_dir.display());
            }
            if m.shard.index != i as u32 {
                bail!("shard {i}/{count} is missing or given twice (found {d} as shard {}/{count})", m.shard.index);
            }
            if !same_config(m) || m.chunks != first.chunks || !same_inputs(&m.inputs, &first.inputs) {
                bail!("{d} and {} are shards of different runs (input or configuration differ)", first_dir.display());
            }
        }
        if found.len() != count as usize {
            bail!("{} shard folders given, the run has {count} shards", found.len());
        }
        let (dirs, manifests) = found.into_iter().unzip();
        Ok(Shards { dirs, manifests })
    }

    /// The shards' configuration, writing to `out`.
    pub fn config(&self, out: &str) -> Result<Config> {
        let mut json = self.manifests[0].config.clone();
        json["output"]["dir"] = serde_json::Value::String(out.to_string());
        let config: Config = serde_json::from_value(json).context("shard configuration")?;
        config.validate()?;
        Ok(config)
    }

    pub fn chunks(&self) -> u64 {
        self.manifests[0].chunks
    }

    fn owner(&self, k: u64) -> &Path {
        &self.dirs[(k % self.dirs.len() as u64) as usize]
    }

    pub fn entries(&self, k: u64) -> Result<Vec<Entry>> {
        read_file(&chunk_path(self.owner(k), k, "cross"))
    }

    pub fn chunk(&self, k: u64) -> Result<Chunk> {
        let (reviews, quarantined): (Vec<Review>, Vec<Quarantined>) =
            read_file(&chunk_path(self.owner(k), k, "reviews"))?;
        Ok(Chunk { reviews, quarantined })
    }
}

fn without_output_dir(config: &serde_json::Value) -> serde_json::Value {
    let mut c = config.clone();
    c["output"]["dir"] = serde_json::Value::Null;
    c
}

fn same_inputs(a: &[InputFile], b: &[InputFile]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.path == y.path && x.bytes == y.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_file_changed_after_writing_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin.zst");
        let value: Vec<String> = (0..50).map(|i| format!("review {i}")).collect();
        write_file(&path, &value).unwrap();
        assert_eq!(read_file::<Vec<String>>(&path).unwrap(), value);
        // The last four bytes are the frame's checksum: the content still decodes, the check must fail.
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let err = format!("{:#}", read_file::<Vec<String>>(&path).unwrap_err());
        assert!(err.contains("x.bin.zst is damaged"), "{err}");
    }

    #[test]
    fn shard_specs_parse_and_split_chunks() {
        let s: ShardSpec = "1/3".parse().unwrap();
        assert_eq!(s, ShardSpec { index: 1, count: 3 });
        assert_eq!((0..7).filter(|&k| s.owns(k)).collect::<Vec<_>>(), vec![1, 4]);
        for bad in ["3/3", "1", "a/2", "0/0", "-1/2"] {
            assert!(bad.parse::<ShardSpec>().unwrap_err().contains("0 <= I < N"), "{bad}");
        }
    }
}
