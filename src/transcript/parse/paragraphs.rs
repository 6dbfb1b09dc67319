//! Paragraph text: display widths, detecting hard-wrapped files, joining
//! wrapped lines back together and undoing Markdown escapes.

use std::borrow::Cow;

/// Display width in terminal columns, close enough for wrap detection.
///
/// Runs on every text line, so it decodes lead bytes itself rather than
/// going through `chars()`: only three- and four-byte characters can be wide.
pub(super) fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let b = s.as_bytes();
    let cont = |k: usize| u32::from(b.get(k).copied().unwrap_or(0) & 0x3F);
    let mut cols = 0;
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let (len, wide) = match lead {
            0..0x80 => (1, false),
            0x80..0xE0 => (2, false),
            // No shortcut for the common CJK lead bytes (0xE5..=0xE9): it
            // saves instructions but in mixed text the extra branch
            // mispredicts, which cost more than the decoding it skips.
            0xE0..0xF0 => {
                let cp = u32::from(lead & 0x0F) << 12 | cont(i + 1) << 6 | cont(i + 2);
                (3, is_wide_cp(cp))
            }
            _ => {
                let cp = u32::from(lead & 0x07) << 18
                    | cont(i + 1) << 12
                    | cont(i + 2) << 6
                    | cont(i + 3);
                (4, is_wide_cp(cp))
            }
        };
        cols += 1 + usize::from(wide);
        i += len;
    }
    cols
}

/// Double-width (East Asian wide and full-width) characters, which are joined
/// without spaces. A range check rather than the full Unicode table: this
/// runs on every character of every line, and only feeds heuristics.
pub(super) fn is_wide(c: char) -> bool {
    is_wide_cp(c as u32)
}

#[inline]
fn is_wide_cp(c: u32) -> bool {
    // Han ideographs first: in CJK text most characters are, and the range
    // test is one predictable branch.
    (0x4E00..=0x9FFF).contains(&c)
        || matches!(c,
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD)
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

/// How lines of text that follow each other in a turn make paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Joining {
    /// Each line is a paragraph.
    Lines,
    /// The file was hard-wrapped at this column: a line whose first word
    /// would not have fit on the line before continues it.
    Wrapped(usize),
    /// Markdown: every line continues the line before it (a soft break).
    Soft,
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
    if memchr::memchr(b'\\', text.as_bytes()).is_none() {
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
        ("*(", ")*"),
        ("_(", ")_"),
    ];
    pairs.iter().any(|(open, close)| {
        line.len() > open.len() + close.len() && line.starts_with(open) && line.ends_with(close)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_cjk_without_spaces_and_latin_with_one() {
        let mut p = String::from("人工智能在");
        join(&mut p, "医疗领域");
        assert_eq!(p, "人工智能在医疗领域");
        let mut p = String::from("three");
        join(&mut p, "of us");
        assert_eq!(p, "three of us");
        let mut p = String::from("well-");
        join(&mut p, "known");
        assert_eq!(p, "well-known");
    }

    #[test]
    fn widths_count_wide_characters_twice() {
        for (s, w) in [
            ("abc", 3),
            ("中文ab", 6),
            ("“你好”，世界。", 14),
            ("é〿぀ぁ", 5),
            ("😀x𠀀", 5),
        ] {
            assert_eq!(width(s), w, "{s}");
        }
        for c in (0..=0x3FFFF).filter_map(char::from_u32) {
            let expected = 1 + usize::from(is_wide(c));
            assert_eq!(width(c.encode_utf8(&mut [0; 4])), expected, "{c:?}");
        }
    }

    #[test]
    fn one_paragraph_per_line_is_not_wrapped() {
        let lines: Vec<(usize, bool)> = [120, 40, 300, 90, 66, 210]
            .iter()
            .map(|&w| (w, true))
            .collect();
        assert_eq!(wrap_width(&lines), None);
        let wrapped: Vec<(usize, bool)> = [72, 70, 71, 30, 69, 72, 12]
            .iter()
            .map(|&w| (w, false))
            .collect();
        assert_eq!(wrap_width(&wrapped), Some(72));
    }

    #[test]
    fn stage_directions() {
        for s in [
            "[laughter]",
            "(applause)",
            "\\[laughs\\]",
            "（笑）",
            "*(sighs)*",
        ] {
            assert!(is_stage(s), "{s}");
        }
        assert_eq!(unescape("\\[laughs\\]"), "[laughs]");
    }
}
