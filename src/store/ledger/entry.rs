//! One ledger entry (a claim the user touched), with the one merge rule
//! every copy of a ledger follows.
//!
//! Each field the user can change is a last-writer-wins register: its value
//! and the time (Unix milliseconds) it was set. Sources are one register
//! each, keyed by their text, so two instances adding different sources
//! keep both. An entry is never deleted, only marked removed (a register
//! too), so a removal and an edit made elsewhere meet without either
//! vanishing. [`Entries::join`](super::Entries::join) takes, field by field, the later write
//! (ties broken by value, so every instance ends with the same state):
//! it is commutative, associative and idempotent, which is what lets a
//! save re-read the file and join it with memory without any bookkeeping
//! of which change came first.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::store::anchor::{Anchor, Span};
use crate::store::bookmarks::{Bookmark, Origin};
use crate::store::identity::Fnv;
use crate::transcript::{Claim, Document};

/// Where a claim stands with the fact-checker.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Unchecked,
    Checked,
    Disputed,
    False,
    NeedsSource,
    /// Not a claim after all: hidden from the list, kept in the ledger.
    NotAClaim,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unchecked,
        Status::Checked,
        Status::Disputed,
        Status::False,
        Status::NeedsSource,
        Status::NotAClaim,
    ];

    /// The name in files, exports and on the command line: `needs-source`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchecked => "unchecked",
            Status::Checked => "checked",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::NeedsSource => "needs-source",
            Status::NotAClaim => "not-a-claim",
        }
    }

    /// The name shown to a reader: `needs source`.
    pub fn label(self) -> &'static str {
        match self {
            Status::NeedsSource => "needs source",
            Status::NotAClaim => "not a claim",
            other => other.as_str(),
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        let name = name.trim().replace([' ', '_'], "-").to_ascii_lowercase();
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// A value and when (Unix milliseconds) it was set; 0: never.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    #[serde(default)]
    pub at: u64,
}

impl<T: Ord + Clone> Stamped<T> {
    pub fn new(value: T, at: u64) -> Stamped<T> {
        Stamped { value, at }
    }

    /// Keep the later of the two; on a tie the greater value, so both
    /// sides of a merge agree.
    pub fn join(&mut self, other: &Stamped<T>) {
        if (other.at, &other.value) > (self.at, &self.value) {
            *self = other.clone();
        }
    }
}

/// A source: a URL or free text, added or (a tombstone) removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub text: String,
    /// When it was last added or removed (Unix milliseconds).
    pub at: u64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A claim the user touched: its words and where they were (as a bookmark
/// keeps them, to find them again after an edit), and what the user made
/// of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `c…` for a detected claim (a hash of its speaker, words and place,
    /// so two instances marking the same claim make one entry), else the
    /// id the reader gave it.
    pub id: String,
    pub start: Anchor,
    pub end: Anchor,
    pub quote: String,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub section_number: Option<String>,
    #[serde(default)]
    pub section_title: Option<String>,
    /// Source lines when made: what a detached entry is cited by.
    pub line: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
    pub doc_hash: String,
    /// The detector's kind when the entry was made (`statistic`…); `None`
    /// for a claim added by hand.
    #[serde(default)]
    pub kind: Option<String>,
    /// Added by hand (`+` on a sentence), not found by the detector.
    #[serde(default)]
    pub by_hand: bool,
    /// Unix milliseconds.
    pub created: u64,
    #[serde(default)]
    pub status: Stamped<Status>,
    #[serde(default)]
    pub note: Stamped<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub removed: Stamped<bool>,
    /// Fields written by a newer tread, kept so a rewrite does not drop them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The span of a detected claim, in the store's characters.
pub fn claim_span(doc: &Document, c: &Claim) -> Option<Span> {
    let text = crate::store::anchor::paragraph(doc, c.section, c.turn, c.paragraph)?;
    let chars = |byte: usize| text.get(..byte).map(|t| t.chars().count());
    let at = |offset| Anchor {
        section: c.section,
        turn: c.turn,
        paragraph: c.paragraph,
        offset,
    };
    Some(Span {
        start: at(chars(c.start)?),
        end: at(chars(c.end)?),
    })
}

/// The id of the entry for a claim with these words at this place.
pub fn claim_id(speaker: Option<&str>, quote: &str, start: Anchor) -> String {
    let mut h = Fnv::default();
    h.write(speaker.unwrap_or_default().as_bytes());
    h.write(&[0x1f]);
    h.write(quote.as_bytes());
    let a = start;
    h.write(
        format!(
            "\u{1f}{}.{}.{}.{}",
            a.section, a.turn, a.paragraph, a.offset
        )
        .as_bytes(),
    );
    format!("c{:016x}", h.finish())
}

impl Entry {
    /// The entry for a detected claim, unchecked; `None` if the claim does
    /// not fit the document. `doc_hash` as computed once at loading.
    pub fn for_claim(doc: &Document, c: &Claim, doc_hash: &str, now: u64) -> Option<Entry> {
        let span = claim_span(doc, c)?;
        let origin = Origin {
            id: String::new(),
            created: String::new(),
            doc_hash: doc_hash.to_string(),
        };
        let mark = Bookmark::new(doc, span, "", origin)?;
        let mut e = Entry::from_mark(mark, now);
        e.id = claim_id(e.speaker.as_deref(), &e.quote, e.start);
        e.kind = Some(c.kind.as_str().to_string());
        Some(e)
    }

    /// A claim the user adds by hand at `span`, with the reader's id.
    pub fn by_hand(doc: &Document, span: Span, origin: Origin, now: u64) -> Option<Entry> {
        let id = origin.id.clone();
        let mut e = Entry::from_mark(Bookmark::new(doc, span, "", origin)?, now);
        e.id = id;
        e.by_hand = true;
        Some(e)
    }

    fn from_mark(b: Bookmark, now: u64) -> Entry {
        Entry {
            id: b.id,
            start: b.start,
            end: b.end,
            quote: b.quote,
            speaker: b.speaker,
            section_number: b.section_number,
            section_title: b.section_title,
            line: b.line,
            last_line: b.last_line,
            time: b.time,
            doc_hash: b.doc_hash,
            kind: None,
            by_hand: false,
            created: now,
            status: Stamped::default(),
            note: Stamped::default(),
            sources: Vec::new(),
            removed: Stamped::default(),
            extra: Map::new(),
        }
    }

    /// The entry as a bookmark, for the anchoring and citing bookmarks use
    /// (re-anchored among its own speaker's words only).
    pub fn mark(&self) -> Bookmark {
        Bookmark {
            id: self.id.clone(),
            start: self.start,
            end: self.end,
            quote: self.quote.clone(),
            speaker: self.speaker.clone(),
            section_number: self.section_number.clone(),
            section_title: self.section_title.clone(),
            line: self.line,
            last_line: self.last_line,
            time: self.time,
            doc_hash: self.doc_hash.clone(),
            created: String::new(),
            note: self.note.value.clone(),
            codes: Vec::new(),
            extra: Map::new(),
        }
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }

    pub fn status(&self) -> Status {
        self.status.value
    }

    pub fn note(&self) -> &str {
        &self.note.value
    }

    pub fn is_removed(&self) -> bool {
        self.removed.value
    }

    /// The sources in force, in the order they were first added.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.sources
            .iter()
            .filter(|s| !s.removed)
            .map(|s| s.text.as_str())
    }

    /// The first source that is a web address, for `o`.
    pub fn first_url(&self) -> Option<&str> {
        self.sources()
            .find(|s| s.starts_with("https://") || s.starts_with("http://"))
    }

    /// When anything of it last changed.
    pub fn updated(&self) -> u64 {
        let sources = self.sources.iter().map(|s| s.at).max().unwrap_or(0);
        [
            self.created,
            self.status.at,
            self.note.at,
            self.removed.at,
            sources,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }

    pub(super) fn set_source(&mut self, text: &str, removed: bool, at: u64) {
        let new = Source {
            text: text.to_string(),
            at,
            removed,
        };
        match self.sources.iter_mut().find(|s| s.text == text) {
            Some(s) => join_source(s, &new),
            None => self.sources.push(new),
        }
    }

    /// Join what another copy holds of the same entry into this one.
    pub fn join(&mut self, other: &Entry) {
        self.created = self.created.min(other.created);
        self.status.join(&other.status);
        self.note.join(&other.note);
        self.removed.join(&other.removed);
        for s in &other.sources {
            self.set_source(&s.text, s.removed, s.at);
        }
        for (k, v) in &other.extra {
            self.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}

fn join_source(mine: &mut Source, other: &Source) {
    if (other.at, other.removed) > (mine.at, mine.removed) {
        mine.at = other.at;
        mine.removed = other.removed;
    }
}
