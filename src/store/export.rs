//! `--bookmarks` output: a document's bookmarks as Markdown or JSON.
//!
//! Bookmarks are resolved against the document as it is now and listed in
//! document order; detached ones come last. Markdown, per bookmark:
//!
//! ```text
//! > quoted text, every line prefixed
//!
//! — Speaker, §N Section title (line L)
//!
//! the note, if any
//! ```
//!
//! Narration has no speaker, so the attribution starts at `§`. A section
//! without a number is numbered by position (1-based); the untitled preamble
//! is called "Preamble". A fuzzy match adds `, text changed` inside the
//! parentheses, because the quote no longer appears verbatim.

use serde_json::{Value, json};

use super::anchor::{Resolution, Resolver};
use super::bookmarks::Bookmark;
use crate::transcript::Document;

/// The heading above detached bookmarks.
pub const DETACHED_HEADING: &str = "## Detached bookmarks";

struct Entry<'a> {
    b: &'a Bookmark,
    r: Resolution,
    speaker: Option<String>,
    /// 0-based section index, number as written, title.
    section: (usize, Option<String>, Option<String>),
    line: usize,
}

/// Resolve and order: attached by position, then detached by creation.
fn entries<'a>(doc: &Document, bookmarks: &'a [Bookmark]) -> Vec<Entry<'a>> {
    let resolver = Resolver::new(doc);
    let mut out: Vec<Entry> = bookmarks
        .iter()
        .map(|b| {
            let r = resolver.resolve(b);
            let here = r.span().and_then(|s| {
                let sec = doc.sections.get(s.start.section)?;
                let turn = sec.turns.get(s.start.turn)?;
                Some(Entry {
                    b,
                    r,
                    speaker: turn.speaker.clone(),
                    section: (s.start.section, sec.number.clone(), sec.title.clone()),
                    line: turn.line,
                })
            });
            here.unwrap_or_else(|| Entry {
                b,
                r: Resolution::Detached,
                speaker: b.speaker.clone(),
                section: (
                    b.start.section,
                    b.section_number.clone(),
                    b.section_title.clone(),
                ),
                line: b.line,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        let key = |e: &Entry| (e.r.span().is_none(), e.r.span().map(|s| s.start));
        key(x)
            .cmp(&key(y))
            .then_with(|| x.b.created.cmp(&y.b.created))
    });
    out
}

fn section_label((index, number, title): &(usize, Option<String>, Option<String>)) -> String {
    let n = number.clone().unwrap_or_else(|| (index + 1).to_string());
    match (title, number) {
        (Some(t), _) => format!("§{n} {t}"),
        (None, None) if *index == 0 => format!("§{n} Preamble"),
        (None, _) => format!("§{n}"),
    }
}

fn attribution(e: &Entry) -> String {
    let mut s = String::from("— ");
    if let Some(sp) = &e.speaker {
        s.push_str(sp);
        s.push_str(", ");
    }
    s.push_str(&section_label(&e.section));
    s.push_str(&format!(" (line {}", e.line));
    if matches!(e.r, Resolution::Fuzzy(_)) {
        s.push_str(", text changed");
    }
    s.push(')');
    s
}

fn push_entry(out: &mut String, e: &Entry) {
    for line in e.b.quote.lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&attribution(e));
    out.push('\n');
    let note = e.b.note.trim_end();
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
    for e in entries(doc, bookmarks) {
        if e.r.span().is_none() && !in_detached {
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
        push_entry(&mut out, &e);
    }
    out
}

/// The same as [`markdown`], as JSON, plus ids, times, positions and each
/// bookmark's `status` (`exact`, `moved`, `fuzzy`, `detached`).
pub fn json(doc: &Document, bookmarks: &[Bookmark]) -> Value {
    let list: Vec<Value> = entries(doc, bookmarks)
        .iter()
        .map(|e| {
            let span = e.r.span();
            json!({
                "id": e.b.id,
                "status": e.r.status(),
                "quote": e.b.quote,
                "note": e.b.note,
                "speaker": e.speaker,
                "section": {
                    "index": e.section.0,
                    "number": e.section.1,
                    "title": e.section.2,
                    "label": section_label(&e.section),
                },
                "line": e.line,
                "created": e.b.created,
                "start": span.map(|s| s.start),
                "end": span.map(|s| s.end),
                "stored": { "start": e.b.start, "end": e.b.end, "doc_hash": e.b.doc_hash },
            })
        })
        .collect();
    json!({
        "title": doc.title,
        "doc_hash": super::identity::doc_hash(doc),
        "bookmarks": list,
    })
}
