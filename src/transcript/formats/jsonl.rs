//! JSON lines: one JSON object per line, as streaming recognisers and
//! meeting bots write them while they listen. Each object is a segment
//! (`{"id", "start", "end", "text", "speaker"}`, whisper.cpp's `t0`/`t1` in
//! centiseconds, AssemblyAI's `audio_start`/`audio_end` in milliseconds,
//! Deepgram's `channel.alternatives[0].transcript` with `start` and
//! `duration`, Vosk's `{"partial": …}` and `{"result": [words], "text": …}`),
//! or a message with a `segments` list of them (WhisperLive). Objects with no
//! text at all (session and metadata messages) are not segments.
//!
//! Recognisers revise what they wrote, so a line is a version of a segment,
//! not always a new one: [`revisions`] keeps the latest version of each in
//! the place of the first. Segments then merge into turns by speaker like
//! every timed format's cues.
//!
//! A line that is not a JSON object is skipped, with one warning for them
//! all; a last line without its line feed may still be being written, so it
//! is skipped without one (and read once it parses).

mod revisions;

use serde_json::Value;

use self::revisions::{Key, Record, Revisions};
use super::cues::{Cue, assemble};
use super::json::{clean, field, seconds, speaker};
use crate::transcript::model::Document;
use crate::transcript::parse::SpeakerRules;

/// Detection: the first non-blank line is a JSON object on its own. A
/// whole-document JSON written on one line (its `segments` list inside)
/// counts only when another object line follows it.
pub(super) fn looks_like(prefix: &str) -> bool {
    let mut lines = prefix.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if !first.starts_with('{') {
        return false;
    }
    match serde_json::from_str::<Value>(first) {
        Ok(Value::Object(map)) => {
            let document = ["segments", "transcript"]
                .iter()
                .any(|k| map.get(*k).is_some_and(Value::is_array));
            !document || lines.next().is_some_and(|l| l.starts_with('{'))
        }
        _ => false,
    }
}

/// Read every line, merging revisions. Never fails: the worst input is a
/// document without turns and a warning.
pub(super) fn read(text: &str, rules: &SpeakerRules) -> Document {
    let text = text.trim_start_matches('\u{feff}');
    let in_progress_at = (!text.ends_with('\n')).then(|| text.split('\n').count());
    let mut revisions = Revisions::default();
    let mut bad = BadLines::default();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let no = i + 1;
        match serde_json::from_str::<Value>(line) {
            Ok(value @ Value::Object(_)) => {
                for record in records(&value, no) {
                    revisions.add(record);
                }
            }
            _ if in_progress_at == Some(no) => {}
            Ok(_) => bad.add(no, line, "not a JSON object"),
            Err(e) => bad.add(no, line, &e.to_string()),
        }
    }
    let mut doc = assemble(revisions.into_cues(), Document::default(), rules);
    doc.warnings.extend(bad.warning());
    doc
}

/// The lines skipped: how many, and the first.
#[derive(Default)]
struct BadLines {
    count: usize,
    first: Option<(usize, String, String)>,
}

impl BadLines {
    fn add(&mut self, no: usize, line: &str, why: &str) {
        self.count += 1;
        self.first
            .get_or_insert_with(|| (no, super::quoted(line), why.to_string()));
    }

    fn warning(self) -> Option<String> {
        let (no, line, why) = self.first?;
        Some(match self.count {
            1 => format!("line {no} is not a JSON object ({why}) and was skipped: {line}"),
            n => format!(
                "{n} lines are not JSON objects and were skipped (first at line {no}, {why}: {line})"
            ),
        })
    }
}

/// The segments one line holds: the object itself, or each object of its
/// `segments` list.
fn records(value: &Value, line: usize) -> Vec<Record> {
    match value.get("segments") {
        Some(Value::Array(list)) => list.iter().filter_map(|s| record(s, line)).collect(),
        _ => record(value, line).into_iter().collect(),
    }
}

/// One version of a segment, if the object has text.
fn record(seg: &Value, line: usize) -> Option<Record> {
    let (body, vosk_partial) = text_of(seg)?;
    let start = start_of(seg);
    let id = match field(
        seg,
        &["id", "segment", "segment_id", "segmentId", "turn_order"],
    ) {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let key = id.map(Key::Id).or_else(|| start.map(Key::start));
    let cue = Cue {
        start,
        end: end_of(seg, start),
        speaker: speaker_of(seg),
        text: clean(body.trim()),
        line,
        end_line: line,
        ..Cue::default()
    };
    Some(Record {
        key,
        partial: vosk_partial || is_partial(seg),
        cue,
    })
}

/// The text, and whether it is a Vosk partial (`{"partial": "…"}`).
fn text_of(seg: &Value) -> Option<(&str, bool)> {
    if let Some(Value::String(p)) = seg.get("partial") {
        return Some((p, true));
    }
    ["text", "transcript", "body"]
        .iter()
        .find_map(|k| seg.get(*k).and_then(Value::as_str))
        .or_else(|| {
            seg.pointer("/channel/alternatives/0/transcript")
                .and_then(Value::as_str)
        })
        .map(|t| (t, false))
}

/// Whether the recogniser marks this version as not yet final.
fn is_partial(seg: &Value) -> bool {
    let flag = |k: &str| seg.get(k).and_then(Value::as_bool);
    let message = |k: &str| seg.get(k).and_then(Value::as_str);
    flag("partial") == Some(true)
        || ["final", "is_final", "isFinal", "completed", "end_of_turn"]
            .iter()
            .any(|k| flag(k) == Some(false))
        || ["message_type", "type", "message"]
            .iter()
            .any(|k| message(k).is_some_and(|m| m.contains("Partial")))
}

/// A number of `unit`s (100 for centiseconds) at `key`, in seconds.
fn scaled(seg: &Value, pointer: &str, unit: f64) -> Option<f64> {
    seconds(seg.pointer(pointer)).map(|v| v / unit)
}

/// Vosk's words (`"result": [{"start", "end", "word"}]`), in seconds.
fn word_time(seg: &Value, last: bool, key: &str) -> Option<f64> {
    let words = seg.get("result")?.as_array()?;
    let word = if last { words.last() } else { words.first() }?;
    seconds(word.get(key))
}

fn start_of(seg: &Value) -> Option<f64> {
    seconds(field(seg, &["start", "startTime", "start_time"]))
        .or_else(|| scaled(seg, "/t0", 100.0))
        .or_else(|| scaled(seg, "/audio_start", 1000.0))
        .or_else(|| scaled(seg, "/offsets/from", 1000.0))
        .or_else(|| word_time(seg, false, "start"))
}

fn end_of(seg: &Value, start: Option<f64>) -> Option<f64> {
    seconds(field(seg, &["end", "endTime", "end_time"]))
        .or_else(|| scaled(seg, "/t1", 100.0))
        .or_else(|| scaled(seg, "/audio_end", 1000.0))
        .or_else(|| scaled(seg, "/offsets/to", 1000.0))
        .or_else(|| Some(start? + seconds(seg.get("duration"))?))
        .or_else(|| word_time(seg, true, "end"))
}

/// The segment's speaker, or its first word's (Deepgram's diarized words).
fn speaker_of(seg: &Value) -> Option<String> {
    speaker(field(
        seg,
        &["speaker", "speaker_id", "speakerId", "speaker_label"],
    ))
    .or_else(|| speaker(seg.pointer("/channel/alternatives/0/words/0/speaker")))
    .or_else(|| speaker(seg.pointer("/words/0/speaker")))
}

#[cfg(test)]
mod tests;
