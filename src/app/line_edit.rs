//! A one-line text editor (the note editor, the search query and every
//! other line the reader asks for): insert, delete and move by character,
//! so CJK input and paste behave, and readline's Ctrl-u, Ctrl-k, Ctrl-w.

use super::action::EditKey;
use crate::text::{Unsafe, classify};

/// What a typed or pasted character becomes in a line: itself; a space for
/// a line break or tab (one line); nothing for any other control or a bidi
/// control, which the transcript's own text never keeps either.
pub fn typed(c: char) -> Option<char> {
    match classify(c) {
        None => Some(c),
        Some(Unsafe::LineBreak) => Some(' '),
        Some(_) if matches!(c, '\n' | '\r' | '\t') => Some(' '),
        Some(_) => None,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Byte offset of the cursor in `text`, on a char boundary.
    pub cursor: usize,
}

/// What an edit key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Changed,
    /// Only the cursor moved, or nothing happened.
    Moved,
    Submit,
    Cancel,
    /// A key the line does not handle itself (history, toggles).
    Other(EditKey),
}

impl LineEdit {
    /// A line holding `text` as if typed: a stored note may hold anything
    /// a hand-edited file put there.
    pub fn new(text: impl Into<String>) -> LineEdit {
        let text: String = text.into().chars().filter_map(typed).collect();
        LineEdit {
            cursor: text.len(),
            text,
        }
    }

    pub fn apply(&mut self, key: EditKey) -> Edited {
        let (text, cursor) = (&mut self.text, &mut self.cursor);
        let prev = |t: &str, c: usize| t[..c].chars().next_back().map_or(c, |ch| c - ch.len_utf8());
        let next = |t: &str, c: usize| t[c..].chars().next().map_or(c, |ch| c + ch.len_utf8());
        match key {
            EditKey::Char(c) => {
                let Some(c) = typed(c) else {
                    return Edited::Moved;
                };
                text.insert(*cursor, c);
                *cursor += c.len_utf8();
                Edited::Changed
            }
            EditKey::Backspace if *cursor > 0 => {
                let p = prev(text, *cursor);
                text.replace_range(p..*cursor, "");
                *cursor = p;
                Edited::Changed
            }
            EditKey::Delete if *cursor < text.len() => {
                let n = next(text, *cursor);
                text.replace_range(*cursor..n, "");
                Edited::Changed
            }
            EditKey::Backspace | EditKey::Delete => Edited::Moved,
            EditKey::KillToStart | EditKey::KillToEnd | EditKey::KillWord => self.kill(key),
            EditKey::Left => {
                *cursor = prev(text, *cursor);
                Edited::Moved
            }
            EditKey::Right => {
                *cursor = next(text, *cursor);
                Edited::Moved
            }
            EditKey::Home => {
                *cursor = 0;
                Edited::Moved
            }
            EditKey::End => {
                *cursor = text.len();
                Edited::Moved
            }
            EditKey::Submit => Edited::Submit,
            EditKey::Cancel => Edited::Cancel,
            other => Edited::Other(other),
        }
    }

    /// Ctrl-u, Ctrl-k, Ctrl-w: the text before the cursor, after it, or
    /// the word before it (and the spaces after that word) goes.
    fn kill(&mut self, key: EditKey) -> Edited {
        let c = self.cursor;
        let range = match key {
            EditKey::KillToStart => 0..c,
            EditKey::KillToEnd => c..self.text.len(),
            _ => {
                let before = self.text[..c].trim_end();
                let start = before
                    .char_indices()
                    .rev()
                    .find(|(_, ch)| ch.is_whitespace())
                    .map_or(0, |(i, ch)| i + ch.len_utf8());
                start..c
            }
        };
        if range.is_empty() {
            return Edited::Moved;
        }
        self.cursor = range.start;
        self.text.replace_range(range, "");
        Edited::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_character_in_cjk_text() {
        let mut e = LineEdit::new("蒸馏");
        assert_eq!(e.apply(EditKey::Left), Edited::Moved);
        e.apply(EditKey::Char('x'));
        assert_eq!((e.text.as_str(), e.cursor), ("蒸x馏", 4));
        e.apply(EditKey::Backspace);
        e.apply(EditKey::Backspace);
        assert_eq!((e.text.as_str(), e.cursor), ("馏", 0));
        assert_eq!(e.apply(EditKey::Backspace), Edited::Moved);
        e.apply(EditKey::Delete);
        assert_eq!(e.text, "");
        e.apply(EditKey::Char('\n'));
        e.apply(EditKey::Char('\u{1b}'));
        assert_eq!(e.text, " ");
        assert_eq!(e.apply(EditKey::Up), Edited::Other(EditKey::Up));
    }

    #[test]
    fn readline_kills_take_the_start_the_end_or_a_word() {
        let mut e = LineEdit::new("code:定价 spk:张伟 text");
        assert_eq!(e.apply(EditKey::KillWord), Edited::Changed);
        assert_eq!(e.text, "code:定价 spk:张伟 ");
        e.apply(EditKey::KillWord);
        assert_eq!(e.text, "code:定价 ");
        e.apply(EditKey::Home);
        e.apply(EditKey::Right);
        assert_eq!(e.apply(EditKey::KillToEnd), Edited::Changed);
        assert_eq!((e.text.as_str(), e.cursor), ("c", 1));
        e.apply(EditKey::KillToStart);
        assert_eq!((e.text.as_str(), e.cursor), ("", 0));
        assert_eq!(e.apply(EditKey::KillToStart), Edited::Moved);
    }

    #[test]
    fn bidi_and_controls_are_dropped_as_typed_and_as_given() {
        let mut e = LineEdit::default();
        for c in "a\u{202e}b\u{2066}\u{200f}\u{061c}\u{9b}c\u{2028}d\x07".chars() {
            e.apply(EditKey::Char(c));
        }
        assert_eq!(e.text, "abc d");
        let e = LineEdit::new("note\x1b]52;c;aGk=\x07\u{202e}\nmore");
        assert_eq!(e.text, "note]52;c;aGk= more");
        assert_eq!(e.cursor, e.text.len());
        assert_eq!(crate::text::sanitise(&e.text), e.text);
    }
}
