//! A document as the plain text a REFI-QDA project carries, rendered from
//! the model (not the file): the text bookmarks were taken from, so every
//! bookmark's place in the model has a place in this text.
//!
//! ```text
//! Title
//!
//! 01 Section heading
//!
//! Speaker: first paragraph
//! second paragraph of the same turn
//!
//! narration paragraph
//! ```
//!
//! Blocks (the title, a heading, a turn) are separated by a blank line;
//! the paragraphs of one turn by exactly one `\n`, which is how a quote
//! across them was joined, so such a quote is one contiguous stretch here.
//! Line ends are `\n` alone whatever the file had. While rendering, where
//! each paragraph starts is recorded, in characters (Unicode scalar values,
//! REFI's positions), so an anchor maps to a position by one lookup. The
//! text is sanitised as every export is; an anchor's offset is mapped
//! through the sanitiser too, in the rare paragraph it changes.

use crate::store::anchor::{Anchor, Span};
use crate::text;
use crate::transcript::Document;

/// The rendered text and where its parts are.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// UTF-8, `\n` line ends, ending in one `\n`.
    pub text: String,
    paras: Vec<Para>,
    /// Each turn's text (its label left out), in document order.
    pub turns: Vec<TurnText>,
}

/// Where one paragraph of the model is in the text.
#[derive(Debug, Clone, PartialEq)]
struct Para {
    key: (usize, usize, usize),
    /// Characters before it.
    start: usize,
    /// Its length in the model, in characters.
    len: usize,
    /// The model's text when the sanitiser changed it (else positions map
    /// one to one).
    raw: Option<String>,
}

/// A turn's stretch of the text, for coding it with its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnText {
    pub section: usize,
    pub turn: usize,
    /// `None` for narration.
    pub speaker: Option<String>,
    /// Start time in seconds, for timed formats.
    pub time: Option<f64>,
    /// Characters, `start` inclusive and `end` exclusive: from the first
    /// paragraph's first character to the last one's last.
    pub start: usize,
    pub end: usize,
}

/// Text being written, counted in characters as it grows.
struct Writer {
    text: String,
    chars: usize,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.chars += s.chars().count();
        self.text.push_str(s);
    }

    /// A new block: a blank line after the one before.
    fn block(&mut self) {
        if !self.text.is_empty() {
            self.push("\n\n");
        }
    }
}

/// Render `doc`.
pub fn render(doc: &Document) -> Source {
    let mut w = Writer {
        text: String::new(),
        chars: 0,
    };
    let mut paras = Vec::new();
    let mut turns = Vec::new();
    if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        w.push(&one_line(title));
    }
    for (si, sec) in doc.sections.iter().enumerate() {
        if sec.number.is_some() || sec.title.is_some() {
            w.block();
            w.push(&one_line(&sec.label()));
        }
        for (ti, turn) in sec.turns.iter().enumerate() {
            w.block();
            if let Some(name) = &turn.speaker {
                w.push(&one_line(name));
                w.push(": ");
            }
            let start = w.chars;
            for (pi, p) in turn.paragraphs.iter().enumerate() {
                if pi > 0 {
                    w.push("\n");
                }
                let shown = text::sanitise_lines(p);
                let raw = matches!(shown, std::borrow::Cow::Owned(_)).then(|| p.clone());
                paras.push(Para {
                    key: (si, ti, pi),
                    start: w.chars,
                    len: p.chars().count(),
                    raw,
                });
                w.push(&shown);
            }
            turns.push(TurnText {
                section: si,
                turn: ti,
                speaker: turn.speaker.clone(),
                time: turn.time,
                start,
                end: w.chars,
            });
        }
    }
    w.push("\n");
    Source {
        text: w.text,
        paras,
        turns,
    }
}

/// A heading, title or name on one line of the text.
fn one_line(s: &str) -> String {
    text::sanitise(&text::one_line(s)).into_owned()
}

impl Source {
    /// The text's position (characters) of an anchor; `None` if the
    /// anchor is not in the document.
    pub fn position(&self, a: &Anchor) -> Option<usize> {
        let key = (a.section, a.turn, a.paragraph);
        let i = self.paras.binary_search_by(|p| p.key.cmp(&key)).ok()?;
        let p = &self.paras[i];
        if a.offset > p.len {
            return None;
        }
        let within = match &p.raw {
            None => a.offset,
            Some(raw) => {
                let byte = raw
                    .char_indices()
                    .nth(a.offset)
                    .map_or(raw.len(), |(b, _)| b);
                // The sanitiser maps character by character, so a prefix
                // maps to the prefix of what it makes.
                text::sanitise_lines(&raw[..byte]).chars().count()
            }
        };
        Some(p.start + within)
    }

    /// A span's positions: `start` inclusive, `end` exclusive.
    pub fn range(&self, span: &Span) -> Option<(usize, usize)> {
        let (s, e) = (self.position(&span.start)?, self.position(&span.end)?);
        (s <= e).then_some((s, e))
    }

    /// Characters `start..end` of the text.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// The text's length in characters.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::anchor::span_text;
    use crate::transcript::{Section, Turn};

    /// Turns of (speaker, paragraphs) in one untitled section.
    fn doc(turns: &[(Option<&str>, &[&str])]) -> Document {
        let turns = turns
            .iter()
            .map(|(speaker, paras)| Turn {
                speaker: speaker.map(str::to_string),
                paragraphs: paras.iter().map(|p| p.to_string()).collect(),
                ..Turn::default()
            })
            .collect();
        Document {
            sections: vec![Section {
                turns,
                ..Section::default()
            }],
            ..Document::default()
        }
    }

    fn span(s: (usize, usize, usize, usize), e: (usize, usize, usize, usize)) -> Span {
        let a = |(section, turn, paragraph, offset)| Anchor {
            section,
            turn,
            paragraph,
            offset,
        };
        Span {
            start: a(s),
            end: a(e),
        }
    }

    #[test]
    fn turns_are_labelled_blocks_and_paragraphs_one_line_apart() {
        let d = doc(&[(Some("Ana"), &["One.", "Two."]), (Some("Ben"), &["三。"])]);
        let s = render(&d);
        assert_eq!(s.text, "Ana: One.\nTwo.\n\nBen: 三。\n");
        let across = span((0, 0, 0, 0), (0, 0, 1, 4));
        let (a, b) = s.range(&across).unwrap();
        assert_eq!(s.slice(a, b), span_text(&d, &across).unwrap());
        let zh = span((0, 1, 0, 0), (0, 1, 0, 2));
        let (a, b) = s.range(&zh).unwrap();
        assert_eq!((a, b), (21, 23));
        assert_eq!(s.slice(a, b), "三。");
        assert_eq!(s.turns[1].speaker.as_deref(), Some("Ben"));
        assert_eq!(s.slice(s.turns[1].start, s.turns[1].end), "三。");
    }

    #[test]
    fn an_anchor_outside_the_document_has_no_position() {
        let s = render(&doc(&[(Some("Ana"), &["One."])]));
        assert_eq!(s.position(&span((0, 0, 0, 5), (0, 0, 0, 5)).start), None);
        assert_eq!(s.position(&span((3, 0, 0, 0), (0, 0, 0, 0)).start), None);
    }

    #[test]
    fn offsets_follow_the_sanitiser_where_it_changes_a_paragraph() {
        let mut d = doc(&[(Some("Ana"), &["x"]), (None, &["narration"])]);
        d.sections[0].turns[0].paragraphs[0] = "a\u{9b}b\u{202e}c".into();
        let s = render(&d);
        assert_eq!(s.text, "Ana: a<9B>bc\n\nnarration\n");
        let b = span((0, 0, 0, 2), (0, 0, 0, 5));
        let (x, y) = s.range(&b).unwrap();
        assert_eq!(s.slice(x, y), "bc");
    }
}
