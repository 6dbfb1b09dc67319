//! CJK-correct line wrapping of transcript text into byte ranges.

use std::ops::Range;

/// Break `text` into lines no wider than `width` columns.
///
/// Returns byte ranges into `text`, one per line, in order. Whitespace at a
/// break is not part of either line. A line is empty only when `text` is.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let opts = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let base = text.as_ptr() as usize;
    textwrap::wrap(text, opts)
        .into_iter()
        .map(|line| match line {
            std::borrow::Cow::Borrowed(s) => {
                let start = s.as_ptr() as usize - base;
                start..start + s.len()
            }
            std::borrow::Cow::Owned(_) => 0..0,
        })
        .collect()
}
