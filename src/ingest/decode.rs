//! Compressed and non-UTF-8 inputs: `.gz` and `.zst` files, and text in legacy encodings.
//!
//! Why: crawls are shipped compressed, and spreadsheets still save CSV in the machine's legacy code page — GBK on
//! Chinese Windows, Windows-1252 on French and English ones. Read as UTF-8, every Chinese or accented row of such a
//! file was quarantined: nothing lost, nothing analysed.
//!
//! How: a file that is compressed or not UTF-8 is decoded once, as it is opened, into a UTF-8 copy in the temporary
//! folder (`TMPDIR`), which the row readers then read like any other file and which is deleted when the file is done.
//! The readers need a seekable file (the CSV reader re-reads a line whose quote never closes), and lines stay lines,
//! so quarantine line numbers are those of the original. Parquet compresses its own columns and has no encoding.
//!
//! Which encoding: `input.encoding` names one (any WHATWG label: `gb18030`, `gbk`, `big5`, `windows-1252`,
//! `latin1`, `utf-16le` ...), or `auto` (the default) decides per file: a byte-order mark decides; otherwise UTF-8,
//! unless most of the lines with non-ASCII bytes in the first MiB are not valid UTF-8, in which case chardetng (the
//! detector of Firefox) names the encoding. A UTF-8 file with a few damaged rows therefore stays UTF-8 and those rows
//! are quarantined, as before; a GBK file is read as GBK. The encoding read is in the manifest, per input.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use encoding_rs::{Encoding, UTF_8};
use serde::{Deserialize, Serialize};
use tempfile::TempPath;

/// How a file is compressed, by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    Gzip,
    Zstd,
}

impl Compression {
    pub fn of(path: &Path) -> Option<Compression> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "gz" | "gzip" => Some(Compression::Gzip),
            "zst" | "zstd" => Some(Compression::Zstd),
            _ => None,
        }
    }

    /// "gzip" or "zstd", as messages, the report and the manifest name it.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// The bytes of a file, decompressed.
fn open(path: &Path, compression: Option<Compression>) -> Result<Box<dyn Read>> {
    let file = BufReader::new(File::open(path).with_context(|| format!("cannot open {}", path.display()))?);
    Ok(match compression {
        None => Box::new(file),
        Some(Compression::Gzip) => Box::new(flate2::bufread::MultiGzDecoder::new(file)),
        Some(Compression::Zstd) => {
            Box::new(zstd::Decoder::with_buffer(file).with_context(|| format!("{}: not a zstd file", path.display()))?)
        }
    })
}

/// Checks an `input.encoding` value: `auto` or a WHATWG encoding label.
pub fn check_label(label: &str) -> Result<()> {
    if label != "auto" && Encoding::for_label(label.trim().as_bytes()).is_none() {
        bail!(
            "input.encoding: `{label}` is not an encoding; use auto, or a label such as utf-8, gb18030, gbk, big5, \
             windows-1252, latin1 or utf-16le"
        );
    }
    Ok(())
}

/// The encoding a text file is read in (see the module docs).
pub fn encoding_of(path: &Path, compression: Option<Compression>, label: &str) -> Result<&'static Encoding> {
    if label != "auto" {
        return Ok(Encoding::for_label(label.trim().as_bytes()).expect("checked by IngestConfig::validate"));
    }
    let mut sample = Vec::with_capacity(1 << 20);
    open(path, compression)?.take(1 << 20).read_to_end(&mut sample).with_context(|| match compression {
        Some(c) => {
            format!("{}: cannot decompress it as {} (is the file damaged or cut short?)", path.display(), c.name())
        }
        None => format!("{}: cannot read", path.display()),
    })?;
    if let Some((bom, _)) = Encoding::for_bom(&sample) {
        return Ok(bom);
    }
    let (mut non_ascii, mut invalid) = (0, 0);
    let mut lines = sample.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if line.is_ascii() {
            continue;
        }
        non_ascii += 1;
        match std::str::from_utf8(line) {
            Ok(_) => {}
            // The sample may end inside a character.
            Err(e) if lines.peek().is_none() && e.error_len().is_none() => {}
            Err(_) => invalid += 1,
        }
    }
    if invalid * 2 <= non_ascii {
        return Ok(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&sample, sample.len() < 1 << 20);
    Ok(detector.guess(None, chardetng::Utf8Detection::Deny))
}

/// A file ready for the row readers: the original, or its decoded copy (deleted when this is dropped).
pub struct Plain {
    pub path: PathBuf,
    /// Bytes of the file the readers read.
    pub len: u64,
    _copy: Option<TempPath>,
}

/// `path` itself when it is uncompressed UTF-8, else a UTF-8 copy of its text.
pub fn plain(path: &Path, compression: Option<Compression>, encoding: &'static Encoding) -> Result<Plain> {
    if compression.is_none() && encoding == UTF_8 {
        let len = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
        return Ok(Plain { path: path.to_path_buf(), len, _copy: None });
    }
    let mut decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        // UTF-8 (a compressed UTF-8 file) passes through unchanged, so that invalid bytes still quarantine their row.
        .encoding((encoding != UTF_8).then_some(encoding))
        .utf8_passthru(true)
        .strip_bom(true)
        .build(open(path, compression)?);
    let mut copy = tempfile::Builder::new()
        .prefix("reviewsift-")
        .tempfile()
        .context("cannot create a temporary file to decode into (set TMPDIR to a folder with room)")?;
    let len = std::io::copy(&mut decoded, copy.as_file_mut()).with_context(|| {
        format!(
            "{}: cannot read it as {} (is the file damaged or cut short?)",
            path.display(),
            describe(encoding, compression)
        )
    })?;
    copy.as_file_mut().flush()?;
    let copy = copy.into_temp_path();
    Ok(Plain { path: copy.to_path_buf(), len, _copy: Some(copy) })
}

/// "gzip-compressed GBK": how a file is read, for messages.
fn describe(encoding: &'static Encoding, compression: Option<Compression>) -> String {
    match compression {
        Some(c) => format!("{}-compressed {}", c.name(), encoding.name()),
        None => encoding.name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn legacy_encodings_are_recognised_and_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let text = "id,text\n1,信号很差，客服态度恶劣\n2,网速太慢了\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let path = write(dir.path(), "gbk.csv", &gbk);
        let encoding = encoding_of(&path, None, "auto").unwrap();
        assert_eq!(encoding.name(), "GBK");
        let plain = plain(&path, None, encoding).unwrap();
        assert_eq!(std::fs::read_to_string(&plain.path).unwrap(), text);

        let text = "id,text\n1,Très bon réseau, très rapide\n2,Service client nul, à éviter\n";
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let path = write(dir.path(), "latin.csv", &latin);
        assert_eq!(encoding_of(&path, None, "auto").unwrap().name(), "windows-1252");
        // A named encoding is used as given.
        assert_eq!(encoding_of(&path, None, "latin1").unwrap().name(), "windows-1252");
    }

    #[test]
    fn utf8_with_a_damaged_row_stays_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = "id,text\n1,Très bon réseau\n2,à éviter\n3,déçu\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"4,broken \xe9 byte\n");
        let path = write(dir.path(), "mostly.csv", &bytes);
        assert_eq!(encoding_of(&path, None, "auto").unwrap(), UTF_8);
        // Read in place: the damaged row is the row reader's to quarantine.
        assert_eq!(plain(&path, None, UTF_8).unwrap().path, path);
    }

    #[test]
    fn compressed_files_are_decompressed() {
        let dir = tempfile::tempdir().unwrap();
        let text = "id,text\n1,good network\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(text.as_bytes()).unwrap();
        let path = write(dir.path(), "a.csv.gz", &gz.finish().unwrap());
        let c = Compression::of(&path);
        assert_eq!(c, Some(Compression::Gzip));
        let plain = plain(&path, c, encoding_of(&path, c, "auto").unwrap()).unwrap();
        assert_eq!(std::fs::read_to_string(&plain.path).unwrap(), text);
        let copy = plain.path.clone();
        drop(plain);
        assert!(!copy.exists(), "the decoded copy is deleted");

        // A download cut short is an error that says so, not a silently shorter input.
        let whole = std::fs::read(&path).unwrap();
        let cut = write(dir.path(), "cut.csv.gz", &whole[..whole.len() - 12]);
        let err = super::plain(&cut, c, UTF_8).err().expect("a truncated file fails");
        assert!(format!("{err:#}").contains("cut short"), "{err:#}");
        // The same when the cut comes within the first MiB, which encoding detection reads first.
        let err = encoding_of(&cut, c, "auto").expect_err("a truncated file fails");
        assert!(
            format!("{err:#}").contains("cut.csv.gz: cannot decompress it as gzip (is the file damaged or cut short?)"),
            "{err:#}"
        );

        let path = write(dir.path(), "a.jsonl.zst", &zstd::encode_all(text.as_bytes(), 3).unwrap());
        let c = Compression::of(&path);
        let plain = super::plain(&path, c, UTF_8).unwrap();
        assert_eq!(std::fs::read_to_string(&plain.path).unwrap(), text);
    }

    #[test]
    fn unknown_labels_are_refused() {
        assert!(check_label("auto").is_ok());
        assert!(check_label("GB18030").is_ok());
        assert!(check_label("klingon").unwrap_err().to_string().contains("not an encoding"));
    }
}
