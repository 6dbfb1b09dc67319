//! Speech-to-text JSON: `{"segments": [{"start", "end", "text",
//! "speaker"?}]}` as Whisper and WhisperX write it, and a list of
//! `{"speaker", "start", "text"}` objects or Podcasting 2.0's
//! `{"segments": [{"speaker", "startTime", "endTime", "body"}]}`.
//! Segments merge into turns by speaker.
//!
//! Line numbers: a segment's line is where its `"text"` (or `"body"`) key
//! is, when those keys can be matched to segments one to one; else line 1.

use serde_json::Value;

use super::FormatError;
use super::cues::{Cue, assemble};
use crate::transcript::model::{Document, Meta};
use crate::transcript::parse::SpeakerRules;

/// Detection: an object, or a list that is empty or starts with an object.
pub(super) fn looks_like(prefix: &str) -> bool {
    let t = prefix.trim_start();
    match t.as_bytes().first() {
        Some(b'{') => true,
        Some(b'[') => t[1..].trim_start().starts_with(['{', ']']),
        _ => false,
    }
}

pub(super) fn field<'a>(seg: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| seg.get(*k))
        .filter(|v| !v.is_null())
}

pub(super) fn seconds(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64().filter(|f| f.is_finite()),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .or_else(|| crate::transcript::parse::clock(s)),
        _ => None,
    }
}

pub(super) fn speaker(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(clean(s.trim())),
        Value::Number(n) => Some(format!("Speaker {n}")),
        _ => None,
    }
}

/// JSON escapes (`\u001b`) are decoded only here, after the decoder has
/// cleaned the file's text, so strings go through the same sanitiser.
pub(super) fn clean(s: &str) -> String {
    crate::text::sanitise_lines(s).into_owned()
}

pub(super) fn read(text: &str, rules: &SpeakerRules) -> Result<Document, FormatError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| FormatError::Json(e.to_string()))?;
    let mut doc = Document::default();
    let segments = match &value {
        Value::Array(list) => list,
        Value::Object(map) => {
            for key in ["language", "title", "version"] {
                if let Some(Value::String(v)) = map.get(key) {
                    let v = clean(v);
                    if key == "title" {
                        doc.title = Some(v.clone());
                    }
                    doc.metadata.push(Meta {
                        key: key.to_string(),
                        value: v,
                        line: 1,
                    });
                }
            }
            match map.get("segments").or_else(|| map.get("transcript")) {
                Some(Value::Array(list)) => list,
                _ => return Err(FormatError::Json("no \"segments\" list".into())),
            }
        }
        _ => return Err(FormatError::Json("neither an object nor a list".into())),
    };
    let mut text_lines = key_lines(text);
    let with_text = segments
        .iter()
        .filter(|s| field(s, &["text", "body"]).is_some())
        .count();
    // Whisper writes the whole text first, at the top level.
    if text_lines.len() == with_text + 1 && value.get("text").is_some() {
        text_lines.remove(0);
    }
    let lines_match = text_lines.len() == with_text;
    let mut cues = Vec::with_capacity(segments.len());
    let mut k = 0;
    for seg in segments {
        let Some(body) = field(seg, &["text", "body"]) else {
            continue;
        };
        let line = if lines_match { text_lines[k] } else { 1 };
        k += 1;
        let Value::String(body) = body else {
            continue;
        };
        cues.push(Cue {
            start: seconds(field(seg, &["start", "startTime", "start_time"])),
            end: seconds(field(seg, &["end", "endTime", "end_time"])),
            speaker: speaker(field(seg, &["speaker", "speaker_id", "speakerId"])),
            text: clean(body.trim()),
            line,
            end_line: line,
            ..Cue::default()
        });
    }
    Ok(assemble(cues, doc, rules))
}

/// Lines (1-based) of every `"text":` and `"body":` key, in order.
fn key_lines(text: &str) -> Vec<usize> {
    let mut hits: Vec<usize> = Vec::new();
    for key in [&b"\"text\""[..], &b"\"body\""[..]] {
        hits.extend(
            memchr::memmem::find_iter(text.as_bytes(), key)
                .filter(|&at| text[at + key.len()..].trim_start().starts_with(':')),
        );
    }
    hits.sort_unstable();
    let mut line = 1;
    let mut from = 0;
    hits.into_iter()
        .map(|at| {
            line += memchr::memchr_iter(b'\n', &text.as_bytes()[from..at]).count();
            from = at;
            line
        })
        .collect()
}
