//! `--claims --format csv|json|markdown`: the ledger joined with the
//! claims detected now ([`rows`](super::join::rows)), one record per
//! claim in document order, entries found nowhere last.
//!
//! Claims marked "not a claim" are left out of every export's list: the
//! user said they are no claims. They are not lost: JSON lists them apart
//! (`not_claims`), Markdown ends with how many were left out, and the CSV,
//! pure data, has none (the command line says how many on stderr). Every
//! field passes the sanitiser; CSV as `--bookmarks` writes it (RFC 4180,
//! `\r\n`, a header row).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::join::{Progress, Row};
use crate::text::{sanitise, sanitise_lines};
use crate::transcript::Document;

/// The CSV header. `reason` is the cue that made the detector take it.
///
/// `address` is the claim's turn, `FILE@§S.tT` (empty for an entry found
/// nowhere), last so columns read by position keep their place.
pub const HEADER: [&str; 16] = [
    "document",
    "section",
    "speaker",
    "time",
    "line",
    "last_line",
    "claim",
    "kind",
    "reason",
    "status",
    "note",
    "sources",
    "found",
    "anchor",
    "id",
    "address",
];

/// Why the detector took the claim: empty until `Claim` carries a reason.
/// The one place to fill in when it does (`c.reason.clone()`).
pub fn reason(doc: &Document, row: &Row) -> String {
    let _claim = row.claim.and_then(|i| doc.claims.get(i));
    String::new()
}

/// How an entry's words were found again (`exact`, `moved`, `changed`,
/// `detached`); empty for a claim with no entry.
fn anchor(r: &Row) -> &'static str {
    r.entry.map_or("", |_| r.citation.status.as_str())
}

/// The rows an export lists, and how many marked not a claim it leaves out.
pub fn listed<'r, 'a>(rows: &'r [Row<'a>]) -> (Vec<&'r Row<'a>>, usize) {
    let shown: Vec<&Row> = rows.iter().filter(|r| !r.is_not_a_claim()).collect();
    let hidden = rows.len() - shown.len();
    (shown, hidden)
}

/// The document: its `name` and how addresses name it (`file`).
pub type Named<'a> = (&'a str, &'a str);

pub fn write_csv(
    out: impl Write,
    (name, file): Named,
    doc: &Document,
    rows: &[Row],
) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    let name = sanitise(name);
    for r in listed(rows).0 {
        let c = &r.citation;
        let sources = r.sources().join("\n");
        let why = reason(doc, r);
        let address = c.address(file).unwrap_or_default();
        let record: [&str; 16] = [
            &name,
            &sanitise(&c.section.label),
            &sanitise(c.speaker.as_deref().unwrap_or_default()),
            &c.time_label().unwrap_or_default(),
            &c.first_line.to_string(),
            &c.last_line.to_string(),
            &sanitise_lines(r.text()),
            &sanitise(r.kind(doc)),
            &sanitise_lines(&why),
            r.status().as_str(),
            &sanitise_lines(r.note()),
            &sanitise_lines(&sources),
            r.found.as_str(),
            anchor(r),
            &sanitise(r.entry.map_or("", |e| e.id.as_str())),
            &sanitise(&address),
        ];
        w.write_record(record)?;
    }
    w.flush()
}

fn row_json(doc: &Document, file: &str, r: &Row) -> Value {
    let c = &r.citation;
    json!({
        "section": c.section.label,
        "speaker": c.speaker,
        "time": c.time_label(),
        "seconds": c.time,
        "line": c.first_line,
        "last_line": c.last_line,
        "claim": r.text(),
        "kind": r.kind(doc),
        "reason": reason(doc, r),
        "status": r.status().as_str(),
        "note": r.note(),
        "sources": r.sources(),
        "found": r.found.as_str(),
        "anchor": r.entry.map(|_| anchor(r)),
        "saved_words": c.current.as_ref().map(|_| &c.quote),
        "id": r.entry.map(|e| &e.id),
        "address": c.address(file),
    })
}

/// The export as JSON (the command line writes it with every character the
/// sanitiser flags escaped).
pub fn json((name, file): Named, doc: &Document, rows: &[Row]) -> Value {
    let (shown, _) = listed(rows);
    let progress = Progress::of(rows);
    let counts: serde_json::Map<String, Value> = super::Status::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), json!(progress.count(*s))))
        .collect();
    let not: Vec<Value> = rows
        .iter()
        .filter(|r| r.is_not_a_claim())
        .map(|r| row_json(doc, file, r))
        .collect();
    json!({
        "document": name,
        "progress": { "checked": progress.done(), "total": progress.total(), "by_status": counts },
        "claims": shown.iter().map(|r| row_json(doc, file, r)).collect::<Vec<_>>(),
        "not_claims": not,
    })
}

/// The export as Markdown, sanitised (line feeds kept).
pub fn markdown((name, file): Named, doc: &Document, rows: &[Row]) -> String {
    let (shown, hidden) = listed(rows);
    let mut s = format!("# Claims: {name}\n\n{}\n", Progress::of(rows).label());
    for r in shown {
        s.push('\n');
        for line in r.text().lines() {
            s.push_str("> ");
            s.push_str(line);
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&r.citation.attribution());
        s.push_str("\n\n");
        if let Some(address) = r.citation.address(file) {
            s.push_str(&format!("Address: `{address}`\n\n"));
        }
        let mut facts = vec![format!("**{}**", r.status().label())];
        let kind = r.kind(doc);
        if !kind.is_empty() {
            facts.push(kind.to_string());
        }
        let why = reason(doc, r);
        if !why.is_empty() {
            facts.push(format!("reason: {why}"));
        }
        if r.found != super::Found::Detected {
            facts.push(r.found.as_str().to_string());
        }
        s.push_str(&facts.join(" · "));
        s.push('\n');
        if !r.note().is_empty() {
            s.push('\n');
            s.push_str(r.note());
            s.push('\n');
        }
        let sources = r.sources();
        if !sources.is_empty() {
            s.push_str("\nSources:\n");
            for src in sources {
                s.push_str("- ");
                s.push_str(&src.replace('\n', " "));
                s.push('\n');
            }
        }
    }
    if hidden > 0 {
        let what = if hidden == 1 { "claim" } else { "claims" };
        s.push_str(&format!("\n{hidden} {what} marked not a claim left out.\n"));
    }
    sanitise_lines(&s).into_owned()
}
