//! Diarized and timestamped text, as speech-to-text tools write it:
//! `[Speaker 1] [00:12] text`, `SPEAKER_00: text`, `[00:01:02] Name:` with
//! the text on the next line, Otter's `Name  0:00` line with the text below,
//! and Whisper's `[00:00.000 --> 00:04.000] text` (no speakers: one
//! narration turn per pause-separated block).
//!
//! Structure: the timestamps and speaker tags of header lines. Every other
//! non-blank line is text of the turn it follows.

use super::FormatError;
use super::cues::{Cue, assemble, is_generic_speaker};
use crate::transcript::model::Document;
use crate::transcript::parse::{self, SpeakerRules};

/// A line that starts a cue.
#[derive(Debug, Default, PartialEq)]
struct Header<'a> {
    start: Option<f64>,
    end: Option<f64>,
    speaker: Option<&'a str>,
    rest: &'a str,
    /// A form only speech-to-text tools write (detection counts these).
    signal: bool,
}

fn is_name(s: &str) -> bool {
    is_generic_speaker(s) || parse::speaker_name(s).is_some()
}

/// The bracketed group at the start of `s`: its inside and what follows.
fn group(s: &str) -> Option<(&str, &str)> {
    let close = match s.as_bytes().first()? {
        b'[' => ']',
        b'(' => ')',
        _ => return None,
    };
    let end = s[1..].find(close).filter(|&e| e <= 48)? + 1;
    Some((&s[1..end], &s[end + 1..]))
}

fn header(line: &str) -> Option<Header<'_>> {
    let mut h = Header::default();
    let mut rest = line;
    let mut bracket_name = None;
    for _ in 0..3 {
        let Some((inner, after)) = group(rest) else {
            break;
        };
        if let Some((a, b)) = inner.split_once("-->") {
            h.start = Some(parse::clock(a)?);
            h.end = Some(parse::clock(b)?);
            h.signal = true;
        } else if let Some(t) = parse::clock(inner).filter(|_| h.start.is_none()) {
            h.start = Some(t);
        } else if bracket_name.is_none() && is_name(inner.trim()) {
            bracket_name = Some(inner.trim());
        } else {
            break;
        }
        rest = after.trim_start();
    }
    // `[Laughter] text` is not a speaker; `[Speaker 1]` or a name beside a
    // time is.
    if let Some(name) = bracket_name {
        if h.start.is_none() && !is_generic_speaker(name) {
            return None;
        }
        h.speaker = Some(name);
        h.signal = true;
        rest = rest.strip_prefix([':', '：']).unwrap_or(rest).trim_start();
    }
    if h.speaker.is_none()
        && let Some((name, after)) = label(rest)
        && (h.start.is_some() || is_generic_speaker(name))
    {
        h.signal |= is_generic_speaker(name);
        h.speaker = Some(name);
        rest = after;
    }
    if h.start.is_none() && h.speaker.is_none() {
        return otter(line);
    }
    // `[00:12] text`: a timestamp with no speaker and no label.
    h.signal |= h.speaker.is_none() && !rest.is_empty();
    h.rest = rest;
    Some(h)
}

/// `Name:` at the start of `s`: the name and the text after it.
fn label(s: &str) -> Option<(&str, &str)> {
    let colon = s
        .char_indices()
        .take(48)
        .find(|&(_, c)| c == ':' || c == '：')?
        .0;
    let name = s[..colon].trim();
    let rest = s[colon..].trim_start_matches([':', '：']).trim();
    is_name(name).then_some((name, rest))
}

/// Otter's `Name  0:00` (or `Name 1:02:03`) alone on a line.
fn otter(line: &str) -> Option<Header<'_>> {
    let (name, clock) = line.rsplit_once(char::is_whitespace)?;
    let name = name.trim();
    if !clock.contains(':') || !clock.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let start = parse::clock(clock)?;
    is_name(name).then_some(Header {
        start: Some(start),
        speaker: Some(name),
        signal: true,
        ..Header::default()
    })
}

/// Detection: at least two lines only speech-to-text tools write, and at
/// least a fifth of the lines start a cue.
pub(super) fn looks_like(lines: &[&str]) -> bool {
    let (mut signals, mut headers) = (0, 0);
    for l in lines {
        if let Some(h) = header(l) {
            headers += 1;
            signals += usize::from(h.signal);
        }
    }
    signals >= 2 && headers * 5 >= lines.len()
}

/// The lines before the first tag: the title and keys are the text
/// parser's, the other lines become untimed cues, so labels there are read
/// as everywhere else.
fn head(text: &str, first: usize, rules: &SpeakerRules) -> (Document, Vec<Cue>) {
    let head: String = text.lines().take(first).flat_map(|l| [l, "\n"]).collect();
    let mut doc = parse::parse_with(&head, rules);
    doc.sections.clear();
    doc.trailer.clear();
    // Alone, the header cannot tell a lone first turn from a title.
    let head_lines: Vec<&str> = head.lines().collect();
    if let Some(t) = doc.title_line
        && head_lines
            .get(t - 1)
            .is_some_and(|l| parse::label_name(l.trim()).is_some())
    {
        doc.title = None;
        doc.title_line = None;
    }
    let owned: std::collections::HashSet<usize> = doc
        .metadata
        .iter()
        .map(|m| m.line)
        .chain(doc.title_line)
        .collect();
    let lead = head_lines
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| {
            let line = raw.trim().trim_start_matches('\u{feff}');
            (!line.is_empty() && !owned.contains(&(i + 1))).then(|| Cue {
                text: line.to_string(),
                line: i + 1,
                end_line: i + 1,
                line_of: vec![i + 1],
                ..Cue::default()
            })
        })
        .collect();
    (doc, lead)
}

pub(super) fn read(text: &str, rules: &SpeakerRules) -> Result<Document, FormatError> {
    let mut cues: Vec<Cue> = Vec::new();
    let mut open: Option<Cue> = None;
    let mut blank = false;
    // Lines before the first cue: a title and header block, read by the
    // plain-text parser.
    let mut first: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            blank = true;
            continue;
        }
        if let Some(h) = header(line) {
            first.get_or_insert(i);
            cues.extend(open.take());
            open = Some(Cue {
                start: h.start,
                end: h.end,
                speaker: h.speaker.map(str::to_string),
                text: h.rest.to_string(),
                line: no,
                end_line: no,
                line_of: if h.rest.is_empty() {
                    Vec::new()
                } else {
                    vec![no]
                },
            });
            blank = false;
            continue;
        }
        if first.is_some() {
            Cue::add_line(&mut open, no, line, blank);
        }
        blank = false;
    }
    cues.extend(open);
    let Some(first) = first else {
        return Err(FormatError::Diarized);
    };
    let (doc, lead) = head(text, first, rules);
    let cues: Vec<Cue> = lead.into_iter().chain(cues).collect();
    let doc = assemble(cues, doc, rules);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_forms() {
        let h = header("[Speaker 1] [00:12] Hello").unwrap();
        assert_eq!(
            (h.speaker, h.start, h.rest),
            (Some("Speaker 1"), Some(12.0), "Hello")
        );
        let h = header("SPEAKER_00: Hi").unwrap();
        assert_eq!(
            (h.speaker, h.rest, h.signal),
            (Some("SPEAKER_00"), "Hi", true)
        );
        let h = header("[00:01:02] Dana:").unwrap();
        assert_eq!(
            (h.speaker, h.start, h.signal),
            (Some("Dana"), Some(62.0), false)
        );
        let h = header("Dana Whitfield  1:02").unwrap();
        assert_eq!((h.speaker, h.start), (Some("Dana Whitfield"), Some(62.0)));
        let h = header("[00:00.000 --> 00:04.000]  Hello there.").unwrap();
        assert_eq!(
            (h.start, h.end, h.rest),
            (Some(0.0), Some(4.0), "Hello there.")
        );
        assert_eq!(header("[Laughter] so anyway"), None);
        assert_eq!(header("Dana: hi"), None);
    }
}
