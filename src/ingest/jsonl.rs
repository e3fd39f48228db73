//! JSON Lines rows: one JSON object per line. A line that is not valid UTF-8, not valid JSON or not an object is
//! quarantined with the parser's own position; blank lines are not rows.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::Value;

use super::{Fields, Mapper, Progress, Quarantined, Row};

pub struct JsonlRows {
    file: Arc<str>,
    reader: BufReader<File>,
    mapper: Arc<Mapper>,
    line: u64,
    buf: Vec<u8>,
    progress: Progress,
}

impl JsonlRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<JsonlRows> {
        let reader = BufReader::new(File::open(path).with_context(|| format!("cannot open {file}"))?);
        Ok(JsonlRows { file, reader, mapper, line: 0, buf: Vec::new(), progress })
    }

    fn quarantine(&self, column: Option<String>, reason: String, provider: Option<String>) -> Row {
        Row::Quarantined(Quarantined {
            file: self.file.clone(),
            line: self.line,
            column,
            reason,
            provider,
            raw: String::from_utf8_lossy(&self.buf).trim_end().to_string(),
        })
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
            bytes = bytes.trim_ascii_end();
            if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if let Err(e) = std::str::from_utf8(bytes) {
                let reason = format!(
                    "invalid UTF-8 at byte {} (the file is read as UTF-8; input.encoding names another)",
                    e.valid_up_to()
                );
                return Ok(Some(self.quarantine(None, reason, None)));
            }
            let value: Value = match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => return Ok(Some(self.quarantine(None, format!("invalid JSON: {e}"), None))),
            };
            let Value::Object(obj) = value else {
                return Ok(Some(self.quarantine(None, "expected a JSON object per line".into(), None)));
            };
            let c = &self.mapper.config;
            let get = |name: &str| -> Option<String> {
                match obj.get(name)? {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                }
            };
            let provider = get(&c.provider_column);
            if let Some(v) = obj.get(&c.text_column).filter(|v| !v.is_string() && !v.is_null()) {
                let reason = format!("expected a string, found {}", json_kind(v));
                return Ok(Some(self.quarantine(Some(c.text_column.clone()), reason, provider)));
            }
            let fields = Fields {
                id: get(&c.id_column),
                text: get(&c.text_column),
                title: get(&c.title_column),
                provider: provider.clone(),
                rating: get(&c.rating_column),
                date: get(&c.date_column),
                author: get(&c.author_column),
                labels: c.label_columns.iter().map(|l| get(l)).collect(),
            };
            return Ok(Some(match self.mapper.review(fields, &self.file, self.line) {
                Ok(r) => Row::Review(r),
                Err(e) => self.quarantine(Some(e.column), e.reason, provider),
            }));
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Iterator for JsonlRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row().transpose()
    }
}
