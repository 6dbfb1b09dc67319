//! Claim detection: sentences (or clauses of long sentences) that carry a
//! figure, a forecast or a comparison worth checking.
//!
//! Two scanners mark cues in a paragraph (digits in `numbers`, words in
//! `keywords`); each sentence from [`sentences::split`] is then judged on the
//! cues inside it. Paragraphs without any cue never get split, which keeps
//! detection fast on plain talk.

mod keywords;
mod numbers;

use super::model::{Claim, ClaimKind, Document};
use super::sentences;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A claim inside one paragraph: a byte range within a single sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub score: f32,
}

/// Sentences wider than this are narrowed to the clauses that carry the claim.
pub const CLAUSE_COLUMNS: usize = 60;

/// What a scanner saw at a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Percent, money, scale or fraction: `20%`, `170亿`, `$40`, `一半`.
    Strong,
    /// A multiple, both a figure and a comparison: `10倍`, `3x`, `twice`.
    Multiplier,
    /// A number with a unit of time, size or count: `35 minutes`, `6-12个月`.
    Measure,
    /// A plain number of two or more digits that is no year, date or name.
    Bare,
    Year,
    /// An explicit future time: `明年`, `到2026年`, `by 2035`, `next year`.
    Horizon,
    /// A strong forecast marker: `预计`, `expect`, `でしょう`.
    Predict,
    /// A weak forecast marker: `will`, `将会`, `未来`.
    Future,
    /// An explicit comparison: `than`, `相比`, `超过`, `より`.
    Than,
    /// A measurable superlative: `最受欢迎`, `the largest`.
    Most,
    /// `之一`, `one of the`: a superlative that is usually an opinion.
    OneOf,
    /// `比` and a later `更`: `比…更`.
    Bi,
    More,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Signal {
    start: usize,
    end: usize,
    cue: Cue,
}

/// Every claim in the document, in document order.
pub fn detect(doc: &Document) -> Vec<Claim> {
    let mut out = Vec::new();
    for (section, s) in doc.sections.iter().enumerate() {
        for (turn, t) in s.turns.iter().enumerate() {
            for (paragraph, p) in t.paragraphs.iter().enumerate() {
                out.extend(detect_in(p).into_iter().map(|f| Claim {
                    section,
                    turn,
                    paragraph,
                    start: f.start,
                    end: f.end,
                    kind: f.kind,
                    score: f.score,
                }));
            }
        }
    }
    out
}

/// The claims in one paragraph, in order; each lies within one sentence.
pub fn detect_in(text: &str) -> Vec<Found> {
    let mut signals = Vec::new();
    scan(text, &mut signals);
    if !could_claim(&signals) {
        return Vec::new();
    }
    // Look-behind cues (`三分之一`) can start before an earlier-found one.
    signals.sort_by_key(|s| s.start);
    let mut out = Vec::new();
    let mut k = 0;
    for sentence in sentences::split(text) {
        while k < signals.len() && signals[k].start < sentence.start {
            k += 1;
        }
        let first = k;
        while k < signals.len() && signals[k].start < sentence.end {
            k += 1;
        }
        if let Some(f) = judge(text, sentence, &signals[first..k]) {
            out.push(f);
        }
    }
    out
}

/// One walk over the text: digits go to `numbers`, word and character starts
/// to `keywords`; everything else is skipped a byte or a character at a time.
fn scan(s: &str, out: &mut Vec<Signal>) {
    let b = s.as_bytes();
    let index = keywords::index();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() || matches!(b[i..], [0xEF, 0xBC, 0x90..=0x99, ..]) {
            i = numbers::one(s, i, out);
        } else if c.is_ascii_alphabetic() || c == b'\'' {
            let word_start = c == b'\'' || i == 0 || !b[i - 1].is_ascii_alphanumeric();
            match word_start.then(|| keywords::at(s, i, out)).flatten() {
                Some(end) => i = end,
                None => {
                    i += b[i..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .count()
                        .max(1)
                }
            }
        } else if c < 0x80 {
            i += 1;
        } else if let Some(skip) = plain_cjk_run(b, i, index) {
            i += skip;
        } else {
            let (cp, n) = decode(b, i);
            let candidate = index.starts(cp) && {
                let next = if i + n < b.len() {
                    decode(b, i + n).0
                } else {
                    0
                };
                index.may_start(cp, next)
            };
            i = match candidate.then(|| keywords::at(s, i, out)).flatten() {
                Some(end) => end,
                None => i + n,
            };
        }
    }
}

/// Length of the run of three-byte characters at `i` that start no keyword,
/// if any: the hot loop over CJK text, kept free of unpredictable branches.
///
/// The run ends before the first character whose pair with the next one
/// passes the keyword filter, or before the last three-byte character, which
/// the caller judges with what follows it.
fn plain_cjk_run(b: &[u8], i: usize, index: &keywords::Index) -> Option<usize> {
    // 0xEF leads full-width forms, whose digits belong to `numbers`.
    let three = |c: &[u8; 3]| c[0] & 0xF0 == 0xE0 && c[0] != 0xEF;
    let cp = |c: &[u8; 3]| {
        u32::from(c[0] & 0x0F) << 12 | u32::from(c[1] & 0x3F) << 6 | u32::from(c[2] & 0x3F)
    };
    let mut chars = b[i..].as_chunks::<3>().0.iter();
    let mut prev = cp(chars.next().filter(|c| three(c))?);
    let mut n = 0;
    for c in chars.take_while(|c| three(c)) {
        let next = cp(c);
        // Both tests always run: branching on `starts` alone would
        // mispredict on every common character that starts some keyword.
        if index.starts(prev) && index.may_start(prev, next) {
            break;
        }
        prev = next;
        n += 3;
    }
    (n > 0).then_some(n)
}

/// The code point and length of the character whose lead byte is at `i`.
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0) & 0x3F);
    let lead = u32::from(b[i]);
    match lead {
        0xC0..=0xDF => ((lead & 0x1F) << 6 | cont(1), 2),
        0xE0..=0xEF => ((lead & 0x0F) << 12 | cont(1) << 6 | cont(2), 3),
        0xF0.. => (u32::MAX, 4),
        _ => (lead, 1),
    }
}

/// Whether some sentence of the paragraph could be a claim: a cheap test
/// that spares most plain paragraphs the sentence split.
fn could_claim(signals: &[Signal]) -> bool {
    let has = |c: Cue| signals.iter().any(|s| s.cue == c);
    signals.iter().any(|s| {
        matches!(
            s.cue,
            Cue::Strong | Cue::Multiplier | Cue::Measure | Cue::Bare | Cue::Than
        )
    }) || has(Cue::Most)
        || (has(Cue::Bi) && has(Cue::More))
        || (has(Cue::Predict) && (has(Cue::Horizon) || has(Cue::Year)))
}

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

fn judge(text: &str, sentence: Range<usize>, signals: &[Signal]) -> Option<Found> {
    if signals.is_empty() || is_question(&text[sentence.clone()]) {
        return None;
    }
    let has = |c: Cue| signals.iter().any(|s| s.cue == c);
    let count = |c: Cue| signals.iter().filter(|s| s.cue == c).count();
    let figures = count(Cue::Strong) + count(Cue::Multiplier) + count(Cue::Measure);
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
    let forecast =
        (predict && (horizon || has(Cue::Year) || firm || bare)) || (horizon && (firm || bare));
    let comparison = than || most;
    if !(firm || bare || forecast || comparison) {
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
        + flag(forecast && predict, weight::PREDICT)
        + flag(forecast && horizon, weight::HORIZON)
        + flag(forecast && future, weight::FUTURE)
        + flag(than, weight::THAN)
        + flag(most, weight::MOST);
    let span = narrow(text, sentence, signals);
    Some(Found {
        start: span.start,
        end: span.end,
        kind,
        score: (raw / weight::FULL).min(1.0),
    })
}

/// A question asks rather than claims: it ends in `?`, `？`, or a question
/// particle (`吗`, `呢`, `か`) before its final punctuation.
fn is_question(sentence: &str) -> bool {
    let closing = |c: char| "。.！!…”’」』）)\"' ".contains(c);
    let body = sentence.trim_end_matches(closing);
    body.ends_with(['?', '？']) || body.ends_with(['吗', '嗎', '呢', '么', '麼', 'か'])
}

/// A long sentence is narrowed to the span of clauses that hold its cues.
fn narrow(text: &str, sentence: Range<usize>, signals: &[Signal]) -> Range<usize> {
    let body = &text[sentence.clone()];
    if body.width() <= CLAUSE_COLUMNS {
        return sentence;
    }
    let lo = signals
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(sentence.start);
    let hi = signals.iter().map(|s| s.end).max().unwrap_or(sentence.end);
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
