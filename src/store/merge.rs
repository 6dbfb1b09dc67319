//! Merging bookmark operations: the live list, its tombstones and aliases,
//! and taking back this instance's unsaved operations.
//!
//! Why tombstones: a merge of two snapshots cannot tell "deleted there" from
//! "not yet seen here", so a stale instance that still holds X would bring
//! it back. A `remove` therefore leaves a tombstone (the id, kept in the
//! snapshot), and `add`, `note` and `accept` on a tombstoned id are ignored
//! ([`Outcome::Deleted`], which the store tells the user about when the
//! ignored operation was theirs). Only `restore`, the undo of a delete,
//! clears a tombstone.
//!
//! Why aliases: two windows marking the same words make two `add`s with two
//! ids. The later one, whose `start`, `end` and `quote` equal a live
//! bookmark's, becomes an alias of it: the user sees one bookmark, and
//! operations on either id reach it. If the earlier note is empty it takes
//! the later one's. "Later" is the log's order, the same for every instance.
//!
//! Why undo: an instance applies its own operations at once, before they are
//! in the log. When it saves, other instances' operations may land before
//! them; it undoes its own ([`Undo`]), applies the others, and redoes its
//! own, so its list always equals a replay of the log.
//!
//! An operation's unknown fields are taken as fields of the record it
//! changes (the bookmark; the tombstone, for a remove), so a compaction,
//! which folds operations into the snapshot, keeps them.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::anchor::Span;
use super::log::{Change, Op};
use super::record::Bookmark;

/// Characters of a removed quote kept in its tombstone, to name it.
const QUOTE_HEAD: usize = 40;

/// A removed bookmark's id, kept so that no stale copy can bring it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: String,
    /// The start of the removed quote, for warnings.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What applying one operation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// A duplicate, an alias of a bookmark with its own note, or an id never seen.
    Unchanged,
    /// Ignored: the bookmark was deleted (the start of its quote).
    Deleted(String),
}

/// One step of an operation, recorded so it can be taken back exactly.
#[derive(Debug, Clone)]
pub enum Undo {
    Pushed,
    Removed(usize, Box<Bookmark>),
    Replaced(usize, Box<Bookmark>),
    /// The tombstone of an id before the step.
    Tombstone(String, Option<Tombstone>),
    /// The target of an alias before the step.
    Alias(String, Option<String>),
}

/// Bookmarks with their tombstones and aliases, indexed so one operation
/// costs no scan of the list (a removal still shifts it: a memmove).
#[derive(Debug, Clone, Default)]
pub struct Merged {
    items: Vec<Bookmark>,
    index: HashMap<String, usize>,
    /// Live ids by span, to find identical marks.
    spans: HashMap<Span, Vec<String>>,
    tombstones: BTreeMap<String, Tombstone>,
    aliases: BTreeMap<String, String>,
}

impl Merged {
    /// From a snapshot. A repeated id keeps its first bookmark.
    pub fn new(
        bookmarks: Vec<Bookmark>,
        removed: Vec<Tombstone>,
        aliases: BTreeMap<String, String>,
    ) -> Merged {
        let mut m = Merged {
            tombstones: removed.into_iter().map(|t| (t.id.clone(), t)).collect(),
            aliases,
            ..Merged::default()
        };
        m.items.reserve(bookmarks.len());
        for b in bookmarks {
            if !m.index.contains_key(&b.id) {
                m.push(b, &mut Vec::new());
            }
        }
        m
    }

    pub fn list(&self) -> &[Bookmark] {
        &self.items
    }

    /// The id that `id` stands for (itself, unless it is an alias).
    pub fn resolve<'a>(&'a self, id: &'a str) -> &'a str {
        self.aliases.get(id).map_or(id, String::as_str)
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.index.get(self.resolve(id)).map(|&i| &self.items[i])
    }

    pub fn tombstone(&self, id: &str) -> Option<&Tombstone> {
        self.tombstones.get(self.resolve(id))
    }

    pub fn tombstones(&self) -> impl Iterator<Item = &Tombstone> {
        self.tombstones.values()
    }

    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.aliases
    }

    /// Apply `op`, recording in `undo` how to take it back.
    pub fn apply(&mut self, op: &Op, undo: &mut Vec<Undo>) -> Outcome {
        match &op.change {
            Change::Add(b) => self.add(b, &op.extra, undo),
            Change::Restore(b) => self.restore(b, &op.extra, undo),
            Change::Remove { id } => self.remove(id, &op.extra, undo),
            Change::Note { id, note } => {
                self.edit(id, &op.extra, undo, |b| b.note.clone_from(note))
            }
            Change::Code { id, code, on } => self.edit(id, &op.extra, undo, |b| {
                let has = b.codes.iter().any(|c| c == code);
                if *on && !has {
                    b.codes.push(code.clone());
                } else if !*on {
                    b.codes.retain(|c| c != code);
                }
            }),
            Change::Accept {
                id,
                span,
                quote,
                doc_hash,
            } => self.edit(id, &op.extra, undo, |b| {
                b.start = span.start;
                b.end = span.end;
                b.quote.clone_from(quote);
                b.doc_hash.clone_from(doc_hash);
            }),
        }
    }

    /// Take back steps recorded by [`apply`](Self::apply), latest first.
    pub fn undo(&mut self, steps: Vec<Undo>) {
        for step in steps.into_iter().rev() {
            match step {
                Undo::Pushed => {
                    if let Some(b) = self.items.pop() {
                        self.index.remove(&b.id);
                        self.unspan(&b);
                    }
                }
                Undo::Removed(i, b) => self.insert_at(i, *b),
                Undo::Replaced(i, old) => {
                    let new = std::mem::replace(&mut self.items[i], *old);
                    self.unspan(&new);
                    self.span_of(i);
                }
                Undo::Tombstone(id, before) => {
                    if let Some(t) = before {
                        self.tombstones.insert(id, t);
                    } else {
                        self.tombstones.remove(&id);
                    }
                }
                Undo::Alias(id, before) => {
                    if let Some(target) = before {
                        self.aliases.insert(id, target);
                    } else {
                        self.aliases.remove(&id);
                    }
                }
            }
        }
    }

    fn add(&mut self, b: &Bookmark, extra: &Map<String, Value>, undo: &mut Vec<Undo>) -> Outcome {
        let id = self.resolve(&b.id);
        if let Some(t) = self.tombstones.get(id) {
            return Outcome::Deleted(t.quote.clone());
        }
        if self.index.contains_key(id) {
            return Outcome::Unchanged;
        }
        self.insert(with_extra(b.clone(), extra), undo)
    }

    fn restore(
        &mut self,
        b: &Bookmark,
        extra: &Map<String, Value>,
        undo: &mut Vec<Undo>,
    ) -> Outcome {
        let id = self.resolve(&b.id).to_string();
        if self.index.contains_key(&id) {
            return Outcome::Unchanged;
        }
        if let Some(t) = self.tombstones.remove(&id) {
            undo.push(Undo::Tombstone(id.clone(), Some(t)));
        }
        let mut b = with_extra(b.clone(), extra);
        b.id = id;
        self.insert(b, undo)
    }

    fn remove(&mut self, id: &str, extra: &Map<String, Value>, undo: &mut Vec<Undo>) -> Outcome {
        let id = self.resolve(id).to_string();
        if self.tombstones.contains_key(&id) {
            return Outcome::Unchanged;
        }
        let (quote, outcome) = match self.index.get(&id) {
            Some(&i) => (self.remove_at(i, undo), Outcome::Changed),
            // Never seen here: still a tombstone, as every instance makes.
            None => (String::new(), Outcome::Unchanged),
        };
        let t = Tombstone {
            id: id.clone(),
            quote,
            extra: extra.clone(),
        };
        undo.push(Undo::Tombstone(id.clone(), None));
        self.tombstones.insert(id, t);
        outcome
    }

    fn edit(
        &mut self,
        id: &str,
        extra: &Map<String, Value>,
        undo: &mut Vec<Undo>,
        change: impl FnOnce(&mut Bookmark),
    ) -> Outcome {
        let id = self.resolve(id);
        if let Some(t) = self.tombstones.get(id) {
            return Outcome::Deleted(t.quote.clone());
        }
        let Some(&i) = self.index.get(id) else {
            return Outcome::Unchanged;
        };
        let mut b = with_extra(self.items[i].clone(), extra);
        change(&mut b);
        if b == self.items[i] {
            return Outcome::Unchanged;
        }
        self.replace(i, b, undo);
        Outcome::Changed
    }

    /// Add `b`, or make it an alias of the live bookmark it is identical to.
    fn insert(&mut self, b: Bookmark, undo: &mut Vec<Undo>) -> Outcome {
        let Some(i) = self.identical(&b) else {
            self.push(b, undo);
            return Outcome::Changed;
        };
        let before = self.aliases.insert(b.id.clone(), self.items[i].id.clone());
        undo.push(Undo::Alias(b.id.clone(), before));
        if !self.items[i].note.is_empty() || b.note.is_empty() {
            return Outcome::Unchanged;
        }
        let mut kept = self.items[i].clone();
        kept.note = b.note;
        self.replace(i, kept, undo);
        Outcome::Changed
    }

    /// The earliest live bookmark with `b`'s span and quote.
    fn identical(&self, b: &Bookmark) -> Option<usize> {
        let ids = self.spans.get(&b.span())?;
        ids.iter()
            .filter_map(|id| self.index.get(id).copied())
            .filter(|&i| self.items[i].quote == b.quote)
            .min()
    }

    fn push(&mut self, b: Bookmark, undo: &mut Vec<Undo>) {
        self.index.insert(b.id.clone(), self.items.len());
        self.items.push(b);
        self.span_of(self.items.len() - 1);
        undo.push(Undo::Pushed);
    }

    /// Remove the bookmark at `i`; the start of its quote, for the tombstone.
    fn remove_at(&mut self, i: usize, undo: &mut Vec<Undo>) -> String {
        let b = self.items.remove(i);
        self.index.remove(&b.id);
        for at in self.index.values_mut() {
            if *at > i {
                *at -= 1;
            }
        }
        self.unspan(&b);
        let quote = quote_head(&b.quote);
        undo.push(Undo::Removed(i, Box::new(b)));
        quote
    }

    fn insert_at(&mut self, i: usize, b: Bookmark) {
        for at in self.index.values_mut() {
            if *at >= i {
                *at += 1;
            }
        }
        self.index.insert(b.id.clone(), i);
        self.items.insert(i, b);
        self.span_of(i);
    }

    fn replace(&mut self, i: usize, b: Bookmark, undo: &mut Vec<Undo>) {
        let old = std::mem::replace(&mut self.items[i], b);
        self.unspan(&old);
        self.span_of(i);
        undo.push(Undo::Replaced(i, Box::new(old)));
    }

    fn span_of(&mut self, i: usize) {
        let b = &self.items[i];
        self.spans.entry(b.span()).or_default().push(b.id.clone());
    }

    fn unspan(&mut self, b: &Bookmark) {
        let span = b.span();
        if let Some(ids) = self.spans.get_mut(&span) {
            ids.retain(|id| id != &b.id);
            if ids.is_empty() {
                self.spans.remove(&span);
            }
        }
    }
}

/// The start of a quote on one line, with an ellipsis if cut.
pub fn quote_head(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let flat = words.join(" ");
    match flat.char_indices().nth(QUOTE_HEAD) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// `b` with an operation's unknown fields, where they are not fields the
/// record already knows (those a newer tread may set are opaque here).
fn with_extra(mut b: Bookmark, extra: &Map<String, Value>) -> Bookmark {
    if extra.is_empty() {
        return b;
    }
    let known = match serde_json::to_value(&b) {
        Ok(Value::Object(m)) => m,
        _ => return b,
    };
    for (k, v) in extra {
        if !known.contains_key(k) || b.extra.contains_key(k) {
            b.extra.insert(k.clone(), v.clone());
        }
    }
    b
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
