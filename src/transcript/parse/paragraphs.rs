//! Paragraph text: display widths, detecting hard-wrapped files, joining
//! wrapped lines back together and undoing Markdown escapes.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal columns.
pub(super) fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// Double-width (CJK) characters, which are joined without spaces.
pub(super) fn is_wide(c: char) -> bool {
    !c.is_ascii() && c.width() == Some(2)
}

/// Whether a line ends like a sentence; a wrapped line usually does not.
pub(super) fn ends_sentence(line: &str) -> bool {
    line.ends_with([
        '。', '！', '？', '.', '!', '?', '；', ';', '…', '"', '”', '」', '』', ')', '）',
    ])
}

/// Widths beyond this are lumped together: nobody wraps that wide.
const MAX_WRAP: usize = 400;
/// Narrower "wraps" are more likely short one-line turns.
const MIN_WRAP: usize = 40;

/// The column a file was hard-wrapped at, if it was.
///
/// `lines` holds, for each body text line, its width and whether it ends like
/// a sentence. A wrapped file has a width that almost no line exceeds, many
/// lines close to it, and those full lines mostly end mid-sentence.
pub(super) fn wrap_width(lines: &[(usize, bool)]) -> Option<usize> {
    if lines.len() < 4 {
        return None;
    }
    let mut hist = vec![0usize; MAX_WRAP + 1];
    let mut over = 0;
    for &(w, _) in lines {
        match hist.get_mut(w) {
            Some(n) => *n += 1,
            None => over += 1,
        }
    }
    let allowed = lines.len() / 20;
    let mut wrap = None;
    for (w, &n) in hist.iter().enumerate().rev() {
        if over + n > allowed {
            wrap = Some(w);
            break;
        }
        over += n;
    }
    let wrap = wrap.filter(|&w| w >= MIN_WRAP)?;
    let low = wrap * 4 / 5;
    let (mut under, mut full, mut full_sentences) = (0, 0, 0);
    for &(w, sentence) in lines.iter().filter(|(w, _)| *w <= wrap) {
        under += 1;
        if w >= low {
            full += 1;
            full_sentences += usize::from(sentence);
        }
    }
    (full >= 2 && full * 3 >= under && full_sentences * 2 < full).then_some(wrap)
}

/// Whether `next` continues a line of `prev_width` columns ending in `prev_last`
/// in a file wrapped at `wrap`: its first word would not have fit.
pub(super) fn continues(prev_width: usize, prev_last: char, next: &str, wrap: usize) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    let (gap, word) = if is_wide(first) || is_wide(prev_last) {
        (
            0,
            if is_wide(first) {
                2
            } else {
                width(next.split(char::is_whitespace).next().unwrap_or(""))
            },
        )
    } else {
        (
            1,
            width(next.split(char::is_whitespace).next().unwrap_or("")),
        )
    };
    prev_width * 3 >= wrap * 2 && prev_width + gap + word > wrap
}

/// Append a wrapped line to its paragraph: no space between CJK characters,
/// none after a hyphen that broke a word, one space otherwise.
pub(super) fn join(paragraph: &mut String, next: &str) {
    let mut tail = paragraph.chars().rev();
    let (Some(last), before) = (tail.next(), tail.next()) else {
        paragraph.push_str(next);
        return;
    };
    let first = next.chars().next().unwrap_or(' ');
    let broken_word =
        last == '-' && before.is_some_and(char::is_alphabetic) && first.is_lowercase();
    if !(is_wide(last) || is_wide(first) || broken_word) {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

/// Undo Markdown backslash escapes such as `\[laughs\]`.
pub(super) fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && "[]()*_#.-!`\\<>".contains(n) => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A stage direction on a line of its own: `[laughter]`, `(applause)`, `\[laughs\]`.
pub(super) fn is_stage(line: &str) -> bool {
    let pairs = [
        ("[", "]"),
        ("(", ")"),
        ("（", "）"),
        ("\\[", "\\]"),
        ("【", "】"),
        ("*[", "]*"),
        ("_(", ")_"),
    ];
    pairs.iter().any(|(open, close)| {
        line.len() > open.len() + close.len() && line.starts_with(open) && line.ends_with(close)
    })
}
