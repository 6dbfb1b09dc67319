//! Side effects that outlive the process: saving bookmarks as they change,
//! retrying what could not be saved yet, and what is left at quit.
//! The terminal's own effects (suspend, clipboard) live in `terminal.rs`.

use std::path::Path;

use super::action::Effect;
use super::status::Message;
use crate::store::StoreError;
use crate::store::bookmarks::{Bookmark, Store};

/// Where bookmark changes go. Without a store (no usable data directory)
/// changes stay in the session, and the user is told so.
pub struct Persist {
    pub store: Option<Store>,
    /// Lines for stderr at quit, beyond what the store reports.
    told: Vec<String>,
}

impl Persist {
    pub fn new(store: Option<Store>) -> Persist {
        Persist {
            store,
            told: Vec::new(),
        }
    }

    /// Bookmark changes not saved in the store yet.
    pub fn unsaved(&self) -> usize {
        self.store.as_ref().map_or(0, Store::pending_count)
    }

    /// Write the unsaved changes to `path`, a new file the user named.
    pub fn write_unsaved(&mut self, path: &Path) -> Result<String, String> {
        let store = self.store.as_mut().ok_or("there is no bookmark store")?;
        let count = store.pending_count();
        store
            .keep_pending_in(path)
            .map_err(|e| format!("not written: {e}"))?;
        // Absolute, so the line still says where after the reader is gone.
        let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let line = format!(
            "{count} bookmark {} not in the store; written to {}",
            super::unsaved::changes(count),
            shown.display()
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
            Effect::RetrySave => return self.retry_now(),
            Effect::Quit
            | Effect::Suspend
            | Effect::Copy(_)
            | Effect::WriteUnsaved(_)
            | Effect::QuitUnsaved => return None,
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
        let mut lines = std::mem::take(&mut self.told);
        if let Some(s) = self.store.as_mut() {
            lines.extend(s.close().iter().map(ToString::to_string));
        }
        lines
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
