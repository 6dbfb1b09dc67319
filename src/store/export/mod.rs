//! `--bookmarks` output: a document's bookmarks as Markdown, JSON or CSV
//! (`csv.rs`), or Markdown grouped by code or speaker (`grouped.rs`), each
//! printed from its [`Citation`], as the reader's list shows it. Writers
//! take the bookmarks already chosen (a query filters before any writer
//! sees them) and the codebook that names their codes.
//!
//! Bookmarks are listed in document order; detached ones come last, under
//! their own heading. Markdown, per bookmark:
//!
//! ```text
//! > quoted text, every line prefixed
//!
//! — Speaker, §N Section title (line L, 00:12)
//!
//! Codes: pricing/discounts, timing
//!
//! the note, if any
//! ```
//!
//! Narration has no speaker, so the attribution starts at `§`. `lines 21–23`
//! for a quote over several lines; the time only in timed formats; the codes
//! line only for a coded quote. A quote whose words changed is printed as
//! saved, then `Now reads:` and the words the document has now, and `text
//! changed` in the parentheses. A detached one is cited with the speaker,
//! section and line it had when saved.

mod csv;
mod grouped;

pub use csv::{HEADER as CSV_HEADER, write_csv};
pub use grouped::{Group, grouped};

use serde_json::{Value, json};

use super::bookmarks::Bookmark;
use super::cite::{Citation, Status, cite_all};
use super::codes::Codebook;
use crate::transcript::Document;

/// One document's bookmarks for an export that takes several documents.
#[derive(Debug, Clone, Copy)]
pub struct ExportDoc<'a> {
    /// How the export names the document: its file name.
    pub name: &'a str,
    /// How its addresses name it: the path as given, else the name.
    pub file: &'a str,
    pub doc: &'a Document,
    /// Already chosen (by a query, say); the writer cites and orders them.
    pub bookmarks: &'a [Bookmark],
}

impl<'a> ExportDoc<'a> {
    /// A document whose addresses name it by its name.
    pub fn new(name: &'a str, doc: &'a Document, bookmarks: &'a [Bookmark]) -> ExportDoc<'a> {
        ExportDoc {
            name,
            file: name,
            doc,
            bookmarks,
        }
    }
}

/// The heading above detached bookmarks.
pub const DETACHED_HEADING: &str = "## Detached bookmarks";
/// The line between a changed quote's saved words and its current ones.
pub const NOW_READS: &str = "Now reads:";
/// What starts the line naming a quote's codes.
pub const CODES_PREFIX: &str = "Codes: ";

/// The paths of a bookmark's codes (`pricing/discounts`), in the
/// codebook's order; an id the codebook does not know is given as it is,
/// last, so no code is dropped without a trace.
pub fn code_paths(book: &Codebook, ids: &[String]) -> Vec<String> {
    let order = tree_order(book);
    let rank = |id: &str| order.iter().position(|c| *c == id).unwrap_or(usize::MAX);
    let mut known: Vec<(usize, String)> = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match book.path(id) {
            Some(path) => known.push((rank(id), path)),
            None => unknown.push(id.clone()),
        }
    }
    known.sort();
    known.dedup();
    known.into_iter().map(|(_, p)| p).chain(unknown).collect()
}

/// Every code id in tree order: each top code, then the codes under it, in
/// the order they were made. A code whose parent is missing counts as top.
pub fn tree_order(book: &Codebook) -> Vec<&str> {
    let top = |parent: &Option<String>| parent.as_deref().is_none_or(|p| book.get(p).is_none());
    let mut out = Vec::with_capacity(book.codes().len());
    for c in book.codes().iter().filter(|c| top(&c.parent)) {
        out.push(c.id.as_str());
        out.extend(book.children(&c.id).map(|k| k.id.as_str()));
    }
    out
}

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

/// What starts the line giving a quote's address.
pub const ADDRESS_PREFIX: &str = "Address: ";

/// One bookmark, as every Markdown export writes it.
fn push_entry(out: &mut String, file: &str, (b, c): (&Bookmark, &Citation), book: &Codebook) {
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
    if let Some(address) = c.address(file) {
        out.push('\n');
        out.push_str(&format!("{ADDRESS_PREFIX}`{address}`\n"));
    }
    let codes = code_paths(book, &b.codes);
    if !codes.is_empty() {
        out.push('\n');
        out.push_str(CODES_PREFIX);
        out.push_str(&codes.join(", "));
        out.push('\n');
    }
    let note = c.note.trim_end();
    if !note.is_empty() {
        out.push('\n');
        out.push_str(note);
        out.push('\n');
    }
}

/// Entries in the order given (attached first, as [`cite_all`] sorts),
/// detached ones under `detached_heading`.
fn push_list(
    out: &mut String,
    file: &str,
    cited: &[(&Bookmark, Citation)],
    book: &Codebook,
    detached_heading: &str,
) {
    let mut in_detached = false;
    for (b, c) in cited {
        if c.status == Status::Detached && !in_detached {
            in_detached = true;
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(detached_heading);
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        push_entry(out, file, (b, c), book);
    }
}

/// The bookmarks as Markdown; empty if there are none.
pub fn markdown(d: &ExportDoc, book: &Codebook) -> String {
    let mut out = String::new();
    let cited = cite_all(d.doc, d.bookmarks);
    push_list(&mut out, d.file, &cited, book, DETACHED_HEADING);
    out
}

/// `3 of 10 quotes match `code:pricing``: the line a filtered Markdown
/// export starts with.
pub fn match_line(matched: usize, total: usize, query: &str) -> String {
    let noun = if total == 1 { "quote" } else { "quotes" };
    let verb = if matched == 1 { "matches" } else { "match" };
    // A backtick in the query needs a longer fence around it.
    let fence = if query.contains('`') { "`` " } else { "`" };
    let close: String = fence.chars().rev().collect();
    format!("{matched} of {total} {noun} {verb} {fence}{query}{close}")
}

/// The same as [`markdown`], as JSON, plus ids, times and positions. Each
/// bookmark has a `status` (`exact`, `moved`, `changed`, `detached`; older
/// versions wrote `fuzzy` for `changed`), `quote` (the saved words),
/// `current` (the words there now when they differ, else `null`), and its
/// codes by path (`codes`) and by id (`code_ids`), and the `address` of
/// its turn (`null` when detached).
pub fn json(d: &ExportDoc, book: &Codebook) -> Value {
    let list: Vec<Value> = cite_all(d.doc, d.bookmarks)
        .iter()
        .map(|(b, c)| entry(b, c, book, d.file))
        .collect();
    json!({
        "title": d.doc.title,
        "doc_hash": super::identity::doc_hash(d.doc),
        "bookmarks": list,
    })
}

fn entry(b: &Bookmark, c: &Citation, book: &Codebook, file: &str) -> Value {
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
        "address": c.address(file),
        "created": b.created,
        "codes": code_paths(book, &b.codes),
        "code_ids": b.codes,
        "start": c.span.map(|s| s.start),
        "end": c.span.map(|s| s.end),
        "stored": { "start": b.start, "end": b.end, "doc_hash": b.doc_hash },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codes::CodeChange;

    fn book() -> Codebook {
        let mut b = Codebook::default();
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("id-{n}")
        };
        for path in ["timing", "pricing/discounts", "pricing/list"] {
            let id = next();
            for c in b.plan_create(path, id, &mut next).unwrap() {
                b.apply(&c).unwrap();
            }
        }
        b
    }

    #[test]
    fn codes_are_named_by_path_in_tree_order_and_unknown_ids_kept() {
        let mut b = book();
        let ids = |paths: &[&str]| -> Vec<String> {
            paths
                .iter()
                .map(|p| b.find(p).unwrap().id.clone())
                .collect()
        };
        let mut coded = ids(&["pricing/list", "timing", "pricing/discounts"]);
        coded.push("gone".into());
        assert_eq!(
            code_paths(&b, &coded),
            ["timing", "pricing/discounts", "pricing/list", "gone"]
        );
        // A code moved to the top keeps its place in the order it was made.
        let list = b.find("pricing/list").unwrap().id.clone();
        b.apply(&CodeChange::Reparent {
            id: list,
            parent: None,
        })
        .unwrap();
        assert_eq!(tree_order(&b), ["id-1", "id-3", "id-2", "id-4"]);
    }

    #[test]
    fn the_match_line_counts_and_fences_the_query() {
        assert_eq!(
            match_line(1, 4, "code:pricing"),
            "1 of 4 quotes matches `code:pricing`"
        );
        assert_eq!(match_line(0, 1, "a`b"), "0 of 1 quote match `` a`b ``");
    }
}
