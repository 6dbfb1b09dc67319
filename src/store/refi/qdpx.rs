//! A REFI-QDA project (`.qdpx`): a zip of `project.qde` (XML, valid
//! against `Project-mrt2019.xsd`) and `sources/<guid>.txt`, each
//! document's text as [`source::render`] writes it.
//!
//! The project has one `User`, the `CodeBook` (as in a `.qdc`), and a
//! `TextSource` per document holding a `PlainTextSelection` per bookmark:
//! character positions into the source text (`startPosition` inclusive,
//! `endPosition` exclusive), the quote cut short as its name, the note as
//! its `Description`, a `Coding`/`CodeRef` per code. GUIDs are stable: the
//! same bookmark, document or speaker gets the same GUID in every export.
//!
//! Bookmarks found elsewhere than saved are exported where they are now; a
//! changed one (its words edited) at the words there now, its description
//! saying what was saved. A detached one has no place in the text: it
//! becomes a project `Note` referenced from its document, with its quote,
//! citation, codes and note. Each of those is counted in a warning.
//!
//! With `speaker_codes`, a code per speaker under a code `Speakers`, and a
//! selection per turn covering its text, coded with its speaker, as QDA
//! tools expect for interviews and focus groups.

use std::io::{self, Seek, Write};

use super::qdc::{tree, write_codes};
use super::selections::{Note, Selection, bookmark_selections, speaker_codes, turn_selections};
use super::source::{Source, render};
use super::{PROJECT_NS, Xml, is_datetime};
use crate::store::codes::{Codebook, guid_for};
pub use crate::store::export::ExportDoc;
use crate::store::identity::doc_hash;
use crate::transcript::Document;

/// How the project is written.
#[derive(Debug, Clone, PartialEq)]
pub struct QdpxOptions {
    /// The one user: the name selections are credited to.
    pub user: String,
    /// The project's creation time (RFC 3339), given so exports are
    /// reproducible.
    pub now: String,
    /// A code per speaker, and every turn coded with its speaker.
    pub speaker_codes: bool,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exported {
    pub selections: usize,
    pub notes: usize,
    /// Bookmarks not exported as selections, and codes left out: one line
    /// each, for the user.
    pub warnings: Vec<String>,
}

/// The name of the code speakers are grouped under.
pub const SPEAKERS: &str = "Speakers";

/// Write the project as a zip to `out`.
pub fn write_qdpx(
    docs: &[ExportDoc],
    book: &Codebook,
    options: &QdpxOptions,
    out: impl Write + Seek,
) -> io::Result<Exported> {
    let project = project(docs, book, options);
    let mut zip = zip::ZipWriter::new(out);
    let file = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", file)?;
    zip.write_all(project.xml.as_bytes())?;
    for (guid, source) in &project.sources {
        zip.start_file(format!("sources/{guid}.txt"), file)?;
        zip.write_all(source.text.as_bytes())?;
    }
    zip.finish()?;
    Ok(project.exported)
}

/// The project before it is zipped: its XML and each source's text.
pub struct Project {
    pub xml: String,
    /// (GUID, text) of each document, in order.
    pub sources: Vec<(String, Source)>,
    pub exported: Exported,
}

/// Build the project's XML and texts.
pub fn project(docs: &[ExportDoc], book: &Codebook, options: &QdpxOptions) -> Project {
    let user = guid_for("user", &options.user);
    let mut codes = tree(book);
    let speakers = options.speaker_codes.then(|| speaker_codes(docs));
    if let Some(group) = speakers.as_ref().filter(|g| !g.children.is_empty()) {
        codes.push(group.clone());
    }
    let mut x = Xml::new();
    let name = match docs {
        [one] => one.name.to_string(),
        _ => format!("tread export of {} documents", docs.len()),
    };
    let mut attrs = vec![
        ("xmlns", PROJECT_NS),
        ("name", name.as_str()),
        ("origin", concat!("tread ", env!("CARGO_PKG_VERSION"))),
        ("creatingUserGUID", user.as_str()),
    ];
    if is_datetime(&options.now) {
        attrs.push(("creationDateTime", options.now.as_str()));
    }
    x.open("Project", &attrs);
    x.open("Users", &[]);
    x.empty("User", &[("guid", &user), ("name", &options.user)]);
    x.close("Users");
    if !codes.is_empty() {
        x.open("CodeBook", &[]);
        write_codes(&mut x, &codes);
        x.close("CodeBook");
    }
    let mut exported = Exported::default();
    let mut sources: Vec<(String, Source)> = Vec::new();
    let mut notes = Vec::new();
    if !docs.is_empty() {
        x.open("Sources", &[]);
    }
    for d in docs {
        let guid = source_guid(d.doc, &sources);
        let source = render(d.doc);
        let mut doc_notes = Vec::new();
        let mut selections = bookmark_selections(d, &source, book, &mut doc_notes, &mut exported);
        if let Some(group) = &speakers {
            selections.extend(turn_selections(&guid, &source, group, &options.now));
        }
        selections.sort_by_key(|s| (s.start, s.end));
        exported.selections += selections.len();
        let creator = Creator {
            user: &user,
            now: &options.now,
        };
        write_source(&mut x, d.name, &guid, &selections, &doc_notes, creator);
        notes.extend(doc_notes);
        sources.push((guid, source));
    }
    if !docs.is_empty() {
        x.close("Sources");
    }
    exported.notes = notes.len();
    write_notes(&mut x, &notes, &user);
    x.close("Project");
    Project {
        xml: x.finish(),
        sources,
        exported,
    }
}

/// A document's GUID: from its text, so the same document has the same
/// one in every export; numbered when two in one project have one text.
fn source_guid(doc: &Document, taken: &[(String, Source)]) -> String {
    let hash = doc_hash(doc);
    let mut guid = guid_for("source", &hash);
    let mut n = 1;
    while taken.iter().any(|(g, _)| *g == guid) {
        n += 1;
        guid = guid_for("source", &format!("{hash}/{n}"));
    }
    guid
}

/// Who made what, for the attributes every element may carry.
#[derive(Clone, Copy)]
struct Creator<'a> {
    user: &'a str,
    now: &'a str,
}

fn write_source(
    x: &mut Xml,
    name: &str,
    guid: &str,
    sels: &[Selection],
    notes: &[Note],
    by: Creator,
) {
    let path = format!("internal://{guid}.txt");
    let mut attrs = vec![
        ("guid", guid),
        ("name", name),
        ("plainTextPath", path.as_str()),
        ("creatingUser", by.user),
    ];
    if is_datetime(by.now) {
        attrs.push(("creationDateTime", by.now));
    }
    if sels.is_empty() && notes.is_empty() {
        x.empty("TextSource", &attrs);
        return;
    }
    x.open("TextSource", &attrs);
    for s in sels {
        write_selection(x, s, by.user);
    }
    for n in notes {
        x.empty("NoteRef", &[("targetGUID", &n.guid)]);
    }
    x.close("TextSource");
}

fn write_selection(x: &mut Xml, s: &Selection, user: &str) {
    let (start, end) = (s.start.to_string(), s.end.to_string());
    let mut attrs = vec![
        ("guid", s.guid.as_str()),
        ("name", s.name.as_str()),
        ("startPosition", start.as_str()),
        ("endPosition", end.as_str()),
        ("creatingUser", user),
    ];
    if is_datetime(&s.created) {
        attrs.push(("creationDateTime", s.created.as_str()));
    }
    x.open("PlainTextSelection", &attrs);
    if !s.description.is_empty() {
        x.text("Description", &s.description);
    }
    for (coding, code) in &s.codes {
        let mut attrs = vec![("guid", coding.as_str()), ("creatingUser", user)];
        if is_datetime(&s.created) {
            attrs.push(("creationDateTime", s.created.as_str()));
        }
        x.open("Coding", &attrs);
        x.empty("CodeRef", &[("targetGUID", code)]);
        x.close("Coding");
    }
    x.close("PlainTextSelection");
}

fn write_notes(x: &mut Xml, notes: &[Note], user: &str) {
    if notes.is_empty() {
        return;
    }
    x.open("Notes", &[]);
    for n in notes {
        let mut attrs = vec![
            ("guid", n.guid.as_str()),
            ("name", n.name.as_str()),
            ("creatingUser", user),
        ];
        if is_datetime(&n.created) {
            attrs.push(("creationDateTime", n.created.as_str()));
        }
        x.open("Note", &attrs);
        x.text("PlainTextContent", &n.text);
        x.close("Note");
    }
    x.close("Notes");
}
