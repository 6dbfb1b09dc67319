//! What looks like a figure but is not a claim: agreement (`Yeah, 100%.`,
//! `百分之百同意`), ages (`when I was 19`), page numbers after a dot leader
//! (`Chapter 3 ........ 45`), sponsor reads (`20% off`, `use code X`); and
//! the qualifiers (`about`, `under`, `大概`) that make a small figure firm.
//!
//! All of these look a few bytes around a figure the scanners found, so
//! they cost nothing on text without figures.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::LazyLock;

/// Words that make a small count or a short span a figure worth checking:
/// `under eight minutes`, `大概三个人`.
const QUALIFIERS: &[&str] = &[
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "close to",
    "approximately",
    "大概",
    "大约",
    "约",
    "将近",
    "差不多",
    "至少",
    "超过",
    "不到",
    "足足",
    "整整",
    "长达",
    "多达",
];

/// Whether a qualifier ends just before `i` (past one space).
pub(super) fn qualified(s: &str, i: usize) -> bool {
    ends_with_word(s[..i].trim_end_matches(' '), QUALIFIERS)
}

/// Whether `head` ends with one of `words`, case-insensitively, as a whole
/// word when the word is Latin.
fn ends_with_word(head: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        let n = w.len();
        head.len() >= n
            && head.is_char_boundary(head.len() - n)
            && head[head.len() - n..].eq_ignore_ascii_case(w)
            && !(w.as_bytes()[0].is_ascii_alphabetic()
                && head[..head.len() - n].ends_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

/// Words after `100%` that make it agreement rather than a figure.
const AGREE_AFTER: &[&str] = &[
    "agree",
    "with you",
    "with him",
    "with her",
    "with them",
    "with that",
    "behind",
    "sure",
    "certain",
    "right",
    "correct",
    "true",
    "on board",
    "同意",
    "支持",
    "赞成",
    "认同",
    "肯定",
    "确定",
    "正确",
    "相信",
    "没问题",
];

/// Words that may stand before an agreeing `100%` with nothing after it.
const AGREE_BEFORE: &[&str] = &[
    "yeah",
    "yes",
    "yep",
    "oh",
    "absolutely",
    "totally",
    "agree",
    "i'm",
    "i am",
    "对",
    "是",
    "是的",
    "嗯",
];

/// Whether the 100% at `start..end` agrees rather than measures: agreement
/// words follow it (`I'm 100 percent with you`, `百分之百同意`), or it
/// stands alone after at most an interjection (`Yeah, 100%.`).
pub(super) fn agreement(s: &str, start: usize, end: usize) -> bool {
    let after = s[end..].trim_start_matches([' ', ',', '，', '、']);
    let clause_end = after
        .find(['.', '!', '?', '。', '！', '？', ';', '；'])
        .unwrap_or(after.len());
    let clause = &after[..clause_end];
    if AGREE_AFTER.iter().any(|w| starts_with_ci(clause, w))
        || contains_ci(clause, "agree")
        || clause.contains("同意")
    {
        return true;
    }
    let head = &s[..start];
    let sentence = head
        .rfind(['.', '!', '?', '。', '！', '？'])
        .map_or(head, |k| {
            &head[k + head[k..].chars().next().map_or(1, char::len_utf8)..]
        });
    let before = sentence.trim_matches([' ', ',', '，', '、']);
    let alone = clause.trim_matches([' ', ',', '，']).is_empty()
        || ["yeah", "yes", "man", "dude"]
            .iter()
            .any(|w| clause.trim().eq_ignore_ascii_case(w));
    alone && (before.is_empty() || ends_with_word(before, AGREE_BEFORE))
}

fn starts_with_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len() && s.is_char_boundary(w.len()) && s[..w.len()].eq_ignore_ascii_case(w)
}

fn contains_ci(s: &str, w: &str) -> bool {
    s.as_bytes()
        .windows(w.len())
        .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
}

/// Verbs after a count that make it agreement or hyperbole: `一百个赞成`,
/// `一万个不愿意`.
const HYPERBOLE_AFTER: &[&str] = &[
    "赞成",
    "同意",
    "支持",
    "愿意",
    "不愿意",
    "放心",
    "不放心",
    "满意",
    "不满意",
    "不同意",
];

/// Whether the Chinese figure ending at `end` is followed (past a `个`) by
/// agreement or hyperbole.
pub(super) fn hyperbole(s: &str, end: usize) -> bool {
    let after = &s[end..];
    let after = after.strip_prefix(['个', '個']).unwrap_or(after);
    HYPERBOLE_AFTER.iter().any(|w| after.starts_with(w))
}

/// Whether the number at `i` ends a dot leader: a table of contents' page.
pub(super) fn page_number(s: &str, i: usize) -> bool {
    let head = s[..i].trim_end();
    head.ends_with("...") || head.ends_with('…') || head.ends_with("··") || head.ends_with("．．")
}

/// Whether the bare number at `i` is an age: `I was 19`, `she's 82`.
pub(super) fn age(s: &str, i: usize, value: f64) -> bool {
    const BEFORE: &[&str] = &[
        "is", "was", "i'm", "he's", "she's", "turned", "turns", "aged", "age", "am",
    ];
    value < 130.0 && ends_with_word(s[..i].trim_end_matches(' '), BEFORE)
}

/// Sponsor and advertising copy: offers, codes and calls to buy.
const ADVERT: &[&str] = &[
    "% off",
    "％ off",
    "percent off",
    "promo code",
    "use code",
    "offer code",
    "discount code",
    "coupon",
    "free trial",
    "sponsored by",
    "brought to you by",
    "优惠码",
    "优惠券",
    "折扣码",
    "立减",
    "限时",
    "首单",
    "扫码",
    "包邮",
];

/// The markers of [`ADVERT`] as one search, ASCII case folded (the rest
/// have no case). An NFA without a prefilter: built at once, at the first
/// claim of every start, where the same alternation as a regex took a
/// millisecond; it is asked only of the few sentences that name a price.
static ADVERT_RE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .build(ADVERT)
        .expect("advert markers are plain strings")
});

/// Whether the sentence is sponsor or advertising copy (asked only of
/// sentences already judged claims).
pub(super) fn advert(sentence: &str) -> bool {
    ADVERT_RE.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_is_told_from_a_measured_hundred_percent() {
        let at = |s: &str, pat: &str| {
            let i = s.find(pat).unwrap();
            agreement(s, i, i + pat.len())
        };
        assert!(at("Yeah, 100%.", "100%"));
        assert!(at("I'm 100 percent with you on that.", "100 percent"));
        assert!(at(
            "100 percent, I completely agree with you.",
            "100 percent"
        ));
        assert!(at("百分之百同意。", "百分之百"));
        assert!(!at("Yeah, and we grew 100% year over year.", "100%"));
        assert!(!at("出口增长了100%。", "100%"));
    }

    #[test]
    fn qualifiers_ages_and_page_numbers() {
        assert!(qualified("now under 8", 10));
        assert!(!qualified("thunder 8", 8));
        assert!(age("When I was 19", 11, 19.0));
        assert!(!age("It grew 19", 8, 19.0));
        assert!(page_number("Chapter 3 ........ 45", 19));
        assert!(advert("Use code TREAD20 for 20% off"));
        assert!(advert("扫码领取优惠券"));
        assert!(advert("THIS EPISODE IS SPONSORED BY Acme, 30% OFF"));
        assert!(!advert("Prices fell 20% in a year"));
    }
}
