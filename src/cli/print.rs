//! The printed outputs: outline, claims list, speaker labels and JSON.
//!
//! All of them write to a `Write` and return `io::Result`, so the caller can
//! treat a closed pipe (`tread --json | head`) as a normal end.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::json::JsonDocument;
use crate::text::sanitise;
use crate::transcript::formats::clock;
use crate::transcript::{Document, stats};

/// Shown in place of a speaker for narration (a turn with no speaker).
pub const NARRATION: &str = "(narration)";

/// Print the table of contents: a heading (title, metadata, encoding when
/// not UTF-8), then one line per section with its turn count and speakers
/// with their share of the section's words: `01 Title · 4 turns · A 38%,
/// B 62%`; when the section's first turn has a time, it follows the title
/// in the document's notation (`01 Title · 12:05 · 4 turns · …`, `h:mm:ss`
/// when the transcript reaches an hour). The untitled preamble is listed
/// only when it has turns.
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
    let hours = clock::hours(doc);
    for (section, shares) in doc.sections.iter().zip(&shares) {
        let preamble = section.number.is_none() && section.title.is_none();
        if preamble && section.turns.is_empty() {
            continue;
        }
        let n = section.turns.len();
        let start = section.turns.first().and_then(|t| t.time);
        let label = section.label();
        // A section named by its times (captions) already shows its start.
        let start = start
            .map(|t| clock::clock(hours, t))
            .filter(|t| !label.starts_with(t.as_str()))
            .map(|t| format!(" · {t}"));
        let mut line = format!(
            "{}{} · {n} {}",
            label,
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

/// Print one claim per line: `§<section> <speaker>: <text> [<kind>: <reason>]`, where
/// `<section>` is the section's number, or its index when it has none, and
/// narration shows as [`NARRATION`].
pub fn print_claims(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    for claim in &doc.claims {
        let section = doc.sections.get(claim.section);
        let mark = section.map_or_else(String::new, |s| s.mark(claim.section));
        let speaker = section
            .and_then(|s| s.turns.get(claim.turn))
            .and_then(|t| t.speaker.as_deref())
            .unwrap_or(NARRATION);
        writeln!(
            out,
            "{} {}: {} [{}: {}]",
            one_line(&mark),
            one_line(speaker),
            one_line(doc.claim_text(claim)),
            claim.kind.as_str(),
            one_line(&claim.reason.to_string())
        )?;
    }
    Ok(())
}

/// Print every speaker-label candidate the parser weighed, in order of
/// first appearance, as aligned columns: name, count, decision (`speaker`,
/// `metadata`, `text`) and reason, with `→ shown as X` for a label folded
/// into a fuller name. Names are padded by display width, so CJK names
/// line up; nothing is printed when there are no candidates.
pub fn print_speakers(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    // Names and reasons come from the file (and the user's flags): they
    // pass the sanitiser before they are measured, so the padding fits
    // what is actually shown.
    let rows: Vec<(String, String, &str, String)> = doc
        .candidates
        .iter()
        .map(|c| {
            let mut reason = sanitise(&c.reason).into_owned();
            if let Some(to) = &c.shown_as {
                reason.push_str(" → shown as ");
                reason.push_str(&sanitise(to));
            }
            let name = sanitise(&c.name).into_owned();
            (name, c.count.to_string(), c.decision.as_str(), reason)
        })
        .collect();
    let name_width = rows.iter().map(|r| r.0.width()).max().unwrap_or(0);
    let count_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let decision_width = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
    for (name, count, decision, reason) in &rows {
        let pad = " ".repeat(name_width - name.width());
        let line =
            format!("{name}{pad}  {count:>count_width$}  {decision:<decision_width$}  {reason}");
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Print the model in the `--json` shape (see [`JsonDocument`]).
pub fn print_json(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    super::json::write_json(out, &JsonDocument::new(doc))
}

/// Keep a record on one line, whatever the parser let through, and
/// sanitised: not every reader's text went through the decoder's cleaning
/// (a JSON transcript's `\u001b` is unescaped after it).
fn one_line(text: &str) -> String {
    sanitise(&text.replace('\n', " ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::parse::{Candidate, Decision};

    /// No ESC, BEL or C1 control, raw, anywhere in `text`.
    fn assert_inert(text: &str) {
        let bad = text
            .chars()
            .find(|c| (c.is_control() && *c != '\n') || ('\u{80}'..='\u{9f}').contains(c));
        assert_eq!(bad, None, "{text:?}");
    }

    fn candidate(name: &str, count: usize, decision: Decision, reason: &str) -> Candidate {
        Candidate {
            name: name.to_string(),
            shown_as: None,
            count,
            line: 1,
            decision,
            reason: reason.to_string(),
        }
    }

    fn printed(candidates: Vec<Candidate>) -> String {
        let doc = Document {
            candidates,
            ..Document::default()
        };
        let mut out = Vec::new();
        print_speakers(&doc, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn printer_pads_by_display_width_and_shows_the_folded_name() {
        let mut short = candidate("小扎", 2, Decision::Speaker, "short form");
        short.shown_as = Some("扎克伯格".into());
        let text = printed(vec![
            candidate("扎克伯格", 13, Decision::Speaker, "recurs 13 times"),
            short,
            candidate("日期", 1, Decision::Metadata, "header key"),
            candidate("Note", 1, Decision::Text, "stage note"),
        ]);
        assert_eq!(
            text,
            "扎克伯格  13  speaker   recurs 13 times\n\
             小扎       2  speaker   short form → shown as 扎克伯格\n\
             日期       1  metadata  header key\n\
             Note       1  text      stage note\n"
        );
    }

    #[test]
    fn printer_sanitises_names_reasons_and_folded_names() {
        let mut c = candidate("\x1b]0;t\x07A\u{9b}", 1, Decision::Speaker, "why\x1b[2J");
        c.shown_as = Some("B\x1b[31m\u{202e}".into());
        let text = printed(vec![c]);
        assert_inert(&text);
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert_eq!(text, "␛]0;t␇A<9B>  1  speaker  why␛[2J → shown as B␛[31m\n");
    }

    #[test]
    fn printer_prints_nothing_without_candidates() {
        assert_eq!(printed(Vec::new()), "");
    }
}
