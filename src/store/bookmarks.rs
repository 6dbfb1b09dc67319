//! Bookmarks of one document: the record, its file format, and the store that
//! saves every change at once and merges with other instances under a lock.
//!
//! File (`<data>/bookmarks/<doc key>.json`):
//! `{ "version": 1, "document": "<path or name>", "bookmarks": [Bookmark…] }`.
//!
//! Merging: the store remembers the changes it made (adds, note edits,
//! removals) until they are on disk. A save takes the lock, re-reads the
//! file, replays those changes onto it and writes the result. Bookmarks added
//! by another instance are therefore kept, and a bookmark removed by another
//! instance is not resurrected by a stale copy here, without tombstones.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::anchor::{Anchor, Span, span_text};
use super::atomic::{self, Parsed};
use super::identity::{DocKey, doc_hash};
use super::paths::DataDirs;
use super::{StoreError, Warning, rfc3339, unix_now};
use crate::transcript::Document;

/// The bookmark file format this code reads and writes.
pub const VERSION: u64 = 1;

/// A bookmarked stretch of text, with enough context to find it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across instances and machines: time, process and randomness.
    pub id: String,
    pub start: Anchor,
    /// Exclusive; may be in a later paragraph, turn or section.
    pub end: Anchor,
    /// The text as selected; paragraphs joined by `\n`.
    pub quote: String,
    /// `None` for narration.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub section_number: Option<String>,
    #[serde(default)]
    pub section_title: Option<String>,
    /// Source line of the turn the quote starts in (1-based).
    pub line: usize,
    /// [`doc_hash`] of the document when the bookmark was made.
    pub doc_hash: String,
    /// RFC 3339, UTC.
    pub created: String,
    #[serde(default)]
    pub note: String,
    /// Fields written by a newer tread, kept so a rewrite does not drop them.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl Bookmark {
    /// A bookmark of `span` in `doc`; `None` if the span does not fit the
    /// document or holds only whitespace.
    pub fn new(doc: &Document, span: Span, note: &str) -> Option<Bookmark> {
        let quote = span_text(doc, &span)?;
        if quote.trim().is_empty() {
            return None;
        }
        let section = doc.sections.get(span.start.section)?;
        let turn = section.turns.get(span.start.turn)?;
        Some(Bookmark {
            id: new_id(),
            start: span.start,
            end: span.end,
            quote,
            speaker: turn.speaker.clone(),
            section_number: section.number.clone(),
            section_title: section.title.clone(),
            line: turn.line,
            doc_hash: doc_hash(doc),
            created: rfc3339(unix_now()),
            note: note.to_string(),
            extra: serde_json::Map::new(),
        })
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// A fresh id such as `19a3c0f2e41-5c2f-3-9d1e02ab`.
pub fn new_id() -> String {
    use std::hash::{BuildHasher, RandomState};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    // RandomState is seeded from the OS: it separates machines sharing a
    // synced directory, where pids and clocks may collide.
    let random = RandomState::new().hash_one(seq) as u32;
    format!("{nanos:x}-{:x}-{seq:x}-{random:08x}", std::process::id())
}

/// A change not yet known to be on disk.
#[derive(Debug, Clone)]
enum Op {
    Upsert(Box<Bookmark>),
    Remove(String),
}

/// Apply a change to a list read from disk.
fn apply(list: &mut Vec<Bookmark>, op: &Op) {
    match op {
        Op::Upsert(b) => match list.iter_mut().find(|x| x.id == b.id) {
            Some(x) => *x = (**b).clone(),
            None => list.push((**b).clone()),
        },
        Op::Remove(id) => list.retain(|x| &x.id != id),
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    document: &'a str,
    bookmarks: &'a [Bookmark],
}

/// Parse a bookmark file, keeping every entry that can be read.
pub fn parse(bytes: &[u8]) -> Parsed<Vec<Bookmark>> {
    let root: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return Parsed::Bad {
                reason: format!("not valid JSON: {e}"),
                value: Vec::new(),
                salvaged: 0,
            };
        }
    };
    let version = root.get("version").and_then(Value::as_u64);
    let Some(items) = root.get("bookmarks").and_then(Value::as_array) else {
        return bad("no bookmarks list", Vec::new());
    };
    let mut good = Vec::new();
    let mut failed = 0;
    for item in items {
        match serde_json::from_value::<Bookmark>(item.clone()) {
            Ok(b) => good.push(b),
            Err(_) => failed += 1,
        }
    }
    match version {
        Some(VERSION) if failed == 0 => Parsed::Good(good),
        Some(VERSION) => bad(&format!("{failed} unreadable bookmarks"), good),
        Some(v) if v > VERSION => Parsed::Newer {
            reason: format!("format version {v} is newer than this tread understands ({VERSION})"),
            value: good,
        },
        _ => bad("missing or invalid version", good),
    }
}

fn bad(reason: &str, value: Vec<Bookmark>) -> Parsed<Vec<Bookmark>> {
    let salvaged = value.len();
    Parsed::Bad {
        reason: reason.to_string(),
        value,
        salvaged,
    }
}

fn encode(path: &Path, document: &str, list: &[Bookmark]) -> Result<Vec<u8>, StoreError> {
    let file = FileOut {
        version: VERSION,
        document,
        bookmarks: list,
    };
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|source| StoreError::Encode {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The bookmarks of one document. Every change is saved before the call
/// returns; if saving fails the change stays in memory, queued, and the next
/// change or [`flush`](Store::flush) retries it.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    document: String,
    bookmarks: Vec<Bookmark>,
    pending: Vec<Op>,
    read_only: Option<String>,
    warnings: Vec<Warning>,
}

impl Store {
    /// Open the bookmarks of the document `key` under `dirs`.
    pub fn open(dirs: &DataDirs, key: &DocKey) -> Result<(Store, Vec<Warning>), StoreError> {
        Self::open_file(dirs.bookmarks_file(key), &key.display)
    }

    /// Open a bookmark file by path. A bad file is set aside (and what could
    /// be read from it saved back); an unreadable or newer one makes the
    /// store read-only. Either way the store opens, with warnings.
    pub fn open_file(path: PathBuf, document: &str) -> Result<(Store, Vec<Warning>), StoreError> {
        let mut store = Store {
            path,
            document: document.to_string(),
            bookmarks: Vec::new(),
            pending: Vec::new(),
            read_only: None,
            warnings: Vec::new(),
        };
        store.reload()?;
        let warnings = store.take_warnings();
        Ok((store, warnings))
    }

    /// Re-read the file (keeping queued changes), e.g. to see bookmarks
    /// another instance added.
    /// If the lock cannot be taken (say, a read-only data directory), the
    /// file is still read and the store becomes read-only, with a warning.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let guard = atomic::lock(&self.path);
        let loaded = match &guard {
            Ok(_) => {
                atomic::remove_strays(&self.path);
                atomic::load(&self.path, parse)
            }
            Err(e) => atomic::load_unlocked(&self.path, parse, e),
        };
        self.warnings.extend(loaded.warning);
        self.read_only = loaded.read_only;
        let mut list = loaded.value;
        if loaded.set_aside && !list.is_empty() {
            // Write what was salvaged at once, so other instances (which
            // merge onto the file) see it too; if that fails, queue it.
            let written = encode(&self.path, &self.document, &list)
                .and_then(|bytes| atomic::write(&self.path, &bytes));
            if written.is_err() {
                let salvaged = list.iter().map(|b| Op::Upsert(Box::new(b.clone())));
                self.pending.extend(salvaged);
            }
        }
        for op in &self.pending {
            apply(&mut list, op);
        }
        self.bookmarks = list;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// All bookmarks, in the order they were made.
    pub fn list(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// Why changes are not being saved, if they are not.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// True while some change is only in memory.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Warnings raised since the last call (a save can find the file
    /// corrupted by something else and set it aside).
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    pub fn add(&mut self, b: Bookmark) -> Result<(), StoreError> {
        self.change(Op::Upsert(Box::new(b)))
    }

    /// Put back a removed bookmark (undo).
    pub fn restore(&mut self, b: Bookmark) -> Result<(), StoreError> {
        self.change(Op::Upsert(Box::new(b)))
    }

    /// Remove a bookmark; returns it for undo (`None` if there was no such id).
    /// If saving fails, the removal stays queued and the error is returned:
    /// take the bookmark with [`get`](Store::get) first if undo must survive that.
    pub fn remove(&mut self, id: &str) -> Result<Option<Bookmark>, StoreError> {
        let Some(b) = self.get(id).cloned() else {
            return Ok(None);
        };
        self.change(Op::Remove(id.to_string()))?;
        Ok(Some(b))
    }

    /// Set a bookmark's note; `false` if there was no such id.
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<bool, StoreError> {
        let Some(mut b) = self.get(id).cloned() else {
            return Ok(false);
        };
        b.note = note.to_string();
        self.change(Op::Upsert(Box::new(b)))?;
        Ok(true)
    }

    fn change(&mut self, op: Op) -> Result<(), StoreError> {
        apply(&mut self.bookmarks, &op);
        self.pending.push(op);
        self.flush()
    }

    /// Write queued changes: lock, re-read, replay them, write atomically.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let (_guard, mut list) =
            atomic::begin_save(&self.path, &mut self.read_only, &mut self.warnings, parse)?;
        for op in &self.pending {
            apply(&mut list, op);
        }
        atomic::write(&self.path, &encode(&self.path, &self.document, &list)?)?;
        self.pending.clear();
        self.bookmarks = list;
        Ok(())
    }
}
