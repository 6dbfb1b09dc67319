//! The claims ledger of one document: what the fact-checker made of each
//! claim they touched (status, note, sources), and the claims they added by
//! hand, kept like bookmarks and found again after the document is edited.
//!
//! One file per document, `<data>/ledger/<key>.json`, with the same
//! [`DocKey`] as the document's bookmarks ([`file`] has the format). It is
//! rewritten whole under the sidecar lock `<key>.json.lock`, as reading
//! positions are ([`atomic`](super::atomic)): lock, re-read, join, write a
//! temporary file, fsync, rename. Why not the bookmarks' snapshot and log:
//! a ledger holds the claims one person works through in one document,
//! tens or hundreds, so rewriting it costs little, and one file is far
//! simpler to keep right.
//!
//! Why nothing is lost: each field is a register stamped with the time it
//! was set, and entries are never deleted, only marked removed
//! ([`entry`]). A save joins memory with what is on disk, field by field,
//! the later write winning; so two instances never drop each other's
//! entries or sources, and the only thing overwritten is a field both set,
//! by the one set later (last writer wins per field, by the clock). A save
//! that fails (a busy lock, a full disk) keeps the change in memory,
//! pending, for the next change or [`Ledger::retry`]; [`Ledger::close`]
//! writes what is still unsaved to a recovery file beside the ledger
//! (`<key>.json.unsaved-<ms>`), which the next opening joins in and, once
//! saved, removes. A file that cannot be parsed is set aside
//! (`<key>.json.corrupt-<time>`) with a warning and what could be read is
//! written back; a file of a newer version is read and never written.
//!
//! Opening only reads: nothing is created until the first change (or a
//! repair of a damaged file). [`Ledger::open_read_only`] (for `--claims`)
//! never writes.
//!
//! Entries are anchored as bookmarks are (quote, place, speaker) and
//! re-anchored by [`join::rows`] with the bookmarks' resolver: an entry's
//! words only ever move to words of its own speaker.

mod entries;
mod entry;
pub mod export;
mod file;
pub mod join;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use entries::{Edit, Entries};
pub use entry::{Entry, Source, Stamped, Status, claim_id, claim_span};
pub use file::VERSION;
pub use join::{Found, Progress, Row, rows};

use super::atomic::{self, Parsed};
use super::identity::DocKey;
use super::logfile::{Stamp, stamp_at};
use super::paths::DataDirs;
use super::{StoreError, Warning};

/// The ledger file of one document, beside its bookmarks.
pub fn ledger_file(dirs: &DataDirs, key: &DocKey) -> PathBuf {
    dirs.data.join("ledger").join(format!("{}.json", key.key))
}

/// Unix milliseconds now (0 before the epoch): what edits are stamped with.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The ledger of one document. Every change is saved before the call
/// returns; if saving fails it stays in memory, pending.
#[derive(Debug)]
pub struct Ledger {
    path: PathBuf,
    document: String,
    entries: Entries,
    /// Edits not yet saved (and recovery files joined in, not yet saved).
    pending: usize,
    /// Recovery files joined into memory, removed after the next save.
    recovered: Vec<PathBuf>,
    /// Why nothing is written.
    read_only: Option<String>,
    opened_read_only: bool,
    warnings: Vec<Warning>,
    /// The file as last read or written, to see another instance's save.
    seen: Option<Stamp>,
    /// What to tell the user if a damaged file read is not set aside.
    damaged: Option<Warning>,
}

impl Ledger {
    /// Open the ledger of the document `key` to read and change.
    pub fn open(dirs: &DataDirs, key: &DocKey) -> Result<(Ledger, Vec<Warning>), StoreError> {
        Self::open_file(ledger_file(dirs, key), &key.display)
    }

    /// Open to read only (`--claims`): nothing is created, renamed or written.
    pub fn open_read_only(
        dirs: &DataDirs,
        key: &DocKey,
    ) -> Result<(Ledger, Vec<Warning>), StoreError> {
        Self::open_file_read_only(ledger_file(dirs, key), &key.display)
    }

    pub fn open_file(path: PathBuf, document: &str) -> Result<(Ledger, Vec<Warning>), StoreError> {
        let mut ledger = Self::new(path, document, false);
        let damaged = ledger.read();
        ledger.join_recovery();
        if damaged || ledger.pending > 0 {
            ledger.repair();
        }
        let warnings = ledger.take_warnings();
        Ok((ledger, warnings))
    }

    pub fn open_file_read_only(
        path: PathBuf,
        document: &str,
    ) -> Result<(Ledger, Vec<Warning>), StoreError> {
        let mut ledger = Self::new(path, document, true);
        ledger.read();
        ledger.warnings.extend(ledger.damaged.take());
        let warnings = ledger.take_warnings();
        Ok((ledger, warnings))
    }

    fn new(path: PathBuf, document: &str, read_only: bool) -> Ledger {
        Ledger {
            path,
            document: document.to_string(),
            entries: Entries::default(),
            pending: 0,
            recovered: Vec::new(),
            read_only: None,
            opened_read_only: read_only,
            warnings: Vec::new(),
            seen: None,
            damaged: None,
        }
    }

    /// Read the file without the lock (an atomic rename means the file
    /// is always whole) and join it in; true if it is damaged.
    fn read(&mut self) -> bool {
        self.seen = stamp_at(&self.path, false);
        let bytes = match atomic::read(&self.path) {
            atomic::ReadOutcome::Missing => return false,
            atomic::ReadOutcome::Bytes(b) => b,
            atomic::ReadOutcome::Unreadable(e) => {
                self.refuse(format!("cannot read it: {e}"));
                return false;
            }
        };
        match file::parse(&bytes) {
            Parsed::Good(v) => self.entries.join(&v),
            Parsed::Newer { reason, value } => {
                self.entries.join(&value);
                self.refuse(reason);
            }
            Parsed::Bad {
                reason,
                value,
                salvaged,
            } => {
                self.entries.join(&value);
                self.damaged = Some(Warning::LedgerDamaged {
                    path: self.path.clone(),
                    reason,
                    salvaged,
                });
                return true;
            }
        }
        false
    }

    /// Set a damaged file aside and write back what was read, or save what
    /// a recovery file held. Failing costs nothing: it stays pending, and
    /// the user is told what was shown.
    fn repair(&mut self) {
        let damaged = self.damaged.take();
        if self.opened_read_only {
            self.warnings.extend(damaged);
            return;
        }
        self.pending = self.pending.max(1);
        if self.flush().is_err() {
            self.warnings.extend(damaged);
        }
    }

    fn refuse(&mut self, reason: String) {
        self.warnings.push(Warning::ReadOnly {
            path: self.path.clone(),
            reason: reason.clone(),
        });
        self.read_only = Some(reason);
    }

    /// Join the recovery files an earlier session left.
    fn join_recovery(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        for path in file::recovery_files(&self.path) {
            match atomic::read(&path) {
                atomic::ReadOutcome::Bytes(b) => match file::parse(&b) {
                    Parsed::Good(v) => {
                        self.entries.join(&v);
                        self.pending += v.len();
                        self.recovered.push(path);
                    }
                    Parsed::Newer { reason, .. } | Parsed::Bad { reason, .. } => {
                        self.warnings
                            .push(Warning::RecoveryWaiting { path, reason });
                    }
                },
                atomic::ReadOutcome::Unreadable(e) => {
                    let reason = e.to_string();
                    self.warnings
                        .push(Warning::RecoveryWaiting { path, reason });
                }
                atomic::ReadOutcome::Missing => {}
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every entry, removed ones included.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// The entries in force, in the order they were made.
    pub fn list(&self) -> Vec<&Entry> {
        self.entries.list()
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// Why changes are not being saved, if they are not.
    pub fn read_only(&self) -> Option<&str> {
        match &self.read_only {
            Some(reason) => Some(reason),
            None => self.opened_read_only.then_some("opened read-only"),
        }
    }

    pub fn has_unsaved(&self) -> bool {
        self.pending > 0
    }

    /// Edits only in memory.
    pub fn pending_count(&self) -> usize {
        self.pending
    }

    /// Warnings raised since the last call.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Make `edit` now and save. `Ok(false)`: it names no entry (nothing
    /// changed). On an error the edit is kept in memory, pending.
    pub fn apply(&mut self, edit: Edit) -> Result<bool, StoreError> {
        self.apply_at(edit, now_ms())
    }

    /// [`apply`](Self::apply) with the time given (Unix milliseconds).
    pub fn apply_at(&mut self, edit: Edit, at: u64) -> Result<bool, StoreError> {
        // An entry another instance made since the last read: read it first.
        if !self.entries.apply(&edit, at) && (!self.refresh()? || !self.entries.apply(&edit, at)) {
            return Ok(false);
        }
        self.pending += 1;
        self.flush()?;
        Ok(true)
    }

    /// A new entry: a detected claim first touched ([`Entry::for_claim`])
    /// or one added by hand ([`Entry::by_hand`]).
    pub fn add(&mut self, entry: Entry) -> Result<bool, StoreError> {
        self.apply(Edit::Add(Box::new(entry)))
    }

    pub fn set_status(&mut self, id: &str, status: Status) -> Result<bool, StoreError> {
        let id = id.to_string();
        self.apply(Edit::Status { id, status })
    }

    pub fn set_note(&mut self, id: &str, note: &str) -> Result<bool, StoreError> {
        let (id, note) = (id.to_string(), note.to_string());
        self.apply(Edit::Note { id, note })
    }

    pub fn add_source(&mut self, id: &str, source: &str) -> Result<bool, StoreError> {
        let (id, source) = (id.to_string(), source.to_string());
        self.apply(Edit::AddSource { id, source })
    }

    pub fn remove_source(&mut self, id: &str, source: &str) -> Result<bool, StoreError> {
        let (id, source) = (id.to_string(), source.to_string());
        self.apply(Edit::RemoveSource { id, source })
    }

    /// Mark the claim as no claim: hidden from the list and the exports,
    /// kept in the ledger (set another status to bring it back).
    pub fn not_a_claim(&mut self, id: &str) -> Result<bool, StoreError> {
        self.set_status(id, Status::NotAClaim)
    }

    pub fn remove(&mut self, id: &str) -> Result<bool, StoreError> {
        self.apply(Edit::Remove { id: id.to_string() })
    }

    pub fn restore(&mut self, id: &str) -> Result<bool, StoreError> {
        self.apply(Edit::Restore { id: id.to_string() })
    }

    /// Save what is pending again.
    pub fn retry(&mut self) -> Result<(), StoreError> {
        self.flush()
    }

    /// Save: lock, re-read, join, write atomically.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending == 0 {
            return Ok(());
        }
        if self.opened_read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: "opened read-only".into(),
            });
        }
        let (_guard, disk) = atomic::begin_save(
            &self.path,
            &mut self.read_only,
            &mut self.warnings,
            file::parse,
        )?;
        self.entries.join(&disk);
        let bytes = file::encode(&self.path, &self.document, &self.entries)?;
        atomic::write(&self.path, &bytes)?;
        self.seen = stamp_at(&self.path, false);
        self.pending = 0;
        for path in std::mem::take(&mut self.recovered) {
            // Its entries are in the ledger now.
            let _ = std::fs::remove_file(path);
        }
        Ok(())
    }

    /// Read what another instance saved; `true` if the entries changed.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        if stamp_at(&self.path, false) == self.seen {
            return Ok(false);
        }
        let before = self.entries.clone();
        let damaged = self.read();
        if damaged {
            self.repair();
        }
        Ok(self.entries != before)
    }

    /// Save what is pending; what cannot be saved goes to a recovery file
    /// beside the ledger, whose path is returned (the next opening joins it).
    pub fn close(&mut self) -> Result<Option<PathBuf>, StoreError> {
        if self.pending == 0 || self.opened_read_only || self.flush().is_ok() {
            return Ok(None);
        }
        let path = file::recovery_file(&self.path, now_ms());
        let bytes = file::encode(&path, &self.document, &self.entries)?;
        atomic::write_new(&path, &bytes)?;
        self.pending = 0;
        Ok(Some(path))
    }
}
