//! Input formats: detecting how a transcript is written, and reading each
//! format (plain text, Markdown, WebVTT, SRT, speech-to-text JSON, JSON
//! lines, diarized text) into the same [`Document`] of sections and turns.
//!
//! Detection looks at a prefix of the text only, so it costs nothing next to
//! parsing. The file extension is a hint for content that says nothing
//! itself. Plain text stays [`parse::parse`](super::parse::parse).

pub mod clock;
mod cue_labels;
mod cues;
mod diarized;
mod json;
mod jsonl;
mod markdown;
mod srt;
pub mod vtt;

use std::fmt;

use super::model::Document;
use super::parse::{self, SpeakerRules};

/// How a transcript is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `Name: text` and its variants (the plain-text parser).
    Text,
    /// Markdown: front matter, `#` headings, `**Name:**`, links and rules.
    Markdown,
    /// WebVTT captions (`WEBVTT` signature).
    Vtt,
    /// SubRip captions (`1` / `00:00:01,000 --> 00:00:02,000`).
    Srt,
    /// Speech-to-text JSON segments (Whisper, WhisperX, Podcasting 2.0).
    Json,
    /// JSON lines: one segment object per line, as streaming recognisers
    /// write them, revisions merged (whisper.cpp, WhisperX, Vosk, Deepgram,
    /// AssemblyAI, meeting bots).
    JsonLines,
    /// Diarized or timestamped lines: `[Speaker 1] [00:12] …`, `SPEAKER_00:`,
    /// Otter's `Name  0:00`, Whisper's `[00:00.000 --> 00:04.000]`.
    Diarized,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Markdown,
        Format::Vtt,
        Format::Srt,
        Format::Json,
        Format::JsonLines,
        Format::Diarized,
    ];

    /// The name used by `--format` and `--input-format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Diarized => "diarized",
        }
    }

    /// A format by name (case-insensitive, with a few aliases). `auto` is
    /// `Some(None)`: detect from the content.
    pub fn from_name(name: &str) -> Option<Option<Format>> {
        let format = match name.to_ascii_lowercase().as_str() {
            "auto" => return Some(None),
            "text" | "txt" | "plain" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "vtt" | "webvtt" => Format::Vtt,
            "srt" | "subrip" => Format::Srt,
            "json" => Format::Json,
            "jsonl" | "ndjson" | "jsonlines" | "json-lines" => Format::JsonLines,
            "diarized" | "timestamped" => Format::Diarized,
            _ => return None,
        };
        Some(Some(format))
    }

    /// The format a file extension suggests.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdx" => Some(Format::Markdown),
            "vtt" | "webvtt" => Some(Format::Vtt),
            "srt" => Some(Format::Srt),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a transcript could not be read in the format asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a WebVTT file: {0}")]
    Vtt(String),
    #[error("not an SRT file: {0}")]
    Srt(String),
    #[error("not a speech-to-text JSON transcript: {0}")]
    Json(String),
    #[error("no diarized or timestamped lines found")]
    Diarized,
}

/// How much of the text detection looks at.
const PREFIX: usize = 64 * 1024;
/// Lines of the prefix that detection classifies.
const SAMPLE_LINES: usize = 400;

/// The longest prefix of `text` of at most `max` bytes, on a char boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Guess the format from the start of the text; `extension` (without the
/// dot) is used only when the content has no signal of its own.
pub fn detect(text: &str, extension: Option<&str>) -> Format {
    let prefix = head(text, PREFIX).trim_start_matches('\u{feff}');
    if vtt::has_signature(prefix) {
        return Format::Vtt;
    }
    if jsonl::looks_like(prefix) {
        return Format::JsonLines;
    }
    if json::looks_like(prefix) {
        return Format::Json;
    }
    let lines: Vec<&str> = prefix
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(SAMPLE_LINES)
        .collect();
    if srt::looks_like(&lines) {
        return Format::Srt;
    }
    if diarized::looks_like(&lines) {
        return Format::Diarized;
    }
    if markdown::looks_like(&lines) {
        return Format::Markdown;
    }
    match extension.and_then(Format::from_extension) {
        Some(Format::Markdown) => Format::Markdown,
        _ => Format::Text,
    }
}

/// Whether `settled`, text that will only ever be appended to, already holds
/// all that [`detect`] reads (its prefix, or its sample of lines): then every
/// text that starts with it is detected as it is, and a growing transcript's
/// format can be kept.
pub fn detection_complete(settled: &str) -> bool {
    if settled.len() >= PREFIX {
        return true;
    }
    let complete = match settled.rfind('\n') {
        Some(end) => &settled[..end],
        None => return false,
    };
    complete
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(SAMPLE_LINES - 1)
        .is_some()
}

/// Read `text` as `format`. Plain text, Markdown and JSON lines never fail.
pub fn read(text: &str, format: Format) -> Result<Document, FormatError> {
    read_with(text, format, &SpeakerRules::default())
}

/// [`read`] with the user's speaker rules. Whatever the format, text that
/// yields no turn says so in a warning, unless the reader already said why.
pub fn read_with(
    text: &str,
    format: Format,
    rules: &SpeakerRules,
) -> Result<Document, FormatError> {
    let mut doc = match format {
        Format::Text => parse::parse_with(text, rules),
        Format::Markdown => markdown::read(text, rules),
        Format::Vtt => vtt::read(text, rules)?,
        Format::Srt => srt::read(text, rules)?,
        Format::Json => json::read(text, rules)?,
        Format::JsonLines => jsonl::read(text, rules),
        Format::Diarized => diarized::read(text, rules)?,
    };
    if doc.warnings.is_empty() && doc.turns().next().is_none() {
        doc.warnings.extend(no_dialogue(text, format));
    }
    Ok(doc)
}

/// The warning for a document without turns, when its text is not blank.
fn no_dialogue(text: &str, format: Format) -> Option<String> {
    let n = text.lines().filter(|l| !l.trim().is_empty()).count();
    let lines = match n {
        0 => return None,
        1 => "the only non-blank line is".to_string(),
        n => format!("none of the {n} non-blank lines is"),
    };
    Some(format!(
        "no dialogue found: {lines} part of a turn (read as {format})"
    ))
}

/// A source line quoted in a warning: trimmed, and cut short when long.
fn quoted(line: &str) -> String {
    const MAX: usize = 60;
    let line = line.trim();
    match line.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_string(),
    }
}

/// Why a timed file gave no cue: its timing lines were not understood.
fn nothing_read(count: usize, first: usize, line: &str) -> String {
    let what = if count == 1 {
        "timing line was"
    } else {
        "timing lines were"
    };
    format!(
        "no cue could be read: {count} {what} not understood (first at line {first}: {})",
        quoted(line)
    )
}

/// The text the Markdown reader hands the plain-text parser, every line in
/// its place (HTML, images and links made text): a Markdown document is
/// lossless ([`check_lossless`](super::parse::check_lossless)) against it.
pub fn markdown_text(text: &str) -> String {
    markdown::pre_pass(text)
}

/// Detect and read. When the detected format's reader fails (say, a file
/// that starts like JSON but is not valid JSON), the text is read as plain
/// text and a warning says why, so detection never loses a readable file.
pub fn read_auto(text: &str, extension: Option<&str>) -> (Format, Document) {
    read_auto_with(text, extension, &SpeakerRules::default())
}

/// [`read_auto`] with the user's speaker rules.
pub fn read_auto_with(
    text: &str,
    extension: Option<&str>,
    rules: &SpeakerRules,
) -> (Format, Document) {
    read_detected(text, detect(text, extension), rules)
}

/// Read `text` as the format detection chose, falling back to plain text as
/// [`read_auto`] does.
pub fn read_detected(text: &str, format: Format, rules: &SpeakerRules) -> (Format, Document) {
    match read_with(text, format, rules) {
        Ok(doc) => (format, doc),
        Err(e) => {
            let mut doc = parse::parse_with(text, rules);
            doc.warnings.push(format!("{e}; read as plain text"));
            (Format::Text, doc)
        }
    }
}
