//! SubRip (SRT) captions, read leniently: a numeric index, then
//! `00:00:01,000 --> 00:00:02,000`, then the text up to a blank line.
//! Malformed times (`00:01:02,50`, `.` for `,`, no hours), missing blank
//! lines between cues, extra spaces and a BOM are tolerated; tags such as
//! `<i>` and `{\an8}` are stripped. Speakers come from `Name:` in the text.
//!
//! Structure: indices and timing lines. Every other non-blank line is text
//! of a cue, so every cue's text ends up in a turn.

use super::FormatError;
use super::cues::{Cue, assemble};
use crate::transcript::model::Document;
use crate::transcript::parse;

/// The start and end of a timing line, if it is one.
pub(super) fn timing(line: &str) -> Option<(f64, f64)> {
    let (a, b) = line.split_once("-->")?;
    let start = time(a.trim())?;
    // Coordinates (`X1:…`) may follow the end time.
    let end = time(b.split_whitespace().next()?)?;
    Some((start, end))
}

fn time(s: &str) -> Option<f64> {
    let s = s.trim();
    // A fourth field written with `:` for the milliseconds: `00:00:01:000`.
    if s.matches(':').count() == 3 {
        let (hms, ms) = s.rsplit_once(':')?;
        return parse::clock(&format!("{hms},{ms}"));
    }
    parse::clock(s)
}

fn is_index(line: &str) -> bool {
    !line.is_empty() && line.len() <= 9 && line.bytes().all(|b| b.is_ascii_digit())
}

/// Detection: one of the first lines is an SRT timing line.
pub(super) fn looks_like(lines: &[&str]) -> bool {
    lines.iter().take(4).any(|l| timing(l).is_some())
}

/// Remove `<i>`, `</font>` and `{\an8}`-style tags.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find(['<', '{']) {
        out.push_str(&rest[..open]);
        let close = if rest[open..].starts_with('<') {
            '>'
        } else {
            '}'
        };
        let tagged = rest[open + 1..]
            .find(close)
            .filter(|&c| c <= 40)
            .filter(|_| close == '>' || rest[open + 1..].starts_with('\\'))
            .filter(|&c| {
                let inner = &rest[open + 1..open + 1 + c];
                close == '}'
                    || inner
                        .trim_start_matches('/')
                        .starts_with(|ch: char| ch.is_ascii_alphabetic())
            });
        match tagged {
            Some(c) => rest = &rest[open + 1 + c + 1..],
            None => {
                out.push_str(&rest[open..open + 1]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn read(text: &str, rules: &parse::SpeakerRules) -> Result<Document, FormatError> {
    let lines: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim();
            if i == 0 {
                l.trim_start_matches('\u{feff}').trim()
            } else {
                l
            }
        })
        .collect();
    let mut cues: Vec<Cue> = Vec::new();
    let mut open: Option<Cue> = None;
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        if let Some((start, end)) = timing(line) {
            cues.extend(open.take());
            open = Some(Cue {
                start: Some(start),
                end: Some(end),
                speaker: None,
                text: String::new(),
                line: no,
                end_line: no,
                ..Cue::default()
            });
            continue;
        }
        // An index right before a timing line is structure, even without a
        // blank line before it.
        if is_index(line) && lines.get(i + 1).is_some_and(|n| timing(n).is_some()) {
            continue;
        }
        if line.is_empty() {
            cues.extend(open.take());
            continue;
        }
        Cue::add_line(&mut open, no, &strip_tags(line), false);
    }
    cues.extend(open);
    if !cues.iter().any(|c| c.start.is_some()) {
        return Err(FormatError::Srt(
            "no timing lines like `00:00:01,000 --> 00:00:02,000`".into(),
        ));
    }
    Ok(assemble(cues, Document::default(), rules))
}
