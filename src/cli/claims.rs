//! `--claims`: the claims detected, one a line with their ledger status,
//! or (`--format csv|json|markdown`) the ledger export
//! ([`crate::store::ledger::export`]).
//!
//! The one-line list is the detector's whole list, as before the ledger:
//! a claim marked not a claim is printed too, marked so, because leaving
//! a line out there would be silent. Claims added by hand follow in
//! document order, `[by hand]`; an entry whose claim is no longer detected
//! shows `not detected` after its kind.

use std::io::{self, Write};

use anyhow::Result;

use super::{Args, FlagError, Format, output, session, write_json};
use crate::store::ledger::{self, Found, Row, Status, export};
use crate::text::sanitise;
use crate::transcript::Document;
use crate::transcript::section_mark;

/// Shown in place of a speaker for narration, as in the plain list.
use super::print::NARRATION;

/// Print the list or the export `args` asks for.
pub fn run(args: &Args, doc: &Document, name: &str) -> Result<()> {
    let format = args.claims_format().map_err(FlagError)?;
    let entries = session::stored_ledger(args, doc, name, format.is_some());
    let rows = ledger::rows(doc, &entries);
    let file = session::address_file(args).unwrap_or_else(|| name.to_string());
    let named = (name, file.as_str());
    let mut bytes = Vec::new();
    match format {
        None => print_lines(doc, &rows, &mut bytes)?,
        Some(Format::Json) => write_json(&mut bytes, &export::json(named, doc, &rows))?,
        Some(Format::Csv) => {
            export::write_csv(&mut bytes, named, doc, &rows)?;
            let (_, hidden) = export::listed(&rows);
            if hidden > 0 {
                super::warn(&format!(
                    "{hidden} marked not a claim left out (--format json lists them)"
                ));
            }
        }
        Some(_) => bytes = export::markdown(named, doc, &rows).into_bytes(),
    }
    output::emit(None, &bytes, [])
}

/// `§<section> <speaker>: <text> [<kind>]`, then ` · <status>` when the
/// ledger has one other than unchecked.
pub fn print_lines(doc: &Document, rows: &[Row], out: &mut impl Write) -> io::Result<()> {
    for r in rows {
        let c = &r.citation;
        let mark = section_mark(c.section.index, c.section.number.as_deref());
        let speaker = c.speaker.as_deref().unwrap_or(NARRATION);
        let kind = match (r.found, r.kind(doc)) {
            (Found::ByHand, _) => "by hand".to_string(),
            (Found::NotDetected, k) => format!("{k}, not detected"),
            (Found::Detected, k) => k.to_string(),
        };
        let mut line = format!("{mark} {speaker}: {} [{kind}]", r.text());
        if r.status() != Status::Unchecked {
            line.push_str(" · ");
            line.push_str(r.status().label());
        }
        writeln!(out, "{}", sanitise(&line.replace('\n', " ")))?;
    }
    Ok(())
}
