//! NFKC (and optionally lower-case) folding that remembers where every folded byte came from.
//!
//! Text is cut into *chunks*: a chunk starts at a character that nothing
//! before it can compose with (a starter whose normalisation quick-check is
//! `Yes`) and runs up to the next such character. NFKC of a whole text is the
//! concatenation of NFKC of its chunks, so chunks can be folded one by one and
//! a folded offset maps back to the chunk it came from. A match edge that
//! falls inside a chunk that changed snaps outward to the whole chunk.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_compatible;

use super::chars::{full_width, is_plain_cjk, simple, starts_chunk};

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
    // Most paragraphs fold char for char (CJK to itself, `A` to `a`), and
    // then need no map: look before building one.
    match simple_change(text, lower) {
        Some(Change::None) => {
            return Folded {
                text: Cow::Borrowed(text),
                segs: Vec::new(),
            };
        }
        Some(Change::Ascii) => {
            return Folded {
                text: Cow::Owned(text.to_ascii_lowercase()),
                segs: Vec::new(),
            };
        }
        Some(Change::Other) => {
            let folded = text.chars().filter_map(|c| simple(c, lower)).collect();
            return Folded {
                text: Cow::Owned(folded),
                segs: Vec::new(),
            };
        }
        None => {}
    }
    let mut out = String::with_capacity(text.len());
    let mut segs: Vec<Seg> = Vec::new();
    let mut any_complex = false;
    for_each_piece(text, lower, |range, piece| {
        let fold_at = out.len();
        let exact = match piece {
            Piece::Same => {
                out.push_str(&text[range.clone()]);
                true
            }
            Piece::Simple(c) => {
                out.push(c);
                true
            }
            Piece::Width(c) => {
                any_complex = true;
                out.push(c);
                false
            }
            Piece::Complex => {
                any_complex = true;
                fold_chunk(&text[range.clone()], lower, &mut out);
                false
            }
        };
        if !(exact && segs.last().is_some_and(|s| s.exact)) {
            segs.push(Seg {
                fold: fold_at,
                orig: range.start,
                exact,
            });
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
    for_each_piece(pattern, false, |range, piece| match piece {
        Piece::Same => out.push_str(&pattern[range]),
        Piece::Simple(c) => out.push(c),
        Piece::Width(c) => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        Piece::Complex => {
            let mut folded = String::new();
            fold_chunk(&pattern[range], false, &mut folded);
            out.push_str(&regex::escape(&folded));
        }
    });
    out
}

fn fold_chunk(chunk: &str, lower: bool, out: &mut String) {
    // Full-width forms and the like are one char that decomposes to one
    // char: skip the composing iterator, the bulk of the cost.
    let mut chars = chunk.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let (mut first, mut n) = (c, 0);
        decompose_compatible(c, |d| {
            if n == 0 {
                first = d;
            }
            n += 1;
        });
        if n == 1 {
            if lower {
                out.extend(first.to_lowercase());
            } else {
                out.push(first);
            }
            return;
        }
    }
    if lower {
        out.extend(chunk.nfkc().flat_map(char::to_lowercase));
    } else {
        out.extend(chunk.nfkc());
    }
}

/// A run of the text, as [`for_each_piece`] hands it out.
enum Piece {
    /// Chunks that each fold to themselves.
    Same,
    /// One char folding to this one char of the same UTF-8 length.
    Simple(char),
    /// One full-width form (or the ideographic space) folding to this ASCII char.
    Width(char),
    /// One chunk needing NFKC proper.
    Complex,
}

/// Call `f` with consecutive pieces covering `text`: runs of chunks that fold
/// to themselves are merged, so they can be copied whole.
fn for_each_piece(text: &str, lower: bool, mut f: impl FnMut(Range<usize>, Piece)) {
    let mut same_from: Option<usize> = None;
    let mut close = |chunk: Range<usize>, piece: Piece| match piece {
        Piece::Same => {
            same_from.get_or_insert(chunk.start);
        }
        _ => {
            if let Some(from) = same_from.take() {
                f(from..chunk.start, Piece::Same);
            }
            f(chunk, piece);
        }
    };
    // The open chunk: where it starts, and how it folds while it is still a
    // single simple char.
    let mut open: Option<(usize, Piece)> = None;
    // Where the last char started.
    let mut last = 0;
    for (i, c) in text.char_indices() {
        // The common case, kept cheap: a char folding to itself extends an
        // open run of such chars.
        let same = if c.is_ascii() {
            !(lower && c.is_ascii_uppercase())
        } else {
            is_plain_cjk(c)
        };
        if same && matches!(open, Some((_, Piece::Same))) {
            last = i;
            continue;
        }
        let width_fold = full_width(c, lower);
        let simple_fold = if width_fold.is_some() {
            None
        } else {
            simple(c, lower)
        };
        if width_fold.is_some() || simple_fold.is_some() || starts_chunk(c) {
            if let Some((start, piece)) = open.take() {
                close(start..i, piece);
            }
            let piece = match (width_fold, simple_fold) {
                (Some(w), _) => Piece::Width(w),
                (_, Some(f)) if f == c => Piece::Same,
                (_, Some(f)) => Piece::Simple(f),
                _ => Piece::Complex,
            };
            open = Some((i, piece));
        } else {
            match &mut open {
                // Only the run's last char combines with `c`.
                Some((start, Piece::Same)) if *start < last => {
                    close(*start..last, Piece::Same);
                    open = Some((last, Piece::Complex));
                }
                Some((_, piece)) => *piece = Piece::Complex,
                // A text may begin with a combining mark: it is its own chunk.
                None => open = Some((i, Piece::Complex)),
            }
        }
        last = i;
    }
    if let Some((start, piece)) = open {
        close(start..text.len(), piece);
    }
    if let Some(from) = same_from {
        f(from..text.len(), Piece::Same);
    }
}

/// How a text whose chars all fold simply changes.
enum Change {
    None,
    /// Only ASCII upper-case letters, when lowering.
    Ascii,
    Other,
}

/// `None` when some char of `text` needs the general path.
fn simple_change(text: &str, lower: bool) -> Option<Change> {
    let mut change = Change::None;
    for c in text.chars() {
        if c.is_ascii() {
            if lower && c.is_ascii_uppercase() && matches!(change, Change::None) {
                change = Change::Ascii;
            }
        } else if !is_plain_cjk(c) {
            let folded = simple(c, lower)?;
            if folded != c {
                change = Change::Other;
            }
        }
    }
    Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            prop::sample::select(vec![
                "ｶ", "ﾞ", "ﾟ", "\u{301}", "\u{316}", "e", "가", "\u{11A8}", "\u{1161}", "ᄀ", "㍿",
                "ﬁ", "İ", "Ａ", "，", "模", "ǆ", "\u{344}", "Ω", "\u{3000}", "…", "“", "Ⅻ", "ß",
                "＼", "～", "！",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Folding chunk by chunk gives NFKC of the whole text, and every
        /// folded range maps to char boundaries, in order.
        #[test]
        fn chunks_fold_like_the_whole(text in tricky(), lower: bool) {
            let f = fold(&text, lower);
            let whole: String = if lower {
                text.nfkc().flat_map(char::to_lowercase).collect()
            } else {
                text.nfkc().collect()
            };
            prop_assert_eq!(&*f.text, whole.as_str());
            // Chunk starts by the definition, char by char.
            let starts: Vec<usize> = text
                .char_indices()
                .filter(|&(i, c)| i == 0 || simple(c, lower).is_some() || starts_chunk(c))
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let n = f.text.len();
            let mut last = 0;
            for (a, ch) in f.text.char_indices() {
                // A folded char maps back to whole chunks, and no wider.
                let r = f.to_original(a..a + ch.len_utf8());
                prop_assert!(starts.contains(&r.start) && starts.contains(&r.end), "{:?}", r);
                prop_assert!(!starts.iter().any(|&s| r.start < s && s < r.end), "{:?}", r);
                let r = f.to_original(a..n);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(r.start >= last && r.end == text.len());
                last = r.start;
                let r = f.to_original(0..a);
                prop_assert!(text.is_char_boundary(r.end) && r.start == 0);
            }
        }
    }

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
