//! The bookmark log's lines: the header, the operations, and reading a run
//! of lines that may end in a torn one.
//!
//! `<key>.log` is JSON lines. The first is a header, `{"generation": G}`;
//! each later one an operation:
//!
//! - `{"op": "add", "bookmark": {…}}`: a new bookmark, whole;
//! - `{"op": "note", "id": "…", "note": "…"}`;
//! - `{"op": "remove", "id": "…"}`: leaves a tombstone (see [`merge`](super::merge));
//! - `{"op": "restore", "bookmark": {…}}`: undo of a delete, the one thing
//!   that clears a tombstone;
//! - `{"op": "accept", "id": "…", "start": {…}, "end": {…}, "quote": "…",
//!   "doc_hash": "…"}`: the user accepted the words a bookmark was re-anchored to;
//! - `{"op": "code", "id": "…", "code": "…", "on": true}`: a code applied
//!   to a bookmark (`false`: taken off). One code per operation, so two
//!   instances coding one quote differently keep both codes.
//!
//! Fields a line has beyond these are kept ([`Op::extra`]); an operation
//! this version does not know is reported ([`Line::Unknown`]) so the store
//! can refuse to write: a newer tread wrote it, and compacting would drop it.
//! A writer appends whole lines and fsyncs; a line without its `\n` is a
//! writer that died mid-append, so readers stop before it.

use serde_json::{Map, Value};

use super::anchor::{Anchor, Span};
use super::record::Bookmark;

/// One change to the bookmarks of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Add(Box<Bookmark>),
    Note {
        id: String,
        note: String,
    },
    Remove {
        id: String,
    },
    Restore(Box<Bookmark>),
    Accept {
        id: String,
        span: Span,
        quote: String,
        doc_hash: String,
    },
    /// Code bookmark `id` with `code` (`on`), or take it off.
    Code {
        id: String,
        code: String,
        on: bool,
    },
}

/// A change as written in the log, with any fields a newer tread added.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub change: Change,
    pub extra: Map<String, Value>,
}

/// The first line of a log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub generation: u64,
    pub extra: Map<String, Value>,
}

/// One complete line, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Header(Header),
    Op(Op),
    /// An operation of a kind this version does not know.
    Unknown(String),
    /// Not JSON, or a known operation missing a field.
    Bad,
}

impl Op {
    pub fn new(change: Change) -> Op {
        Op {
            change,
            extra: Map::new(),
        }
    }

    /// The id of the bookmark it changes, as written (maybe an alias).
    pub fn id(&self) -> &str {
        match &self.change {
            Change::Add(b) | Change::Restore(b) => &b.id,
            Change::Note { id, .. }
            | Change::Remove { id }
            | Change::Accept { id, .. }
            | Change::Code { id, .. } => id,
        }
    }

    fn kind(&self) -> &'static str {
        match self.change {
            Change::Add(_) => "add",
            Change::Note { .. } => "note",
            Change::Remove { .. } => "remove",
            Change::Restore(_) => "restore",
            Change::Accept { .. } => "accept",
            Change::Code { .. } => "code",
        }
    }

    pub fn to_value(&self) -> Result<Value, serde_json::Error> {
        let mut m = Map::new();
        m.insert("op".into(), self.kind().into());
        match &self.change {
            Change::Add(b) | Change::Restore(b) => {
                m.insert("bookmark".into(), serde_json::to_value(b)?);
            }
            Change::Note { id, note } => {
                m.insert("id".into(), id.as_str().into());
                m.insert("note".into(), note.as_str().into());
            }
            Change::Remove { id } => {
                m.insert("id".into(), id.as_str().into());
            }
            Change::Code { id, code, on } => {
                m.insert("id".into(), id.as_str().into());
                m.insert("code".into(), code.as_str().into());
                m.insert("on".into(), (*on).into());
            }
            Change::Accept {
                id,
                span,
                quote,
                doc_hash,
            } => {
                m.insert("id".into(), id.as_str().into());
                m.insert("start".into(), serde_json::to_value(span.start)?);
                m.insert("end".into(), serde_json::to_value(span.end)?);
                m.insert("quote".into(), quote.as_str().into());
                m.insert("doc_hash".into(), doc_hash.as_str().into());
            }
        }
        for (k, v) in &self.extra {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Ok(Value::Object(m))
    }

    /// The line to append, `\n` included (JSON escapes newlines in strings).
    pub fn to_line(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut bytes = serde_json::to_vec(&self.to_value()?)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// The header line for `generation`, `\n` included.
pub fn header_line(generation: u64, extra: &Map<String, Value>) -> Vec<u8> {
    let mut m = Map::new();
    m.insert("generation".into(), generation.into());
    for (k, v) in extra {
        m.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let mut bytes = Value::Object(m).to_string().into_bytes();
    bytes.push(b'\n');
    bytes
}

pub fn parse_line(line: &[u8]) -> Line {
    let Ok(Value::Object(mut m)) = serde_json::from_slice::<Value>(line) else {
        return Line::Bad;
    };
    match m.remove("op") {
        None => match m.remove("generation").and_then(|g| g.as_u64()) {
            Some(generation) => Line::Header(Header {
                generation,
                extra: m,
            }),
            None => Line::Bad,
        },
        Some(Value::String(kind)) => parse_op(&kind, m),
        Some(_) => Line::Bad,
    }
}

fn parse_op(kind: &str, mut m: Map<String, Value>) -> Line {
    let change = match kind {
        "add" => take_bookmark(&mut m).map(Change::Add),
        "restore" => take_bookmark(&mut m).map(Change::Restore),
        "remove" => take_string(&mut m, "id").map(|id| Change::Remove { id }),
        "note" => take_string(&mut m, "id")
            .zip(take_string(&mut m, "note"))
            .map(|(id, note)| Change::Note { id, note }),
        "accept" => take_accept(&mut m),
        "code" => take_code(&mut m),
        other => return Line::Unknown(other.to_string()),
    };
    match change {
        Some(change) => Line::Op(Op { change, extra: m }),
        None => Line::Bad,
    }
}

fn take_string(m: &mut Map<String, Value>, key: &str) -> Option<String> {
    match m.remove(key)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn take_code(m: &mut Map<String, Value>) -> Option<Change> {
    let on = m.remove("on")?.as_bool()?;
    Some(Change::Code {
        id: take_string(m, "id")?,
        code: take_string(m, "code")?,
        on,
    })
}

fn take_bookmark(m: &mut Map<String, Value>) -> Option<Box<Bookmark>> {
    serde_json::from_value(m.remove("bookmark")?).ok()
}

fn take_accept(m: &mut Map<String, Value>) -> Option<Change> {
    let anchor = |v: Option<Value>| serde_json::from_value::<Anchor>(v?).ok();
    let start = anchor(m.remove("start"))?;
    let end = anchor(m.remove("end"))?;
    Some(Change::Accept {
        id: take_string(m, "id")?,
        span: Span { start, end },
        quote: take_string(m, "quote")?,
        doc_hash: take_string(m, "doc_hash")?,
    })
}

/// The generation in a log's first line, if it is a complete header.
pub fn header_generation(head: &[u8]) -> Option<u64> {
    let end = memchr::memchr(b'\n', head)?;
    match parse_line(&head[..end]) {
        Line::Header(h) => Some(h.generation),
        _ => None,
    }
}

/// What a run of log bytes held.
#[derive(Debug, Default)]
pub struct Scan {
    /// The header, when the run starts at the top of the file.
    pub header: Option<Header>,
    /// Set when the first line is complete but not a header.
    pub bad_header: bool,
    pub ops: Vec<Op>,
    /// Bytes of complete lines; the rest (if any) is a torn last line.
    pub consumed: u64,
    pub torn: bool,
    /// Complete lines that could not be read.
    pub skipped: usize,
    /// Kinds of operation this version does not know, in order met.
    pub unknown: Vec<String>,
}

/// Read the complete lines of `bytes`; `from_top` when they start the file
/// (the first line is then the header).
pub fn scan(bytes: &[u8], from_top: bool) -> Scan {
    let mut out = Scan::default();
    let mut at = 0;
    let mut first = from_top;
    while let Some(n) = memchr::memchr(b'\n', &bytes[at..]) {
        let line = &bytes[at..at + n];
        at += n + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = parse_line(line);
        if std::mem::take(&mut first) {
            match parsed {
                Line::Header(h) => out.header = Some(h),
                _ => out.bad_header = true,
            }
            continue;
        }
        match parsed {
            Line::Op(op) => out.ops.push(op),
            Line::Unknown(kind) => out.unknown.push(kind),
            Line::Header(_) | Line::Bad => out.skipped += 1,
        }
    }
    out.consumed = at as u64;
    out.torn = at < bytes.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remove(id: &str) -> Op {
        Op::new(Change::Remove { id: id.into() })
    }

    #[test]
    fn a_torn_last_line_is_not_read() {
        let mut bytes = header_line(3, &Map::new());
        bytes.extend(remove("a").to_line().unwrap());
        let whole = bytes.len() as u64;
        bytes.extend_from_slice(br#"{"op": "remove", "id": "b"#);
        let s = scan(&bytes, true);
        assert_eq!(s.header.as_ref().map(|h| h.generation), Some(3));
        assert_eq!(s.ops, [remove("a")]);
        assert_eq!((s.consumed, s.torn), (whole, true));
        // Read on from there, as a store does, once the line is finished.
        bytes.extend_from_slice(b"\"}\n");
        let s = scan(&bytes[whole as usize..], false);
        assert_eq!((s.ops.as_slice(), s.torn), (&[remove("b")][..], false));
    }

    #[test]
    fn unknown_fields_and_kinds_are_kept_or_reported() {
        let line = br#"{"op":"note","id":"x","note":"n","colour":"red"}"#;
        let Line::Op(op) = parse_line(line) else {
            panic!()
        };
        assert_eq!(op.extra["colour"], "red");
        let again = op.to_line().unwrap();
        assert_eq!(parse_line(&again[..again.len() - 1]), Line::Op(op));
        assert_eq!(
            parse_line(br#"{"op":"highlight","id":"x"}"#),
            Line::Unknown("highlight".into())
        );
        assert_eq!(parse_line(br#"{"op":"note","id":"x"}"#), Line::Bad);
        let s = scan(b"{\"generation\":1,\"by\":\"v9\"}\nnot json\n\n", true);
        assert_eq!(s.header.unwrap().extra["by"], "v9");
        assert_eq!((s.skipped, s.bad_header), (1, false));
        assert!(scan(b"{\"op\":\"remove\",\"id\":\"a\"}\n", true).bad_header);
    }

    #[test]
    fn a_code_operation_reads_back() {
        let op = Op::new(Change::Code {
            id: "x".into(),
            code: "00000000-0000-4000-8000-000000000001".into(),
            on: false,
        });
        let line = op.to_line().unwrap();
        assert_eq!(parse_line(&line[..line.len() - 1]), Line::Op(op));
        assert_eq!(
            parse_line(br#"{"op":"code","id":"x","code":"c"}"#),
            Line::Bad
        );
    }

    #[test]
    fn header_generation_needs_a_whole_line() {
        assert_eq!(header_generation(b"{\"generation\": 7}\n{\"op\""), Some(7));
        assert_eq!(header_generation(b"{\"generation\": 7}"), None);
        assert_eq!(header_generation(b""), None);
    }
}
