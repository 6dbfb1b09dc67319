//! Units after a number, as data: what each makes of the figure before it
//! (a percentage, money, a magnitude to multiply by, a count, a span of
//! time, or a date that is never a claim), and the matcher that finds one.

use std::sync::LazyLock;

/// How a unit after a number reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Unit {
    Percent,
    Money,
    /// A power of ten: `k` 3, `万` 4, `亿` 8, `trillion` 12.
    Magnitude(u8),
    /// Tenths: `割`, `成`.
    Fraction,
    Multiplier,
    /// Physical units and things measured: `km`, `千瓦`, `tokens`.
    Measure,
    /// People and things counted, which in passing are small (`3个人`,
    /// `两个孩子`): a claim from ten up.
    Count,
    /// Seconds and minutes: `躺5分钟`, `in five minutes` are talk; a claim
    /// from ten up, or as a range, or after `about`, `under`.
    Short,
    /// Hours to decades, which can also be a horizon (`未来3-5年`).
    Duration,
    /// `年`: a year after `2026`, a duration after `50`.
    Nian,
    /// Part of a date, a clock time or an age: never a claim.
    Never,
}

/// Units as data; Latin ones match case-insensitively and whole-word.
#[rustfmt::skip]
const UNITS: &[(&str, Unit)] = {
    use Unit::*;
    &[
        ("%", Percent), ("％", Percent), ("percent", Percent), ("per cent", Percent),
        ("percentage points", Percent), ("pct", Percent), ("个百分点", Percent), ("個百分點", Percent),
        ("basis points", Percent), ("bps", Percent),
        ("k", Magnitude(3)), ("m", Magnitude(6)), ("b", Magnitude(9)), ("bn", Magnitude(9)),
        ("tn", Magnitude(12)), ("thousand", Magnitude(3)), ("million", Magnitude(6)),
        ("billion", Magnitude(9)), ("trillion", Magnitude(12)), ("万", Magnitude(4)),
        ("萬", Magnitude(4)), ("亿", Magnitude(8)), ("億", Magnitude(8)), ("兆", Magnitude(12)),
        ("千万", Magnitude(7)), ("百万", Magnitude(6)), ("万亿", Magnitude(12)), ("萬億", Magnitude(12)),
        ("元", Money), ("美元", Money), ("欧元", Money), ("日元", Money), ("港元", Money),
        ("人民币", Money), ("块钱", Money), ("块", Money), ("円", Money), ("ドル", Money),
        ("dollars", Money), ("usd", Money), ("euros", Money), ("yuan", Money), ("yen", Money),
        ("pounds", Money), ("rmb", Money),
        ("割", Fraction), ("成", Fraction), ("倍", Multiplier), ("x", Multiplier), ("×", Multiplier),
        ("times", Multiplier), ("fold", Multiplier), ("-fold", Multiplier),
        ("seconds", Short), ("second", Short), ("minutes", Short), ("minute", Short), ("mins", Short),
        ("分钟", Short), ("分鐘", Short), ("秒", Short),
        ("hours", Duration), ("hour", Duration), ("days", Duration), ("day", Duration),
        ("weeks", Duration), ("week", Duration), ("months", Duration), ("month", Duration),
        ("years", Duration), ("year", Duration), ("decades", Duration), ("个月", Duration),
        ("個月", Duration), ("ヶ月", Duration), ("か月", Duration), ("カ月", Duration), ("小时", Duration),
        ("小時", Duration), ("時間", Duration), ("日間", Duration), ("天", Duration), ("周", Duration),
        ("週間", Duration), ("年", Nian),
        ("years old", Never), ("year old", Never), ("-year-old", Never), ("year-old", Never),
        ("岁", Never), ("歲", Never), ("周岁", Never), ("年代", Never), ("月", Never), ("日", Never),
        ("号", Never), ("號", Never), ("時", Never), ("点", Never), ("點", Never), ("am", Never),
        ("pm", Never), ("a.m.", Never), ("p.m.", Never), ("o'clock", Never), ("january", Never),
        ("february", Never), ("march", Never), ("april", Never), ("may", Never), ("june", Never),
        ("july", Never), ("august", Never), ("september", Never), ("october", Never),
        ("november", Never), ("december", Never), ("st", Never), ("nd", Never), ("rd", Never),
        ("th", Never),
        ("people", Count), ("employees", Count), ("workers", Count), ("users", Count),
        ("customers", Count), ("jobs", Count), ("engineers", Count), ("developers", Count),
        ("students", Count), ("patients", Count), ("cases", Count), ("deaths", Count),
        ("homes", Count), ("companies", Count), ("countries", Count), ("votes", Count),
        ("seats", Count), ("stores", Count), ("schools", Count), ("hospitals", Count),
        ("个", Count), ("個", Count), ("人", Count), ("名", Count), ("位", Count), ("家", Count),
        ("台", Count), ("款", Count), ("项", Count), ("次", Count), ("条", Count), ("篇", Count),
        ("张", Count), ("件", Count), ("社", Count), ("回", Count),
        ("miles", Measure), ("km", Measure), ("kilometres", Measure), ("kilometers", Measure),
        ("meters", Measure), ("metres", Measure), ("kg", Measure), ("tons", Measure),
        ("tonnes", Measure), ("tonne", Measure), ("barrels", Measure), ("gallons", Measure),
        ("litres", Measure), ("liters", Measure), ("kw", Measure), ("mw", Measure),
        ("gw", Measure), ("kwh", Measure), ("mwh", Measure), ("gwh", Measure), ("twh", Measure),
        ("gigawatts", Measure), ("megawatts", Measure), ("gb", Measure), ("tb", Measure),
        ("ghz", Measure), ("tokens", Measure), ("parameters", Measure), ("lines", Measure),
        ("points", Measure), ("degrees", Measure), ("acres", Measure), ("units", Measure),
        ("行", Measure), ("参数", Measure), ("公里", Measure), ("公斤", Measure), ("吨", Measure),
        ("度", Measure), ("千瓦", Measure), ("千瓦时", Measure), ("平方米", Measure), ("米", Measure),
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

/// A unit right after `i`, with an optional single space before a Latin
/// one: its length (the space included), the unit's own spelling and kind.
pub(super) fn at(s: &str, i: usize) -> Option<(usize, &'static str, Unit)> {
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
            (head.eq_ignore_ascii_case(u) && whole).then_some((pad + u.len(), u, kind))
        } else {
            (head == u && (pad == 0 || !u.is_ascii())).then_some((pad + u.len(), u, kind))
        }
    })
}

/// The unit a magnitude is of, right after it (`2250万千瓦`, `2.1 billion
/// dollars`): money, a measure or a count, as the quantity's unit.
pub(super) fn of_magnitude(s: &str, i: usize) -> Option<(usize, &'static str)> {
    match at(s, i)? {
        (len, u, Unit::Money | Unit::Measure | Unit::Count | Unit::Percent) => Some((len, u)),
        _ => None,
    }
}

/// `10^exp`, for the few powers magnitudes use.
pub(super) fn power(exp: u8) -> f64 {
    10f64.powi(i32::from(exp))
}
