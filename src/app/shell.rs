//! Side effects that outlive the process: saving bookmarks as they change.
//! The terminal's own effects (suspend, clipboard) live in `terminal.rs`.

use super::action::Effect;
use crate::store::bookmarks::Store;

/// Where bookmark changes go. Without a store (no usable data directory)
/// changes stay in the session, and the user is told so.
pub struct Persist {
    pub store: Option<Store>,
}

impl Persist {
    /// Save a bookmark change at once. Returns a line for the status bar
    /// when something went wrong or needs the user's attention.
    pub fn apply(&mut self, effect: Effect) -> Option<String> {
        let store = match &mut self.store {
            Some(store) => store,
            None => return Some("bookmarks are kept for this session only".into()),
        };
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
            Effect::Quit | Effect::Suspend | Effect::Copy(_) => return None,
        };
        let warning = store.take_warnings().into_iter().next();
        match saved {
            Err(e) => Some(format!("bookmark not saved: {e}")),
            Ok(()) => warning.map(|w| w.to_string()),
        }
    }
}
