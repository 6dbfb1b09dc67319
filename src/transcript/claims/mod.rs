//! Claim detection: sentences (or clauses of long sentences) that carry a
//! figure, a forecast or a comparison worth checking.
//!
//! Two scanners mark cues in a paragraph (digits in `numbers`, words in
//! `keywords`); each sentence from [`sentences::split`] is then judged on the
//! cues inside it. Paragraphs without any cue never get split, which keeps
//! detection fast on plain talk.

mod filters;
mod judge;
mod keywords;
mod numbers;
mod units;
mod words;

use super::model::{Claim, ClaimKind, Document, Quantity, Reason};
use super::sentences;

/// A claim inside one paragraph: a byte range within a single sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub score: f32,
    pub reason: Reason,
    pub quantity: Option<Quantity>,
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
    /// A number with a unit of size or count: `35 engineers`, `200 km`.
    Measure,
    /// A span of time: `18 months`, `6-12个月`, `两年`, `半年`.
    Span,
    /// A plain number of two or more digits that is no year, date or name.
    Bare,
    Year,
    /// An explicit future time: `明年`, `到2026年`, `by 2035`, `next year`.
    Horizon,
    /// A strong forecast marker: `预计`, `expect`, `でしょう`.
    Predict,
    /// A weak forecast marker: `will`, `未来`.
    Future,
    /// An estimate or a plan (`估计`, `计划`, `plans to`): a forecast only
    /// with a span or a time (`我估计至少还要持续两年`), else an estimate
    /// of the present.
    Estimate,
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
    reason: Reason,
    quantity: Option<Quantity>,
}

impl Signal {
    fn new(start: usize, end: usize, cue: Cue, reason: Reason) -> Self {
        Signal {
            start,
            end,
            cue,
            reason,
            quantity: None,
        }
    }
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
                    reason: f.reason,
                    quantity: f.quantity,
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
        if let Some(f) = judge::judge(text, sentence, &signals[first..k]) {
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
            let next = if i + n < b.len() {
                decode(b, i + n).0
            } else {
                0
            };
            let candidate = index.starts(cp) && index.may_start(cp, next);
            i = match candidate.then(|| keywords::at(s, i, out)).flatten() {
                // `万分之三`: a numeral that is a keyword of its own, before a unit.
                Some(end) if end == i + n && index.counts(cp, next) => {
                    keywords::unit(s, end, out).unwrap_or(end)
                }
                Some(end) => end,
                None if index.counts(cp, next) => keywords::unit(s, i + n, out).unwrap_or(i + n),
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
            Cue::Strong | Cue::Multiplier | Cue::Measure | Cue::Span | Cue::Bare | Cue::Than
        )
    }) || has(Cue::Most)
        || (has(Cue::Bi) && has(Cue::More))
        || ((has(Cue::Predict) || has(Cue::Estimate)) && (has(Cue::Horizon) || has(Cue::Year)))
}
