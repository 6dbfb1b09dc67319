//! The printed outputs: outline, claims list and JSON.
//!
//! All of them write to a `Write` and return `io::Result`, so the caller can
//! treat a closed pipe (`tread --json | head`) as a normal end.

use std::io::{self, Write};

use super::json::JsonDocument;
use crate::transcript::{Document, stats};

/// Shown in place of a speaker for narration (a turn with no speaker).
pub const NARRATION: &str = "(narration)";

/// Print the table of contents: a heading (title, metadata, encoding when
/// not UTF-8), then one line per section with its turn count and speakers
/// with their share of the section's words: `01 Title · 4 turns · A 38%,
/// B 62%`; when the section's first turn has a time, it follows the title
/// (`01 Title · 00:12:05 · 4 turns · …`). The untitled preamble is listed only when it has turns.
pub fn print_outline(doc: &Document, name: &str, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", one_line(doc.title.as_deref().unwrap_or(name)))?;
    if !doc.metadata.is_empty() {
        // A front-matter list is one entry per item under one key: show
        // them together, `chapters: 1. Origins, 2. Worms`.
        let mut meta: Vec<(&str, Vec<&str>)> = Vec::new();
        for m in &doc.metadata {
            match meta.last_mut() {
                Some((key, values)) if *key == m.key => values.push(&m.value),
                _ => meta.push((&m.key, vec![&m.value])),
            }
        }
        let meta: Vec<String> = meta
            .into_iter()
            .map(|(key, values)| {
                let values: Vec<&str> = values.into_iter().filter(|v| !v.is_empty()).collect();
                format!("{key}: {}", values.join(", "))
            })
            .collect();
        writeln!(out, "{}", one_line(&meta.join(" · ")))?;
    }
    if !doc.encoding.is_empty() && doc.encoding != "UTF-8" {
        writeln!(out, "encoding: {}", doc.encoding)?;
    }
    writeln!(out)?;
    let shares = stats::section_shares(doc);
    for (section, shares) in doc.sections.iter().zip(&shares) {
        let preamble = section.number.is_none() && section.title.is_none();
        if preamble && section.turns.is_empty() {
            continue;
        }
        let n = section.turns.len();
        let start = section.turns.first().and_then(|t| t.time).map(|t| {
            let s = t.max(0.0) as u64;
            format!(" · {:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
        });
        let mut line = format!(
            "{}{} · {n} {}",
            section.label(),
            start.unwrap_or_default(),
            if n == 1 { "turn" } else { "turns" }
        );
        if !shares.is_empty() {
            let speakers: Vec<String> = shares
                .iter()
                .map(|s| format!("{} {:.0}%", s.name, s.share * 100.0))
                .collect();
            line.push_str(" · ");
            line.push_str(&speakers.join(", "));
        }
        writeln!(out, "{}", one_line(&line))?;
    }
    Ok(())
}

/// Print one claim per line: `§<section> <speaker>: <text> [<kind>]`, where
/// `<section>` is the section's number, or its index when it has none, and
/// narration shows as [`NARRATION`].
pub fn print_claims(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    for claim in &doc.claims {
        let section = doc.sections.get(claim.section);
        let number = section
            .and_then(|s| s.number.clone())
            .unwrap_or_else(|| claim.section.to_string());
        let speaker = section
            .and_then(|s| s.turns.get(claim.turn))
            .and_then(|t| t.speaker.as_deref())
            .unwrap_or(NARRATION);
        writeln!(
            out,
            "§{number} {}: {} [{}]",
            one_line(speaker),
            one_line(doc.claim_text(claim)),
            claim.kind.as_str()
        )?;
    }
    Ok(())
}

/// Print the model in the `--json` shape (see [`JsonDocument`]).
pub fn print_json(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonDocument::new(doc))?;
    writeln!(out)
}

/// Keep a record on one line, whatever the parser let through.
fn one_line(text: &str) -> String {
    text.replace('\n', " ")
}
