//! `--bookmarks` output: a document's bookmarks as Markdown or JSON, each
//! printed from its [`Citation`], as the reader's list shows it.
//!
//! Bookmarks are listed in document order; detached ones come last, under
//! their own heading. Markdown, per bookmark:
//!
//! ```text
//! > quoted text, every line prefixed
//!
//! — Speaker, §N Section title (line L, 00:12)
//!
//! the note, if any
//! ```
//!
//! Narration has no speaker, so the attribution starts at `§`. `lines 21–23`
//! for a quote over several lines; the time only in timed formats. A quote
//! whose words changed is printed as saved, then `Now reads:` and the words
//! the document has now, and `text changed` in the parentheses. A detached
//! one is cited with the speaker, section and line it had when saved.

use serde_json::{Value, json};

use super::bookmarks::Bookmark;
use super::cite::{Citation, Status, cite_all};
use crate::transcript::Document;

/// The heading above detached bookmarks.
pub const DETACHED_HEADING: &str = "## Detached bookmarks";
/// The line between a changed quote's saved words and its current ones.
pub const NOW_READS: &str = "Now reads:";

fn push_quote(out: &mut String, text: &str) {
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

fn push_entry(out: &mut String, c: &Citation) {
    push_quote(out, &c.quote);
    if let Some(now) = &c.current {
        out.push('\n');
        out.push_str(NOW_READS);
        out.push_str("\n\n");
        push_quote(out, now);
    }
    out.push('\n');
    out.push_str(&c.attribution());
    out.push('\n');
    let note = c.note.trim_end();
    if !note.is_empty() {
        out.push('\n');
        out.push_str(note);
        out.push('\n');
    }
}

/// The bookmarks as Markdown; empty if there are none.
pub fn markdown(doc: &Document, bookmarks: &[Bookmark]) -> String {
    let mut out = String::new();
    let mut in_detached = false;
    for (_, c) in cite_all(doc, bookmarks) {
        if c.status == Status::Detached && !in_detached {
            in_detached = true;
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(DETACHED_HEADING);
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        push_entry(&mut out, &c);
    }
    out
}

/// The same as [`markdown`], as JSON, plus ids, times and positions. Each
/// bookmark has a `status` (`exact`, `moved`, `changed`, `detached`; older
/// versions wrote `fuzzy` for `changed`), `quote` (the saved words) and
/// `current` (the words there now when they differ, else `null`).
pub fn json(doc: &Document, bookmarks: &[Bookmark]) -> Value {
    let list: Vec<Value> = cite_all(doc, bookmarks)
        .iter()
        .map(|(b, c)| entry(b, c))
        .collect();
    json!({
        "title": doc.title,
        "doc_hash": super::identity::doc_hash(doc),
        "bookmarks": list,
    })
}

fn entry(b: &Bookmark, c: &Citation) -> Value {
    json!({
        "id": b.id,
        "status": c.status.as_str(),
        "quote": c.quote,
        "current": c.current,
        "note": c.note,
        "speaker": c.speaker,
        "section": {
            "index": c.section.index,
            "number": c.section.number,
            "title": c.section.title,
            "label": c.section.label,
        },
        "line": c.first_line,
        "last_line": c.last_line,
        "time": c.time,
        "clock": c.time_label(),
        "created": b.created,
        "start": c.span.map(|s| s.start),
        "end": c.span.map(|s| s.end),
        "stored": { "start": b.start, "end": b.end, "doc_hash": b.doc_hash },
    })
}
