//! JSON rows, in the shapes scrapers and APIs write them, told apart from the file's first bytes:
//!
//! - JSON Lines: one object per line (`.jsonl`, and `.json` files that are JSON Lines);
//! - an array of objects (`[{...}, {...}]`, what Scrapy writes to `.json`);
//! - an API response: one object whose members hold the array of records (`{"meta": {...}, "data": {"reviews":
//!   [...]}}`); every array of objects among its members, at any depth of objects, is read as records, and the
//!   other members (counts, paging, metadata) are not rows. A file is taken for one when its first object does not
//!   have the text column among its members but holds an array of objects;
//! - pretty-printed objects one after another (`{\n  "text": ...\n}\n{...}`), which a line reader would cut to
//!   pieces.
//!
//! Why one scanner: records are read one at a time whatever the shape, so a large file streams like JSON Lines, and
//! each record is located by the line it starts on. A line or element that is not valid UTF-8, not valid JSON or not
//! an object is quarantined with the parser's own position; blank lines are not rows. A column name may be a dotted
//! path into nested objects (`review.text`).

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
    /// `Some` unless the file is JSON Lines: where the scan for records stands.
    scan: Option<RecordScan>,
}

/// Scanning a JSON document (an array, an API response, objects one after another) for its records.
struct RecordScan {
    /// Lines seen so far (the line of the next byte).
    line: u64,
    /// The containers around the scan, outermost first, outside any record.
    stack: Vec<Container>,
    /// Inside a string outside any record (a member name, a value skipped).
    in_string: bool,
    escaped: bool,
    /// The document's outermost value has ended: nothing after it is read.
    finished: bool,
    /// The line the last record started on, and how many records started on it before that one.
    record_line: u64,
    earlier_on_line: u32,
}

/// A container the scan is in, outside the records.
#[derive(Clone, Copy, PartialEq)]
enum Container {
    /// An object whose members are searched for arrays of objects.
    Object,
    /// An array whose first element is still to come: records if it is an object.
    ArrayStart,
    /// An array of records: each element is one.
    Records,
    /// Values one after another, no brackets (pretty-printed objects in sequence): each is a record.
    Sequence,
    /// An array of something else, skipped; `depth` counts the brackets opened within it.
    Skipped { depth: usize },
}

/// How much of a file's start is read to tell its shape.
const SHAPE_SAMPLE: u64 = 1 << 20;

impl JsonlRows {
    /// Reads `path` (the file, or its decoded copy), naming it `file` in messages.
    pub fn open(file: Arc<str>, path: &Path, mapper: Arc<Mapper>, progress: Progress) -> Result<JsonlRows> {
        let open = || File::open(path).with_context(|| format!("cannot open {file}"));
        let mut start = Vec::new();
        open()?.take(SHAPE_SAMPLE).read_to_end(&mut start)?;
        let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&start);
        let stack = match start.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => Some(vec![]),
            Some(b'{') => match first_object(start, &mapper.config.text_column) {
                FirstObject::Wrapper => Some(vec![]),
                FirstObject::Record { on_one_line: false } => Some(vec![Container::Sequence]),
                FirstObject::Record { on_one_line: true } => None,
            },
            _ => None,
        };
        let scan = stack.map(|stack| RecordScan {
            line: 1,
            stack,
            in_string: false,
            escaped: false,
            finished: false,
            record_line: 0,
            earlier_on_line: 0,
        });
        Ok(JsonlRows { text: TextLines::open(file, path, progress)?, mapper, scan })
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

    /// The next record of the document into `buf`, `line` set to the line it starts on; false at the end. A record
    /// cut short by the end of the file is returned for the parser to reject.
    fn next_record(&mut self) -> Result<bool> {
        let scan = self.scan.as_mut().expect("a document");
        self.text.buf.clear();
        if scan.finished {
            return Ok(false);
        }
        // Within the record: its nesting depth and whether a string is open.
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let chunk = self.text.reader.fill_buf().with_context(|| format!("{}: read error", self.text.file))?;
            if chunk.is_empty() {
                scan.finished = true;
                return Ok(!self.text.buf.is_empty());
            }
            let (mut used, mut done) = (0, false);
            for &b in chunk {
                used += 1;
                if b == b'\n' {
                    scan.line += 1;
                }
                if self.text.buf.is_empty() {
                    if scan.starts_record(b) {
                        self.text.line = scan.line;
                        if scan.record_line == scan.line {
                            scan.earlier_on_line += 1;
                        } else {
                            (scan.record_line, scan.earlier_on_line) = (scan.line, 0);
                        }
                        self.text.buf.push(b);
                        match b {
                            b'"' => in_string = true,
                            b'{' | b'[' => depth += 1,
                            _ => {}
                        }
                    } else if scan.finished {
                        done = true;
                        break;
                    }
                    continue;
                }
                if !in_string && depth == 0 && (b == b',' || b == b']' || b.is_ascii_whitespace()) {
                    // The end of a bare value (a number, a word, a string).
                    if b == b']' {
                        scan.close();
                    }
                    done = true;
                    break;
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
        let what = match self.scan.as_ref().map(|s| s.stack.first() == Some(&Container::Sequence)) {
            None => "line",
            Some(false) => "array element",
            Some(true) => "value",
        };
        loop {
            let more = if self.scan.is_some() { self.next_record()? } else { self.text.next_line()? };
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
                earlier_on_line: self.scan.as_ref().map_or(0, |s| s.earlier_on_line),
            };
            return Ok(Some(match self.mapper.review(fields, &self.text.file, self.text.line) {
                Ok(r) => Row::Review(r),
                Err(e) => self.quarantine(Some(e.column), e.reason, provider),
            }));
        }
    }
}

impl RecordScan {
    /// Moves the scan outside the records past byte `b`; true when `b` starts a record.
    fn starts_record(&mut self, b: u8) -> bool {
        if self.in_string {
            match b {
                _ if self.escaped => self.escaped = false,
                b'\\' => self.escaped = true,
                b'"' => self.in_string = false,
                _ => {}
            }
            return false;
        }
        let top = self.stack.last_mut();
        match top {
            None => match b {
                b'[' => self.stack.push(Container::Records),
                b'{' => self.stack.push(Container::Object),
                _ => {} // white space, a byte-order mark
            },
            Some(Container::Object) => match b {
                b'"' => self.in_string = true,
                b'{' => self.stack.push(Container::Object),
                b'[' => self.stack.push(Container::ArrayStart),
                b'}' => self.close(),
                _ => {} // names' colons, commas, white space, numbers and words
            },
            Some(top @ Container::ArrayStart) => match b {
                b'{' => {
                    *top = Container::Records;
                    return true;
                }
                b']' => self.close(),
                _ if b.is_ascii_whitespace() => {}
                b'[' => *top = Container::Skipped { depth: 1 },
                b'"' => {
                    *top = Container::Skipped { depth: 0 };
                    self.in_string = true;
                }
                _ => *top = Container::Skipped { depth: 0 },
            },
            Some(Container::Records) => match b {
                b']' => self.close(),
                b',' => {}
                _ if b.is_ascii_whitespace() => {}
                _ => return true,
            },
            Some(Container::Sequence) => return !(b == b',' || b.is_ascii_whitespace()),
            Some(Container::Skipped { depth }) => match b {
                b'"' => self.in_string = true,
                b'[' | b'{' => *depth += 1,
                b']' | b'}' if *depth == 0 => self.close(),
                b']' | b'}' => *depth -= 1,
                _ => {}
            },
        }
        false
    }

    /// The innermost container ends; with the outermost, the document.
    fn close(&mut self) {
        self.stack.pop();
        if self.stack.is_empty() {
            self.finished = true;
        }
    }
}

/// What a document that opens with `{` is, from its first object.
enum FirstObject {
    /// An API response: the text column is not among the object's members, and the object holds an array of objects
    /// (directly or in objects within it).
    Wrapper,
    /// A record, on one line (JSON Lines) or not (pretty-printed objects in sequence, or a record longer than the
    /// sample).
    Record { on_one_line: bool },
}

/// Reads the first object of `sample` (the start of a file) for [`FirstObject`].
fn first_object(sample: &[u8], text_column: &str) -> FirstObject {
    let names_text = |name: &[u8]| {
        let name = String::from_utf8_lossy(name);
        text_column.strip_prefix(&*name).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    // Open containers (true: an object), and the state of the scan.
    let mut stack: Vec<bool> = Vec::new();
    let (mut in_string, mut escaped, mut name_start, mut expect_name) = (false, false, None, false);
    let (mut array_opened, mut has_text, mut holds_records, mut line, mut opened_on) = (false, false, false, 1, 1);
    let verdict = |has_text: bool, holds_records: bool, on_one_line: bool| {
        if holds_records && !has_text {
            FirstObject::Wrapper
        } else {
            FirstObject::Record { on_one_line }
        }
    };
    for (i, &b) in sample.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    in_string = false;
                    if let Some(start) = name_start.take() {
                        has_text |= names_text(&sample[start..i]);
                    }
                }
                _ => {}
            }
            continue;
        }
        if array_opened && !b.is_ascii_whitespace() {
            array_opened = false;
            holds_records |= b == b'{';
        }
        match b {
            b'"' => {
                in_string = true;
                if stack.len() == 1 && expect_name {
                    name_start = Some(i + 1);
                    expect_name = false;
                }
            }
            b'{' => {
                stack.push(true);
                expect_name = stack.len() == 1;
                if expect_name {
                    opened_on = line;
                }
            }
            b'[' => {
                // An array of objects counts only where every container around it is an object.
                array_opened = stack.iter().all(|&object| object);
                stack.push(false);
            }
            b'}' | b']' => {
                stack.pop();
                if stack.is_empty() {
                    return verdict(has_text, holds_records, line == opened_on);
                }
            }
            b',' if stack.len() == 1 => expect_name = true,
            _ => {}
        }
    }
    verdict(has_text, holds_records, false)
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
