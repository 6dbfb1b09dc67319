//! The ledger joined with the claims detected in the document as it is
//! now: one [`Row`] per detected claim (with its entry, if the user touched
//! it) and one per entry that matches no detected claim (added by hand, or
//! a claim the detector no longer finds), so no entry is ever left out.
//!
//! An entry is re-anchored as a bookmark is (the resolver finds its words
//! among its own speaker's only), then matched to the detected claim in the
//! same paragraph whose text overlaps it most; a claim takes one entry, the
//! one made first, and any other stays a row of its own.

use super::entries::Entries;
use super::entry::{Entry, Status, claim_span};
use crate::store::anchor::{Anchor, Span};
use crate::store::cite::{Citation, Citer, cite, cite_span};
use crate::transcript::{Claim, Document};

/// Where a row's claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The detector finds it in the document now.
    Detected,
    /// The user added it by hand.
    ByHand,
    /// The user marked it once, and the detector no longer finds it there.
    NotDetected,
}

impl Found {
    pub fn as_str(self) -> &'static str {
        match self {
            Found::Detected => "detected",
            Found::ByHand => "by hand",
            Found::NotDetected => "not detected",
        }
    }
}

/// A claim as the sidebar and the exports list it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Its index in `doc.claims`, when detected now.
    pub claim: Option<usize>,
    pub entry: Option<&'a Entry>,
    pub found: Found,
    /// Where it is now (speaker, section, lines, time; a detached entry as
    /// saved) and its words; `citation.status` tells exact, moved, changed
    /// or detached for an entry.
    pub citation: Citation,
}

impl Row<'_> {
    pub fn status(&self) -> Status {
        self.entry.map_or(Status::Unchecked, Entry::status)
    }

    pub fn note(&self) -> &str {
        self.entry.map_or("", Entry::note)
    }

    pub fn sources(&self) -> Vec<&str> {
        self.entry.map_or_else(Vec::new, |e| e.sources().collect())
    }

    /// The claim's words: the document's now, else as saved.
    pub fn text(&self) -> &str {
        self.citation
            .current
            .as_deref()
            .unwrap_or(&self.citation.quote)
    }

    /// The detector's kind (`statistic`…): as detected now, else as it was
    /// when the entry was made; empty for a claim added by hand.
    pub fn kind<'d>(&'d self, doc: &'d Document) -> &'d str {
        match self.claim.and_then(|i| doc.claims.get(i)) {
            Some(c) => c.kind.as_str(),
            None => self.entry.and_then(|e| e.kind.as_deref()).unwrap_or(""),
        }
    }

    /// Hidden from the list and left out of the exports.
    pub fn is_not_a_claim(&self) -> bool {
        self.status() == Status::NotAClaim
    }
}

/// How far the ledger has come, over the claims listed (not-a-claim ones
/// left out).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Rows per status, in [`Status::ALL`]'s order.
    pub by_status: [usize; 6],
}

impl Progress {
    pub fn of(rows: &[Row]) -> Progress {
        let mut p = Progress::default();
        for r in rows {
            let i = Status::ALL.iter().position(|s| *s == r.status());
            p.by_status[i.unwrap_or(0)] += 1;
        }
        p
    }

    pub fn count(&self, s: Status) -> usize {
        let i = Status::ALL.iter().position(|x| *x == s);
        self.by_status[i.unwrap_or(0)]
    }

    /// The claims listed: all but those marked not a claim.
    pub fn total(&self) -> usize {
        self.by_status.iter().sum::<usize>() - self.count(Status::NotAClaim)
    }

    /// Claims given a verdict: checked, disputed or false.
    pub fn done(&self) -> usize {
        [Status::Checked, Status::Disputed, Status::False]
            .into_iter()
            .map(|s| self.count(s))
            .sum()
    }

    /// `12/31 checked`: verdicts over claims listed.
    pub fn label(&self) -> String {
        format!("{}/{} checked", self.done(), self.total())
    }
}

/// Characters of `span` within the paragraph `at` is in, as a range.
fn range_in(span: &Span, at: &Anchor) -> Option<(usize, usize)> {
    let key = |a: &Anchor| (a.section, a.turn, a.paragraph);
    let (s, e) = (span.start, span.end);
    if key(&s) > key(at) || key(&e) < key(at) {
        return None;
    }
    let from = if key(&s) == key(at) { s.offset } else { 0 };
    let to = if key(&e) == key(at) {
        e.offset
    } else {
        usize::MAX
    };
    Some((from, to))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Every detected claim and every entry in force, in document order
/// (entries found nowhere last, in the order they were made); not-a-claim
/// rows included (the caller hides them).
pub fn rows<'a>(doc: &Document, entries: &'a Entries) -> Vec<Row<'a>> {
    let citer = Citer::new(doc);
    let placed: Vec<(&Entry, Option<Span>, Citation)> = entries
        .list()
        .into_iter()
        .map(|e| {
            let mark = e.mark();
            let r = citer.resolve(&mark);
            (e, r.span(), cite(doc, &mark, r))
        })
        .collect();
    let mut taken = vec![false; placed.len()];
    let mut out = Vec::with_capacity(doc.claims.len() + placed.len());
    for (i, c) in doc.claims.iter().enumerate() {
        let Some(span) = claim_span(doc, c) else {
            continue;
        };
        let here = (span.start.offset, span.end.offset);
        let best = placed
            .iter()
            .enumerate()
            .filter(|(j, _)| !taken[*j])
            .filter_map(|(j, (_, at, _))| {
                let o = overlap(here, range_in(at.as_ref()?, &span.start)?);
                (o > 0).then_some((o, std::cmp::Reverse(j)))
            })
            .max()
            .map(|(_, j)| j.0);
        // `None` only for a span outside the document, which a claim
        // detected in this document never has.
        let Some(row) = detected_row(doc, c, i, span, best.map(|j| &placed[j])) else {
            continue;
        };
        if let Some(j) = best {
            taken[j] = true;
        }
        out.push(row);
    }
    for ((e, _, citation), taken) in placed.iter().zip(taken) {
        if !taken {
            let found = if e.by_hand {
                Found::ByHand
            } else {
                Found::NotDetected
            };
            let citation = citation.clone();
            let entry = Some(*e);
            out.push(Row {
                claim: None,
                entry,
                found,
                citation,
            });
        }
    }
    out.sort_by_key(|r| (r.citation.span.is_none(), r.citation.span.map(|s| s.start)));
    out
}

fn detected_row<'a>(
    doc: &Document,
    c: &Claim,
    i: usize,
    span: Span,
    placed: Option<&(&'a Entry, Option<Span>, Citation)>,
) -> Option<Row<'a>> {
    let text = doc.claim_text(c);
    let mut citation = match placed {
        Some((_, _, cited)) => cited.clone(),
        None => cite_span(doc, &span, text)?,
    };
    // The words are the claim's as detected now; an entry's saved words
    // differ only when the document was edited.
    if citation.quote != text {
        citation.current = Some(text.to_string());
    }
    citation.span = Some(span);
    Some(Row {
        claim: Some(i),
        entry: placed.map(|(e, _, _)| *e),
        found: Found::Detected,
        citation,
    })
}
