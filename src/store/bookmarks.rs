//! Bookmarks of one document: the store that keeps them as a snapshot and an
//! append-only log, merged by operation with other instances of tread.
//!
//! Two files under `<data>/bookmarks/`: the snapshot `<key>.json` (see
//! [`snapshot`](super::snapshot)) and the log `<key>.log` (see
//! [`log`](super::log)). The list is the snapshot with the log's operations
//! replayed on it in order ([`merge`](super::merge)). Why a log: a save
//! appends a line instead of rewriting every bookmark, so saving costs the
//! same with five bookmarks or fifty thousand.
//!
//! Generations: the snapshot and the log header each carry one. A log
//! applies to the snapshot of its own generation (or an older one); a log
//! whose header is older than the snapshot holds operations already folded
//! into it and is ignored. Compaction writes the snapshot of G+1 (temporary
//! file, fsync, rename) and only then resets the log to the header G+1; a
//! crash in between leaves a newer snapshot and a stale log, which is safe.
//!
//! Why format 2: a version-1 tread rewrites the whole file and knows nothing
//! of the log, but it refuses files of a newer version. So the first save to
//! a version-1 (or missing) snapshot writes it as version 2 before anything
//! goes in the log: once per document, the only save whose cost grows with
//! the number of bookmarks.
//!
//! Saving ([`Store::flush`]): open or create the log (never through a link),
//! take its exclusive lock within [`LOCK_TIMEOUT`](super::atomic::LOCK_TIMEOUT),
//! and catch up: if either file is not the one read before (another instance
//! compacted), read both again; else read the log on from the offset already
//! read. A torn last line (a writer died mid-append) is ignored by readers
//! and cut off by the writer holding the lock. Then append this instance's
//! operations and fsync. If the lock is busy or a write fails, the changes
//! stay pending: they are in the list, and [`Store::retry`] (or the next
//! change) saves them; [`Store::close`] writes what is still unsaved to a
//! recovery file ([`recovery_path`]).
//!
//! Opening only reads: no file or directory is created until the first
//! change, and no lock file ever. Two things found at opening are written
//! then, as repairs: a damaged snapshot is set aside (what could be read is
//! written back), and a log of more than [`COMPACT_AFTER`] operations (and
//! more than there are bookmarks) is compacted. [`Store::open_read_only`]
//! (for `--bookmarks`) writes nothing at all, and reports a damaged file.
//!
//! Lookups in memory go through hash maps ([`merge`](super::merge)), so a
//! change costs next to nothing however many bookmarks there are (a
//! removal shifts the list: a memmove); only opening and compaction read or
//! write all of them. With 50,000 (`benches/store.rs`): an `add` about 0.4 ms,
//! opening 160 ms, a compaction 200 ms.

mod disk;
mod recovery;
mod save;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value};

use super::anchor::Span;
use super::atomic::LOCK_TIMEOUT;
use super::identity::DocKey;
use super::log::{Change, Op};
use super::logfile::Stamp;
use super::merge::{Merged, Outcome, Undo};
use super::paths::DataDirs;
pub use super::record::{Bookmark, Origin, new_id, new_session};
pub use super::snapshot::VERSION;
use super::{StoreError, Warning};
pub use recovery::recovery_path;

/// Operations in the log past which opening or closing compacts it (when
/// they also outnumber the bookmarks).
pub const COMPACT_AFTER: usize = 1000;

/// A change made here, not yet known to be in the log.
#[derive(Debug)]
struct Pending {
    op: Op,
    /// How to take it back out of the list, to replay others' first.
    undo: Vec<Undo>,
    /// The user was told it was ignored (its bookmark was deleted).
    warned: bool,
}

/// What this instance has read of the files.
#[derive(Debug, Clone)]
struct Disk {
    snap: Option<Stamp>,
    /// The snapshot's format (0: none).
    version: u64,
    generation: u64,
    log: Option<LogAt>,
    /// The stamp of a log that could not be read, to notice when it changes.
    other_log: Option<Stamp>,
    /// False when read without the lock (it was busy) or from a damaged
    /// file: the next save reads everything again before writing.
    verified: bool,
}

#[derive(Debug, Clone, Copy)]
struct LogAt {
    stamp: Stamp,
    header: Option<u64>,
    /// Bytes read: the end of the last whole line.
    offset: u64,
    /// Operations since the header, to decide on compaction.
    ops: usize,
}

/// The bookmarks of one document. Every change is saved before the call
/// returns; if saving fails the change stays in memory, pending, and is
/// retried by the next change, [`retry`](Store::retry) or
/// [`close`](Store::close).
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    log_path: PathBuf,
    document: String,
    merged: Merged,
    pending: Vec<Pending>,
    disk: Option<Disk>,
    /// Unknown fields of the snapshot's top level and of the log header.
    snapshot_extra: Map<String, Value>,
    header_extra: Map<String, Value>,
    /// Why nothing is written: the file at fault and the reason.
    read_only: Option<(PathBuf, String)>,
    /// The last reason shown, so a re-read does not repeat it.
    refusal_shown: Option<(PathBuf, String)>,
    opened_read_only: bool,
    warnings: Vec<Warning>,
    /// Where [`close`](Store::close) puts changes it could not save.
    recovery: Option<(DataDirs, DocKey)>,
    /// Pending changes already written to a recovery file (their count).
    recovered: Option<usize>,
    lock_timeout: Duration,
}

impl Store {
    /// Open the bookmarks of the document `key` under `dirs` to read and change.
    pub fn open(dirs: &DataDirs, key: &DocKey) -> Result<(Store, Vec<Warning>), StoreError> {
        let mut store = Self::new(dirs.bookmarks_file(key), &key.display, false);
        store.recovery = Some((dirs.clone(), key.clone()));
        let (mut store, mut warnings) = store.opened();
        store.recover();
        warnings.extend(store.take_warnings());
        Ok((store, warnings))
    }

    /// Open a snapshot by path (its log beside it, `.log` for `.json`). A
    /// damaged snapshot is set aside (what could be read is saved back); an
    /// unreadable or newer one makes the store read-only. Either way the
    /// store opens, with warnings.
    pub fn open_file(path: PathBuf, document: &str) -> Result<(Store, Vec<Warning>), StoreError> {
        Ok(Self::new(path, document, false).opened())
    }

    /// Open to read only (`--bookmarks`): nothing is created, renamed or written.
    pub fn open_read_only(
        dirs: &DataDirs,
        key: &DocKey,
    ) -> Result<(Store, Vec<Warning>), StoreError> {
        Self::open_file_read_only(dirs.bookmarks_file(key), &key.display)
    }

    pub fn open_file_read_only(
        path: PathBuf,
        document: &str,
    ) -> Result<(Store, Vec<Warning>), StoreError> {
        Ok(Self::new(path, document, true).opened())
    }

    fn new(path: PathBuf, document: &str, read_only: bool) -> Store {
        Store {
            log_path: path.with_extension("log"),
            path,
            document: document.to_string(),
            merged: Merged::default(),
            pending: Vec::new(),
            disk: None,
            snapshot_extra: Map::new(),
            header_extra: Map::new(),
            read_only: None,
            refusal_shown: None,
            opened_read_only: read_only,
            warnings: Vec::new(),
            recovery: None,
            recovered: None,
            lock_timeout: LOCK_TIMEOUT,
        }
    }

    /// Read the files; compact a long log (a failure there costs nothing:
    /// the log still holds every change, and closing tries again).
    fn opened(mut self) -> (Store, Vec<Warning>) {
        self.reload_all();
        if self.wants_compaction() {
            let _ = self.compact();
        }
        let warnings = self.take_warnings();
        (self, warnings)
    }

    /// Re-read both files (keeping pending changes), e.g. to see bookmarks
    /// another instance added. [`refresh`](Store::refresh) does the same,
    /// but only reads what is new.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.reload_all();
        Ok(())
    }

    /// How long a save waits for another instance holding the lock.
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
    }

    /// The snapshot file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// All bookmarks, in the order they were made.
    pub fn list(&self) -> &[Bookmark] {
        self.merged.list()
    }

    /// A bookmark by id, or by the id of a mark that became its alias.
    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.merged.get(id)
    }

    /// Why changes are not being saved, if they are not.
    pub fn read_only(&self) -> Option<&str> {
        match &self.read_only {
            Some((_, reason)) => Some(reason),
            None => self.opened_read_only.then_some("opened read-only"),
        }
    }

    /// True while some change is only in memory.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty()
    }

    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Warnings raised since the last call.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    pub fn add(&mut self, b: Bookmark) -> Result<(), StoreError> {
        self.change(Op::new(Change::Add(Box::new(b))))
    }

    /// Put back a removed bookmark (undo); this clears its tombstone.
    pub fn restore(&mut self, b: Bookmark) -> Result<(), StoreError> {
        self.change(Op::new(Change::Restore(Box::new(b))))
    }

    /// Remove a bookmark; returns it for undo (`None` if there was no such id).
    /// If saving fails, the removal stays pending and the error is returned:
    /// take the bookmark with [`get`](Store::get) first if undo must survive that.
    pub fn remove(&mut self, id: &str) -> Result<Option<Bookmark>, StoreError> {
        let Some(b) = self.get(id).cloned() else {
            return Ok(None);
        };
        self.change(Op::new(Change::Remove { id: b.id.clone() }))?;
        Ok(Some(b))
    }

    /// Set a bookmark's note; `false` if there is no such bookmark (and a
    /// warning if another instance deleted it).
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<bool, StoreError> {
        if !self.live(id) {
            return Ok(false);
        }
        let (id, note) = (id.to_string(), note.to_string());
        self.change(Op::new(Change::Note { id, note }))?;
        Ok(true)
    }

    /// Code a bookmark with `code` (`on`) or take the code off; `false` as
    /// for [`set_note`](Store::set_note).
    pub fn set_code(&mut self, id: &str, code: &str, on: bool) -> Result<bool, StoreError> {
        if !self.live(id) {
            return Ok(false);
        }
        let (id, code) = (id.to_string(), code.to_string());
        self.change(Op::new(Change::Code { id, code, on }))?;
        Ok(true)
    }

    /// The user accepted the words a bookmark was re-anchored to: its span,
    /// quote and document hash become these. `false` as for [`set_note`](Store::set_note).
    pub fn accept(
        &mut self,
        id: &str,
        span: Span,
        quote: &str,
        doc_hash: &str,
    ) -> Result<bool, StoreError> {
        if !self.live(id) {
            return Ok(false);
        }
        self.change(Op::new(Change::Accept {
            id: id.to_string(),
            span,
            quote: quote.to_string(),
            doc_hash: doc_hash.to_string(),
        }))?;
        Ok(true)
    }

    /// Whether `id` is a bookmark here; if it was deleted, the user is told
    /// their edit of it goes nowhere.
    fn live(&mut self, id: &str) -> bool {
        if let Some(t) = self.merged.tombstone(id) {
            let quote = t.quote.clone();
            self.warnings.push(Warning::DeletedElsewhere { quote });
        }
        self.get(id).is_some()
    }

    fn change(&mut self, op: Op) -> Result<(), StoreError> {
        let mut undo = Vec::new();
        let outcome = self.merged.apply(&op, &mut undo);
        let warned = self.warn_if_deleted(&outcome);
        self.pending.push(Pending { op, undo, warned });
        self.flush()
    }

    fn warn_if_deleted(&mut self, outcome: &Outcome) -> bool {
        let Outcome::Deleted(quote) = outcome else {
            return false;
        };
        let quote = quote.clone();
        self.warnings.push(Warning::DeletedElsewhere { quote });
        true
    }

    /// Take this instance's pending operations back out of the list.
    fn undo_pending(&mut self) {
        for p in self.pending.iter_mut().rev() {
            self.merged.undo(std::mem::take(&mut p.undo));
        }
    }

    /// Apply the pending operations again, after others' (the log's order),
    /// telling the user of any that a deletion elsewhere made void.
    fn redo_pending(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        for p in &mut pending {
            p.undo.clear();
            let outcome = self.merged.apply(&p.op, &mut p.undo);
            if !p.warned {
                p.warned = self.warn_if_deleted(&outcome);
            }
        }
        self.pending = pending;
    }

    /// Apply operations read from the log before this instance's pending
    /// ones; true if the list changed.
    fn apply_theirs(&mut self, ops: &[Op]) -> bool {
        if ops.is_empty() {
            return false;
        }
        self.undo_pending();
        let mut scratch = Vec::new();
        let mut changed = false;
        for op in ops {
            scratch.clear();
            changed |= self.merged.apply(op, &mut scratch) == Outcome::Changed;
        }
        self.redo_pending();
        changed
    }
}
