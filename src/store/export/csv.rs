//! `--format csv`: one row per quote, RFC 4180 (the `csv` crate's quoting,
//! `\r\n` after every record), UTF-8, a header row first.
//!
//! Every field passes the sanitiser (quote, note and current words keep
//! their line feeds; the crate quotes such fields). A field that starts with
//! `=`, `+`, `-` or `@` is written as it is: a spreadsheet may read it as a
//! formula, and changing the data to stop that would make the export lie
//! about the quote. The README says so.

use std::io::{self, Write};

use super::{ExportDoc, code_paths};
use crate::store::cite::cite_all;
use crate::store::codes::Codebook;
use crate::text::{sanitise, sanitise_lines};

/// The header row. `line` and `last_line` are the source lines the quote
/// starts and ends on (the same for a one-line quote), as in the JSON;
/// `address` the turn's, `FILE@§S.tT` (empty when detached), last so
/// columns read by position keep their place.
pub const HEADER: [&str; 13] = [
    "document",
    "speaker",
    "section",
    "line",
    "last_line",
    "time",
    "codes",
    "note",
    "quote",
    "current",
    "status",
    "id",
    "address",
];

/// Write every document's bookmarks as CSV rows, documents in the order
/// given, each one's quotes in document order (detached ones last).
pub fn write_csv(out: impl Write, docs: &[ExportDoc], book: &Codebook) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for d in docs {
        let name = sanitise(d.name);
        for (b, c) in cite_all(d.doc, d.bookmarks) {
            let time = c.time_label().unwrap_or_default();
            let codes = code_paths(book, &b.codes).join("; ");
            let current = c.current.as_deref().unwrap_or_default();
            let address = c.address(d.file).unwrap_or_default();
            let row: [&str; 13] = [
                &name,
                &sanitise(c.speaker.as_deref().unwrap_or_default()),
                &sanitise(&c.section.label),
                &c.first_line.to_string(),
                &c.last_line.to_string(),
                &time,
                &sanitise(&codes),
                &sanitise_lines(&c.note),
                &sanitise_lines(&c.quote),
                &sanitise_lines(current),
                c.status.as_str(),
                &sanitise(&b.id),
                &sanitise(&address),
            ];
            w.write_record(row)?;
        }
    }
    w.flush()
}
