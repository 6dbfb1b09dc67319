//! Bookmarks of one document: the file format, and the store that
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

use serde::Serialize;
use serde_json::Value;

use super::anchor::Span;
use super::atomic::{self, Parsed};
use super::identity::DocKey;
use super::paths::DataDirs;
pub use super::record::{Bookmark, new_id};
use super::{StoreError, Warning};

/// The bookmark file format this code reads and writes.
pub const VERSION: u64 = 1;

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

    /// Accept a changed quote's new words: the bookmark now holds `quote`
    /// at `span` of the document hashed `doc_hash`; `false` if there was no
    /// such id.
    pub fn accept(
        &mut self,
        id: &str,
        span: Span,
        quote: &str,
        doc_hash: &str,
    ) -> Result<bool, StoreError> {
        let Some(mut b) = self.get(id).cloned() else {
            return Ok(false);
        };
        (b.start, b.end) = (span.start, span.end);
        b.quote = quote.to_string();
        b.doc_hash = doc_hash.to_string();
        self.change(Op::Upsert(Box::new(b)))?;
        Ok(true)
    }
}
