//! The edits a user makes to a ledger, and the set of its entries they
//! apply to and that copies are joined into (the merge rule is in
//! [`entry`](super::entry)).

use std::collections::BTreeMap;

use super::entry::{Entry, Stamped, Status};

/// A change the user makes: what an app `Effect` carries to the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new entry (or, for an id already there, the status, note and
    /// sources it sets written again, and a removal undone): a detected
    /// claim first touched, or one added by hand.
    Add(Box<Entry>),
    Status {
        id: String,
        status: Status,
    },
    Note {
        id: String,
        note: String,
    },
    AddSource {
        id: String,
        source: String,
    },
    RemoveSource {
        id: String,
        source: String,
    },
    /// Take the entry out of the ledger (kept as a tombstone: its claim is
    /// unchecked again, a hand-added one is gone from the list).
    Remove {
        id: String,
    },
    /// Undo a removal.
    Restore {
        id: String,
    },
}

impl Edit {
    /// The entry it changes.
    pub fn id(&self) -> &str {
        match self {
            Edit::Add(e) => &e.id,
            Edit::Status { id, .. }
            | Edit::Note { id, .. }
            | Edit::AddSource { id, .. }
            | Edit::RemoveSource { id, .. }
            | Edit::Remove { id }
            | Edit::Restore { id } => id,
        }
    }
}

/// Every entry of one document's ledger, removed ones included, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entries {
    map: BTreeMap<String, Entry>,
}

impl Entries {
    pub fn from_list(list: impl IntoIterator<Item = Entry>) -> Entries {
        let mut out = Entries::default();
        for e in list {
            out.insert(e);
        }
        out
    }

    fn insert(&mut self, e: Entry) {
        match self.map.get_mut(&e.id) {
            Some(mine) => mine.join(&e),
            None => {
                self.map.insert(e.id.clone(), e);
            }
        }
    }

    /// Apply an edit made at `at` (Unix milliseconds); `false` if it names
    /// no entry here.
    pub fn apply(&mut self, edit: &Edit, at: u64) -> bool {
        if let Edit::Add(e) = edit {
            let mut e = (**e).clone();
            e.created = if e.created == 0 { at } else { e.created };
            // Only what the edit sets is stamped: an unchecked status or an
            // empty note it merely carries must not undo what another
            // instance wrote to the same claim's entry.
            e.status.at = if e.status.value == Status::default() {
                0
            } else {
                at
            };
            e.note.at = if e.note.value.is_empty() { 0 } else { at };
            e.removed = Stamped::new(false, at);
            for s in &mut e.sources {
                s.at = at;
            }
            self.insert(e);
            return true;
        }
        let Some(e) = self.map.get_mut(edit.id()) else {
            return false;
        };
        match edit {
            Edit::Add(_) => {}
            Edit::Status { status, .. } => e.status = Stamped::new(*status, at),
            Edit::Note { note, .. } => e.note = Stamped::new(note.clone(), at),
            Edit::AddSource { source, .. } => e.set_source(source, false, at),
            Edit::RemoveSource { source, .. } => e.set_source(source, true, at),
            Edit::Remove { .. } => e.removed = Stamped::new(true, at),
            Edit::Restore { .. } => e.removed = Stamped::new(false, at),
        }
        true
    }

    /// Join another copy (another instance's file) into this one.
    pub fn join(&mut self, other: &Entries) {
        for e in other.map.values() {
            self.insert(e.clone());
        }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.map.get(id)
    }

    /// The entries in force (not removed), in the order they were made.
    pub fn list(&self) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = self.map.values().filter(|e| !e.is_removed()).collect();
        out.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        out
    }

    /// Every entry, removed ones too, by id: what the file holds.
    pub fn all(&self) -> impl Iterator<Item = &Entry> {
        self.map.values()
    }

    /// Entries, removed ones included.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
