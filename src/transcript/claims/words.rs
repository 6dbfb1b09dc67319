//! Numbers written in words: English cardinals (`three to five days`,
//! `fifteen trillion`, `nine in ten`, `a third`) and Chinese numerals before
//! a unit (`三个月`, `七八成`, `两千多万`, `上千人`), with their values.
//!
//! The keyword matcher finds where one starts (an English number word, a
//! Chinese unit after numerals) and hands it here; the unit then decides
//! what the figure is, by the same rules as for digits
//! ([`Figure::with_unit`]).

use super::numbers::Figure;
use super::units::{self, Unit};
use super::{Cue, Signal, filters};
use crate::transcript::model::Reason;

/// English number words and their values; `a` counts only before a
/// hundred, a thousand, a dozen or a magnitude (`a million`).
#[rustfmt::skip]
const CARDINALS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0),
    ("twelve", 12.0), ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0),
    ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0), ("nineteen", 19.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
    ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("dozen", 12.0), ("a", 1.0),
];

/// Words that multiply what comes before: `hundred` within a number, the
/// rest as its magnitude.
const MAGNITUDES: &[(&str, u8)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
];

/// Fractions after a number word: `a third`, `two-thirds`, `a fifth`.
const FRACTIONS: &[&str] = &[
    "thirds", "third", "quarters", "quarter", "fifths", "fifth", "tenths", "tenth", "half",
];

fn is_fraction(w: &str) -> bool {
    FRACTIONS.iter().any(|f| f.eq_ignore_ascii_case(w))
}

/// The word at `i` (ASCII letters and apostrophes) and where it ends.
fn word(s: &str, i: usize) -> (&str, usize) {
    let n = s.as_bytes()[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic() || **c == b'\'')
        .count();
    (&s[i..i + n], i + n)
}

/// The position after one space or hyphen at `i`, if the next word starts there.
fn next_word(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    (matches!(b.get(i), Some(b' ' | b'-')) && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .then_some(i + 1)
}

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(w))
        .map(|e| e.1)
}

/// An English cardinal at `i`: `twenty-five`, `two hundred`, `a hundred`;
/// its value and end. Magnitudes above a hundred are left to the caller.
fn cardinal(s: &str, i: usize) -> Option<(f64, usize)> {
    let (w, mut end) = word(s, i);
    let mut value = lookup(CARDINALS, w)?;
    let article = w.eq_ignore_ascii_case("a");
    if value >= 20.0
        && let Some(j) = next_word(s, end)
        && let (u, e) = word(s, j)
        && let Some(v @ 1.0..10.0) = lookup(CARDINALS, u).filter(|_| !u.eq_ignore_ascii_case("a"))
    {
        value += v;
        end = e;
    }
    if let Some(j) = next_word(s, end)
        && word(s, j).0.eq_ignore_ascii_case("hundred")
    {
        value *= 100.0;
        end = word(s, j).1;
    } else if article {
        let j = next_word(s, end)?;
        let (w, e) = word(s, j);
        if w.eq_ignore_ascii_case("dozen") {
            return Some((12.0, e));
        }
        if lookup(MAGNITUDES, w).is_none() && !is_fraction(w) {
            return None;
        }
    }
    Some((value, end))
}

/// `in ten`, `out of 10` after a number whose value is `x`: a ratio when the
/// whole is larger (`ten out of ten` rates rather than counts).
pub(super) fn ratio(s: &str, i: usize, x: f64) -> Option<usize> {
    let rest = &s[i..];
    let skip = [" in ", " out of "]
        .iter()
        .find(|p| {
            rest.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        })?
        .len();
    let j = i + skip;
    let (whole, end) = match s.as_bytes().get(j)? {
        c if c.is_ascii_digit() => {
            let n = s.as_bytes()[j..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (s[j..j + n].parse().ok()?, j + n)
        }
        _ => cardinal(s, j)?,
    };
    (whole > x && whole <= 1000.0 && x > 0.0).then_some(end)
}

/// An English number in words at `i` and what follows it; pushes the
/// signal it makes, if any, and returns where scanning resumes.
pub(super) fn english(s: &str, i: usize, out: &mut Vec<Signal>) -> Option<usize> {
    let (first, mut end) = cardinal(s, i)?;
    let mut value = first;
    let mut ranged = false;
    // `three to five`, `two or three`.
    for joint in [" to ", " or ", "-"] {
        if s[end..].starts_with(joint)
            && let Some((v, e)) = cardinal(s, end + joint.len())
        {
            (value, end, ranged) = (v, e, true);
            break;
        }
    }
    if let Some(to) = ratio(s, end, value) {
        out.push(Signal::new(i, to, Cue::Strong, Reason::Fraction));
        return Some(to);
    }
    if let Some(j) = next_word(s, end) {
        let (w, e) = word(s, j);
        if let Some(exp) = lookup(MAGNITUDES, w).filter(|&e| e > 2) {
            let figure = Figure {
                start: i,
                end: e,
                value,
                ranged,
                currency: None,
            };
            return Some(figure.with_unit(s, Unit::Magnitude(exp), Reason::SpelledOut, out));
        }
        if is_fraction(w) && value <= 10.0 {
            out.push(Signal::new(i, e, Cue::Strong, Reason::Fraction));
            return Some(e);
        }
    }
    let figure = |end| Figure {
        start: i,
        end,
        value,
        ranged,
        currency: None,
    };
    match units::at(s, end) {
        // `three times` alone is talk; `times as`, `times more` are keywords.
        Some((_, _, Unit::Multiplier)) | None => Some(end),
        Some((len, _, u)) => Some(figure(end + len).with_unit(s, u, Reason::SpelledOut, out)),
    }
}

/// Characters a Chinese number is written with before a unit: numerals,
/// approximations (`多`, `余`, `来`, `几`, `数`), a range's `到`, and the
/// measure word `个` (`三个月`, `一个多小时`).
pub(super) const HAN_RUN: &str = "零〇一二两兩三四五六七八九十百千万萬亿億几幾数數多余來来个個半";

/// Whether `c` is one of [`HAN_RUN`] (a `match`, not a search of the string).
fn in_run(c: char) -> bool {
    numeral(c) || matches!(c, '多' | '余' | '來' | '来' | '个' | '個' | '半')
}

/// A Chinese numeral, vague ones (`几`, `数`) included.
pub(super) fn numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '兩'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '萬'
            | '亿'
            | '億'
            | '几'
            | '幾'
            | '数'
            | '數'
    )
}

fn digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' => 1.0,
        '二' | '两' | '兩' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

/// The value of a Chinese number (`两千多`, `三百`, `七八`: the first of
/// two adjacent digits, `二十`), times `10^exp` for a magnitude after it,
/// and whether it is vague (`几十`, `数万`: read as their least, `十`,
/// `一万`). `None` when the run holds no numeral.
fn han_value(run: &str, exp: u8) -> Option<(f64, bool)> {
    let (mut high, mut section, mut pending) = (0f64, 0f64, None::<f64>);
    let (mut any, mut vague) = (false, false);
    for c in run.chars() {
        let place = match c {
            '十' => 10.0,
            '百' => 100.0,
            '千' => 1000.0,
            '万' | '萬' => 1e4,
            '亿' | '億' => 1e8,
            _ => {
                let d = match c {
                    '几' | '幾' | '数' | '數' => {
                        vague = true;
                        Some(1.0)
                    }
                    _ => digit(c),
                };
                if let Some(d) = d {
                    // `七八成`: a range of adjacent digits reads as its first.
                    pending = pending.or(Some(d));
                    any = true;
                } else if any {
                    // `多`, `个`: nothing more to read.
                    break;
                }
                continue;
            }
        };
        any = true;
        if place >= 1e4 {
            let group = section + pending.take().unwrap_or(0.0);
            let group = if group == 0.0 && high == 0.0 {
                1.0
            } else {
                group
            };
            high = if place >= 1e8 {
                (high + group) * place
            } else {
                high + group * place
            };
            section = 0.0;
        } else {
            section += pending.take().unwrap_or(1.0) * place;
        }
    }
    any.then(|| {
        let value = high + (section + pending.unwrap_or(0.0)) * units::power(exp);
        (value, vague)
    })
}

/// A Chinese number before the unit at `unit_start..unit_end` (a keyword:
/// `个月`, `成`, `万`…); pushes what the figure is and returns where
/// scanning resumes, or `None` when no numeral precedes the unit.
pub(super) fn chinese(
    s: &str,
    unit_start: usize,
    unit_end: usize,
    unit: Unit,
    out: &mut Vec<Signal>,
) -> Option<usize> {
    let head = &s[..unit_start];
    let mut start = head.trim_end_matches(in_run).len();
    let run = &head[start..];
    let numeral = |c: char| digit(c).is_some() || "十百千万萬亿億几幾数數".contains(c);
    if !run.chars().any(numeral) {
        return None;
    }
    let before = &s[..start];
    let after = &s[unit_end..];
    // `第三个月` counts in order; `这两年`, `前两天` point at a time;
    // `二〇二四年` is a year; `一成不变` is an idiom.
    let year = unit == Unit::Duration && run.chars().filter(|&c| digit(c).is_some()).count() >= 3;
    if before.ends_with(['第', '这', '這', '那', '前', '头', '頭'])
        || year
        || (unit == Unit::Fraction && after.starts_with("不变"))
        || filters::hyperbole(s, unit_end)
    {
        return Some(unit_end);
    }
    let mut ranged = false;
    if let Some(joint) = ["到", "至", "-", "～", "~"]
        .iter()
        .find(|j| before.ends_with(**j))
    {
        let lead = &before[..before.len() - joint.len()];
        let from = lead.trim_end_matches(in_run).len();
        if from < lead.len() {
            (start, ranged) = (from, true);
        }
    }
    let exp = match unit {
        Unit::Magnitude(e) => e,
        _ => 0,
    };
    let (value, vague) = han_value(run, exp)?;
    if vague && exp > 0 {
        // `几十亿`: a magnitude without a value.
        out.push(Signal::new(start, unit_end, Cue::Strong, Reason::Magnitude));
        return Some(unit_end);
    }
    let approximate = run.contains(['多', '余', '来', '來', '半']) || before.ends_with('上');
    let figure = Figure {
        start,
        end: unit_end,
        // `with_unit` multiplies by the magnitude again.
        value: value / units::power(exp),
        // `几年`, `十几个`: vague numbers count by their least.
        ranged: ranged || approximate,
        currency: None,
    };
    Some(figure.with_unit(s, unit, Reason::SpelledOut, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_have_values() {
        assert_eq!(han_value("两千多", 4), Some((2e7, false)));
        assert_eq!(han_value("三百", 4), Some((3e6, false)));
        assert_eq!(han_value("七八", 0), Some((7.0, false)));
        assert_eq!(han_value("二十", 0), Some((20.0, false)));
        assert_eq!(han_value("十", 8), Some((1e9, false)));
        assert_eq!(han_value("一亿一千", 4), Some((1.1e8, false)));
        assert_eq!(han_value("几十", 8), Some((1e9, true)));
        assert_eq!(han_value("多", 0), None);
    }

    #[test]
    fn english_cardinals_have_values() {
        assert_eq!(cardinal("twenty-five", 0), Some((25.0, 11)));
        assert_eq!(cardinal("two hundred", 0), Some((200.0, 11)));
        assert_eq!(cardinal("a hundred", 0), Some((100.0, 9)));
        assert_eq!(cardinal("a day", 0), None);
        assert_eq!(ratio("nine in ten", 4, 9.0), Some(11));
        assert_eq!(ratio("ten out of ten", 3, 10.0), None);
    }
}
