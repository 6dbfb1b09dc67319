//! Finding a bookmarked quote in a document, even after the document was edited.
//!
//! Order of trust: the stored anchor if the text there still equals the quote
//! (`Exact`); else the exact occurrence of the quote nearest the stored
//! anchor (`Moved`); else the most similar window of text, by character-bigram
//! Dice similarity (`Fuzzy`); else `Detached`, which the store keeps anyway.
//! A bookmark's quote only ever moves to words of its own speaker: an
//! occurrence or a similar window in another speaker's turn is no match, so
//! a quote is never silently attributed to someone else.
//! All text comparison collapses runs of whitespace (paragraph breaks
//! included) to one space, so reflowed or re-wrapped text still matches.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::bookmarks::Bookmark;
use super::identity::doc_hash;
use crate::transcript::Document;

/// A point in the document: a paragraph and a character (not byte) offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Anchor {
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
    /// Characters from the start of the paragraph.
    pub offset: usize,
}

/// A stretch of text from `start` to `end` (exclusive); it may cross
/// paragraphs, turns and sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: Anchor,
    pub end: Anchor,
}

/// Where a bookmark is in the document as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The stored anchor still holds the quote.
    Exact(Span),
    /// The quote was found unchanged somewhere else (nearest to the anchor).
    Moved(Span),
    /// Only similar text was found: the quote itself was edited.
    Fuzzy(Span),
    /// Nothing close enough; the bookmark is kept and listed apart.
    Detached,
}

impl Resolution {
    pub fn span(&self) -> Option<Span> {
        match *self {
            Resolution::Exact(s) | Resolution::Moved(s) | Resolution::Fuzzy(s) => Some(s),
            Resolution::Detached => None,
        }
    }

    pub fn status(&self) -> &'static str {
        match self {
            Resolution::Exact(_) => "exact",
            Resolution::Moved(_) => "moved",
            Resolution::Fuzzy(_) => "fuzzy",
            Resolution::Detached => "detached",
        }
    }
}

/// Minimum Dice similarity for a fuzzy match.
pub const FUZZY_THRESHOLD: f64 = 0.6;
/// Quotes shorter than this (after normalising) are too short to match
/// fuzzily without false hits; they are found exactly or not at all.
pub const FUZZY_MIN_CHARS: usize = 8;

/// The text of a paragraph, if it exists.
pub fn paragraph(doc: &Document, section: usize, turn: usize, paragraph: usize) -> Option<&str> {
    doc.sections
        .get(section)?
        .turns
        .get(turn)?
        .paragraphs
        .get(paragraph)
        .map(String::as_str)
}

/// The text of a span, paragraphs joined by `\n`; `None` if it does not fit
/// the document.
pub fn span_text(doc: &Document, span: &Span) -> Option<String> {
    let (s, e) = (span.start, span.end);
    if (s.section, s.turn, s.paragraph) > (e.section, e.turn, e.paragraph) {
        return None;
    }
    let mut out = String::new();
    let mut inside = false;
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            for (pi, text) in turn.paragraphs.iter().enumerate() {
                let here = (si, ti, pi);
                let first = here == (s.section, s.turn, s.paragraph);
                let last = here == (e.section, e.turn, e.paragraph);
                if !(inside || first) {
                    continue;
                }
                let n = text.chars().count();
                let from = if first { s.offset } else { 0 };
                let to = if last { e.offset } else { n };
                if from > n || to > n || from > to {
                    return None;
                }
                if inside {
                    out.push('\n');
                }
                out.extend(text.chars().skip(from).take(to - from));
                if last {
                    return Some(out);
                }
                inside = true;
            }
        }
    }
    None
}

/// Collapse whitespace runs to one space and trim.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Resolve one bookmark (builds a [`Resolver`]; use one for many bookmarks).
pub fn resolve(doc: &Document, b: &Bookmark) -> Resolution {
    if holds(doc, b) {
        return Resolution::Exact(b.span());
    }
    Resolver::new(doc).resolve(b)
}

/// Whether the bookmark's quote is still exactly where it was, in the
/// words of its speaker: the cheap check before any [`Resolver`].
pub fn holds(doc: &Document, b: &Bookmark) -> bool {
    let span = b.span();
    let speaker = |a: &Anchor| {
        let turn = doc.sections.get(a.section)?.turns.get(a.turn)?;
        Some(turn.speaker.as_deref())
    };
    // A quote running into the next turn is its first speaker's.
    speaker(&span.start) == Some(b.speaker.as_deref()) && is_at(doc, &span, &b.quote)
}

/// Whether `quote` is still exactly where `hint` says. Cheap: the common
/// case needs no [`Resolver`], whose index costs time and memory in
/// proportion to the document.
pub fn is_at(doc: &Document, hint: &Span, quote: &str) -> bool {
    span_text(doc, hint).is_some_and(|t| normalize(&t) == normalize(quote))
}

/// The document flattened into one whitespace-normalised text, with a map
/// back to paragraphs. Build once per document, then resolve many quotes.
pub struct Resolver<'a> {
    doc: &'a Document,
    hash: String,
    norm: String,
    chars: Vec<char>,
    /// Byte offset in `norm` of each char.
    byte_of: Vec<usize>,
    /// Char offset in its original paragraph of each char of `norm`.
    orig: Vec<usize>,
    /// (section, turn, paragraph) by paragraph ordinal.
    paras: Vec<(usize, usize, usize)>,
    /// Index in `chars` where each paragraph's text starts.
    para_start: Vec<usize>,
    /// The speaker of each paragraph's turn, by paragraph ordinal.
    para_speaker: Vec<Option<&'a str>>,
}

/// Whose words a quote may move to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose<'s> {
    /// Anyone's (a reading position).
    Anyone,
    /// One speaker's, or narration's (`None`).
    Speaker(Option<&'s str>),
}

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut r = Resolver {
            doc,
            hash: doc_hash(doc),
            norm: String::new(),
            chars: Vec::new(),
            byte_of: Vec::new(),
            orig: Vec::new(),
            paras: Vec::new(),
            para_start: Vec::new(),
            para_speaker: Vec::new(),
        };
        let mut last_space = true;
        let mut prev_len = 0;
        for (si, sec) in doc.sections.iter().enumerate() {
            for (ti, turn) in sec.turns.iter().enumerate() {
                for (pi, text) in turn.paragraphs.iter().enumerate() {
                    // The break between paragraphs is a space belonging to
                    // the end of the previous one.
                    if !last_space {
                        r.push(' ', prev_len);
                        last_space = true;
                    }
                    r.paras.push((si, ti, pi));
                    r.para_start.push(r.chars.len());
                    r.para_speaker.push(turn.speaker.as_deref());
                    let mut n = 0;
                    for (ci, c) in text.chars().enumerate() {
                        n = ci + 1;
                        if !c.is_whitespace() {
                            r.push(c, ci);
                            last_space = false;
                        } else if !last_space {
                            r.push(' ', ci);
                            last_space = true;
                        }
                    }
                    prev_len = n;
                }
            }
        }
        r
    }

    fn push(&mut self, c: char, orig: usize) {
        self.byte_of.push(self.norm.len());
        self.norm.push(c);
        self.chars.push(c);
        self.orig.push(orig);
    }

    /// The content hash of the document this resolver was built from.
    pub fn doc_hash(&self) -> &str {
        &self.hash
    }

    /// Find a bookmark's quote among its own speaker's words.
    pub fn resolve(&self, b: &Bookmark) -> Resolution {
        self.locate(&b.span(), &b.quote, Whose::Speaker(b.speaker.as_deref()))
    }

    /// The paragraph ordinal that char `i` of `chars` belongs to.
    fn ordinal(&self, i: usize) -> usize {
        self.para_start
            .partition_point(|&p| p <= i)
            .saturating_sub(1)
    }

    /// Whether `chars[s..e]` starts in a paragraph of the speaker wanted (an
    /// exact quote running into the next turn is its first speaker's).
    fn starts_theirs(&self, s: usize, whose: Whose) -> bool {
        let Whose::Speaker(who) = whose else {
            return true;
        };
        self.para_speaker.get(self.ordinal(s)).copied().flatten() == who
    }

    /// Whether all of `chars[s..e]` is the speaker's: a similar window must
    /// not reach into someone else's words.
    fn theirs(&self, s: usize, e: usize, whose: Whose) -> bool {
        let Whose::Speaker(who) = whose else {
            return true;
        };
        let (a, b) = (self.ordinal(s), self.ordinal(e.saturating_sub(1).max(s)));
        (a..=b).all(|o| self.para_speaker.get(o).copied().flatten() == who)
    }

    /// Find `quote`, starting from where `hint` says it was, in `whose` words.
    pub fn locate(&self, hint: &Span, quote: &str, whose: Whose) -> Resolution {
        if is_at(self.doc, hint, quote) && self.at_theirs(hint, whose) {
            return Resolution::Exact(*hint);
        }
        let q = normalize(quote);
        if q.is_empty() {
            return Resolution::Detached;
        }
        let target = self.estimate(&hint.start);
        let qlen = q.chars().count();
        let nearest = memchr::memmem::find_iter(self.norm.as_bytes(), q.as_bytes())
            .filter_map(|b| self.byte_of.binary_search(&b).ok())
            .filter(|&i| self.starts_theirs(i, whose))
            .min_by_key(|&i| i.abs_diff(target));
        if let Some(i) = nearest {
            return Resolution::Moved(self.span_of(i, i + qlen));
        }
        match self.fuzzy(&q, target, whose) {
            Some((s, e)) => Resolution::Fuzzy(self.span_of(s, e)),
            None => Resolution::Detached,
        }
    }

    /// Whether the stored span's turn is (still) the speaker's.
    fn at_theirs(&self, span: &Span, whose: Whose) -> bool {
        let Whose::Speaker(who) = whose else {
            return true;
        };
        let speaker = |a: &Anchor| {
            let turn = self.doc.sections.get(a.section)?.turns.get(a.turn)?;
            Some(turn.speaker.as_deref())
        };
        speaker(&span.start) == Some(who)
    }

    /// Where in `chars` the anchor would be if the structure is unchanged,
    /// clamped to the document when it is not.
    fn estimate(&self, a: &Anchor) -> usize {
        if self.paras.is_empty() {
            return 0;
        }
        let key = (a.section, a.turn, a.paragraph);
        let ord = self.paras.partition_point(|p| *p < key);
        if ord >= self.paras.len() {
            return self.chars.len();
        }
        let start = self.para_start[ord];
        let end = self
            .para_start
            .get(ord + 1)
            .copied()
            .unwrap_or(self.chars.len());
        let within = if self.paras[ord] == key { a.offset } else { 0 };
        start.saturating_add(within).min(end)
    }

    /// The span covering `chars[s..e]` (non-empty, trimmed of spaces).
    fn span_of(&self, s: usize, e: usize) -> Span {
        let loc = |i: usize, plus: usize| {
            let ord = self
                .para_start
                .partition_point(|&p| p <= i)
                .saturating_sub(1);
            let (section, turn, paragraph) = self.paras[ord];
            Anchor {
                section,
                turn,
                paragraph,
                offset: self.orig[i] + plus,
            }
        };
        Span {
            start: loc(s, 0),
            end: loc(e - 1, 1),
        }
    }

    /// The window most similar to `q`, as a trimmed char range of `chars`.
    fn fuzzy(&self, q: &str, target: usize, whose: Whose) -> Option<(usize, usize)> {
        let qc: Vec<char> = q.chars().collect();
        let n = self.chars.len();
        if qc.len() < FUZZY_MIN_CHARS || n < 2 {
            return None;
        }
        let qb = bigrams(&qc);
        let w = qc.len().min(n);
        // Slide a window of the quote's length; keep counts of its bigrams
        // and how many of them the quote also has, so each step is O(1).
        let mut counts: HashMap<u64, i32> = HashMap::new();
        let mut common = 0i64;
        let key = |i: usize| pair(self.chars[i], self.chars[i + 1]);
        let add = |k: u64, counts: &mut HashMap<u64, i32>, common: &mut i64| {
            let c = counts.entry(k).or_insert(0);
            *c += 1;
            if *c <= qb.get(&k).copied().unwrap_or(0) {
                *common += 1;
            }
        };
        for i in 0..w - 1 {
            add(key(i), &mut counts, &mut common);
        }
        let mut best = (common, 0usize);
        for s in 1..=n - w {
            let out = key(s - 1);
            let c = counts.entry(out).or_insert(0);
            if *c <= qb.get(&out).copied().unwrap_or(0) {
                common -= 1;
            }
            *c -= 1;
            add(key(s + w - 2), &mut counts, &mut common);
            let better = common > best.0
                || (common == best.0 && s.abs_diff(target) < best.1.abs_diff(target));
            if better && self.theirs(s, s + w, whose) {
                best = (common, s);
            }
        }
        if !self.theirs(best.1, best.1 + w, whose) {
            return None;
        }
        let (mut s, mut e) = (best.1, best.1 + w);
        // The edit may have made the quote longer or shorter: nudge each end.
        let reach = (qc.len() / 4).clamp(1, 40);
        let mut score = dice(&qb, qc.len(), &self.chars[s..e]);
        for _ in 0..2 {
            for ns in s.saturating_sub(reach)..=(s + reach).min(e - 1) {
                let d = dice(&qb, qc.len(), &self.chars[ns..e]);
                if d > score && self.theirs(ns, e, whose) {
                    (score, s) = (d, ns);
                }
            }
            for ne in (s + 1).max(e.saturating_sub(reach))..=(e + reach).min(n) {
                let d = dice(&qb, qc.len(), &self.chars[s..ne]);
                if d > score && self.theirs(s, ne, whose) {
                    (score, e) = (d, ne);
                }
            }
        }
        while s < e && self.chars[s] == ' ' {
            s += 1;
        }
        while e > s && self.chars[e - 1] == ' ' {
            e -= 1;
        }
        (score >= FUZZY_THRESHOLD && s < e).then_some((s, e))
    }
}

fn pair(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn bigrams(cs: &[char]) -> HashMap<u64, i32> {
    let mut m = HashMap::new();
    for w in cs.windows(2) {
        *m.entry(pair(w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// Sørensen–Dice similarity of bigram multisets.
fn dice(qb: &HashMap<u64, i32>, qlen: usize, window: &[char]) -> f64 {
    if window.len() < 2 {
        return 0.0;
    }
    let wb = bigrams(window);
    let common: i32 = wb
        .iter()
        .map(|(k, &c)| c.min(qb.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * f64::from(common) / ((qlen - 1) + (window.len() - 1)) as f64
}
