//! A one-line text editor (the note editor and the search query): insert,
//! delete and move by character, so CJK input and paste behave.

use super::action::EditKey;

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
    pub fn new(text: impl Into<String>) -> LineEdit {
        let text = text.into();
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
                // One line: pasted line breaks and tabs become spaces, other
                // control characters are dropped.
                let c = if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                };
                if c.is_control() {
                    return Edited::Moved;
                }
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
}
