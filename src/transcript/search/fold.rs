//! NFKC (and optionally lower-case) folding that remembers where every folded byte came from.
//!
//! Text is cut into *chunks*: a chunk starts at a character that nothing
//! before it can compose with (a starter whose normalisation quick-check is
//! `Yes`) and runs up to the next such character. NFKC of a whole text is the
//! concatenation of NFKC of its chunks, so chunks can be folded one by one and
//! a folded offset maps back to the chunk it came from. A match edge that
//! falls inside a chunk that changed snaps outward to the whole chunk.

use std::borrow::Cow;
use std::iter;
use std::ops::Range;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// A folded copy of a text and the way back to the original's byte offsets.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// Empty when every folded offset is also the original offset. Otherwise
    /// sorted by `fold`, starting at 0 and ending with a sentinel at the ends.
    segs: Vec<Seg>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    fold: usize,
    orig: usize,
    /// Each char here folded to one char of the same length, so offsets
    /// inside the segment move in step.
    exact: bool,
}

impl Folded<'_> {
    /// Map a range of the folded text to the smallest range of whole chunks
    /// of the original that covers it.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        if self.segs.is_empty() {
            return r;
        }
        let start = self.orig_start(r.start);
        let end = if r.end > r.start {
            self.orig_end(r.end).max(start)
        } else {
            start
        };
        start..end
    }

    fn seg_index(&self, p: usize) -> usize {
        self.segs.partition_point(|s| s.fold <= p).saturating_sub(1)
    }

    fn orig_start(&self, p: usize) -> usize {
        let s = self.segs[self.seg_index(p)];
        if s.exact {
            s.orig + (p - s.fold)
        } else {
            s.orig
        }
    }

    /// The original offset just past the chunk holding folded byte `p - 1`.
    fn orig_end(&self, p: usize) -> usize {
        let i = self.seg_index(p - 1);
        let s = self.segs[i];
        if s.exact {
            s.orig + (p - s.fold)
        } else {
            self.segs.get(i + 1).map_or(s.orig, |n| n.orig)
        }
    }
}

/// Fold `text` with NFKC, and lower-case it too when `lower`.
pub(crate) fn fold(text: &str, lower: bool) -> Folded<'_> {
    if text.is_ascii() {
        let folded = if lower && text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
        return Folded {
            text: folded,
            segs: Vec::new(),
        };
    }
    // Most CJK paragraphs fold to themselves: check before allocating.
    if text.chars().all(|c| simple(c, lower) == Some(c)) {
        return Folded {
            text: Cow::Borrowed(text),
            segs: Vec::new(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut segs: Vec<Seg> = Vec::new();
    let mut any_complex = false;
    for_each_chunk(text, lower, |range, single| {
        let fold_at = out.len();
        match single {
            Some(c) => {
                out.push(c);
                if !segs.last().is_some_and(|s| s.exact) {
                    segs.push(Seg {
                        fold: fold_at,
                        orig: range.start,
                        exact: true,
                    });
                }
            }
            None => {
                any_complex = true;
                fold_chunk(&text[range.clone()], lower, &mut out);
                segs.push(Seg {
                    fold: fold_at,
                    orig: range.start,
                    exact: false,
                });
            }
        }
    });
    if !any_complex {
        segs.clear();
    } else {
        segs.push(Seg {
            fold: out.len(),
            orig: text.len(),
            exact: true,
        });
    }
    Folded {
        text: Cow::Owned(out),
        segs,
    }
}

/// Fold a regex pattern: ASCII stays as typed so the syntax survives, and
/// anything else is folded and escaped, so that a full-width `（` becomes a
/// literal `(` rather than a group.
pub(crate) fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut buf = String::new();
    for_each_chunk(pattern, false, |range, _| {
        let chunk = &pattern[range];
        if chunk.is_ascii() {
            out.push_str(chunk);
        } else {
            buf.clear();
            fold_chunk(chunk, false, &mut buf);
            out.push_str(&regex::escape(&buf));
        }
    });
    out
}

fn fold_chunk(chunk: &str, lower: bool, out: &mut String) {
    if lower {
        out.extend(chunk.nfkc().flat_map(char::to_lowercase));
    } else {
        out.extend(chunk.nfkc());
    }
}

/// Call `f` with each chunk's byte range, and with its folded char when the
/// chunk is one char that folds to one char of the same UTF-8 length.
fn for_each_chunk(text: &str, lower: bool, mut f: impl FnMut(Range<usize>, Option<char>)) {
    // The open chunk: where it starts, and its folded char while it is still
    // a single simple char.
    let mut open: Option<(usize, Option<char>)> = None;
    for (i, c) in text.char_indices() {
        let simple_fold = simple(c, lower);
        if simple_fold.is_some() || starts_chunk(c) {
            if let Some((start, single)) = open {
                f(start..i, single);
            }
            open = Some((i, simple_fold));
        } else {
            match &mut open {
                Some((_, single)) => *single = None,
                // A text may begin with a combining mark: it is its own chunk.
                None => open = Some((i, None)),
            }
        }
    }
    if let Some((start, single)) = open {
        f(start..text.len(), single);
    }
}

/// The fold of `c` when it is a chunk start that folds to a single char of the
/// same UTF-8 length; `None` when it needs the general path.
fn simple(c: char, lower: bool) -> Option<char> {
    if c.is_ascii() {
        return Some(if lower { c.to_ascii_lowercase() } else { c });
    }
    // Common CJK blocks: NFKC-stable starters without case.
    if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{AC00}'..='\u{D7A3}' | '\u{3001}'..='\u{3002}' | '\u{300C}'..='\u{3011}')
    {
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
fn starts_chunk(c: char) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip<'a>(text: &'a str, lower: bool, needle: &str) -> Vec<&'a str> {
        let f = fold(text, lower);
        f.text
            .match_indices(needle)
            .map(|(i, m)| &text[f.to_original(i..i + m.len())])
            .collect()
    }

    #[test]
    fn expansions_snap_to_the_whole_char() {
        assert_eq!(fold("㍿", false).text, "株式会社");
        assert_eq!(roundtrip("a㍿b", false, "式"), ["㍿"]);
        assert_eq!(roundtrip("ﬁne", false, "in"), ["ﬁn"]);
        assert_eq!(roundtrip("占比１０％。", false, "10%"), ["１０％"]);
    }

    #[test]
    fn combining_marks_compose_across_chars() {
        assert_eq!(fold("e\u{301}", false).text, "é");
        assert_eq!(fold("ｶﾞ", false).text, "ガ");
        assert_eq!(roundtrip("xｶﾞy", false, "ガ"), ["ｶﾞ"]);
        assert_eq!(fold("\u{301}a", false).text, "\u{301}a");
    }

    #[test]
    fn lowering_keeps_lengths_in_step() {
        let f = fold("ÉCOLE 学校", true);
        assert_eq!(f.text, "école 学校");
        assert!(f.segs.is_empty());
        assert_eq!(roundtrip("İstanbul", true, "stan"), ["stan"]);
    }

    #[test]
    fn patterns_keep_ascii_syntax_and_escape_folded_text() {
        assert_eq!(fold_pattern(r"\d+（笑）"), r"\d+\(笑\)");
        assert_eq!(fold_pattern("ＡＩ|ai"), "AI|ai");
    }
}
