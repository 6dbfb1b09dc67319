//! Incremental search over a document's paragraphs, a budget of bytes at a time.
//!
//! A [`Search`] starts at the paragraph in view and scans forward to the end,
//! then backward from the view to the start, so the first match below the view
//! (and above it, for `N`) is found first and the UI never waits for the
//! whole document. The scanned paragraphs always form one contiguous range
//! around the view, and the hits found so far are those of that range, in
//! document order.

mod chars;
mod fold;
mod matcher;

use std::collections::VecDeque;
use std::ops::Range;

pub use matcher::{Matcher, REGEX_PREFIX, SearchError};

use super::model::Document;

/// Where a paragraph sits in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ParaRef {
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
}

/// Every paragraph of a document under one flat index, in document order.
#[derive(Debug, Clone, Default)]
pub struct ParaIndex {
    refs: Vec<ParaRef>,
    sections: usize,
}

impl ParaIndex {
    pub fn new(doc: &Document) -> ParaIndex {
        let mut refs = Vec::new();
        for (section, s) in doc.sections.iter().enumerate() {
            for (turn, t) in s.turns.iter().enumerate() {
                refs.extend((0..t.paragraphs.len()).map(|paragraph| ParaRef {
                    section,
                    turn,
                    paragraph,
                }));
            }
        }
        ParaIndex {
            refs,
            sections: doc.sections.len(),
        }
    }

    /// The number of paragraphs.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// The number of sections of the indexed document.
    pub fn sections(&self) -> usize {
        self.sections
    }

    /// Where flat paragraph `flat` is.
    pub fn get(&self, flat: usize) -> Option<ParaRef> {
        self.refs.get(flat).copied()
    }

    /// The flat index of a paragraph.
    pub fn flat(&self, at: ParaRef) -> Option<usize> {
        self.refs.binary_search(&at).ok()
    }

    /// The text of flat paragraph `flat`; `None` when out of range or when
    /// `doc` is not the document this index was built from.
    pub fn text<'d>(&self, doc: &'d Document, flat: usize) -> Option<&'d str> {
        let r = self.get(flat)?;
        doc.sections
            .get(r.section)?
            .turns
            .get(r.turn)?
            .paragraphs
            .get(r.paragraph)
            .map(String::as_str)
    }
}

/// A match: its paragraph and the byte range in that paragraph's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hit {
    /// Flat paragraph index (see [`ParaIndex`]); hits order by it first.
    pub para: usize,
    /// Byte offsets into the paragraph; always on char boundaries, never empty.
    pub start: usize,
    pub end: usize,
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
}

impl Hit {
    pub fn pos(&self) -> Pos {
        Pos {
            para: self.para,
            offset: self.start,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A place in the document: flat paragraph and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub para: usize,
    pub offset: usize,
}

impl Pos {
    pub fn new(para: usize, offset: usize) -> Pos {
        Pos { para, offset }
    }

    /// Just after the start of `hit`: where `n` looks from.
    pub fn after(hit: &Hit) -> Pos {
        Pos::new(hit.para, hit.start + 1)
    }
}

/// The answer to "which match is next?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// Index into the hits found so far; `wrapped` when the search went past
    /// an end of the document to find it.
    Found { index: usize, wrapped: bool },
    /// The answer lies in paragraphs not scanned yet: step and ask again.
    Pending,
    /// The whole document is scanned and has no match.
    None,
}

/// Paragraphs cost at least this many bytes of budget, so empty ones don't
/// make a step unbounded.
const PARAGRAPH_COST: usize = 16;

/// A search in progress (or finished) over one document.
#[derive(Debug, Clone)]
pub struct Search {
    matcher: Matcher,
    index: ParaIndex,
    origin: usize,
    /// Paragraphs `lo..hi` are scanned; `lo <= origin <= hi`.
    lo: usize,
    hi: usize,
    hits: VecDeque<Hit>,
}

impl Search {
    /// Start a search from flat paragraph `origin` (clamped to the document).
    pub fn new(matcher: Matcher, doc: &Document, origin: usize) -> Search {
        let index = ParaIndex::new(doc);
        let origin = origin.min(index.len());
        Search {
            matcher,
            index,
            origin,
            lo: origin,
            hi: origin,
            hits: VecDeque::new(),
        }
    }

    /// Scan about `budget_bytes` of paragraph text (at least one paragraph);
    /// returns whether the whole document is now scanned.
    pub fn step(&mut self, doc: &Document, budget_bytes: usize) -> bool {
        let mut spent = 0;
        while !self.is_done() && spent < budget_bytes.max(1) {
            let forward = self.hi < self.index.len();
            let flat = if forward { self.hi } else { self.lo - 1 };
            let text = self.index.text(doc, flat).unwrap_or("");
            let at = self.index.get(flat).unwrap_or_default();
            let first_new = self.hits.len();
            self.matcher.for_each_match(text, |r| {
                let hit = Hit {
                    para: flat,
                    start: r.start,
                    end: r.end,
                    section: at.section,
                    turn: at.turn,
                    paragraph: at.paragraph,
                };
                self.hits.push_back(hit);
            });
            if forward {
                self.hi += 1;
            } else {
                // Hits above the view go in front, keeping document order.
                self.hits.rotate_right(self.hits.len() - first_new);
                self.lo -= 1;
            }
            spent += text.len().max(PARAGRAPH_COST);
        }
        self.is_done()
    }

    /// Scan everything that is left.
    pub fn finish(&mut self, doc: &Document) {
        self.step(doc, usize::MAX);
    }

    pub fn is_done(&self) -> bool {
        self.lo == 0 && self.hi == self.index.len()
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn index(&self) -> &ParaIndex {
        &self.index
    }

    /// The paragraph the search started from.
    pub fn origin(&self) -> usize {
        self.origin
    }

    /// The flat paragraphs scanned so far.
    pub fn scanned(&self) -> Range<usize> {
        self.lo..self.hi
    }

    /// How many hits so far: the full count once [`is_done`](Self::is_done).
    pub fn count(&self) -> usize {
        self.hits.len()
    }

    /// Hit `i` of those found so far, in document order. Indices shift while
    /// the search scans above its origin, so keep a [`Hit`], not an index.
    pub fn get(&self, i: usize) -> Option<&Hit> {
        self.hits.get(i)
    }

    /// The hits found so far, in document order.
    pub fn hits(&self) -> impl DoubleEndedIterator<Item = &Hit> + ExactSizeIterator {
        self.hits.iter()
    }

    /// The index of `hit` among the hits found so far.
    pub fn index_of(&self, hit: &Hit) -> Option<usize> {
        self.hits.binary_search(hit).ok()
    }

    /// The hits in flat paragraph `para`, for highlighting.
    pub fn in_paragraph(&self, para: usize) -> impl Iterator<Item = &Hit> {
        let from = self.hits.partition_point(|h| h.para < para);
        self.hits.range(from..).take_while(move |h| h.para == para)
    }

    /// The first hit at or below the origin: where to jump while typing.
    pub fn first(&self) -> Lookup {
        self.next_from(Pos::new(self.origin, 0))
    }

    /// The first hit starting at or after `pos`, wrapping past the end.
    /// For `n` from the current hit, pass [`Pos::after`] of it.
    pub fn next_from(&self, pos: Pos) -> Lookup {
        if pos < Pos::new(self.lo, 0) {
            return Lookup::Pending;
        }
        let i = self.hits.partition_point(|h| h.pos() < pos);
        if i < self.hits.len() {
            return Lookup::Found {
                index: i,
                wrapped: false,
            };
        }
        if !self.is_done() {
            return Lookup::Pending;
        }
        self.wrap_to(0)
    }

    /// The last hit starting before `pos`, wrapping past the start. For `N`
    /// from the current hit, pass its [`Hit::pos`].
    pub fn prev_from(&self, pos: Pos) -> Lookup {
        if pos > Pos::new(self.hi, 0) {
            return Lookup::Pending;
        }
        let i = self.hits.partition_point(|h| h.pos() < pos);
        if i > 0 {
            return Lookup::Found {
                index: i - 1,
                wrapped: false,
            };
        }
        if !self.is_done() {
            return Lookup::Pending;
        }
        self.wrap_to(self.hits.len().wrapping_sub(1))
    }

    fn wrap_to(&self, index: usize) -> Lookup {
        if index < self.hits.len() {
            Lookup::Found {
                index,
                wrapped: true,
            }
        } else {
            Lookup::None
        }
    }

    /// Hits per section so far, for the table of contents.
    pub fn counts_by_section(&self) -> Vec<usize> {
        let mut counts = vec![0; self.index.sections()];
        for h in &self.hits {
            if let Some(c) = counts.get_mut(h.section) {
                *c += 1;
            }
        }
        counts
    }
}

/// Every hit in the document at once, in document order.
pub fn search_all(matcher: &Matcher, doc: &Document) -> Vec<Hit> {
    let mut search = Search::new(matcher.clone(), doc, 0);
    search.finish(doc);
    search.hits.into()
}
