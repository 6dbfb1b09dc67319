//! Reading positions: where each document was left, so reopening resumes there.
//!
//! One file for all documents (`<state>/positions.json`):
//! `{ "version": 1, "positions": { "<doc key>": ReadingPosition, … } }`,
//! capped at the [`MAX_DOCUMENTS`] most recently read. Saved under the
//! sidecar lock `positions.json.lock` (opened without following links):
//! re-read, merged by key, written atomically. One small file rewritten
//! whole is fine here; bookmarks, which can be many, use a log instead.
//! Losing a position is mild, but a bad file is still set aside rather than
//! overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::anchor::{Anchor, Resolver, Span, Whose, is_at, paragraph};
use super::atomic::{self, Parsed};
use super::identity::{DocKey, doc_hash};
use super::paths::DataDirs;
use super::{StoreError, Warning, unix_now};
use crate::transcript::Document;

pub const VERSION: u64 = 1;
/// Documents remembered; the least recently read are forgotten first.
pub const MAX_DOCUMENTS: usize = 500;
/// Characters of text kept to find the position again after an edit.
pub const SNIPPET_CHARS: usize = 40;

/// Where a document was left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingPosition {
    #[serde(flatten)]
    pub anchor: Anchor,
    /// Up to [`SNIPPET_CHARS`] characters of text from the anchor on.
    pub quote: String,
    pub doc_hash: String,
    /// Unix seconds.
    pub updated: u64,
}

impl ReadingPosition {
    /// The position of `anchor` in `doc`; `None` if it is not in the document.
    pub fn at(doc: &Document, anchor: Anchor) -> Option<ReadingPosition> {
        let text = paragraph(doc, anchor.section, anchor.turn, anchor.paragraph)?;
        let n = text.chars().count();
        if anchor.offset > n {
            return None;
        }
        Some(ReadingPosition {
            anchor,
            quote: text
                .chars()
                .skip(anchor.offset)
                .take(SNIPPET_CHARS)
                .collect(),
            doc_hash: doc_hash(doc),
            updated: unix_now(),
        })
    }

    /// Where to resume in `doc`, which may have been edited since: the
    /// snippet found again, or else the stored place if it still exists.
    /// `None` means start at the top.
    pub fn resolve(&self, doc: &Document) -> Option<Anchor> {
        let end = Anchor {
            offset: self
                .anchor
                .offset
                .saturating_add(self.quote.chars().count()),
            ..self.anchor
        };
        let hint = Span {
            start: self.anchor,
            end,
        };
        if is_at(doc, &hint, &self.quote) {
            return Some(self.anchor);
        }
        if let Some(span) = Resolver::new(doc)
            .locate(&hint, &self.quote, Whose::Anyone)
            .span()
        {
            return Some(span.start);
        }
        let a = self.anchor;
        let text = paragraph(doc, a.section, a.turn, a.paragraph)?;
        Some(Anchor {
            offset: a.offset.min(text.chars().count()),
            ..a
        })
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    positions: &'a BTreeMap<String, ReadingPosition>,
}

type Map = BTreeMap<String, ReadingPosition>;

fn parse(bytes: &[u8]) -> Parsed<Map> {
    let bad = |reason: String, value: Map| {
        let salvaged = value.len();
        Parsed::Bad {
            reason,
            value,
            salvaged,
        }
    };
    let root: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return bad(format!("not valid JSON: {e}"), Map::new()),
    };
    let Some(items) = root.get("positions").and_then(Value::as_object) else {
        return bad("no positions map".into(), Map::new());
    };
    let mut good = Map::new();
    let mut failed = 0;
    for (k, v) in items {
        match serde_json::from_value::<ReadingPosition>(v.clone()) {
            Ok(p) => {
                good.insert(k.clone(), p);
            }
            Err(_) => failed += 1,
        }
    }
    let version = root.get("version").and_then(Value::as_u64);
    let count = good.len();
    atomic::by_version(version, VERSION, (good, count, failed), "positions")
}

/// Keep the most recently updated entries.
fn cap(map: &mut Map) {
    if map.len() <= MAX_DOCUMENTS {
        return;
    }
    let mut by_age: Vec<(u64, String)> = map.iter().map(|(k, p)| (p.updated, k.clone())).collect();
    by_age.sort();
    for (_, k) in by_age.into_iter().take(map.len() - MAX_DOCUMENTS) {
        map.remove(&k);
    }
}

/// The reading positions of all documents.
#[derive(Debug)]
pub struct Positions {
    path: PathBuf,
    map: Map,
    pending: Map,
    read_only: Option<String>,
    warnings: Vec<Warning>,
}

impl Positions {
    pub fn open(dirs: &DataDirs) -> Result<(Positions, Vec<Warning>), StoreError> {
        Self::open_file(dirs.positions_file())
    }

    pub fn open_file(path: PathBuf) -> Result<(Positions, Vec<Warning>), StoreError> {
        let guard = atomic::lock(&path);
        let loaded = match &guard {
            Ok(_) => {
                atomic::remove_strays(&path);
                atomic::load(&path, parse)
            }
            Err(e) => atomic::load_unlocked(&path, parse, e),
        };
        let warnings = loaded.warning.into_iter().collect();
        Ok((
            Positions {
                path,
                map: loaded.value,
                pending: Map::new(),
                read_only: loaded.read_only,
                warnings: Vec::new(),
            },
            warnings,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, key: &DocKey) -> Option<&ReadingPosition> {
        self.map.get(&key.key)
    }

    /// Warnings raised by saves since the last call.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Remember `pos` for `key` and save at once.
    pub fn set(&mut self, key: &DocKey, pos: ReadingPosition) -> Result<(), StoreError> {
        self.map.insert(key.key.clone(), pos.clone());
        self.pending.insert(key.key.clone(), pos);
        self.flush()
    }

    /// Write queued positions: lock, re-read, merge by key, write atomically.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let (_guard, mut map) =
            atomic::begin_save(&self.path, &mut self.read_only, &mut self.warnings, parse)?;
        map.extend(self.pending.iter().map(|(k, v)| (k.clone(), v.clone())));
        cap(&mut map);
        let file = FileOut {
            version: VERSION,
            positions: &map,
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|source| StoreError::Encode {
            path: self.path.clone(),
            source,
        })?;
        bytes.push(b'\n');
        atomic::write(&self.path, &bytes)?;
        self.pending.clear();
        self.map = map;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_keeps_most_recent() {
        let mut map = Map::new();
        for i in 0..MAX_DOCUMENTS + 3 {
            let p = ReadingPosition {
                anchor: Anchor {
                    section: 0,
                    turn: 0,
                    paragraph: 0,
                    offset: 0,
                },
                quote: String::new(),
                doc_hash: String::new(),
                updated: i as u64,
            };
            map.insert(format!("k{i}"), p);
        }
        cap(&mut map);
        assert_eq!(map.len(), MAX_DOCUMENTS);
        assert!(!map.contains_key("k0") && !map.contains_key("k2"));
        assert!(map.contains_key("k3"));
    }
}
