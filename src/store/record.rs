//! One bookmark: the record stored on disk, how it is made from a span of
//! the document, and its id.
//!
//! Fields added after the first release are `#[serde(default)]`, so older
//! files load; fields this version does not know stay in `extra`.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::anchor::{Anchor, Span, span_text};
use super::cite::cite_span;
use super::identity::doc_hash;
use super::{rfc3339, unix_now};
use crate::transcript::Document;

/// The longest quote a bookmark keeps, in characters: a bookmark is a
/// quotation, and a runaway selection (a file with no sentence breaks) must
/// not make a 30 MB record or clipboard copy.
pub const MAX_QUOTE_CHARS: usize = 10_000;

/// A bookmarked stretch of text, with enough context to find it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across instances and machines: time, process and randomness.
    pub id: String,
    pub start: Anchor,
    /// Exclusive; may be in a later paragraph, turn or section.
    pub end: Anchor,
    /// The text as selected; paragraphs joined by `\n`.
    pub quote: String,
    /// `None` for narration.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub section_number: Option<String>,
    #[serde(default)]
    pub section_title: Option<String>,
    /// Source line the quote started on when it was made (1-based; files of
    /// older versions have its turn's line). Citations use the document's
    /// lines; this is what a detached bookmark is cited by.
    pub line: usize,
    /// Source line the quote ended on when it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<usize>,
    /// Seconds from the start of the cue it started in, for timed formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
    /// [`doc_hash`] of the document when the bookmark was made.
    pub doc_hash: String,
    /// RFC 3339, UTC.
    pub created: String,
    #[serde(default)]
    pub note: String,
    /// The ids of the codes it is coded with ([`Codebook`](super::codes::Codebook)),
    /// in the order they were applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Fields written by a newer tread, kept so a rewrite does not drop them.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// What makes a new bookmark unique and dated, supplied by the caller so
/// that making one reads no clock, no randomness and no whole document:
/// the reader makes it from its session and the time the input came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub id: String,
    /// RFC 3339, UTC.
    pub created: String,
    /// [`doc_hash`] of the document, computed once when it was loaded.
    pub doc_hash: String,
}

impl Origin {
    /// A fresh id, the clock now, and a pass over `doc` for its hash: for
    /// callers outside the reader (tools, tests), where that cost is fine.
    pub fn now(doc: &Document) -> Origin {
        Origin {
            id: new_id(),
            created: rfc3339(unix_now()),
            doc_hash: doc_hash(doc),
        }
    }
}

impl Bookmark {
    /// A bookmark of `span` in `doc` with the id, creation time and document
    /// hash of `origin`; `None` if the span does not fit the document, holds
    /// only whitespace or is longer than [`MAX_QUOTE_CHARS`].
    pub fn new(doc: &Document, span: Span, note: &str, origin: Origin) -> Option<Bookmark> {
        let quote = span_text(doc, &span)?;
        if quote.trim().is_empty() || quote.chars().count() > MAX_QUOTE_CHARS {
            return None;
        }
        let section = doc.sections.get(span.start.section)?;
        let turn = section.turns.get(span.start.turn)?;
        let cited = cite_span(doc, &span, &quote)?;
        Some(Bookmark {
            id: origin.id,
            start: span.start,
            end: span.end,
            quote,
            speaker: turn.speaker.clone(),
            section_number: section.number.clone(),
            section_title: section.title.clone(),
            line: cited.first_line,
            last_line: Some(cited.last_line),
            time: cited.time,
            doc_hash: origin.doc_hash,
            created: origin.created,
            note: note.to_string(),
            codes: Vec::new(),
            extra: serde_json::Map::new(),
        })
    }

    /// [`new`](Self::new) with [`Origin::now`]: for callers outside the
    /// reader.
    pub fn fresh(doc: &Document, span: Span, note: &str) -> Option<Bookmark> {
        Bookmark::new(doc, span, note, Origin::now(doc))
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// A fresh id such as `19a3c0f2e41-5c2f-3-9d1e02ab`.
pub fn new_id() -> String {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    format!("{}-{seq:x}", new_session())
}

/// A prefix unique to one session, such as `19a3c0f2e41-5c2f-9d1e02ab`:
/// time, process and randomness. The reader numbers its bookmarks after
/// it (`<session>-<n>`), so ids stay unique across instances and machines
/// while making one reads nothing from the world.
pub fn new_session() -> String {
    use std::hash::{BuildHasher, RandomState};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // RandomState is seeded from the OS: it separates machines sharing a
    // synced directory, where pids and clocks may collide.
    let random = RandomState::new().hash_one(nanos) as u32;
    format!("{nanos:x}-{:x}-{random:08x}", std::process::id())
}
