//! JSON rows: JSON Lines (one object per line) and JSON arrays of objects (`[{...}, {...}]`, what scrapers such as
//! Scrapy write to `.json`), told apart by the file's first character. Array elements are read one at a time, so a
//! large array streams like JSON Lines, and each is located by the line it starts on. A line or element that is not
//! valid UTF-8, not valid JSON or not an object is quarantined with the parser's own position; blank lines are not
//! rows. A column name may be a dotted path into nested objects (`review.text`).

use std::fs::File;
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::Value;

use super::lines::TextLines;
use super::{Fields, Mapper, Progress, Quarantined, Row};

pub struct JsonlRows {
    /// The file; its `line` is the line the current record starts on.
    text: TextLines,
    mapper: Arc<Mapper>,
    /// `Some` for a JSON array: where its scan stands.
    array: Option<ArrayScan>,
}

/// Scanning a top-level JSON array for its elements.
struct ArrayScan {
    /// Lines seen so far (the line of the next byte).
    line: u64,
    opened: bool,
    closed: bool,
}

impl JsonlRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<JsonlRows> {
        let open = || File::open(path).with_context(|| format!("cannot open {file}"));
        let mut start = Vec::new();
        open()?.take(4096).read_to_end(&mut start)?;
        let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
        let array = start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        let array = array.then_some(ArrayScan { line: 1, opened: false, closed: false });
        Ok(JsonlRows { text: TextLines::open(file, path, progress)?, mapper, array })
    }

    fn quarantine(&self, column: Option<String>, reason: String, provider: Option<String>) -> Row {
        Row::Quarantined(Quarantined {
            file: self.text.file.clone(),
            line: self.text.line,
            column,
            reason,
            provider,
            raw: String::from_utf8_lossy(&self.text.buf).trim_end().to_string(),
        })
    }

    /// The next element of the top-level array into `buf`, `line` set to the line it starts on; false after the
    /// closing bracket. An element cut short by the end of the file is returned for the parser to reject.
    fn next_element(&mut self) -> Result<bool> {
        let scan = self.array.as_mut().expect("an array");
        self.text.buf.clear();
        if scan.closed {
            return Ok(false);
        }
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let chunk = self.text.reader.fill_buf().with_context(|| format!("{}: read error", self.text.file))?;
            if chunk.is_empty() {
                scan.closed = true;
                return Ok(!self.text.buf.is_empty());
            }
            let (mut used, mut done) = (0, false);
            for &b in chunk {
                used += 1;
                if b == b'\n' {
                    scan.line += 1;
                }
                if !in_string && depth == 0 {
                    if self.text.buf.is_empty() {
                        // Between elements: the brackets, commas, white space (and a byte-order mark).
                        match b {
                            b'[' if !scan.opened => scan.opened = true,
                            0xEF | 0xBB | 0xBF if !scan.opened => {}
                            b']' => scan.closed = true,
                            b',' => {}
                            _ if b.is_ascii_whitespace() => {}
                            _ => {
                                self.text.line = scan.line;
                                self.text.buf.push(b);
                                match b {
                                    b'"' => in_string = true,
                                    b'{' | b'[' => depth += 1,
                                    _ => {}
                                }
                            }
                        }
                        if scan.closed {
                            done = true;
                            break;
                        }
                        continue;
                    }
                    if b == b',' || b == b']' || b.is_ascii_whitespace() {
                        // The end of a bare value (a number, a word).
                        scan.closed = b == b']';
                        done = true;
                        break;
                    }
                }
                self.text.buf.push(b);
                if in_string {
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            done = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.text.reader.consume(used);
            self.text.progress.add(used as u64);
            if done {
                return Ok(!self.text.buf.is_empty());
            }
        }
    }

    fn next_row(&mut self) -> Result<Option<Row>> {
        let what = if self.array.is_some() { "array element" } else { "line" };
        loop {
            let more = if self.array.is_some() { self.next_element()? } else { self.text.next_line()? };
            if !more {
                return Ok(None);
            }
            let bytes = self.text.content().trim_ascii_end();
            if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if let Err(e) = std::str::from_utf8(bytes) {
                let reason = super::invalid_utf8(e, "");
                return Ok(Some(self.quarantine(None, reason, None)));
            }
            let value: Value = match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => return Ok(Some(self.quarantine(None, format!("invalid JSON: {e}"), None))),
            };
            let Value::Object(obj) = value else {
                return Ok(Some(self.quarantine(None, format!("expected a JSON object per {what}"), None)));
            };
            let c = &self.mapper.config;
            let get = |name: &str| -> Option<String> {
                match field(&obj, name)? {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                }
            };
            let raw_provider = get(&c.provider_column);
            let provider = self.mapper.provider(raw_provider.as_deref());
            if let Some(v) = field(&obj, &c.text_column).filter(|v| !v.is_string() && !v.is_null()) {
                let reason = format!("expected a string, found {}", json_kind(v));
                return Ok(Some(self.quarantine(Some(c.text_column.clone()), reason, provider)));
            }
            let fields = Fields {
                id: get(&c.id_column),
                text: get(&c.text_column),
                title: get(&c.title_column),
                provider: raw_provider,
                rating: get(&c.rating_column),
                date: get(&c.date_column),
                author: get(&c.author_column),
                labels: c.label_columns.iter().map(|l| get(l)).collect(),
            };
            return Ok(Some(match self.mapper.review(fields, &self.text.file, self.text.line) {
                Ok(r) => Row::Review(r),
                Err(e) => self.quarantine(Some(e.column), e.reason, provider),
            }));
        }
    }
}

/// A field by name, or by a dotted path into nested objects (`review.text`, `author.name`) when no field has the
/// whole name: review sites' exports nest the text and the author.
fn field<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).or_else(|| {
        let (head, rest) = name.split_once('.')?;
        match obj.get(head)? {
            Value::Object(inner) => field(inner, rest),
            _ => None,
        }
    })
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
