//! Which chars fold how: the fast answers for common text, and chunk starts.

use std::iter;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, is_nfkc_quick};

/// The fold of a full-width form of ASCII (`Ａ`, `，`, `％`) or of the
/// ideographic space: common in Chinese text, so looked up without tables.
#[inline]
pub(super) fn full_width(c: char, lower: bool) -> Option<char> {
    let ascii = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{3000}' => ' ',
        _ => return None,
    };
    Some(if lower {
        ascii.to_ascii_lowercase()
    } else {
        ascii
    })
}

/// Common CJK blocks: NFKC-stable starters without case.
#[inline]
pub(super) fn is_plain_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'     // unified ideographs
        | '\u{3400}'..='\u{4DBF}'   // extension A
        | '\u{3041}'..='\u{3096}'   // hiragana
        | '\u{30A1}'..='\u{30FA}'   // katakana
        | '\u{AC00}'..='\u{D7A3}'   // hangul syllables
        | '\u{3001}'..='\u{3002}'   // 、。
        | '\u{3008}'..='\u{3011}'   // 〈〉《》「」『』【】
        | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{00B7}'
    )
}

/// The fold of `c` when it is a chunk start that folds to a single char of the
/// same UTF-8 length; `None` when it needs the general path.
pub(super) fn simple(c: char, lower: bool) -> Option<char> {
    if c.is_ascii() {
        return Some(if lower { c.to_ascii_lowercase() } else { c });
    }
    if is_plain_cjk(c) {
        return Some(c);
    }
    if canonical_combining_class(c) != 0 || is_nfkc_quick(iter::once(c)) != IsNormalized::Yes {
        return None;
    }
    if !lower {
        return Some(c);
    }
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => Some(l),
        _ => None,
    }
}

/// Whether nothing before `c` can compose or reorder with it: the first char
/// of its compatibility decomposition is a starter with quick-check `Yes`.
pub(super) fn starts_chunk(c: char) -> bool {
    if canonical_combining_class(c) != 0 {
        return false;
    }
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    let first = first.unwrap_or(c);
    canonical_combining_class(first) == 0 && is_nfkc_quick(iter::once(first)) == IsNormalized::Yes
}
