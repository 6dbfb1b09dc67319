//! `--format markdown --group code|speaker`: the quotes under a `##`
//! heading per code (its path; a quote with two codes is under both, one
//! with none under `## Uncoded`) or per speaker (`## Narration` for
//! narration), each written as the plain Markdown export writes it.
//!
//! Codes come in the codebook's tree order, speakers in the order they are
//! first quoted; groups with no quote are left out. Quotes from several
//! documents are under a `###` heading per document inside each group.
//! Within a group, a document's quotes are in document order, detached
//! ones last under their own heading, as in the plain export.

use super::{ExportDoc, push_list, tree_order};
use crate::store::bookmarks::Bookmark;
use crate::store::cite::{Citation, cite_all};
use crate::store::codes::Codebook;

/// What `--group` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Code,
    Speaker,
}

impl Group {
    /// The names `--group` takes, for its error message.
    pub const NAMES: &'static str = "code or speaker";

    pub fn from_name(name: &str) -> Option<Group> {
        match name.to_ascii_lowercase().as_str() {
            "code" | "codes" => Some(Group::Code),
            "speaker" | "speakers" | "spk" => Some(Group::Speaker),
            _ => None,
        }
    }
}

/// The heading of quotes with no code.
pub const UNCODED: &str = "Uncoded";
/// The heading of quotes of narration.
pub const NARRATION: &str = "Narration";

/// The grouped export of `docs`; empty if there is no quote.
pub fn grouped(docs: &[ExportDoc], book: &Codebook, by: Group) -> String {
    let cited: Vec<Vec<(&Bookmark, Citation)>> =
        docs.iter().map(|d| cite_all(d.doc, d.bookmarks)).collect();
    let keys = match by {
        Group::Code => code_keys(book, &cited),
        Group::Speaker => speaker_keys(&cited),
    };
    let several = docs.len() > 1;
    let detached = if several {
        "#### Detached bookmarks"
    } else {
        "### Detached bookmarks"
    };
    let mut out = String::new();
    for key in &keys {
        let mut heading_done = false;
        for (d, quotes) in docs.iter().zip(&cited) {
            let picked: Vec<(&Bookmark, Citation)> = quotes
                .iter()
                .filter(|(b, c)| key.holds(b, c))
                .map(|(b, c)| (*b, c.clone()))
                .collect();
            if picked.is_empty() {
                continue;
            }
            if !heading_done {
                heading(&mut out, &format!("## {}", key.heading(book)));
                heading_done = true;
            }
            if several {
                heading(&mut out, &format!("### {}", d.name));
            }
            push_list(&mut out, d.file, &picked, book, detached);
        }
    }
    out
}

fn heading(out: &mut String, text: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(text);
    out.push('\n');
}

/// One group.
enum Key {
    /// A code id (the codebook's, or one it does not know).
    Code(String),
    Uncoded,
    /// `None` for narration.
    Speaker(Option<String>),
}

impl Key {
    fn holds(&self, b: &Bookmark, c: &Citation) -> bool {
        match self {
            Key::Code(id) => b.codes.contains(id),
            Key::Uncoded => b.codes.is_empty(),
            Key::Speaker(s) => c.speaker == *s,
        }
    }

    fn heading(&self, book: &Codebook) -> String {
        match self {
            Key::Code(id) => book.path(id).unwrap_or_else(|| id.clone()),
            Key::Uncoded => UNCODED.to_string(),
            Key::Speaker(Some(name)) => name.clone(),
            Key::Speaker(None) => NARRATION.to_string(),
        }
    }
}

/// Every code in tree order, then ids the book does not know in the order
/// met, then the uncoded.
fn code_keys(book: &Codebook, cited: &[Vec<(&Bookmark, Citation)>]) -> Vec<Key> {
    let mut keys: Vec<Key> = tree_order(book)
        .into_iter()
        .map(|id| Key::Code(id.to_string()))
        .collect();
    let mut unknown: Vec<&String> = Vec::new();
    for (b, _) in cited.iter().flatten() {
        for id in &b.codes {
            if book.get(id).is_none() && !unknown.contains(&id) {
                unknown.push(id);
            }
        }
    }
    keys.extend(unknown.into_iter().map(|id| Key::Code(id.clone())));
    keys.push(Key::Uncoded);
    keys
}

/// Every speaker in the order first quoted.
fn speaker_keys(cited: &[Vec<(&Bookmark, Citation)>]) -> Vec<Key> {
    let mut seen: Vec<Option<String>> = Vec::new();
    for (_, c) in cited.iter().flatten() {
        if !seen.contains(&c.speaker) {
            seen.push(c.speaker.clone());
        }
    }
    seen.into_iter().map(Key::Speaker).collect()
}
