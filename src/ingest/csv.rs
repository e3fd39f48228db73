//! CSV and TSV rows, with the damage scraped files carry: invalid UTF-8, rows with too few or too many fields, and
//! unbalanced quotes. An unbalanced quote makes a CSV parser swallow every following line into one field; here the
//! damaged line alone is quarantined and parsing restarts on the next line, so one bad row costs one row.
//!
//! Line numbers are counted from the bytes themselves ([`LineCounting`]): the csv crate's own count is one short
//! for records after a CRLF line end, and scraped files mix line ends.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use csv::{ByteRecord, Position, ReaderBuilder};

use super::{Columns, Fields, Mapper, Progress, Quarantined, Row};

/// A file reader that remembers the byte offset of every line feed it hands out, until the line is asked for.
struct LineCounting {
    file: File,
    offset: u64,
    line_feeds: VecDeque<u64>,
}

impl Read for LineCounting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, &b)| b == b'\n') {
            self.line_feeds.push_back(self.offset + i as u64);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl Seek for LineCounting {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.offset = self.file.seek(pos)?;
        self.line_feeds.clear();
        Ok(self.offset)
    }
}

pub struct CsvRows {
    file: Arc<str>,
    reader: csv::Reader<LineCounting>,
    /// Line feeds before the last byte asked about.
    lines_before: u64,
    raw: File,
    header: Vec<String>,
    columns: Columns,
    mapper: Arc<Mapper>,
    record: ByteRecord,
    delimiter: u8,
    /// The file's last byte other than line ends is a quote (a quoted last field that closes).
    ends_with_quote: bool,
    file_len: u64,
    progress: Progress,
    reported: u64,
}

/// The delimiter of a `.csv` file: `;` when its header line holds more semicolons than commas (outside quotes), as
/// spreadsheets write CSV in French and most European locales; otherwise `,`.
pub fn sniff_delimiter(path: &Path, file: &str) -> Result<u8> {
    let mut header = Vec::new();
    BufReader::new(File::open(path).with_context(|| format!("cannot open {file}"))?)
        .take(1 << 16)
        .read_until(b'\n', &mut header)?;
    let (mut quoted, mut commas, mut semicolons) = (false, 0, 0);
    for &b in &header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    Ok(if semicolons > commas { b';' } else { b',' })
}

impl CsvRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(
        file: Arc<str>,
        path: &Path,
        delimiter: u8,
        mapper: Arc<Mapper>,
        progress: Progress,
    ) -> Result<CsvRows> {
        let open = || File::open(path).with_context(|| format!("cannot open {file}"));
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(delimiter != b'\t')
            .flexible(true)
            .has_headers(true)
            .from_reader(LineCounting { file: open()?, offset: 0, line_feeds: VecDeque::new() });
        let header: Vec<String> = reader
            .byte_headers()
            .with_context(|| format!("{file}: cannot read the header line"))?
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let columns = Columns::resolve(&header, &mapper.config, &file)?;
        Ok(CsvRows {
            raw: open()?,
            ends_with_quote: ends_with_quote(path, &file)?,
            file_len: std::fs::metadata(path)?.len(),
            lines_before: 0,
            file,
            reader,
            header,
            columns,
            mapper,
            record: ByteRecord::new(),
            delimiter,

            progress,
            reported: 0,
        })
    }

    fn quarantine(&self, line: u64, column: Option<String>, reason: String, raw: String) -> Row {
        let raw_provider =
            self.columns.provider.and_then(|i| self.record.get(i)).and_then(|b| std::str::from_utf8(b).ok());
        let provider = self.mapper.provider(raw_provider);
        Row::Quarantined(Quarantined { file: self.file.clone(), line, column, reason, provider, raw })
    }

    fn raw_record(&self) -> String {
        let fields: Vec<String> = self.record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        fields.join(&char::from(self.delimiter).to_string())
    }

    /// Whether a record spanning several lines is the work of a quote that opened and never closed: its field count
    /// is wrong (the quote closed inside a later row, leaving that row's fields behind it), or it runs to the end of
    /// a file that does not end in a closing quote. Legitimate multi-line quoted fields — common in review text —
    /// have the right count and close.
    fn swallowed_rows(&self) -> bool {
        let multi_line = self.record.iter().any(|f| f.contains(&b'\n'));
        let wrong_count = self.record.len() != self.header.len();
        let at_end = self.reader.position().byte() >= self.file_len;
        multi_line && (wrong_count || (at_end && !self.ends_with_quote))
    }

    /// The line (from 1) of the record that starts at byte `at`. A record "starting" on the line feed of a CRLF
    /// pair starts on the next line, which counting feeds up to and including `at` gets right.
    fn line_of(&mut self, at: u64) -> u64 {
        let feeds = &mut self.reader.get_mut().line_feeds;
        while feeds.front().is_some_and(|&f| f <= at) {
            feeds.pop_front();
            self.lines_before += 1;
        }
        self.lines_before + 1
    }

    /// The physical line starting at byte `at`, and the byte where the next line starts.
    fn line_at(&mut self, at: u64) -> Result<(String, u64)> {
        self.raw.seek(SeekFrom::Start(at))?;
        let mut reader = BufReader::new(&mut self.raw);
        let (mut buf, mut consumed) = (Vec::new(), 0);
        // A record position can point at the line feed that ends the previous CRLF line: skip to real content.
        while buf.iter().all(|&b| b == b'\r' || b == b'\n') {
            buf.clear();
            let n = reader.read_until(b'\n', &mut buf)?;
            consumed += n as u64;
            if n == 0 {
                break;
            }
        }
        let text = String::from_utf8_lossy(&buf).trim_end_matches(['\r', '\n']).to_string();
        Ok((text, at + consumed))
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        let read = self.reader.read_byte_record(&mut self.record);
        let after = self.reader.position().byte();
        self.progress.add(after.saturating_sub(self.reported));
        self.reported = after;
        let start = self.record.position().cloned().unwrap_or_else(Position::new);
        match read {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(e).with_context(|| format!("{}: read error", self.file));
            }
            Err(e) => {
                let at = e.position().map_or(start.byte(), |p| p.byte());
                let line = self.line_of(at);
                return Ok(Some(self.quarantine(line, None, format!("unreadable CSV row: {e}"), String::new())));
            }
        }
        let line = self.line_of(start.byte());
        let spanned = self.reader.position().line().saturating_sub(start.line());
        if spanned > 1 && self.swallowed_rows() {
            // An opened quote that never closed on its line swallowed the lines after it.
            let (raw, next) = self.line_at(start.byte())?;
            let mut resume = Position::new();
            resume.set_byte(next).set_line(start.line() + 1).set_record(start.record() + 1);
            self.reader.seek(resume)?;
            self.lines_before = line;
            self.reported = next;
            let reason = format!(
                "unbalanced quote: a quoted field opens on this line and does not close (expected {} fields)",
                self.header.len()
            );
            return Ok(Some(self.quarantine(line, None, reason, raw)));
        }
        if self.record.len() != self.header.len() {
            let reason =
                format!("wrong field count: expected {} fields, found {}", self.header.len(), self.record.len());
            let raw = self.raw_record();
            return Ok(Some(self.quarantine(line, None, reason, raw)));
        }
        for (i, field) in self.record.iter().enumerate() {
            if let Err(e) = std::str::from_utf8(field) {
                let reason = super::invalid_utf8(e, " of the field");
                let raw = self.raw_record();
                return Ok(Some(self.quarantine(line, Some(self.header[i].clone()), reason, raw)));
            }
        }
        // Exports joined end to end (`cat a.csv b.csv`) repeat the header line: it is not a review.
        let repeats_header = (self.record.iter().zip(&self.header))
            .all(|(field, name)| field.trim_ascii().eq_ignore_ascii_case(name.trim().as_bytes()));
        if repeats_header {
            let reason = "the header line again (files joined with their headers?)".to_string();
            // Its provider field is the column's name, not a provider.
            let (file, raw) = (self.file.clone(), self.raw_record());
            return Ok(Some(Row::Quarantined(Quarantined { file, line, column: None, reason, provider: None, raw })));
        }
        let get = |i: Option<usize>| {
            i.and_then(|i| self.record.get(i)).map(|b| std::str::from_utf8(b).expect("checked above").to_string())
        };
        let c = &self.columns;
        let fields = Fields {
            id: get(c.id),
            text: get(Some(c.text)),
            title: get(c.title),
            provider: get(c.provider),
            rating: get(c.rating),
            date: get(c.date),
            author: get(c.author),
            labels: c.labels.iter().map(|&i| get(i)).collect(),
            earlier_on_line: 0,
        };
        Ok(Some(match self.mapper.review(fields, &self.file, line) {
            Ok(r) => Row::Review(r),
            Err(e) => {
                let raw = self.raw_record();
                self.quarantine(line, Some(e.column), e.reason, raw)
            }
        }))
    }
}

fn ends_with_quote(path: &Path, file: &str) -> Result<bool> {
    let mut f = File::open(path).with_context(|| format!("cannot open {file}"))?;
    let len = f.metadata()?.len();
    let tail = len.min(64);
    f.seek(SeekFrom::Start(len - tail))?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    Ok(buf.iter().rev().find(|&&b| b != b'\n' && b != b'\r') == Some(&b'"'))
}

impl Iterator for CsvRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
