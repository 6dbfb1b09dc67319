//! One bookmark: the record stored on disk, how it is made from a span of
//! the document, and its id.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::anchor::{Anchor, Span, span_text};
use super::identity::doc_hash;
use super::{rfc3339, unix_now};
use crate::transcript::Document;

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
    /// Source line of the turn the quote starts in (1-based).
    pub line: usize,
    /// [`doc_hash`] of the document when the bookmark was made.
    pub doc_hash: String,
    /// RFC 3339, UTC.
    pub created: String,
    #[serde(default)]
    pub note: String,
    /// Fields written by a newer tread, kept so a rewrite does not drop them.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl Bookmark {
    /// A bookmark of `span` in `doc`; `None` if the span does not fit the
    /// document or holds only whitespace.
    pub fn new(doc: &Document, span: Span, note: &str) -> Option<Bookmark> {
        let quote = span_text(doc, &span)?;
        if quote.trim().is_empty() {
            return None;
        }
        let section = doc.sections.get(span.start.section)?;
        let turn = section.turns.get(span.start.turn)?;
        Some(Bookmark {
            id: new_id(),
            start: span.start,
            end: span.end,
            quote,
            speaker: turn.speaker.clone(),
            section_number: section.number.clone(),
            section_title: section.title.clone(),
            line: turn.line,
            doc_hash: doc_hash(doc),
            created: rfc3339(unix_now()),
            note: note.to_string(),
            extra: serde_json::Map::new(),
        })
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
    use std::hash::{BuildHasher, RandomState};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    // RandomState is seeded from the OS: it separates machines sharing a
    // synced directory, where pids and clocks may collide.
    let random = RandomState::new().hash_one(seq) as u32;
    format!("{nanos:x}-{:x}-{seq:x}-{random:08x}", std::process::id())
}
