//! Display cells: grapheme clusters, their widths, and whitespace at breaks.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// Display width of `s` in terminal columns.
///
/// The sum of the unicode-width widths of its grapheme clusters, which is how
/// ratatui lays text out in cells (including its extra column for halfwidth
/// katakana sound marks). Every line [`wrap`] returns satisfies
/// `width(&text[range]) <= width` (see [`wrap`] for the one exception).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        // Printable ASCII is one column per byte; controls are rare enough
        // to take the general path.
        if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return s.len();
        }
    }
    Clusters::new(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// The width of the commonest characters without a table lookup; the unit
/// test `known_widths_agree` holds this to unicode-width.
pub(super) fn known_width(c: char) -> Option<usize> {
    match c {
        ' '..='~' => Some(1),
        '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303e}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff5e}' => Some(2),
        _ => None,
    }
}

/// Characters that form a grapheme cluster on their own whatever their
/// neighbours are, as long as the neighbour is one of them too: printable
/// ASCII, CJK ideographs and punctuation, full-width forms. None of them
/// extends, joins or prepends (UAX #29).
pub(super) fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{2010}'..='\u{2027}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff5e}'
    )
}

/// Extended grapheme clusters of `text` with their offsets, like
/// `grapheme_indices(true)`, but a pair of simple characters is split
/// without consulting the segmenter: that is most of a transcript, and the
/// segmenter was a third of the wrapping time.
pub(super) struct Clusters<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Clusters<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self::from(text, 0)
    }

    /// Clusters of `text` from `pos`, which must be a cluster boundary.
    pub(super) fn from(text: &'a str, pos: usize) -> Self {
        Clusters { text, pos }
    }
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let mut chars = self.text[start..].chars();
        let c = chars.next()?;
        let end = match chars.next() {
            None => self.text.len(),
            Some(d) if is_simple(c) && is_simple(d) => start + c.len_utf8(),
            Some(_) => {
                let mut cursor = GraphemeCursor::new(start, self.text.len(), true);
                // The whole text is one chunk, so the cursor never asks for more.
                match cursor.next_boundary(self.text, 0) {
                    Ok(Some(b)) => b,
                    _ => self.text.len(),
                }
            }
        };
        self.pos = end;
        Some((start, &self.text[start..end]))
    }
}

pub(super) fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(w) = known_width(c)
    {
        return w;
    }
    if g.len() == 1 {
        return UnicodeWidthStr::width(g);
    }
    let marks = g
        .chars()
        .filter(|&c| c == '\u{ff9e}' || c == '\u{ff9f}')
        .count();
    UnicodeWidthStr::width(g) + marks
}

pub(super) fn is_blank(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

/// Line and paragraph separators: the line must end here.
pub(super) fn is_hard_break(g: &str) -> bool {
    g.chars().any(|c| {
        matches!(
            c,
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    })
}

/// First position at or after `pos` that does not start a blank grapheme.
pub(super) fn skip_blank(text: &str, pos: usize) -> usize {
    if !text[pos..].starts_with(char::is_whitespace) {
        return pos;
    }
    for (i, g) in Clusters::from(text, pos) {
        if !is_blank(g) {
            return i;
        }
    }
    text.len()
}

/// `end` moved back over blank graphemes, but not before `start`.
pub(super) fn trim_blank_back(text: &str, start: usize, end: usize) -> usize {
    if !text[start..end].ends_with(char::is_whitespace) {
        return end;
    }
    let mut e = end;
    for g in text[start..end].graphemes(true).rev() {
        if !is_blank(g) {
            break;
        }
        e -= g.len();
    }
    e
}

pub(super) fn is_grapheme_boundary(text: &str, pos: usize) -> bool {
    let before = text[..pos].chars().next_back();
    let after = text[pos..].chars().next();
    match (before, after) {
        (None, _) | (_, None) => return true,
        (Some(b), Some(a)) if is_simple(b) && is_simple(a) => return true,
        _ => {}
    }
    let mut cursor = GraphemeCursor::new(pos, text.len(), true);
    // The whole text is one chunk, so the cursor never asks for more context.
    cursor.is_boundary(text, 0).unwrap_or(false)
}
