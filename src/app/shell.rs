//! Side effects that outlive the process: saving bookmarks and codes as
//! they change, retrying what could not be saved yet, and what is left at
//! quit. The codebook's side is `shell/codes.rs`. The terminal's own
//! effects (suspend, clipboard) live in `terminal.rs`.

use std::path::{Path, PathBuf};

use super::action::{Effect, Report};
use super::status::Message;
use super::unsaved::Pending;
use crate::store::StoreError;
use crate::store::bookmarks::{Bookmark, Store};
use crate::store::codes::CodebookFile;

mod codes;
mod ledger;

/// Where bookmark and code changes go. Without a store (no usable data
/// directory) changes stay in the session, and the user is told so.
pub struct Persist {
    pub store: Option<Store>,
    codebook: Option<CodebookFile>,
    /// Where the codebook is opened at the first change, if it was not
    /// open from the start (there was none: opening takes its lock, which
    /// makes files, and a reader that codes nothing writes none).
    codebook_at: Option<PathBuf>,
    /// Codes made here that another instance had made first, under the same
    /// name: (this session's id, the book's). Quotes coded with the first
    /// are coded with the second, now and later in the session.
    merged: Vec<(String, String)>,
    /// Lines for stderr at quit, beyond what the store reports.
    told: Vec<String>,
    /// Where the codebook goes at quit if it still cannot be saved.
    recovery: Option<PathBuf>,
    /// The codebook changes already kept in a file the user named: no
    /// recovery file for them at quit.
    codes_kept: Option<usize>,
    /// The document's claims ledger.
    claims: ledger::Claims,
}

impl Persist {
    pub fn new(store: Option<Store>) -> Persist {
        Persist {
            store,
            codebook: None,
            codebook_at: None,
            merged: Vec::new(),
            told: Vec::new(),
            recovery: None,
            codes_kept: None,
            claims: ledger::Claims::default(),
        }
    }

    /// At quit, a codebook that cannot be saved goes to a new file in `dir`.
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Persist {
        self.recovery = Some(dir);
        self
    }

    /// Save codes in this codebook file too.
    pub fn with_codebook(mut self, codebook: Option<CodebookFile>) -> Persist {
        self.codebook = codebook;
        self
    }

    /// Without a codebook file open, open the one at `path` for the first
    /// code change.
    pub fn with_codebook_at(mut self, path: PathBuf) -> Persist {
        self.codebook_at = Some(path);
        self
    }

    /// Perform an effect: what the reader is told back (the status line,
    /// the codebook as saved, bookmarks recoded).
    pub fn perform(&mut self, effect: Effect) -> Vec<Report> {
        match effect {
            Effect::Batch(all) => all.into_iter().flat_map(|e| self.perform(e)).collect(),
            Effect::ChangeCodes(changes) => self.change_codes(changes),
            Effect::Ledger(edit) => self
                .ledger_edit(edit)
                .map(|m| Report::Status(Some(m)))
                .into_iter()
                .collect(),
            Effect::RetrySave => {
                let mut out = self.flush_codes(true);
                if self.unsaved().bookmarks > 0 {
                    out.extend(self.retry_now().map(|m| Report::Status(Some(m))));
                }
                out.extend(self.ledger_retry_now().map(|m| Report::Status(Some(m))));
                out
            }
            effect => {
                let (effect, recoded) = self.recode_effect(effect);
                let message = self.apply(effect).map(|m| Report::Status(Some(m)));
                let list = recoded.then(|| self.store.as_ref().map(|s| s.list().to_vec()));
                let list = list.flatten().map(Report::Bookmarks);
                list.into_iter().chain(message).collect()
            }
        }
    }

    /// In an idle moment: retry what is unsaved and look for what other
    /// instances saved.
    pub fn idle(&mut self) -> Vec<Report> {
        let mut out = self.flush_codes(false);
        // The book before the bookmarks, which may name its new codes.
        out.extend(self.refresh_codes());
        let message = self.retry();
        if let Some(list) = self.refresh() {
            out.push(Report::Bookmarks(list));
        }
        out.extend(message.map(|m| Report::Status(Some(m))));
        out.extend(self.ledger_idle());
        out
    }

    /// Bookmark and codebook changes not saved yet.
    pub fn unsaved(&self) -> Pending {
        Pending {
            bookmarks: self.store.as_ref().map_or(0, Store::pending_count),
            codes: self
                .codebook
                .as_ref()
                .map_or(0, CodebookFile::pending_count),
            claims: self.claims.pending(),
        }
    }

    /// Write the unsaved changes to `path`, a new file the user named: the
    /// bookmark changes, and the codebook as a `.qdc` (beside it, named
    /// after it, when there are bookmark changes too).
    pub fn write_unsaved(&mut self, path: &Path) -> Result<String, String> {
        let pending = self.unsaved();
        if pending.claims == 0 {
            return self.write_marks_and_codes(path);
        }
        // The ledger's own recovery file, which its next opening joins:
        // the user's file holds bookmarks and codes only.
        let told = self.close_ledger().join("; ");
        self.told.push(told.clone());
        if pending.bookmarks + pending.codes == 0 {
            return Ok(told);
        }
        let line = self.write_marks_and_codes(path)?;
        Ok(format!("{line}; {told}"))
    }

    fn write_marks_and_codes(&mut self, path: &Path) -> Result<String, String> {
        let pending = self.unsaved();
        if pending.codes == 0 {
            return self.write_bookmarks(path);
        }
        let (written, codes_at) = match pending.bookmarks {
            0 => (None, path.to_path_buf()),
            _ => (Some(self.write_bookmarks(path)?), codes_beside(path)),
        };
        match self.keep_codes_in(&codes_at) {
            Ok(line) => Ok(written.map_or(line.clone(), |w| format!("{w}; {line}"))),
            Err(e) => Err(written.map_or(e.clone(), |w| format!("{w}; but {e}"))),
        }
    }

    fn write_bookmarks(&mut self, path: &Path) -> Result<String, String> {
        let store = self.store.as_mut().ok_or("there is no bookmark store")?;
        let count = store.pending_count();
        store
            .keep_pending_in(path)
            .map_err(|e| format!("not written: {e}"))?;
        // Absolute, so the line still says where after the reader is gone.
        let line = format!(
            "{count} bookmark {} not in the store; written to {}",
            super::unsaved::changes(count),
            absolute(path).display()
        );
        self.told.push(line.clone());
        Ok(line)
    }

    /// Save what is pending now, for the prompt at quit: a line either way.
    fn retry_now(&mut self) -> Option<Message> {
        let store = self.store.as_mut()?;
        let n = store.pending_count();
        Some(match store.retry() {
            Ok(()) => Message::info(saved_waiting(n)),
            Err(e) => Message::warning(format!("still not saved: {e}")),
        })
    }

    /// Save a bookmark change at once. Returns a line for the status bar
    /// when something went wrong or needs the user's attention. A change
    /// that cannot be saved is kept (the store holds it) and retried.
    pub fn apply(&mut self, effect: Effect) -> Option<Message> {
        let store = match &mut self.store {
            Some(store) => store,
            None => {
                return Some(Message::warning("bookmarks are kept for this session only"));
            }
        };
        let earlier = store.pending_count();
        let saved = match effect {
            Effect::AddBookmark(b) => store.add(*b),
            Effect::RestoreBookmark(b) => store.restore(*b),
            Effect::RemoveBookmark(id) => store.remove(&id).map(|_| ()),
            Effect::SetNote { id, note } => store.set_note(&id, &note).map(|_| ()),
            Effect::AcceptQuote {
                id,
                span,
                quote,
                doc_hash,
            } => store.accept(&id, span, &quote, &doc_hash).map(|_| ()),
            Effect::SetCode { id, code, on } => store.set_code(&id, &code, on).map(|_| ()),
            Effect::RetrySave => return self.retry_now(),
            Effect::Quit
            | Effect::Suspend
            | Effect::Copy(_)
            | Effect::WriteUnsaved(_)
            | Effect::QuitUnsaved
            | Effect::ChangeCodes(_)
            | Effect::Follow(_)
            | Effect::Ledger(_)
            | Effect::OpenUrl(_)
            | Effect::Leave(_)
            | Effect::Batch(_) => return None,
        };
        let warning = store.take_warnings().into_iter().next();
        match saved {
            Err(e) => Some(Message::warning(not_saved(&e))),
            Ok(()) => warning
                .map(|w| Message::warning(w.to_string()))
                .or_else(|| {
                    (earlier > 0).then(|| {
                        let changes = if earlier == 1 { "change" } else { "changes" };
                        Message::info(format!("saved, with {earlier} earlier unsaved {changes}"))
                    })
                }),
        }
    }

    /// For a timer in the run loop: save changes that could not be saved
    /// before. A line once they are; nothing while it still fails (the
    /// failure was told when it happened).
    pub fn retry(&mut self) -> Option<Message> {
        let store = self.store.as_mut()?;
        if !store.has_unsaved() || store.read_only().is_some() {
            return None;
        }
        let n = store.pending_count();
        store.retry().ok()?;
        Some(Message::info(saved_waiting(n)))
    }

    /// The bookmarks as they are now, if other instances changed them since
    /// the last look (cheap when they did not).
    pub fn refresh(&mut self) -> Option<Vec<Bookmark>> {
        let store = self.store.as_mut()?;
        match store.refresh() {
            Ok(true) => Some(store.list().to_vec()),
            _ => None,
        }
    }

    /// At quit: save what is unsaved, or write it to a recovery file; lines
    /// to show on stderr. Safe to call twice.
    pub fn close(&mut self) -> Vec<String> {
        // The codebook first: a code merged at the last moment recodes
        // bookmarks, which the store then saves.
        let mut lines = self.close_codes();
        lines.splice(0..0, std::mem::take(&mut self.told));
        if let Some(s) = self.store.as_mut() {
            lines.extend(s.close().iter().map(ToString::to_string));
        }
        lines.extend(self.close_ledger());
        lines
    }
}

/// Absolute, so a line still says where after the reader is gone.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `keep.json` → `keep.qdc`; a name ending in `.qdc` already gets `.codes.qdc`.
fn codes_beside(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == "qdc") {
        path.with_extension("codes.qdc")
    } else {
        path.with_extension("qdc")
    }
}

/// `saved 2 bookmark changes that were waiting` (`1 … change that was`).
fn saved_waiting(n: usize) -> String {
    let changes = if n == 1 {
        "change that was"
    } else {
        "changes that were"
    };
    format!("saved {n} bookmark {changes} waiting")
}

fn not_saved(e: &StoreError) -> String {
    match e {
        // What happens to the change first: a long path in the reason may
        // not fit the status line.
        StoreError::ReadOnly { .. } => {
            format!("kept for this session, not saved (a recovery file at quit): {e}")
        }
        _ => format!("kept, not saved yet; will retry: {e}"),
    }
}

impl Drop for Persist {
    /// However the session ends, nothing unsaved goes without a word: the
    /// store saves it or writes it to a recovery file, and says so here (the
    /// terminal is restored by the time the reader's `Persist` is dropped).
    fn drop(&mut self) {
        for line in self.close() {
            eprintln!("tread: warning: {line}");
        }
    }
}
