//! The bookmark snapshot `<key>.json`: reading formats 1 and 2, writing 2.
//!
//! Format 2: `{"version": 2, "document": "…", "generation": G,
//! "bookmarks": [Bookmark…], "removed": [Tombstone…], "aliases": {"id": "id"…}}`
//! (`aliases` left out when empty). Format 1, `{"version": 1, "document": "…",
//! "bookmarks": […]}`, reads as generation 0 with no tombstones or aliases.
//! Top-level fields not named here are kept and written back, whichever
//! version they came from.
//!
//! A good file is read straight into bookmarks ([`Fast`]: a third of the
//! time of going through `serde_json::Value`, which matters at 50,000); any
//! problem sends it down the tolerant path, which keeps what it can.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::StoreError;
use super::atomic::Parsed;
use super::merge::{Merged, Tombstone};
use super::record::Bookmark;

/// The snapshot format this code writes.
pub const VERSION: u64 = 2;

/// A snapshot as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// 1 or 2 (0 for none, or a file with no valid version).
    pub version: u64,
    pub generation: u64,
    pub bookmarks: Vec<Bookmark>,
    pub removed: Vec<Tombstone>,
    pub aliases: BTreeMap<String, String>,
    /// Top-level fields this version does not know.
    pub extra: Map<String, Value>,
}

/// Parse a snapshot, keeping every entry that can be read.
pub fn parse(bytes: &[u8]) -> Parsed<Snapshot> {
    match serde_json::from_slice::<Fast>(bytes) {
        Ok(Fast(s)) if matches!(s.version, 1 | VERSION) => Parsed::Good(s),
        _ => parse_tolerant(bytes),
    }
}

/// A snapshot with nothing wrong in it, read in one pass.
struct Fast(Snapshot);

impl<'de> Deserialize<'de> for Fast {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fast, D::Error> {
        d.deserialize_map(FastVisitor).map(Fast)
    }
}

struct FastVisitor;

impl<'de> Visitor<'de> for FastVisitor {
    type Value = Snapshot;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a bookmark snapshot")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Snapshot, A::Error> {
        let mut s = Snapshot::default();
        let mut listed = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => s.version = map.next_value()?,
                "generation" => s.generation = map.next_value()?,
                "document" => drop(map.next_value::<IgnoredAny>()?),
                "bookmarks" => (s.bookmarks, listed) = (map.next_value()?, true),
                "removed" => s.removed = map.next_value()?,
                "aliases" => s.aliases = map.next_value()?,
                _ => drop(s.extra.insert(key, map.next_value()?)),
            }
        }
        match listed {
            true => Ok(s),
            false => Err(de::Error::missing_field("bookmarks")),
        }
    }
}

fn parse_tolerant(bytes: &[u8]) -> Parsed<Snapshot> {
    let mut root = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return bad("not a JSON object".into(), Snapshot::default(), 0),
        Err(e) => return bad(format!("not valid JSON: {e}"), Snapshot::default(), 0),
    };
    let version = root.remove("version").and_then(|v| v.as_u64());
    root.remove("document");
    let mut s = Snapshot {
        version: version.unwrap_or(0),
        ..Snapshot::default()
    };
    let mut problems = Vec::new();
    match root.remove("generation") {
        None => {}
        Some(g) => match g.as_u64() {
            Some(g) => s.generation = g,
            None => problems.push("an invalid generation".to_string()),
        },
    }
    let Some(Value::Array(items)) = root.remove("bookmarks") else {
        return bad("no bookmarks list".into(), s, 0);
    };
    let failed = items.len();
    s.bookmarks = items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    let failed = failed - s.bookmarks.len();
    if failed > 0 {
        problems.push(format!("{failed} unreadable bookmarks"));
    }
    if !read_removed(root.remove("removed"), &mut s.removed) {
        problems.push("an unreadable list of removed bookmarks".into());
    }
    if !read_aliases(root.remove("aliases"), &mut s.aliases) {
        problems.push("unreadable aliases".into());
    }
    s.extra = root;
    let salvaged = s.bookmarks.len();
    match version {
        Some(1 | VERSION) if problems.is_empty() => Parsed::Good(s),
        Some(1 | VERSION) => bad(problems.join(", "), s, salvaged),
        Some(v) if v > VERSION => Parsed::Newer {
            reason: format!("format version {v} is newer than this tread understands ({VERSION})"),
            value: s,
        },
        _ => bad("missing or invalid version".into(), s, salvaged),
    }
}

fn bad(reason: String, value: Snapshot, salvaged: usize) -> Parsed<Snapshot> {
    Parsed::Bad {
        reason,
        value,
        salvaged,
    }
}

/// False if the list is there but some entry cannot be read (those are dropped).
fn read_removed(v: Option<Value>, out: &mut Vec<Tombstone>) -> bool {
    let items = match v {
        None => return true,
        Some(Value::Array(items)) => items,
        Some(_) => return false,
    };
    let n = items.len();
    out.extend(
        items
            .into_iter()
            .filter_map(|t| serde_json::from_value::<Tombstone>(t).ok()),
    );
    out.len() == n
}

fn read_aliases(v: Option<Value>, out: &mut BTreeMap<String, String>) -> bool {
    let map = match v {
        None => return true,
        Some(Value::Object(map)) => map,
        Some(_) => return false,
    };
    let n = map.len();
    for (k, v) in map {
        if let Value::String(target) = v {
            out.insert(k, target);
        }
    }
    out.len() == n
}

#[derive(Serialize)]
struct Out<'a> {
    version: u64,
    document: &'a str,
    generation: u64,
    bookmarks: &'a [Bookmark],
    #[serde(serialize_with = "tombstones")]
    removed: &'a Merged,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    aliases: &'a BTreeMap<String, String>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

fn tombstones<S: Serializer>(m: &&Merged, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(m.tombstones())
}

/// The bytes of a format-2 snapshot of `merged` at `generation`.
pub fn encode(
    path: &Path,
    document: &str,
    generation: u64,
    merged: &Merged,
    extra: &Map<String, Value>,
) -> Result<Vec<u8>, StoreError> {
    let out = Out {
        version: VERSION,
        document,
        generation,
        bookmarks: merged.list(),
        removed: merged,
        aliases: merged.aliases(),
        extra,
    };
    let mut bytes = serde_json::to_vec_pretty(&out).map_err(|source| StoreError::Encode {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark() -> Bookmark {
        use crate::store::anchor::{Anchor, Span};
        use crate::transcript::{Document, Section, Turn};
        let turn = Turn {
            paragraphs: vec!["Read in one pass.".into()],
            ..Turn::default()
        };
        let doc = Document {
            sections: vec![Section {
                turns: vec![turn],
                ..Section::default()
            }],
            ..Document::default()
        };
        let a = |offset| Anchor {
            section: 0,
            turn: 0,
            paragraph: 0,
            offset,
        };
        let span = Span {
            start: a(0),
            end: a(4),
        };
        let mut b = Bookmark::fresh(&doc, span, "n").unwrap();
        b.extra.insert("colour".into(), "red".into());
        b
    }

    fn good(bytes: &[u8]) -> Snapshot {
        match parse(bytes) {
            Parsed::Good(s) => s,
            _ => panic!("not good: {}", String::from_utf8_lossy(bytes)),
        }
    }

    #[test]
    fn version_one_is_generation_zero_and_keeps_its_extra_fields() {
        let s = good(br#"{"version": 1, "document": "d", "bookmarks": [], "theme": "x"}"#);
        assert_eq!((s.version, s.generation), (1, 0));
        assert!(s.removed.is_empty());
        assert_eq!(s.extra["theme"], "x");
        let bytes = encode(Path::new("b.json"), "d", 1, &Merged::default(), &s.extra).unwrap();
        let back = good(&bytes);
        assert_eq!((back.version, back.generation), (2, 1));
        assert_eq!(back.extra["theme"], "x");
        assert_eq!(back.extra.len(), 1, "known fields are not kept as extra");
    }

    #[test]
    fn the_fast_path_reads_what_the_tolerant_one_does() {
        let b = serde_json::to_value(bookmark()).unwrap();
        let text = serde_json::json!({"version": 2, "document": "d", "generation": 4,
            "bookmarks": [b], "removed": [{"id": "x", "quote": "q", "why": 1}],
            "aliases": {"y": "z"}, "theme": [1, 2]});
        let bytes = text.to_string().into_bytes();
        let Ok(Fast(fast)) = serde_json::from_slice::<Fast>(&bytes) else {
            panic!()
        };
        let Parsed::Good(slow) = parse_tolerant(&bytes) else {
            panic!()
        };
        assert_eq!(fast, slow);
        assert_eq!((fast.generation, fast.bookmarks.len()), (4, 1));
        assert_eq!(fast.removed[0].extra["why"], 1);
    }

    #[test]
    fn newer_and_damaged_files() {
        assert!(matches!(
            parse(br#"{"version": 3, "bookmarks": []}"#),
            Parsed::Newer { .. }
        ));
        let Parsed::Bad { reason, .. } =
            parse(br#"{"version": 2, "generation": "x", "bookmarks": [], "removed": [{}]}"#)
        else {
            panic!()
        };
        assert!(
            reason.contains("generation") && reason.contains("removed"),
            "{reason}"
        );
        assert!(matches!(parse(b"[]"), Parsed::Bad { .. }));
    }
}
