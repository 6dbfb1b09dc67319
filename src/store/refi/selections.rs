//! What a project holds for each document besides its text: a selection
//! per bookmark that has a place in the text (detached ones as notes), and
//! with speaker codes a selection per turn; each with the codes it carries.

use super::code_guid;
use super::qdc::CodeNode;
use super::qdpx::{ExportDoc, Exported, SPEAKERS};
use super::short;
use super::source::Source;
use crate::store::bookmarks::Bookmark;
use crate::store::cite::{Citation, Status, cite_all};
use crate::store::codes::{Codebook, guid_for};

/// One selection to write.
pub(super) struct Selection {
    pub(super) guid: String,
    pub(super) name: String,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) created: String,
    pub(super) description: String,
    /// (coding GUID, code GUID).
    pub(super) codes: Vec<(String, String)>,
}

/// A detached bookmark, as a project note.
pub(super) struct Note {
    pub(super) guid: String,
    pub(super) name: String,
    pub(super) created: String,
    pub(super) text: String,
}

/// Each bookmark with a place as a selection; the detached ones as notes.
pub(super) fn bookmark_selections(
    d: &ExportDoc,
    source: &Source,
    book: &Codebook,
    notes: &mut Vec<Note>,
    exported: &mut Exported,
) -> Vec<Selection> {
    let (mut changed, mut missing_codes) = (0, 0);
    let mut out = Vec::new();
    for (b, c) in cite_all(d.doc, d.bookmarks) {
        let place = c.span.and_then(|s| source.range(&s));
        let Some((start, end)) = place else {
            notes.push(note(b, &c, book));
            continue;
        };
        let mut codes = Vec::new();
        for id in &b.codes {
            match book.get(id) {
                Some(code) => codes.push((
                    guid_for("coding", &format!("{}/{id}", b.id)),
                    code_guid(&code.id),
                )),
                None => missing_codes += 1,
            }
        }
        let mut description = c.note.trim_end().to_string();
        if c.status == Status::Changed {
            changed += 1;
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&format!(
                "(tread: saved as “{}”; the text has changed since)",
                c.quote
            ));
        }
        out.push(Selection {
            guid: guid_for("bookmark", &b.id),
            name: short(&source.slice(start, end), 60),
            start,
            end,
            created: b.created.clone(),
            description,
            codes,
        });
    }
    let name = d.name;
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            format!("{n} {many}")
        }
    };
    if !notes.is_empty() {
        let n = notes.len();
        exported.warnings.push(format!(
            "{name}: {} no place in its text now; exported as project notes",
            plural(n, "a detached bookmark has", "detached bookmarks have")
        ));
    }
    if changed > 0 {
        exported.warnings.push(format!(
            "{name}: {} exported at the words there now",
            plural(
                changed,
                "a bookmark whose words changed is",
                "bookmarks whose words changed are"
            )
        ));
    }
    if missing_codes > 0 {
        exported.warnings.push(format!(
            "{name}: {} not in the codebook, left out",
            plural(
                missing_codes,
                "a bookmark's code is",
                "codes of bookmarks are"
            )
        ));
    }
    out
}

pub(super) fn note(b: &Bookmark, c: &Citation, book: &Codebook) -> Note {
    let mut text = format!(
        "Detached bookmark: its words are no longer found in the document.\n\n“{}”\n{}",
        c.quote,
        c.attribution()
    );
    let codes: Vec<String> = b.codes.iter().filter_map(|id| book.path(id)).collect();
    if !codes.is_empty() {
        text.push_str(&format!("\nCodes: {}", codes.join(", ")));
    }
    if !c.note.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(c.note.trim_end());
    }
    Note {
        guid: guid_for("note", &b.id),
        name: format!("Detached: {}", short(&c.quote, 50)),
        created: b.created.clone(),
        text,
    }
}

/// The `Speakers` code with a code per speaker of every document, in the
/// order they first speak.
pub(super) fn speaker_codes(docs: &[ExportDoc]) -> CodeNode {
    let mut children: Vec<CodeNode> = Vec::new();
    for d in docs {
        for s in d.doc.speakers() {
            if !children.iter().any(|c| c.name == s.name) {
                children.push(CodeNode {
                    guid: guid_for("speaker", &s.name),
                    name: s.name,
                    color: None,
                    description: String::new(),
                    children: Vec::new(),
                });
            }
        }
    }
    CodeNode {
        guid: guid_for("speakers", SPEAKERS),
        name: SPEAKERS.to_string(),
        color: None,
        description: "Each turn coded with its speaker (exported by tread)".to_string(),
        children,
    }
}

/// A selection per turn with a speaker and some text, coded with it.
pub(super) fn turn_selections(
    source_guid: &str,
    source: &Source,
    group: &CodeNode,
    now: &str,
) -> Vec<Selection> {
    let mut out = Vec::new();
    for t in &source.turns {
        let Some(speaker) = t.speaker.as_deref() else {
            continue;
        };
        let Some(code) = group.children.iter().find(|c| c.name == speaker) else {
            continue;
        };
        if t.end <= t.start {
            continue;
        }
        let id = format!("{source_guid}/{}/{}", t.section, t.turn);
        out.push(Selection {
            guid: guid_for("turn", &id),
            name: format!("{speaker}: {}", short(&source.slice(t.start, t.end), 40)),
            start: t.start,
            end: t.end,
            created: now.to_string(),
            description: String::new(),
            codes: vec![(guid_for("turn-coding", &id), code.guid.clone())],
        });
    }
    out
}
