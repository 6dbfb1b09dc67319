//! Quantities written in digits: decimals, ranges, units, dates, years, and
//! the product names and section numbers that only look like quantities.

use super::units::{self, Unit};
use super::{Cue, Signal, filters, words};
use crate::transcript::model::{Quantity, Reason};

/// Capitalised words that precede a figure without naming a product.
const NOT_PRODUCTS: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "about",
    "around",
    "over",
    "under",
    "only",
    "just",
    "nearly",
    "almost",
    "roughly",
    "some",
    "of",
    "for",
    "from",
    "to",
    "with",
    "and",
    "but",
    "the",
    "a",
    "an",
    "we",
    "i",
    "it",
    "they",
    "you",
    "he",
    "she",
    "our",
    "since",
    "until",
    "before",
    "after",
    "than",
    "approximately",
    "maybe",
    "perhaps",
    "every",
    "all",
    "those",
    "these",
    "that",
    "this",
    "up",
    "down",
    "less",
    "more",
    "fewer",
    "another",
    "each",
    "still",
    "another",
];

/// Nouns whose number points somewhere rather than counting: `page 12`.
const REFERENCES: &[&str] = &[
    "page",
    "pages",
    "line",
    "chapter",
    "section",
    "item",
    "rule",
    "room",
    "episode",
    "exhibit",
    "article",
    "paragraph",
    "slide",
    "number",
    "question",
    "table",
    "figure",
    "appendix",
    "part",
    "season",
    "volume",
    "vol",
    "no",
    "issue",
    "step",
    "level",
    "track",
    "verse",
];

/// Words before a year or a span that make it a future horizon.
const FUTURE_PREFIXES: &[&str] = &[
    "到",
    "至",
    "by",
    "until",
    "before",
    "next",
    "within",
    "未来",
    "今后",
    "接下来",
    "今後",
];

/// Length of the digit (ASCII or full-width) at `i`, if one starts there.
fn digit_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [d, ..] if d.is_ascii_digit() => Some(1),
        [0xEF, 0xBC, 0x90..=0x99, ..] => Some(3),
        _ => None,
    }
}

/// A number's digits: where they end and what they look like.
struct Num {
    end: usize,
    digits: usize,
    value: u64,
    leading_zero: bool,
    plain: bool,
}

fn number(s: &str, mut i: usize) -> Num {
    let b = s.as_bytes();
    let (mut digits, mut value, mut plain) = (0, 0u64, true);
    let leading_zero = matches!(b.get(i..), Some([b'0', ..] | [0xEF, 0xBC, 0x90, ..]));
    loop {
        if let Some(n) = digit_len(b, i) {
            value = value
                .saturating_mul(10)
                .saturating_add(u64::from(b[i + n - 1] & 0x0F));
            digits += 1;
            i += n;
        } else if matches!(b.get(i), Some(b',' | b'.')) && digit_len(b, i + 1).is_some() {
            plain = false;
            i += 1;
        } else if s[i..].starts_with('．') && digit_len(b, i + 3).is_some() {
            plain = false;
            i += 3;
        } else {
            break;
        }
    }
    Num {
        end: i,
        digits,
        value,
        leading_zero: leading_zero && digits > 1 && plain,
        plain,
    }
}

/// Scans the quantity starting at digit `start`; returns where scanning resumes.
pub(super) fn one(s: &str, start: usize, out: &mut Vec<Signal>) -> usize {
    let b = s.as_bytes();
    let a = number(s, start);
    let before = s[..start].chars().next_back();
    // Identifiers such as H100, A2A, GPT-4, v2, and paths in links: skip the
    // whole token.
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let hyphen_word = before == Some('-') && glued(s[..start - 1].chars().next_back());
    let pointer = matches!(before, Some('第' | '#' | '/' | '=' | '@' | '.'));
    if glued(before) || hyphen_word || pointer {
        return skip_token(s, a.end);
    }
    let end = a.end;
    // Dates and clock times: 2025-05-08, 15:19:13, 5/8/2025.
    let sep = b.get(end).copied();
    if matches!(sep, Some(b':' | b'/' | b'-')) && digit_len(b, end + 1).is_some() {
        let second = number(s, end + 1);
        let third = b.get(second.end) == sep.as_ref() && digit_len(b, second.end + 1).is_some();
        if sep != Some(b'-') || third || (a.digits == 4 && second.leading_zero) {
            return skip_token(s, second.end);
        }
    }
    let value = value_of(s, start, end);
    // `7 in 10`, `1 out of 5`.
    if let Some(to) = words::ratio(s, end, value) {
        out.push(Signal::new(start, to, Cue::Strong, Reason::Fraction));
        return to;
    }
    // A range: 6-12, 20%-30%, 30%到40%, 10 to 15. A percent sign may sit on
    // both ends or only the last.
    let first = units::at(s, end);
    let probe = match first {
        Some((len, _, Unit::Percent)) => end + len,
        _ => end,
    };
    let joint = ["-", "–", "—", "~", "～", "－", "到", "至", " to ", " - "]
        .iter()
        .find(|j| s[probe..].starts_with(**j) && digit_len(b, probe + j.len()).is_some());
    let (end, unit, ranged) = match (joint, first) {
        (Some(j), _) => {
            let second = number(s, probe + j.len());
            match units::at(s, second.end) {
                Some((len, _, u)) => (second.end + len, Some(u), true),
                None => (second.end, first.map(|f| f.2), true),
            }
        }
        (None, Some((len, _, u))) => (end + len, Some(u), false),
        (None, None) => (end, None, false),
    };
    if unit.is_none() && b.get(end).is_some_and(u8::is_ascii_alphabetic) {
        return skip_token(s, end);
    }
    let currency = matches!(before, Some('$' | '€' | '£' | '¥' | '￥'));
    let sig_start = if currency {
        start - before.map_or(0, char::len_utf8)
    } else {
        start
    };
    let figure = Figure {
        start: sig_start,
        end,
        value,
        ranged,
        currency: before.filter(|_| currency),
    };
    let year_like = a.digits == 4 && (1800..=2199).contains(&a.value) && a.plain;
    match unit {
        Some(Unit::Nian) if year_like || a.leading_zero => year(s, start, end, out),
        Some(u) => return figure.with_unit(s, u, Reason::Measure, out),
        None if currency => out.push(Signal::new(sig_start, end, Cue::Strong, Reason::Money)),
        None if year_like => year(s, start, end, out),
        None if a.leading_zero || starts_sentence(s, start) || product_before(s, start) => {}
        None if filters::page_number(s, start) || filters::age(s, start, value) => {}
        None if a.digits >= 5 && a.plain => {}
        None if a.digits >= 2 || !a.plain || ranged => {
            out.push(Signal::new(start, end, Cue::Bare, Reason::Number))
        }
        None => {}
    }
    end
}

/// A number and its unit, in digits or in words, before the unit decides
/// what it is.
pub(super) struct Figure {
    pub start: usize,
    /// Just past the unit.
    pub end: usize,
    pub value: f64,
    pub ranged: bool,
    /// The currency sign before the number, if any.
    pub currency: Option<char>,
}

impl Figure {
    /// Pushes what the figure with unit `u` is (nothing for a date, a small
    /// count or a short span in passing); returns where scanning resumes.
    /// `measure` is the reason a plain measure gets: `Measure` for digits,
    /// `SpelledOut` for words.
    pub(super) fn with_unit(
        &self,
        s: &str,
        u: Unit,
        measure: Reason,
        out: &mut Vec<Signal>,
    ) -> usize {
        let (start, end) = (self.start, self.end);
        let push =
            |out: &mut Vec<Signal>, cue, reason| out.push(Signal::new(start, end, cue, reason));
        let firm = || self.ranged || filters::qualified(s, start);
        match u {
            Unit::Never => {}
            Unit::Percent if self.value == 100.0 && filters::agreement(s, start, end) => {}
            Unit::Percent => push(out, Cue::Strong, Reason::Percentage),
            Unit::Money => push(out, Cue::Strong, Reason::Money),
            Unit::Fraction => push(out, Cue::Strong, Reason::Fraction),
            Unit::Magnitude(exp) => return self.magnitude(s, exp, out),
            Unit::Multiplier => push(out, Cue::Multiplier, Reason::Multiple),
            Unit::Measure => push(out, Cue::Measure, measure),
            Unit::Count if self.value >= 10.0 || firm() => push(out, Cue::Measure, measure),
            Unit::Short if self.value > 10.0 || firm() => push(out, Cue::Measure, measure),
            Unit::Count | Unit::Short => {}
            Unit::Duration | Unit::Nian => {
                if self.value >= 2.0 || self.value.fract() != 0.0 || firm() {
                    push(out, Cue::Span, measure);
                }
                if future_before(s, start) || s[end..].trim_start().starts_with("from now") {
                    push(out, Cue::Horizon, Reason::Horizon(""));
                }
            }
        }
        end
    }

    /// A figure times `10^exp`, with the unit after it (`2250万千瓦`) or the
    /// currency sign before it as the quantity's unit.
    fn magnitude(&self, s: &str, exp: u8, out: &mut Vec<Signal>) -> usize {
        let after = units::of_magnitude(s, self.end);
        let unit = after.map(|a| a.1).or(self.currency.map(currency_sign));
        let end = self.end + after.map_or(0, |a| a.0);
        let mut signal = Signal::new(self.start, end, Cue::Strong, Reason::Magnitude);
        signal.quantity = Some(Quantity {
            value: self.value * units::power(exp),
            unit,
        });
        out.push(signal);
        end
    }
}

fn currency_sign(c: char) -> &'static str {
    match c {
        '€' => "€",
        '£' => "£",
        '¥' | '￥' => "¥",
        _ => "$",
    }
}

/// The value of the digits from `start` to `end`: `,` groups thousands,
/// `.` and `．` start the decimals.
fn value_of(s: &str, start: usize, end: usize) -> f64 {
    let b = s.as_bytes();
    let (mut value, mut scale, mut i) = (0f64, 0f64, start);
    while i < end {
        if let Some(n) = digit_len(b, i) {
            let d = f64::from(b[i + n - 1] & 0x0F);
            if scale == 0.0 {
                value = value * 10.0 + d;
            } else {
                value += d * scale;
                scale /= 10.0;
            }
            i += n;
        } else {
            if b[i] == b'.' || s[i..].starts_with('．') {
                scale = 0.1;
            }
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    value
}

fn year(s: &str, start: usize, end: usize, out: &mut Vec<Signal>) {
    out.push(Signal::new(start, end, Cue::Year, Reason::Number));
    let rest = &s[end..];
    if future_before(s, start) || rest.starts_with("までに") || rest.starts_with("年までに")
    {
        out.push(Signal::new(start, end, Cue::Horizon, Reason::Horizon("")));
    }
}

fn skip_token(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
    {
        i += 1;
    }
    i
}

/// The Latin word or the CJK characters just before `i`, past one space.
pub(super) fn future_before(s: &str, i: usize) -> bool {
    let head = s[..i].trim_end_matches([' ', '(']);
    FUTURE_PREFIXES.iter().any(|p| {
        head.len() >= p.len()
            && head.is_char_boundary(head.len() - p.len())
            && head[head.len() - p.len()..].eq_ignore_ascii_case(p)
            && !head[..head.len() - p.len()].ends_with(|c: char| c.is_ascii_alphabetic())
    })
}

/// A bare number opening a sentence is a section or list number.
fn starts_sentence(s: &str, i: usize) -> bool {
    let head = s[..i].trim_end();
    head.is_empty() || head.ends_with(['。', '.', '!', '?', '！', '？', ':', '：', '"', '“'])
}

/// `Llama 4`, `Windows 3`, `Microsoft 365`, `page 12`: a capitalised word or a
/// reference noun before a bare number names a thing rather than counting it.
fn product_before(s: &str, i: usize) -> bool {
    let Some(head) = s[..i].strip_suffix(' ') else {
        return false;
    };
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &head[word_start..];
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    is(REFERENCES) || word.bytes().any(|c| c.is_ascii_uppercase()) && !is(NOT_PRODUCTS)
}
