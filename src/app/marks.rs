//! Bookmarks as the reader sees them: the marks part of the state (the
//! placed bookmarks in export order, the selection being made, the last
//! deletion, where new ids come from, and the list's filter in
//! [`filter`]), store bookmarks with their citation placed on the flow,
//! and the conversions between sentences and store anchors.

pub mod filter;

use crate::store::anchor::{Anchor, Span};
use crate::store::bookmarks::{Bookmark, Origin};
use crate::store::cite::{self, Citation, Citer, Status};
use crate::transcript::Document;

use super::flow::{Flow, FlowPos};
use super::opened::Opened;
use super::startup::Ids;
use filter::Filter;

/// The marks part: bookmarks in document order, detached ones last.
#[derive(Debug, Default)]
pub struct Marks {
    list: Vec<Mark>,
    selection: Option<Selection>,
    /// The last deleted bookmark, for undo.
    deleted: Option<Bookmark>,
    ids: Ids,
    /// Which of them the bookmarks list shows.
    filter: Filter,
}

/// Sentences being selected with `v`: from `anchor` to `head`. It lasts
/// while the cursor stays on `head`, that is while the cursor only moves by
/// extending it: any other move ends it ([`Marks::settle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Selection {
    anchor: usize,
    head: usize,
}

impl Marks {
    pub fn new(ids: Ids) -> Marks {
        Marks {
            ids,
            ..Marks::default()
        }
    }

    pub fn list(&self) -> &[Mark] {
        &self.list
    }

    pub fn get(&self, i: usize) -> Option<&Mark> {
        self.list.get(i)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The bookmarks list's filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn filter_mut(&mut self) -> &mut Filter {
        &mut self.filter
    }

    /// Show these bookmarks, placed on the document (re-anchored by text if
    /// it changed since they were made).
    pub fn set_all(&mut self, o: &Opened, bookmarks: Vec<Bookmark>) {
        self.list = place_all(o.doc(), o.flow(), bookmarks);
    }

    /// Add a bookmark; its row in the list.
    pub fn insert(&mut self, o: &Opened, bookmark: Bookmark) -> usize {
        let id = bookmark.id.clone();
        let mark = mark(o.doc(), o.flow(), &Citer::new(o.doc()), bookmark);
        self.list.push(mark);
        sort(&mut self.list);
        self.position(&id).unwrap_or(0)
    }

    /// The row of the bookmark with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|m| m.bookmark.id == id)
    }

    /// Remove row `i`, kept for undo; its id.
    pub fn remove(&mut self, i: usize) -> String {
        let mark = self.list.remove(i);
        let id = mark.bookmark.id.clone();
        self.deleted = Some(mark.bookmark);
        id
    }

    /// Replace row `i` by `bookmark` (its quote changed); its new row.
    pub fn replace(&mut self, o: &Opened, i: usize, bookmark: Bookmark) -> usize {
        self.list.remove(i);
        self.insert(o, bookmark)
    }

    pub fn take_deleted(&mut self) -> Option<Bookmark> {
        self.deleted.take()
    }

    /// Set the note of row `i`; the bookmark's id.
    pub fn set_note(&mut self, i: usize, note: String) -> Option<String> {
        let m = self.list.get_mut(i)?;
        m.bookmark.note = note.clone();
        m.citation.note = note;
        Some(m.bookmark.id.clone())
    }

    /// Code row `i` with `code` (`on`) or take the code off; the
    /// bookmark's id.
    pub fn set_code(&mut self, i: usize, code: &str, on: bool) -> Option<String> {
        let b = &mut self.list.get_mut(i)?.bookmark;
        b.codes.retain(|c| c != code);
        if on {
            b.codes.push(code.to_string());
        }
        Some(b.id.clone())
    }

    /// The row of the bookmark covering sentence `s`.
    pub fn at(&self, o: &Opened, s: usize) -> Option<usize> {
        let pos = sentence_start(o, s)?;
        self.list
            .iter()
            .position(|m| m.place.is_some_and(|p| p.start <= pos && pos < p.end))
    }

    /// The row of the bookmark quoting exactly sentences `first..=last`.
    pub fn exactly(&self, o: &Opened, first: usize, last: usize) -> Option<usize> {
        let start = sentence_start(o, first)?;
        let b = o.flow().sentences.get(last)?;
        let end = FlowPos {
            block: b.block as usize,
            offset: b.end as usize,
        };
        self.list
            .iter()
            .position(|m| m.place.is_some_and(|p| p.start == start && p.end == end))
    }

    /// The codes of every bookmark covering sentence `s`, each once, in
    /// the order the bookmarks list them.
    pub fn codes_at(&self, o: &Opened, s: usize) -> Vec<&str> {
        let Some(pos) = sentence_start(o, s) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = Vec::new();
        let covering = self
            .list
            .iter()
            .filter(|m| m.place.is_some_and(|p| p.start <= pos && pos < p.end));
        for code in covering.flat_map(|m| &m.bookmark.codes) {
            if !out.contains(&code.as_str()) {
                out.push(code);
            }
        }
        out
    }

    /// The sentence of the placed bookmark after (or before) `cursor`.
    pub fn neighbour(&self, cursor: usize, forward: bool) -> Option<usize> {
        let placed = self.list.iter().filter_map(|m| m.place.map(|p| p.sentence));
        match forward {
            true => placed.filter(|&s| s > cursor).min(),
            false => placed.filter(|&s| s < cursor).max(),
        }
    }

    /// The first row placed at or after `cursor`, where the list opens.
    pub fn first_from(&self, cursor: usize) -> usize {
        self.list
            .iter()
            .position(|m| m.place.is_some_and(|p| p.sentence >= cursor))
            .unwrap_or(0)
    }

    /// The clock as the run loop read it for the current input.
    pub fn set_now(&mut self, now: u64) {
        self.ids.set_now(now);
    }

    /// The id, time and hash of the next bookmark.
    pub fn next_origin(&mut self, doc_hash: &str) -> Origin {
        self.ids.next(doc_hash)
    }

    /// `v`: select from sentence `s`.
    pub fn start_selection(&mut self, s: usize) {
        self.selection = Some(Selection { anchor: s, head: s });
    }

    /// Where the selection started, if one is being made.
    pub fn selection_anchor(&self) -> Option<usize> {
        self.selection.map(|s| s.anchor)
    }

    /// The cursor moved by extending the selection to sentence `s`.
    pub fn extend(&mut self, s: usize) {
        if let Some(sel) = &mut self.selection {
            sel.head = s;
        }
    }

    /// Sentences `first..=last` of the selection.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.selection
            .map(|s| (s.anchor.min(s.head), s.anchor.max(s.head)))
    }

    /// End the selection, giving its range.
    pub fn take_selection(&mut self) -> Option<(usize, usize)> {
        let range = self.selected_range();
        self.selection = None;
        range
    }

    /// After an action: a selection whose head the cursor left has ended.
    pub fn settle(&mut self, cursor: usize) {
        if self.selection.is_some_and(|s| s.head != cursor) {
            self.selection = None;
        }
    }
}

/// Where sentence `s` starts in the flow.
fn sentence_start(o: &Opened, s: usize) -> Option<FlowPos> {
    let sen = o.flow().sentences.get(s)?;
    Some(FlowPos {
        block: sen.block as usize,
        offset: sen.start as usize,
    })
}

/// A bookmark placed in the flow; its place's `end` is exclusive. A detached bookmark (its text is gone) has no place.
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
    pub start: FlowPos,
    pub end: FlowPos,
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
        start.offset,
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

/// Where a store anchor (whose offset counts characters) is in the flow.
fn to_flow(doc: &Document, flow: &Flow, a: &Anchor) -> Option<FlowPos> {
    let block = flow.para_block(global_turn(flow, a)?, a.paragraph)?;
    let text = flow.text(doc, block);
    let byte = text
        .char_indices()
        .nth(a.offset)
        .map_or(text.len(), |(i, _)| i);
    Some(FlowPos {
        block,
        offset: byte,
    })
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
    let at = to_flow(doc, flow, a)?;
    Some(flow.sentence_in(global_turn(flow, a)?, a.paragraph, at.offset))
}

/// `“quote” — Speaker, §N Section title (line L)`, ready to paste: the
/// citation's own attribution, so a copy and an export agree.
pub fn attribution(citation: &Citation) -> String {
    let quote = crate::text::one_line(&citation.quote);
    format!("“{quote}” {}", citation.attribution())
}
