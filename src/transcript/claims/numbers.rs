//! Quantities written in digits: decimals, ranges, units, dates, years, and
//! the product names and section numbers that only look like quantities.

use super::{Cue, Signal};
use std::sync::LazyLock;

/// How a unit after a number reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Percent, money, scale: the figure itself is the claim.
    Strong,
    Multiplier,
    Measure,
    /// A span of time, which can also be a horizon (`未来3-5年`).
    Duration,
    /// `年`: a year after `2026`, a duration after `50`.
    Nian,
    /// Part of a date or a clock time: never a claim.
    Date,
}

/// Units as data; Latin ones match case-insensitively and whole-word.
#[rustfmt::skip]
const UNITS: &[(&str, Unit)] = {
    use Unit::*;
    &[
        ("%", Strong), ("％", Strong), ("percent", Strong), ("per cent", Strong),
        ("percentage points", Strong), ("pct", Strong), ("个百分点", Strong), ("個百分點", Strong),
        ("basis points", Strong), ("bps", Strong), ("k", Strong), ("m", Strong), ("b", Strong),
        ("bn", Strong), ("tn", Strong), ("thousand", Strong), ("million", Strong),
        ("billion", Strong), ("trillion", Strong), ("万", Strong), ("萬", Strong), ("亿", Strong),
        ("億", Strong), ("兆", Strong), ("千万", Strong), ("百万", Strong), ("元", Strong),
        ("美元", Strong), ("欧元", Strong), ("日元", Strong), ("港元", Strong), ("人民币", Strong),
        ("块钱", Strong), ("円", Strong), ("ドル", Strong), ("dollars", Strong), ("usd", Strong),
        ("euros", Strong), ("yuan", Strong), ("yen", Strong), ("pounds", Strong), ("rmb", Strong),
        ("割", Strong), ("倍", Multiplier), ("x", Multiplier), ("×", Multiplier),
        ("times", Multiplier), ("fold", Multiplier), ("-fold", Multiplier), ("seconds", Duration),
        ("second", Duration), ("minutes", Duration), ("minute", Duration), ("mins", Duration),
        ("hours", Duration), ("hour", Duration), ("days", Duration), ("day", Duration),
        ("weeks", Duration), ("week", Duration), ("months", Duration), ("month", Duration),
        ("years", Duration), ("year", Duration), ("decades", Duration), ("个月", Duration),
        ("個月", Duration), ("ヶ月", Duration), ("か月", Duration), ("カ月", Duration), ("小时", Duration),
        ("小時", Duration), ("分钟", Duration), ("分鐘", Duration), ("時間", Duration), ("日間", Duration),
        ("天", Duration), ("周", Duration), ("週間", Duration), ("秒", Duration), ("年", Nian),
        ("年代", Date), ("月", Date), ("日", Date), ("号", Date), ("號", Date), ("時", Date), ("点", Date),
        ("am", Date), ("pm", Date), ("a.m.", Date), ("p.m.", Date), ("o'clock", Date),
        ("january", Date), ("february", Date), ("march", Date), ("april", Date), ("may", Date),
        ("june", Date), ("july", Date), ("august", Date), ("september", Date), ("october", Date),
        ("november", Date), ("december", Date), ("st", Date), ("nd", Date), ("rd", Date),
        ("th", Date), ("people", Measure), ("employees", Measure), ("workers", Measure),
        ("users", Measure), ("customers", Measure), ("jobs", Measure), ("engineers", Measure),
        ("developers", Measure), ("students", Measure), ("patients", Measure), ("cases", Measure),
        ("deaths", Measure), ("homes", Measure), ("companies", Measure), ("countries", Measure),
        ("miles", Measure), ("km", Measure), ("kilometres", Measure), ("kilometers", Measure),
        ("meters", Measure), ("metres", Measure), ("kg", Measure), ("tons", Measure),
        ("tonnes", Measure), ("tonne", Measure), ("barrels", Measure), ("gallons", Measure),
        ("litres", Measure), ("liters", Measure), ("kw", Measure), ("mw", Measure),
        ("gw", Measure), ("kwh", Measure), ("mwh", Measure), ("gwh", Measure), ("twh", Measure),
        ("gb", Measure), ("tb", Measure), ("ghz", Measure), ("tokens", Measure),
        ("parameters", Measure), ("lines", Measure), ("points", Measure), ("degrees", Measure),
        ("acres", Measure), ("units", Measure), ("votes", Measure), ("seats", Measure),
        ("stores", Measure), ("schools", Measure), ("hospitals", Measure), ("个", Measure),
        ("個", Measure), ("人", Measure), ("名", Measure), ("位", Measure), ("家", Measure),
        ("台", Measure), ("款", Measure), ("项", Measure), ("次", Measure), ("行", Measure),
        ("条", Measure), ("篇", Measure), ("张", Measure), ("件", Measure), ("社", Measure),
        ("回", Measure), ("参数", Measure), ("公里", Measure), ("公斤", Measure), ("吨", Measure),
        ("度", Measure), ("千瓦", Measure), ("平方米", Measure), ("米", Measure),
    ]
};

/// Units by lowercased first byte, longest first, so `个月` wins over `个`
/// and `bn` over `b`.
static BY_FIRST: LazyLock<Vec<Vec<(&str, Unit)>>> = LazyLock::new(|| {
    let mut v = UNITS.to_vec();
    v.sort_by_key(|(u, _)| std::cmp::Reverse(u.len()));
    let mut index = vec![Vec::new(); 256];
    for (u, kind) in v {
        index[usize::from(u.as_bytes()[0].to_ascii_lowercase())].push((u, kind));
    }
    index
});

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
    // Identifiers such as H100, A2A, GPT-4, v2: skip the whole token.
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let hyphen_word = before == Some('-') && glued(s[..start - 1].chars().next_back());
    if glued(before) || hyphen_word || before == Some('第') || before == Some('#') {
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
    // A range: 6-12, 20%-30%, 30%到40%, 10 to 15. A percent sign may sit on
    // both ends or only the last.
    let first = unit_at(s, end);
    let probe = match first {
        Some((len, Unit::Strong)) => end + len,
        _ => end,
    };
    let joint = ["-", "–", "—", "~", "～", "－", "到", "至", " to ", " - "]
        .iter()
        .find(|j| s[probe..].starts_with(**j) && digit_len(b, probe + j.len()).is_some());
    let (end, unit, ranged) = match (joint, first) {
        (Some(j), _) => {
            let second = number(s, probe + j.len());
            match unit_at(s, second.end) {
                Some((len, u)) => (second.end + len, Some(u), true),
                None => (second.end, first.map(|f| f.1), true),
            }
        }
        (None, Some((len, u))) => (end + len, Some(u), false),
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
    let mut push = |cue| {
        out.push(Signal {
            start: sig_start,
            end,
            cue,
        })
    };
    let year_like = a.digits == 4 && (1800..=2199).contains(&a.value) && a.plain;
    match unit {
        Some(Unit::Date) => {}
        Some(Unit::Strong) => push(Cue::Strong),
        Some(Unit::Multiplier) => push(Cue::Multiplier),
        Some(Unit::Measure) => push(Cue::Measure),
        Some(Unit::Nian) if year_like || a.leading_zero => year(s, start, end, &mut push),
        Some(Unit::Duration | Unit::Nian) => {
            push(Cue::Measure);
            if future_before(s, sig_start) || s[end..].trim_start().starts_with("from now") {
                push(Cue::Horizon);
            }
        }
        None if currency => push(Cue::Strong),
        None if year_like => year(s, start, end, &mut push),
        None if a.leading_zero || starts_sentence(s, start) || product_before(s, start) => {}
        None if a.digits >= 5 && a.plain => {}
        None if a.digits >= 2 || !a.plain || ranged => push(Cue::Bare),
        None => {}
    }
    end
}

fn year(s: &str, start: usize, end: usize, push: &mut impl FnMut(Cue)) {
    push(Cue::Year);
    let rest = &s[end..];
    if future_before(s, start) || rest.starts_with("までに") || rest.starts_with("年までに")
    {
        push(Cue::Horizon);
    }
}

/// A unit right after `i`, with an optional single space before a Latin one.
fn unit_at(s: &str, i: usize) -> Option<(usize, Unit)> {
    let rest = &s[i..];
    let (pad, rest) = match rest.strip_prefix(' ') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    let first = rest.as_bytes().first()?.to_ascii_lowercase();
    BY_FIRST[usize::from(first)].iter().find_map(|&(u, kind)| {
        let head = rest.get(..u.len())?;
        let latin = u.as_bytes()[0].is_ascii_alphabetic();
        if latin {
            let tail = rest.as_bytes().get(u.len());
            let whole = !tail.is_some_and(|t| t.is_ascii_alphanumeric());
            (head.eq_ignore_ascii_case(u) && whole).then_some((pad + u.len(), kind))
        } else {
            (head == u && (pad == 0 || !u.is_ascii())).then_some((pad + u.len(), kind))
        }
    })
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
fn future_before(s: &str, i: usize) -> bool {
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
