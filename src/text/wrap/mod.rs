//! CJK-correct line wrapping of transcript text into byte ranges.
//!
//! The reader maps sentence byte ranges onto wrapped lines for highlighting,
//! so [`wrap`] returns ranges into the paragraph instead of owned strings.
//!
//! Break opportunities come from textwrap's
//! [`WordSeparator::UnicodeBreakProperties`] (UAX #14 via icu_segmenter).
//! Lines are filled first-fit, as textwrap's `WrapAlgorithm::FirstFit` does,
//! but by our own loop: textwrap hands back owned strings whenever it has to
//! split a word, which loses the byte offsets, and it knows nothing of the
//! Chinese line-start and line-end rules that forced splits must still obey.
//!
//! Width is measured per extended grapheme cluster, the unit ratatui puts in
//! a cell, so a wide character, an emoji ZWJ sequence or a base character
//! with its combining marks is never split across lines.

mod cells;
mod punct;

use std::ops::Range;

use textwrap::WordSeparator;
use unicode_segmentation::GraphemeCursor;

pub use cells::width;
use cells::*;
use punct::*;

/// A break at `b` for a line starting at `start`: where the line's text ends,
/// where the next line starts, and which punctuation rules it breaks.
struct Candidate {
    end: usize,
    next: usize,
    /// The next line would start with closing punctuation.
    bad_start: bool,
    /// The line would end with opening punctuation.
    bad_end: bool,
}

fn candidate(text: &str, start: usize, b: usize) -> Option<Candidate> {
    let end = trim_blank_back(text, start, b);
    if end == start {
        return None;
    }
    let next = skip_blank(text, b);
    let bad_start = match text[next..].chars().next() {
        // An ASCII quote after a space opens a quotation in Latin text.
        Some(c @ ('"' | '\'')) => is_closing(c) && next == end,
        Some(c) => is_closing(c),
        None => false,
    };
    let bad_end = text[..end].chars().next_back().is_some_and(is_opening);
    Some(Candidate {
        end,
        next,
        bad_start,
        bad_end,
    })
}

/// Pick the best break among `breaks` (descending positions): the last one
/// that obeys both punctuation rules, else the last that at least keeps
/// closing punctuation off the next line's start.
///
/// `carry` is set when the text that did not fit begins with closing
/// punctuation, to the end of that punctuation: a break is worth taking
/// only if what it moves down fits on one line together with it. Otherwise
/// (width 2 and a full-width comma, say) the line would be cut short and the
/// punctuation would start a line all the same.
fn choose(
    text: &str,
    start: usize,
    width: usize,
    carry: Option<usize>,
    breaks: impl Iterator<Item = usize>,
) -> Option<(usize, usize)> {
    let mut fallback = None;
    for b in breaks {
        let Some(c) = candidate(text, start, b) else {
            continue;
        };
        if c.bad_start {
            continue;
        }
        if let Some(carry) = carry
            && (c.next >= carry || self::width(&text[c.next..carry]) > width)
        {
            continue;
        }
        if !c.bad_end {
            return Some((c.end, c.next));
        }
        fallback.get_or_insert((c.end, c.next));
    }
    fallback
}

/// Break `text` into lines no wider than `width` columns (see [`width`]).
///
/// Returns byte ranges into `text`, one per line, in order; the line's text
/// is exactly `&text[range]`. Whitespace at a break belongs to neither line,
/// and leading and trailing whitespace of `text` is dropped, so only
/// whitespace lies outside the ranges. A newline (or other line separator)
/// forces a break; blank lines collapse. Empty or all-whitespace `text` gives
/// exactly one empty range, `0..0`, so every paragraph occupies a line.
///
/// Rules, in order of precedence:
/// - No line is wider than `width`. A `width` of 0 counts as 1. A grapheme
///   wider than `width` (a wide character when `width` is 1) goes alone on
///   its line, which then exceeds `width`: the only way to show it. The
///   reader keeps a minimum pane width, so this happens only in tests.
/// - Breaks fall at UAX #14 opportunities, so a Latin word inside Chinese is
///   split only when it is longer than a line; then it is split between
///   grapheme clusters, never inside one.
/// - Closing punctuation (`，。、：？！”）》」』】；…` and ASCII `,.:;?!)]}'"`)
///   never starts a line: the previous character comes down with it. An
///   ASCII quote after whitespace counts as opening and may start a line.
///   The rule yields only where it cannot hold: when the character and the
///   run of punctuation together are wider than the line (a full-width
///   comma at width 2 or 3), or when the line would hold nothing but
///   closing punctuation.
/// - Opening punctuation (`“（《「『【(` and kin) does not end a line when
///   another break fits.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    // About three bytes per two columns in Chinese: usually one allocation.
    let mut lines = Vec::with_capacity(text.len() * 2 / (3 * width) + 1);
    // Break opportunities, computed only once a line overflows: most
    // paragraphs on a wide pane fit on one line.
    let mut opportunities: Option<Vec<usize>> = None;
    let mut start = skip_blank(text, 0);

    while start < text.len() {
        // Fill the line grapheme by grapheme. `fit_end` is the end of the
        // last non-blank grapheme that fits; `line_w` also counts blanks
        // after it, which matter only if more text follows on this line.
        let mut line_w = 0;
        let mut fit_end = start;
        let mut stop = None; // (position, forced)
        for (pos, g) in Clusters::from(text, start) {
            if is_hard_break(g) {
                stop = Some((pos, true));
                break;
            }
            let gw = grapheme_width(g);
            if is_blank(g) {
                line_w += gw;
                continue;
            }
            if line_w + gw > width && fit_end > start {
                stop = Some((pos, false));
                break;
            }
            line_w += gw;
            fit_end = pos + g.len();
        }

        let (end, next) = match stop {
            None => (fit_end, text.len()),
            Some((pos, true)) => (fit_end, skip_blank(text, pos)),
            Some((overflow, false)) => {
                let opps = opportunities.get_or_insert_with(|| break_opportunities(text));
                // Opportunities in (start, overflow], last first.
                let hi = opps.partition_point(|&b| b <= overflow);
                let lo = opps.partition_point(|&b| b <= start);
                let at_words = opps[lo..hi]
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&b| is_grapheme_boundary(text, b));
                let carry = closing_run_end(text, overflow);
                choose(text, start, width, carry, at_words)
                    .or_else(|| {
                        let back = grapheme_boundaries_back(text, start, fit_end);
                        choose(text, start, width, carry, back)
                    })
                    // Nothing but closing punctuation fits: give up the rule.
                    .unwrap_or_else(|| (fit_end, skip_blank(text, fit_end)))
            }
        };
        lines.push(start..end);
        start = next;
    }

    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// If closing punctuation starts at `pos`, where that run of it ends.
fn closing_run_end(text: &str, pos: usize) -> Option<usize> {
    let run: usize = text[pos..]
        .chars()
        .take_while(|&c| is_closing(c))
        .map(char::len_utf8)
        .sum();
    (run > 0).then(|| pos + run)
}

/// Start offsets of the UAX #14 segments after the first: the places a line
/// may break.
fn break_opportunities(text: &str) -> Vec<usize> {
    let base = text.as_ptr() as usize;
    // Chinese has an opportunity after nearly every character.
    let mut opportunities = Vec::with_capacity(text.len() / 3 + 1);
    opportunities.extend(
        WordSeparator::UnicodeBreakProperties
            .find_words(text)
            // Every word is a subslice of `text`, so its pointer gives its offset.
            .map(|w| w.word.as_ptr() as usize - base)
            .filter(|&b| b > 0 && b < text.len()),
    );
    opportunities
}

/// Grapheme boundaries in `(start, end]`, last first: where an over-long run
/// without break opportunities may be split.
fn grapheme_boundaries_back(text: &str, start: usize, end: usize) -> impl Iterator<Item = usize> {
    let mut cursor = GraphemeCursor::new(end, text.len(), true);
    let mut first = Some(end);
    std::iter::from_fn(move || {
        if let Some(e) = first.take() {
            return Some(e);
        }
        match cursor.prev_boundary(text, 0) {
            Ok(Some(b)) => Some(b),
            _ => None,
        }
    })
    .take_while(move |&b| b > start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn empty_and_blank_give_one_empty_line() {
        assert_eq!(wrap("", 10), vec![0..0]);
        assert_eq!(wrap("   \u{3000} ", 10), vec![0..0]);
        assert_eq!(wrap("", 0), vec![0..0]);
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(lines("你好，世界", 80), vec!["你好，世界"]);
        assert_eq!(lines("  hello  ", 80), vec!["hello"]);
    }

    #[test]
    fn latin_words_break_at_spaces() {
        assert_eq!(
            lines("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
    }

    #[test]
    fn chinese_breaks_between_characters() {
        assert_eq!(
            lines("大模型的竞争远远没有结束", 8),
            vec!["大模型的", "竞争远远", "没有结束"]
        );
    }

    #[test]
    fn full_width_closing_punctuation_pulls_a_character_down() {
        // Width 8 holds four characters; "，" would start line two.
        assert_eq!(lines("一二三四，五六", 8), vec!["一二三", "四，五六"]);
    }

    #[test]
    fn ascii_punctuation_in_chinese_pulls_a_character_down() {
        assert_eq!(lines("一二三四?五六", 8), vec!["一二三", "四?五六"]);
        assert_eq!(lines("一二三四,五六", 8), vec!["一二三", "四,五六"]);
    }

    #[test]
    fn opening_punctuation_moves_to_the_next_line() {
        // "“" is one column wide, so "一二三“" would fit; UAX #14 then pulls
        // "三" along, as no break is allowed between "三" and "“".
        assert_eq!(lines("一二三“四五”", 8), vec!["一二", "三“四五”"]);
        // "（" is two columns: the line is full before it.
        assert_eq!(lines("一二三（四五）", 8), vec!["一二三", "（四五）"]);
        // A forced split of an unbreakable run keeps "(" off the line end.
        assert_eq!(lines("abcdefg(hij)", 8), vec!["abcdefg", "(hij)"]);
    }

    #[test]
    fn forced_split_avoids_closing_punctuation() {
        // An over-long word has no break opportunities inside.
        assert_eq!(lines("abcdefghij,klm", 10), vec!["abcdefghi", "j,klm"]);
        // "…" must not start a line either.
        assert_eq!(lines("一二三……", 6), vec!["一二", "三……"]);
        // Unless nothing else is left to put on the line.
        assert_eq!(lines("好……………………", 6), vec!["好…………", "…………"]);
    }

    #[test]
    fn wide_char_at_width_one_stands_alone() {
        assert_eq!(lines("你好", 1), vec!["你", "好"]);
        assert_eq!(lines("你好", 0), vec!["你", "好"]);
        assert_eq!(lines("a你", 1), vec!["a", "你"]);
    }

    #[test]
    fn newline_forces_a_break() {
        assert_eq!(lines("ab\n\ncd", 80), vec!["ab", "cd"]);
    }

    #[test]
    fn width_counts_graphemes() {
        assert_eq!(width("你好"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("abc"), 3);
        // unicode-width already gives the halfwidth sound mark a column and
        // ratatui adds one more; we follow ratatui, whose layout is what
        // must fit the pane.
        assert_eq!(width("ｶﾞ"), 3);
    }

    fn same_clusters(text: &str) {
        let ours: Vec<_> = Clusters::new(text).collect();
        let theirs: Vec<_> = text.grapheme_indices(true).collect();
        assert_eq!(ours, theirs, "{text:?}");
    }

    #[test]
    fn clusters_match_the_segmenter() {
        for text in [
            "",
            "a",
            "你好，world!",
            "e\u{301}x",
            "a\r\nb",
            "好\u{302a}字",
            "1\u{fe0f}\u{20e3}",
            "〰\u{200d}👨",
            "🇨🇳🇺🇸x",
            "\u{600}1",
            "ｶﾞ",
            "한국어",
            "\u{301}start",
        ] {
            same_clusters(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
        #[test]
        fn clusters_match_the_segmenter_on_mixed_text(
            text in "[a-z 你好，。“”\u{300}\u{200d}\u{fe0f}🇨🇳👨\u{1f3fb}\u{600}\r\n\u{1100}\u{1161}]{0,40}"
        ) {
            same_clusters(&text);
        }
    }

    #[test]
    fn known_widths_agree() {
        for c in (' '..='\u{ffff}').filter(|&c| known_width(c).is_some()) {
            let w = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
            assert_eq!(known_width(c), Some(w), "{c:?}");
        }
    }

    #[test]
    fn odd_starts_do_not_panic() {
        for text in [
            "\u{301}abc",
            "\u{200d}",
            "\u{200b}\u{200b}",
            "\t\tx",
            "👨‍👩‍👧‍👦👨‍👩‍👧‍👦",
        ] {
            for w in 0..6 {
                let _ = wrap(text, w);
            }
        }
    }
}
