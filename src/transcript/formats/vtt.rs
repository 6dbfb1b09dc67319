//! WebVTT, following the W3C parsing algorithm
//! (<https://w3c.github.io/webvtt/#webvtt-parser-algorithm>): the signature,
//! the header block (its `Key: value` lines become metadata), blocks with an
//! optional cue identifier, timings with or without hours, settings after the
//! timing (ignored), `NOTE`, `STYLE` and `REGION` blocks (never cues), NUL as
//! U+FFFD and CR, LF and CRLF line ends. [`parse`] is the conformant parser;
//! the reader parses with lenient timings (`timing.rs`) and reads rolling
//! captions once (`rolling.rs`), and says what it read leniently or lost.
//!
//! Structure, not content: the signature and header, cue identifiers, timing
//! lines, and NOTE/STYLE/REGION blocks. Every cue's text ends up in a turn,
//! with its tags stripped: `<v Name>` gives the speaker, other tags
//! (`<c>`, `<i>`, `<b>`, `<00:17.500>`…) go, entities are decoded.

mod rolling;
mod timing;

use std::borrow::Cow;

use super::FormatError;
use super::cues::{Cue, assemble};
use crate::transcript::model::{Document, Meta};
use crate::transcript::parse::SpeakerRules;
use timing::TimingReader;
pub use timing::{LineTally, TimingReport, Timings};

/// A cue as the WebVTT parser produces it.
#[derive(Debug, Clone, PartialEq)]
pub struct VttCue {
    pub id: String,
    pub start: f64,
    pub end: f64,
    /// The raw cue text, tags included, lines joined by `\n`.
    pub text: String,
    /// 1-based line of the timing line, and of the cue's last line.
    pub line: usize,
    pub end_line: usize,
}

/// A parsed WebVTT file: header lines and cues.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VttFile {
    /// The header block's lines (after the signature line), with line numbers.
    pub header: Vec<(usize, String)>,
    pub cues: Vec<VttCue>,
    /// Timing lines read leniently, and those whose cues were dropped.
    pub timings: TimingReport,
}

/// Whether the text starts with the WebVTT signature: `WEBVTT` alone on the
/// first line or followed by a space or tab (a BOM before it is allowed).
pub fn has_signature(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}');
    t.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']))
}

/// Split on CRLF, CR or LF, as the parser's preprocessing does. A final line
/// end does not start another line.
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() {
        out.push(&text[start..]);
    }
    out
}

/// Run the WebVTT parser over `text`.
pub fn parse(text: &str) -> Result<VttFile, FormatError> {
    parse_with(text, Timings::Strict)
}

/// [`parse`] reading timing lines as `timings` says.
pub fn parse_with(text: &str, timings: Timings) -> Result<VttFile, FormatError> {
    let text: Cow<str> = if text.contains('\0') {
        Cow::Owned(text.replace('\0', "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !has_signature(text) {
        let first = text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect::<String>();
        return Err(FormatError::Vtt(if first.trim().is_empty() {
            "it does not start with WEBVTT".to_string()
        } else {
            format!("it starts with {first:?}, not WEBVTT")
        }));
    }
    let lines = split_lines(text);
    let mut file = VttFile::default();
    let mut reader = TimingReader {
        mode: timings,
        ..TimingReader::default()
    };
    let mut i = 1;
    if i < lines.len() && !lines[i].is_empty() {
        let block = collect_block(&lines, &mut i, true, &mut reader);
        file.header = block.lines;
    } else {
        i += 1;
    }
    while i < lines.len() {
        while i < lines.len() && lines[i].is_empty() {
            i += 1;
        }
        if i >= lines.len() {
            break;
        }
        if let Some(cue) = collect_block(&lines, &mut i, false, &mut reader).cue {
            file.cues.push(cue);
        }
    }
    file.timings = reader.report;
    Ok(file)
}

struct Block {
    cue: Option<VttCue>,
    lines: Vec<(usize, String)>,
}

/// "Collect a WebVTT block": lines up to a blank line, a cue when a timing
/// line comes first or right after an identifier.
fn collect_block(
    lines: &[&str],
    i: &mut usize,
    in_header: bool,
    timings: &mut TimingReader,
) -> Block {
    let mut line_count = 0;
    let mut previous = *i;
    let mut buffer = String::new();
    let mut buffered = Vec::new();
    let mut seen_arrow = false;
    let mut cue: Option<VttCue> = None;
    while *i < lines.len() {
        let line = lines[*i];
        *i += 1;
        line_count += 1;
        if line.contains("-->") {
            if !in_header && (line_count == 1 || (line_count == 2 && !seen_arrow)) {
                seen_arrow = true;
                previous = *i;
                cue = timings.read(*i, line).map(|(start, end)| VttCue {
                    id: std::mem::take(&mut buffer),
                    start,
                    end,
                    text: String::new(),
                    line: *i,
                    end_line: *i,
                });
            } else {
                *i = previous;
                break;
            }
        } else if line.is_empty() {
            break;
        } else {
            if !buffer.is_empty() {
                buffer.push('\n');
            }
            buffer.push_str(line);
            buffered.push((*i, line.to_string()));
            previous = *i;
        }
    }
    if let Some(c) = &mut cue {
        c.text = buffer;
        c.end_line = previous.max(c.line);
    }
    Block {
        cue,
        lines: buffered,
    }
}

/// Cue text without tags, split where the voice changes: `(speaker, text)`.
pub fn voices(text: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let mut voice: Option<String> = None;
    let mut rest = text;
    let mut push = |voice: &Option<String>, s: &str| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((v, t)) if v == voice => t.push_str(s),
            _ => out.push((voice.clone(), s.to_string())),
        }
    };
    while let Some(open) = rest.find(['<', '&']) {
        push(&voice, &rest[..open]);
        rest = &rest[open..];
        if rest.starts_with('&') {
            let (ch, len) = entity(rest);
            let mut buf = [0; 4];
            push(&voice, ch.encode_utf8(&mut buf));
            rest = &rest[len..];
            continue;
        }
        let close = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[1..close];
        rest = rest.get(close + 1..).unwrap_or("");
        let name = tag.split([' ', '\t', '\n', '.']).next().unwrap_or("");
        if name == "v" {
            let annotation = tag
                .split_once([' ', '\t', '\n'])
                .map_or("", |(_, a)| a)
                .trim();
            voice = (!annotation.is_empty()).then(|| annotation.to_string());
        } else if tag == "/v" {
            voice = None;
        }
    }
    push(&voice, rest);
    out
}

/// A character reference at the start of `s`: the character and its length.
fn entity(s: &str) -> (char, usize) {
    const NAMED: [(&str, char); 8] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&nbsp;", ' '),
        ("&lrm;", '\u{200e}'),
        ("&rlm;", '\u{200f}'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ];
    for (name, c) in NAMED {
        if s.starts_with(name) {
            return (c, name.len());
        }
    }
    if let Some(num) = s.strip_prefix("&#")
        && let Some(end) = num.find(';').filter(|&e| e <= 8)
    {
        let (digits, radix) = match num[..end].strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (&num[..end], 10),
        };
        if let Some(c) = u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
        {
            return (c, end + 3);
        }
    }
    ('&', 1)
}

/// Read a WebVTT file into a document. Timings the W3C grammar rejects are
/// read leniently, with a warning; cues lost anyway are warned about too.
pub(super) fn read(text: &str, rules: &SpeakerRules) -> Result<Document, FormatError> {
    let mut file = parse_with(text, Timings::Lenient)?;
    let mut doc = Document::default();
    metadata(&file.header, &mut doc);
    warn_timings(&file, &mut doc.warnings);
    rolling::unroll(&mut file.cues);
    let mut cues = Vec::with_capacity(file.cues.len());
    for c in file.cues {
        // Cue text lines run without a gap up to the cue's last line (a
        // rolling caption's repeated first lines are gone from the text).
        let total = c.text.split('\n').count();
        let mut next = (c.end_line + 1).saturating_sub(total).max(c.line + 1);
        for (speaker, text) in voices(&c.text) {
            let lines = text.split('\n').count();
            let line_of = (next..next + lines).collect();
            next += lines - 1;
            cues.push(Cue {
                start: Some(c.start),
                end: Some(c.end),
                speaker,
                text,
                line: c.line,
                end_line: c.end_line,
                line_of,
            });
        }
    }
    Ok(assemble(cues, doc, rules))
}

/// The header's `Key: value` lines as metadata; `Title:` is the title.
fn metadata(header: &[(usize, String)], doc: &mut Document) {
    for (line, l) in header {
        if let Some((k, v)) = l.split_once(':')
            && !k.trim().is_empty()
            && !k.contains("-->")
        {
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("title") && !v.is_empty() {
                doc.title = Some(v.to_string());
            }
            doc.metadata.push(Meta {
                key: k.to_string(),
                value: v.to_string(),
                line: *line,
            });
        }
    }
}

fn warn_timings(file: &VttFile, warnings: &mut Vec<String>) {
    let report = &file.timings;
    if let Some((no, line)) = &report.lenient.first {
        warnings.push(format!(
            "non-standard cue timings read leniently (first at line {no}: {})",
            super::quoted(line)
        ));
    }
    if let Some((no, line)) = &report.rejected.first {
        let n = report.rejected.count;
        warnings.push(if file.cues.is_empty() {
            super::nothing_read(n, *no, line)
        } else {
            let what = if n == 1 {
                "cue dropped: its timing line was"
            } else {
                "cues dropped: their timing lines were"
            };
            format!(
                "{n} {what} not understood (first at line {no}: {})",
                super::quoted(line)
            )
        });
    }
}
