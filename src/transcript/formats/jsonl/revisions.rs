//! Merging the versions of a segment a recogniser writes: only the latest
//! version survives, in the place of the first.
//!
//! - A line with the same segment id as an earlier one, or (without an id)
//!   the same start time, replaces it in place.
//! - A partial result (Vosk's `partial`, `"final": false`, `"is_final":
//!   false`…) is replaced by the next line, whatever its key: recognisers
//!   only ever have one segment in progress, and the line after a partial is
//!   either a newer partial of it or its final text. When that next line is
//!   itself a revision of an older segment, the partial is dropped (the
//!   recogniser will say it again).

use std::collections::HashMap;

use super::super::cues::Cue;

/// What identifies a segment across its versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// The segment id as written (`3`, `"seg-3"`).
    Id(String),
    /// The start time in milliseconds: recognisers print times rounded, so
    /// two versions of one segment agree to the millisecond.
    Start(i64),
}

impl Key {
    pub fn start(seconds: f64) -> Key {
        // `as` saturates: an absurd time is still some key.
        Key::Start((seconds * 1000.0).round() as i64)
    }
}

/// One version of a segment, as read from one line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Record {
    pub key: Option<Key>,
    pub partial: bool,
    pub cue: Cue,
}

/// The segments so far, in the order they first appeared.
#[derive(Debug, Default)]
pub(super) struct Revisions {
    /// Each slot's latest version (`None` once dropped) and its key.
    slots: Vec<Option<(Option<Key>, Cue)>>,
    /// The slot each key is in.
    index: HashMap<Key, usize>,
    /// The slot of the partial the next record replaces.
    open: Option<usize>,
}

impl Revisions {
    pub fn add(&mut self, record: Record) {
        let open = self.open.take();
        let known = record.key.as_ref().and_then(|k| self.index.get(k).copied());
        let slot = match (known, open) {
            (Some(known), Some(open)) if known != open => {
                self.clear(open);
                known
            }
            (Some(slot), _) | (None, Some(slot)) => slot,
            (None, None) => {
                self.slots.push(None);
                self.slots.len() - 1
            }
        };
        self.clear(slot);
        if let Some(key) = &record.key {
            self.index.insert(key.clone(), slot);
        }
        if record.partial {
            self.open = Some(slot);
        }
        self.slots[slot] = Some((record.key, record.cue));
    }

    /// Empty a slot, forgetting its key.
    fn clear(&mut self, slot: usize) {
        if let Some((Some(key), _)) = self.slots[slot].take()
            && self.index.get(&key) == Some(&slot)
        {
            self.index.remove(&key);
        }
    }

    /// The surviving versions with text, in order.
    pub fn into_cues(self) -> Vec<Cue> {
        self.slots
            .into_iter()
            .flatten()
            .map(|(_, cue)| cue)
            .filter(|cue| !cue.text.is_empty())
            .collect()
    }
}
