//! Compressed and non-UTF-8 inputs: gzip, zstd, bzip2 and xz files, and text in legacy encodings.
//!
//! Why: crawls are shipped compressed (`.gz`, `.zst`, and dumps in `.bz2` or `.xz`), and spreadsheets still save CSV in the machine's legacy code page — GBK on
//! Chinese Windows, Windows-1252 on French and English ones. Read as UTF-8, every Chinese or accented row of such a
//! file was quarantined: nothing lost, nothing analysed.
//!
//! Mojibake: text that was UTF-8, decoded once as Windows-1252 and saved again as UTF-8 ("rÃ©seau" for "réseau",
//! "donâ€™t" for "don’t"), what a scraper that guessed a page's encoding wrong leaves behind; the NLTK movie
//! sentences hold it too ("andrÃ© turpin"). Read as it is, no lexicon word, cue or provider name matches. Each
//! sequence of characters that Windows-1252 (or Latin-1, for the C1 controls) writes as a UTF-8 lead byte and its
//! continuation bytes ("Ã" "©") is turned back into those bytes and decoded as UTF-8, and replaced only when that
//! succeeds; text written on purpose practically never holds such a sequence ("é" before a letter, "Ã" before a
//! space do not), and the rest of the text is left as it is ([`repair_mojibake`]).
//!
//! Which compression: the file's first bytes (each of the four formats starts with its own magic number), else its
//! last extension, so that a gzip file saved as `reviews.csv` is still read. A file that starts like an archive or a
//! workbook (ZIP — `.xlsx` and `.ods` are ZIP archives —, 7-Zip, RAR, an Excel 97–2003 file) or a PDF is refused
//! with a message that says what it is and what to do: read as text, its first bytes would become column names.
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

/// How a file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Compression {
    /// By the file's last extension.
    pub fn of(path: &Path) -> Option<Compression> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "gz" | "gzip" => Some(Compression::Gzip),
            "zst" | "zstd" => Some(Compression::Zstd),
            "bz2" | "bzip2" => Some(Compression::Bzip2),
            "xz" => Some(Compression::Xz),
            _ => None,
        }
    }

    /// "gzip", "zstd", "bzip2" or "xz", as messages, the report and the manifest name it.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
        }
    }
}

/// Magic numbers: how each compression format starts.
const COMPRESSED: &[(&[u8], Compression)] = &[
    (&[0x1f, 0x8b], Compression::Gzip),
    (&[0x28, 0xb5, 0x2f, 0xfd], Compression::Zstd),
    (b"BZh", Compression::Bzip2),
    (&[0xfd, b'7', b'z', b'X', b'Z', 0x00], Compression::Xz),
];

/// Files that are not text at all, by how they start: what each is, and what to do instead.
const NOT_TEXT: &[(&[u8], &str)] = &[
    (
        b"PK\x03\x04",
        "a ZIP archive (an .xlsx or .ods workbook is one too): unpack it and name the files inside, or export the \
         sheet as CSV",
    ),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (&[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c], "a 7-Zip archive: unpack it and name the files inside"),
    (b"Rar!", "a RAR archive: unpack it and name the files inside"),
    (
        &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
        "an Excel 97–2003 workbook (or another old Office file): export the sheet as CSV",
    ),
    (b"%PDF", "a PDF document: export its table as CSV"),
];

/// How a text file (CSV, TSV, JSONL, lines) is compressed: as its first bytes say, else as its name says (an empty
/// file, or a damaged one whose decompression will then fail with a message). An archive, a workbook or a PDF is an
/// error that names it.
pub fn compression_of(path: &Path) -> Result<Option<Compression>> {
    let mut head = Vec::with_capacity(8);
    File::open(path)
        .and_then(|f| f.take(8).read_to_end(&mut head))
        .with_context(|| format!("cannot open {}", path.display()))?;
    if let Some((_, c)) = COMPRESSED.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Ok(Some(*c));
    }
    if let Some((_, what)) = NOT_TEXT.iter().find(|(magic, _)| head.starts_with(magic)) {
        bail!("{} is {what}; reviewsift reads CSV, TSV, JSON Lines, Parquet and text files", path.display());
    }
    Ok(Compression::of(path))
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
        Some(Compression::Bzip2) => Box::new(bzip2::bufread::MultiBzDecoder::new(file)),
        Some(Compression::Xz) => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(file)),
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

/// The byte Windows-1252 writes `c` as; `None` for a character it cannot write. The C1 controls (U+0080–U+009F)
/// are taken as their own bytes, as a Latin-1 decoder leaves them.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match c as u32 {
        0..=0xff => Some(c as u8),
        _ => HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8),
    }
}

/// `text` with its mojibake undone (see the module docs), or `None` when there is none.
pub fn repair_mojibake(text: &str) -> Option<String> {
    // A UTF-8 lead byte as Windows-1252 reads it (Â–ô, the characters of the same code) followed by a continuation
    // byte: without one, nothing to do. Checked first, on the bytes: Â–ô are C3 82–B4 in UTF-8, and every character
    // that Windows-1252 reads a continuation byte as starts with C2 (U+0080–U+00BF), C5, C6, CB (Œ Š Ž ƒ ˆ ˜ …) or
    // E2 (– ’ € ™ …). Most texts hold no such pair, French ones included.
    let pair =
        |w: &[u8]| w[0] == 0xc3 && (0x82..=0xb4).contains(&w[1]) && matches!(w[2], 0xc2 | 0xc5 | 0xc6 | 0xcb | 0xe2);
    if !text.as_bytes().windows(3).any(pair) {
        return None;
    }
    let lead = |c: char| ('\u{c2}'..='\u{f4}').contains(&c).then_some(c as u8);
    let continuation = |c: char| cp1252_byte(c).filter(|b| (0x80..0xc0).contains(b));
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i, mut changed) = (String::with_capacity(text.len()), 0, false);
    while i < chars.len() {
        if let Some(first) = lead(chars[i]) {
            let len = match first {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let bytes: Vec<u8> = std::iter::once(first)
                .chain(chars[i + 1..].iter().take(len - 1).map_while(|&c| continuation(c)))
                .collect();
            if let (true, Ok(decoded)) = (bytes.len() == len, std::str::from_utf8(&bytes)) {
                out.push_str(decoded);
                (i, changed) = (i + len, true);
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    changed.then_some(out)
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
    fn the_first_bytes_tell_the_compression_and_refuse_archives() {
        let dir = tempfile::tempdir().unwrap();
        let text = "id,text\n1,débit nul\n";
        let gz = {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        let bz = {
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        let xz = {
            let mut e = liblzma::write::XzEncoder::new(Vec::new(), 6);
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        let zst = zstd::encode_all(text.as_bytes(), 3).unwrap();
        for (name, bytes, want) in [
            ("a.csv", &gz, Compression::Gzip),
            ("b.csv.bz2", &bz, Compression::Bzip2),
            ("c.tsv", &xz, Compression::Xz),
            ("d.csv.gz", &zst, Compression::Zstd),
        ] {
            let path = write(dir.path(), name, bytes);
            let c = compression_of(&path).unwrap();
            assert_eq!(c, Some(want), "{name}");
            assert_eq!(std::fs::read_to_string(plain(&path, c, UTF_8).unwrap().path).unwrap(), text, "{name}");
        }
        // Plain text: as named (a damaged .gz then fails to decompress, with its own message).
        assert_eq!(compression_of(&write(dir.path(), "e.csv", text.as_bytes())).unwrap(), None);
        assert_eq!(compression_of(&write(dir.path(), "f.csv.gz", b"")).unwrap(), Some(Compression::Gzip));
        for (name, bytes, says) in [
            ("g.csv", &b"PK\x03\x04\x14\x00"[..], "is a ZIP archive"),
            ("h.xls", &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0][..], "is an Excel 97–2003 workbook"),
            ("i.csv", &b"%PDF-1.7"[..], "is a PDF document"),
            ("j.jsonl", &[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c][..], "is a 7-Zip archive"),
        ] {
            let err = compression_of(&write(dir.path(), name, bytes)).unwrap_err().to_string();
            assert!(err.contains(&format!("{name} {says}")), "{err}");
        }
    }

    #[test]
    fn mojibake_is_undone_and_text_written_on_purpose_is_left_alone() {
        for (broken, fixed) in [
            ("Le rÃ©seau est nul", "Le réseau est nul"),
            ("I donâ€™t recommend it", "I don’t recommend it"),
            ("absorbing character study by andrÃ© turpin .", "absorbing character study by andré turpin ."),
            ("VidÃ©otron, trÃ¨s dÃ©Ã§u", "Vidéotron, très déçu"),
            // Only the run that was broken: the Chinese around it cannot be Windows-1252 and stays.
            ("信号很差 rÃ©seau nul 客服", "信号很差 réseau nul 客服"),
            ("Ã‰mile", "Émile"),
            ("Ãœber Â±3", "Über ±3"),
            // A Latin-1 decoder leaves the C1 controls: "Ú" read so is "Ã" and U+009A.
            ("Ã\u{9a}ltimo suspeito", "Último suspeito"),
        ] {
            assert_eq!(repair_mojibake(broken).as_deref(), Some(fixed), "{broken}");
        }
        for fine in [
            "Le réseau est très bien",
            "déçu, à éviter",
            "信号很差",
            "plain ASCII",
            "Ã alone, Â before a space",
            "prix : 5 € TTC, 10 % de remise",
            "ÇA VA ? DÉÇU. À bientôt, Élodie",
            "naïve café — « très » bien…",
        ] {
            assert_eq!(repair_mojibake(fine), None, "{fine}");
        }
    }

    #[test]
    fn unknown_labels_are_refused() {
        assert!(check_label("auto").is_ok());
        assert!(check_label("GB18030").is_ok());
        assert!(check_label("klingon").unwrap_err().to_string().contains("not an encoding"));
    }
}
