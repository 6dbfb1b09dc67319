//! Bookmarks as the reader sees them: store bookmarks with their citation,
//! placed on the flow (block and byte), and the conversions between
//! sentences and store anchors.

use crate::store::anchor::{Anchor, Span};
use crate::store::bookmarks::Bookmark;
use crate::store::cite::{self, Citation, Citer, Status};
use crate::transcript::Document;

use super::flow::Flow;

/// A bookmark placed in the flow. `start`/`end` are (block, byte offset);
/// `end` is exclusive. A detached bookmark (its text is gone) has no place.
/// The list and the gutter show its `citation`, as the exports do.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub bookmark: Bookmark,
    pub place: Option<Place>,
    pub citation: Citation,
}

impl Mark {
    /// Whether the quote's words differ from the document's now.
    pub fn changed(&self) -> bool {
        self.citation.status == Status::Changed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub start: (usize, usize),
    pub end: (usize, usize),
    /// The sentence the bookmark starts in, where jumps land.
    pub sentence: usize,
}

/// Place every bookmark, re-anchoring by text where the document changed.
/// Sorted in document order, detached ones last.
pub fn place_all(doc: &Document, flow: &Flow, bookmarks: Vec<Bookmark>) -> Vec<Mark> {
    let citer = Citer::new(doc);
    let mut marks: Vec<Mark> = bookmarks
        .into_iter()
        .map(|b| mark(doc, flow, &citer, b))
        .collect();
    sort(&mut marks);
    marks
}

/// One bookmark, cited and placed.
pub fn mark(doc: &Document, flow: &Flow, citer: &Citer, bookmark: Bookmark) -> Mark {
    let citation = citer.cite(&bookmark);
    let place = citation.span.and_then(|s| place(doc, flow, &s));
    Mark {
        bookmark,
        place,
        citation,
    }
}

/// The order of the exports: by where the quote is now, detached ones last
/// by when they were made.
pub fn sort(marks: &mut [Mark]) {
    marks.sort_by(|a, b| {
        cite::order(&a.citation, &a.bookmark).cmp(&cite::order(&b.citation, &b.bookmark))
    });
}

/// Where a store span lies in the flow.
pub fn place(doc: &Document, flow: &Flow, span: &Span) -> Option<Place> {
    let start = to_flow(doc, flow, &span.start)?;
    let end = to_flow(doc, flow, &span.end)?;
    let sentence = flow.sentence_in(
        global_turn(flow, &span.start)?,
        span.start.paragraph,
        start.1,
    );
    Some(Place {
        start,
        end,
        sentence,
    })
}

fn global_turn(flow: &Flow, a: &Anchor) -> Option<usize> {
    Some(flow.sections.get(a.section)?.first_turn as usize + a.turn)
}

/// (block, byte) of a store anchor (whose offset counts characters).
fn to_flow(doc: &Document, flow: &Flow, a: &Anchor) -> Option<(usize, usize)> {
    let turn = flow.turns.get(global_turn(flow, a)?)?;
    let block = turn.first_para as usize + a.paragraph;
    let text = flow.text(doc, block);
    let byte = text
        .char_indices()
        .nth(a.offset)
        .map_or(text.len(), |(i, _)| i);
    Some((block, byte))
}

/// The store anchor of (block, byte).
fn to_anchor(doc: &Document, flow: &Flow, block: usize, byte: usize) -> Option<Anchor> {
    let b = flow.blocks.get(block)?;
    let turn = flow.turns.get(b.turn as usize)?;
    let text = flow.text(doc, block);
    Some(Anchor {
        section: turn.section as usize,
        turn: turn.index as usize,
        paragraph: b.para as usize,
        offset: text.get(..byte)?.chars().count(),
    })
}

/// The span of sentences `first..=last`.
pub fn span_of(doc: &Document, flow: &Flow, first: usize, last: usize) -> Option<Span> {
    let a = flow.sentences.get(first)?;
    let b = flow.sentences.get(last)?;
    Some(Span {
        start: to_anchor(doc, flow, a.block as usize, a.start as usize)?,
        end: to_anchor(doc, flow, b.block as usize, b.end as usize)?,
    })
}

/// The start of sentence `s` as a store anchor, for reading positions.
pub fn sentence_anchor(doc: &Document, flow: &Flow, s: usize) -> Option<Anchor> {
    let sen = flow.sentences.get(s)?;
    to_anchor(doc, flow, sen.block as usize, sen.start as usize)
}

/// The sentence holding a store anchor, for resuming.
pub fn anchor_sentence(doc: &Document, flow: &Flow, a: &Anchor) -> Option<usize> {
    let (_, byte) = to_flow(doc, flow, a)?;
    Some(flow.sentence_in(global_turn(flow, a)?, a.paragraph, byte))
}

/// `“quote” — Speaker, §N Section title (line L)`, ready to paste: the
/// citation's own attribution, so a copy and an export agree.
pub fn attribution(citation: &Citation) -> String {
    let quote = citation
        .quote
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("“{quote}” {}", citation.attribution())
}
