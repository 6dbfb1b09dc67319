//! Text to model: title, metadata, sections, speaker turns and trailer.

use super::model::{Document, Section, Turn};

/// Parse decoded text. Never fails: anything unrecognised becomes narration.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut section = Section::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (speaker, body) = match line.split_once([':', '：']) {
            Some((name, rest)) if name.chars().count() <= 6 && !rest.is_empty() => {
                (Some(name.to_string()), rest.trim().to_string())
            }
            _ => (None, line.to_string()),
        };
        match section.turns.last_mut() {
            Some(t) if speaker.is_none() => {
                t.paragraphs.push(body);
                t.end_line = i + 1;
            }
            _ => section.turns.push(Turn {
                speaker,
                line: i + 1,
                end_line: i + 1,
                paragraphs: vec![body],
                time: None,
            }),
        }
    }
    doc.sections.push(section);
    doc
}
