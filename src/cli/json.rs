//! The `--json` view: a stable, documented shape, kept separate from the
//! model so the model's fields can change without breaking scripts; and
//! [`write_json`], the one way the binary prints JSON.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::text;

use crate::transcript::{Claim, Document, Quantity, Section, SpeakerStat, Turn};

/// The whole document, as printed by `--json`.
#[derive(Debug, Serialize)]
pub struct JsonDocument<'a> {
    pub title: Option<&'a str>,
    pub metadata: Vec<JsonMeta<'a>>,
    pub encoding: &'a str,
    pub warnings: &'a [String],
    pub speakers: Vec<SpeakerStat>,
    pub sections: Vec<JsonSection<'a>>,
    pub claims: Vec<JsonClaim<'a>>,
    pub trailer: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct JsonMeta<'a> {
    pub key: &'a str,
    pub value: &'a str,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonSection<'a> {
    pub number: Option<&'a str>,
    pub title: Option<&'a str>,
    /// Source line of the heading; `null` for the preamble.
    pub line: Option<usize>,
    pub turns: Vec<JsonTurn<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonTurn<'a> {
    /// `null` for narration.
    pub speaker: Option<&'a str>,
    pub line: usize,
    pub end_line: usize,
    /// Start time in seconds, when the format has timestamps.
    pub time: Option<f64>,
    pub paragraphs: &'a [String],
}

/// A claim located by indices into `sections`, `turns` and `paragraphs`,
/// with `start`/`end` as character (not byte) offsets into the paragraph.
#[derive(Debug, Serialize)]
pub struct JsonClaim<'a> {
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'static str,
    pub score: f32,
    /// Which cue made it a claim: `percentage`, `forecast cue "预计"`.
    pub reason: String,
    /// A magnitude's value and unit: `{"value": 210000000.0, "unit": "千瓦"}`;
    /// `null` for other claims.
    pub quantity: Option<Quantity>,
}

impl<'a> JsonDocument<'a> {
    pub fn new(doc: &'a Document) -> Self {
        JsonDocument {
            title: doc.title.as_deref(),
            metadata: doc
                .metadata
                .iter()
                .map(|m| JsonMeta {
                    key: &m.key,
                    value: &m.value,
                    line: m.line,
                })
                .collect(),
            encoding: &doc.encoding,
            warnings: &doc.warnings,
            speakers: doc.speakers(),
            sections: doc.sections.iter().map(JsonSection::new).collect(),
            claims: {
                // Claims come in document order: count characters onward
                // from the previous claim, not from the paragraph's start,
                // or a long paragraph full of claims takes quadratic time.
                let mut cursor = CharCursor::default();
                doc.claims
                    .iter()
                    .map(|c| JsonClaim::new(doc, c, &mut cursor))
                    .collect()
            },
            trailer: doc.trailer.iter().map(|l| l.text.as_str()).collect(),
        }
    }
}

impl<'a> JsonSection<'a> {
    fn new(s: &'a Section) -> Self {
        JsonSection {
            number: s.number.as_deref(),
            title: s.title.as_deref(),
            line: s.line,
            turns: s.turns.iter().map(JsonTurn::new).collect(),
        }
    }
}

impl<'a> JsonTurn<'a> {
    fn new(t: &'a Turn) -> Self {
        JsonTurn {
            speaker: t.speaker.as_deref(),
            line: t.line,
            end_line: t.end_line,
            time: t.time,
            paragraphs: &t.paragraphs,
        }
    }
}

impl<'a> JsonClaim<'a> {
    fn new(doc: &'a Document, c: &Claim, cursor: &mut CharCursor) -> Self {
        let paragraph = doc
            .sections
            .get(c.section)
            .and_then(|s| s.turns.get(c.turn))
            .and_then(|t| t.paragraphs.get(c.paragraph))
            .map_or("", String::as_str);
        JsonClaim {
            section: c.section,
            turn: c.turn,
            paragraph: c.paragraph,
            start: cursor.offset(c, paragraph, c.start),
            end: cursor.offset(c, paragraph, c.end),
            text: doc.claim_text(c),
            kind: c.kind.as_str(),
            score: c.score,
            reason: c.reason.to_string(),
            quantity: c.quantity,
        }
    }
}

/// [`char_offset`] for increasing offsets into one paragraph, counting on
/// from the last answer; it starts over for another paragraph or an
/// earlier offset.
#[derive(Default)]
struct CharCursor {
    paragraph: Option<(usize, usize, usize)>,
    /// A char boundary, and the number of characters before it.
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn offset(&mut self, c: &Claim, text: &str, byte: usize) -> usize {
        let key = Some((c.section, c.turn, c.paragraph));
        if self.paragraph != key || byte < self.byte || self.byte > text.len() {
            *self = CharCursor {
                paragraph: key,
                byte: 0,
                chars: 0,
            };
        }
        let from = self.byte;
        for (i, ch) in text[from..].char_indices() {
            if from + i >= byte {
                break;
            }
            self.chars += 1;
            self.byte = from + i + ch.len_utf8();
        }
        self.chars
    }
}

/// Print `value` as pretty JSON and a newline. Strings escape, besides the
/// C0 controls JSON requires, every character the sanitiser's table flags
/// (DEL, C1 such as U+009B, bidi controls, U+2028/2029): `jq -r` or a
/// pager shows the value, so the JSON must not carry them raw. The JSON
/// is as valid as before and parses back to the same strings.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    write_with(out, value, PrettyFormatter::new())
}

/// [`write_json`] on one line (JSON lines, as `--search --json` prints a
/// hit), escaped the same way.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    write_with(out, value, CompactFormatter)
}

fn write_with(
    out: &mut impl Write,
    value: &impl Serialize,
    layout: impl Formatter,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter(layout));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// A layout ([`PrettyFormatter`] or [`CompactFormatter`]), escaping
/// flagged characters inside strings.
struct SafeFormatter<F>(F);

/// Forward the layout methods `PrettyFormatter` overrides.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for SafeFormatter<F> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut run = 0;
        for (i, c) in s.char_indices() {
            // serde_json has already escaped C0, `"` and `\` out of fragments.
            if text::classify(c).is_none() {
                continue;
            }
            w.write_all(&s.as_bytes()[run..i])?;
            // Every flagged character is in the BMP: one `\uXXXX`.
            write!(w, "\\u{:04x}", u32::from(c))?;
            run = i + c.len_utf8();
        }
        w.write_all(&s.as_bytes()[run..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_json(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn flagged_characters_are_escaped_and_round_trip() {
        let hostile = "\x1b]52;c;aGk=\x07 \u{9b}2J \u{202e}txt \u{2028}\u{2029} \x7f “ok” 中文";
        let value = serde_json::json!({ "note": hostile, hostile: [hostile] });
        let text = written(&value);
        let raw = text
            .chars()
            .find(|&c| c != '\n' && text::classify(c).is_some());
        assert_eq!(raw, None, "{text}");
        for escape in [
            "\\u001b", "\\u0007", "\\u009b", "\\u202e", "\\u2028", "\\u2029", "\\u007f",
        ] {
            assert!(text.contains(escape), "{escape} in {text}");
        }
        assert!(text.contains("“ok” 中文"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn a_json_line_is_compact_and_escaped_the_same() {
        let value = serde_json::json!({ "a": [1, "\u{9b}x"], "b": null });
        let mut out = Vec::new();
        write_json_line(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\"a\":[1,\"\\u009bx\"],\"b\":null}\n");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
    }

    #[test]
    fn layout_is_the_pretty_printers() {
        let value = serde_json::json!({ "a": [1, { "b": null }], "c": {} , "d": [] });
        let mut pretty = serde_json::to_string_pretty(&value).unwrap();
        pretty.push('\n');
        assert_eq!(written(&value), pretty);
    }
}
