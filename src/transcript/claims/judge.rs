//! Judging one sentence on the cues inside it: whether it is a claim, of
//! which kind, why (the cue that decided it), how strong, and the clauses
//! it is narrowed to when long.

use super::{CLAUSE_COLUMNS, Cue, Found, Signal, filters};
use crate::transcript::model::{ClaimKind, Reason};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// How much each feature adds to the score; the total is then scaled to 0..=1.
mod weight {
    pub const STRONG: f32 = 1.0;
    pub const MEASURE: f32 = 0.6;
    pub const BARE: f32 = 0.3;
    pub const EXTRA_FIGURE: f32 = 0.15;
    pub const PREDICT: f32 = 0.8;
    pub const HORIZON: f32 = 0.5;
    pub const FUTURE: f32 = 0.2;
    pub const THAN: f32 = 0.5;
    pub const MOST: f32 = 0.3;
    pub const FULL: f32 = 2.0;
}

pub(super) fn judge(text: &str, sentence: Range<usize>, signals: &[Signal]) -> Option<Found> {
    let body = &text[sentence.clone()];
    if signals.is_empty() || is_question(body) {
        return None;
    }
    let has = |c: Cue| signals.iter().any(|s| s.cue == c);
    let count = |c: Cue| signals.iter().filter(|s| s.cue == c).count();
    let figures =
        count(Cue::Strong) + count(Cue::Multiplier) + count(Cue::Measure) + count(Cue::Span);
    let firm = figures > 0;
    let bare = has(Cue::Bare);
    let bi_more = signals.iter().any(|b| {
        b.cue == Cue::Bi
            && signals
                .iter()
                .any(|m| m.cue == Cue::More && m.start > b.start)
    });
    let than = has(Cue::Than) || has(Cue::Multiplier) || bi_more;
    let most = has(Cue::Most) && (firm || !has(Cue::OneOf));
    let (predict, future, horizon) = (has(Cue::Predict), has(Cue::Future), has(Cue::Horizon));
    let dated = horizon || has(Cue::Year);
    let estimate = has(Cue::Estimate) && (dated || has(Cue::Span));
    let forecast = (predict && (dated || firm || bare)) || estimate || (horizon && (firm || bare));
    let comparison = than || most;
    // Sponsor reads are about prices and discounts: only a percentage or
    // money is looked at as one.
    let priced = signals
        .iter()
        .any(|s| matches!(s.reason, Reason::Percentage | Reason::Money));
    if !(firm || bare || forecast || comparison) || (priced && filters::advert(body)) {
        return None;
    }
    let kind = if forecast {
        ClaimKind::Forecast
    } else if comparison {
        ClaimKind::Comparison
    } else {
        ClaimKind::Statistic
    };
    let figure = if has(Cue::Strong) || has(Cue::Multiplier) {
        weight::STRONG
    } else if firm {
        weight::MEASURE
    } else if bare {
        weight::BARE
    } else {
        0.0
    };
    let flag = |on: bool, w: f32| if on { w } else { 0.0 };
    let raw = figure
        + weight::EXTRA_FIGURE * figures.saturating_sub(1).min(2) as f32
        + flag(forecast && (predict || estimate), weight::PREDICT)
        + flag(forecast && horizon, weight::HORIZON)
        + flag(forecast && future, weight::FUTURE)
        + flag(than, weight::THAN)
        + flag(most, weight::MOST);
    let reason = match kind {
        ClaimKind::Forecast => first(signals, &[Cue::Predict, Cue::Estimate])
            .or_else(|| first(signals, &[Cue::Horizon])),
        ClaimKind::Comparison if than => first(signals, &[Cue::Than, Cue::Bi, Cue::Multiplier]),
        ClaimKind::Comparison => first(signals, &[Cue::Most]),
        ClaimKind::Statistic => None,
    }
    .or_else(|| first(signals, &[Cue::Strong]))
    .or_else(|| first(signals, &[Cue::Multiplier]))
    .or_else(|| first(signals, &[Cue::Measure, Cue::Span]))
    .unwrap_or(Reason::Number);
    let span = narrow(text, sentence, signals, forecast);
    Some(Found {
        start: span.start,
        end: span.end,
        kind,
        score: (raw / weight::FULL).min(1.0),
        reason,
        quantity: signals.iter().find_map(|s| s.quantity),
    })
}

/// What a keyword's cue is called when it makes a claim; keywords by their
/// table spelling.
pub(super) fn reason(pat: &'static str, cue: Cue) -> Reason {
    let has = |w: &[&str]| w.iter().any(|w| pat.contains(w));
    match cue {
        Cue::Predict | Cue::Estimate | Cue::Future => Reason::Forecast(pat),
        Cue::Horizon => Reason::Horizon(pat),
        Cue::Than | Cue::Bi | Cue::More => Reason::Comparison(pat),
        Cue::Most | Cue::OneOf => Reason::Superlative(pat),
        Cue::Multiplier => Reason::Multiple,
        Cue::Strong if has(&["percent", "per cent", "百分"]) => Reason::Percentage,
        Cue::Strong if has(&["million", "billion", "trillion"]) => Reason::Magnitude,
        Cue::Strong => Reason::Fraction,
        _ => Reason::SpelledOut,
    }
}

/// The reason of the first signal with one of these cues.
fn first(signals: &[Signal], cues: &[Cue]) -> Option<Reason> {
    signals
        .iter()
        .find(|s| cues.contains(&s.cue))
        .map(|s| s.reason)
}

/// A question asks rather than claims: it ends in `?`, `？`, or a question
/// particle (`吗`, `呢`, `か`) before its final punctuation.
fn is_question(sentence: &str) -> bool {
    let closing = |c: char| "。.！!…”’」』）)\"' ".contains(c);
    let body = sentence.trim_end_matches(closing);
    body.ends_with(['?', '？']) || body.ends_with(['吗', '嗎', '呢', '么', '麼', 'か'])
}

/// A long sentence is narrowed to the span of clauses that hold its cues;
/// an estimate that made no forecast (`我估计，…20%`) is no cue here.
fn narrow(text: &str, sentence: Range<usize>, signals: &[Signal], forecast: bool) -> Range<usize> {
    let body = &text[sentence.clone()];
    // Printable ASCII is a column a byte: no width table for English.
    let printable = body.bytes().all(|b| (b' '..=b'~').contains(&b));
    let columns = if printable { body.len() } else { body.width() };
    if columns <= CLAUSE_COLUMNS {
        return sentence;
    }
    let cues = || {
        signals
            .iter()
            .filter(|s| forecast || s.cue != Cue::Estimate)
    };
    let lo = cues().map(|s| s.start).min().unwrap_or(sentence.start);
    let hi = cues().map(|s| s.end).max().unwrap_or(sentence.end);
    let b = body.as_bytes();
    let mut start = 0;
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        let at = sentence.start + i;
        let boundary = match c {
            '，' | '；' | '：' | ';' => true,
            ',' | ':' => {
                !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            }
            _ => false,
        };
        if !boundary {
            continue;
        }
        if at < lo {
            start = i + c.len_utf8();
        } else if at >= hi {
            end = i;
            break;
        }
    }
    let clause = &body[start..end];
    let lead = clause.len() - clause.trim_start().len();
    let trail = clause.len() - clause.trim_end().len();
    sentence.start + start + lead..sentence.start + end - trail
}
