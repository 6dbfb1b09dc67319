//! The document laid out as a flow of blocks (banners, speaker lines,
//! paragraphs, gaps) and an index of its sentences, built once per document.
//!
//! Screen lines are never stored: a position is a block and a byte offset, and
//! lines are derived on demand from the wrap cache for the current width.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::transcript::{Document, sentences};
use crate::ui::wrap;

/// Columns a paragraph is indented under its speaker line.
pub const INDENT: u16 = 2;
/// Lines a section banner takes: its title and a rule.
const BANNER_LINES: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Banner,
    Speaker,
    Para,
    Gap,
}

/// One unit of the dialogue view. Indices are into the document: `turn` is
/// the global turn index (see [`Flow::turns`]), `para` within that turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub section: u32,
    pub turn: u32,
    pub para: u32,
}

/// A sentence: a byte range of one paragraph block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub block: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TurnInfo {
    pub section: u32,
    /// Index of the turn within its section.
    pub index: u32,
    pub first_sentence: u32,
    /// Block of the turn's first paragraph; its paragraphs follow in order.
    pub first_para: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionInfo {
    pub banner: u32,
    pub first_sentence: u32,
    pub first_turn: u32,
}

/// The flattened document.
#[derive(Debug, Default)]
pub struct Flow {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub turns: Vec<TurnInfo>,
    pub sections: Vec<SectionInfo>,
    /// The block of each paragraph, in document order: a paragraph's index
    /// here is its flat index in the search.
    pub paras: Vec<u32>,
}

impl Flow {
    pub fn new(doc: &Document) -> Flow {
        let mut f = Flow::default();
        for (si, section) in doc.sections.iter().enumerate() {
            let si = si as u32;
            let first_turn = f.turns.len() as u32;
            if si > 0 {
                f.push(BlockKind::Gap, si, first_turn, 0);
            }
            let banner = f.blocks.len() as u32;
            f.push(BlockKind::Banner, si, first_turn, 0);
            f.push(BlockKind::Gap, si, first_turn, 0);
            f.sections.push(SectionInfo {
                banner,
                first_sentence: f.sentences.len() as u32,
                first_turn,
            });
            for (ti, turn) in section.turns.iter().enumerate() {
                let g = f.turns.len() as u32;
                f.turns.push(TurnInfo {
                    section: si,
                    index: ti as u32,
                    first_sentence: f.sentences.len() as u32,
                    first_para: 0,
                });
                if ti > 0 {
                    f.push(BlockKind::Gap, si, g, 0);
                }
                if turn.speaker.is_some() {
                    f.push(BlockKind::Speaker, si, g, 0);
                }
                f.turns[g as usize].first_para = f.blocks.len() as u32;
                for (pi, text) in turn.paragraphs.iter().enumerate() {
                    let block = f.blocks.len() as u32;
                    f.paras.push(block);
                    f.push(BlockKind::Para, si, g, pi as u32);
                    f.sentences
                        .extend(sentences::split(text).into_iter().map(|r| Sentence {
                            block,
                            start: r.start as u32,
                            end: r.end as u32,
                        }));
                }
            }
        }
        f
    }

    fn push(&mut self, kind: BlockKind, section: u32, turn: u32, para: u32) {
        self.blocks.push(Block {
            kind,
            section,
            turn,
            para,
        });
    }

    /// The global turn index holding sentence `s`.
    pub fn turn_of(&self, s: usize) -> usize {
        self.sentences
            .get(s)
            .and_then(|s| self.blocks.get(s.block as usize))
            .map_or(0, |b| b.turn as usize)
    }

    /// The section holding sentence `s`.
    pub fn section_of(&self, s: usize) -> usize {
        self.sentences
            .get(s)
            .and_then(|s| self.blocks.get(s.block as usize))
            .map_or(0, |b| b.section as usize)
    }

    /// The first sentence at or after (block, offset), or the count if none.
    pub fn sentence_at_or_after(&self, block: usize, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| (s.block as usize, s.end as usize) <= (block, offset))
    }

    /// The first sentence starting at or after (block, offset).
    pub fn first_starting_from(&self, block: usize, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| (s.block as usize, s.start as usize) < (block, offset))
    }

    /// The sentence holding byte `offset` of paragraph `para` of a turn.
    pub fn sentence_in(&self, turn: usize, para: usize, offset: usize) -> usize {
        let block = self
            .turns
            .get(turn)
            .map_or(0, |t| t.first_para as usize + para);
        self.sentence_at_or_after(block, offset)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The flat (document-order) index of a paragraph block, as the search
    /// numbers paragraphs.
    pub fn para_index(&self, block: usize) -> usize {
        self.paras.partition_point(|&b| (b as usize) < block)
    }

    /// The paragraph text of a block; empty for non-paragraph blocks.
    pub fn text<'d>(&self, doc: &'d Document, block: usize) -> &'d str {
        let Some(b) = self.blocks.get(block) else {
            return "";
        };
        if b.kind != BlockKind::Para {
            return "";
        }
        let t = self.turns[b.turn as usize];
        doc.sections
            .get(t.section as usize)
            .and_then(|s| s.turns.get(t.index as usize))
            .and_then(|t| t.paragraphs.get(b.para as usize))
            .map_or("", String::as_str)
    }
}

/// A line of the flow: a block and a line within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LinePos {
    pub block: usize,
    pub line: usize,
}

/// Wrapped lines of paragraphs, cached for one width at a time. A change of
/// width drops the cache, so memory stays bounded by what was visited.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    lines: HashMap<usize, Rc<[Range<usize>]>>,
}

/// Measures and walks the flow at a given text width.
pub struct Lines<'a> {
    pub doc: &'a Document,
    pub flow: &'a Flow,
    pub cache: &'a RefCell<WrapCache>,
    /// Columns available to paragraph text (pane width minus the indent).
    pub width: usize,
}

impl Lines<'_> {
    /// Wrapped byte ranges of a paragraph block (one empty line otherwise).
    pub fn wrapped(&self, block: usize) -> Rc<[Range<usize>]> {
        let mut cache = self.cache.borrow_mut();
        if cache.width != self.width {
            cache.lines.clear();
            cache.width = self.width;
        }
        cache
            .lines
            .entry(block)
            .or_insert_with(|| wrap::wrap(self.flow.text(self.doc, block), self.width).into())
            .clone()
    }

    pub fn count(&self, block: usize) -> usize {
        match self.flow.blocks.get(block).map(|b| b.kind) {
            Some(BlockKind::Para) => self.wrapped(block).len().max(1),
            Some(BlockKind::Banner) => BANNER_LINES,
            Some(_) => 1,
            None => 0,
        }
    }

    /// The line of `block` holding byte `offset`.
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        if self.flow.blocks.get(block).map(|b| b.kind) != Some(BlockKind::Para) {
            return 0;
        }
        let lines = self.wrapped(block);
        lines
            .partition_point(|r| r.end <= offset)
            .min(lines.len().saturating_sub(1))
    }

    /// The byte offset a line starts at, so it survives re-wrapping.
    pub fn offset_of(&self, pos: LinePos) -> usize {
        if self.flow.blocks.get(pos.block).map(|b| b.kind) != Some(BlockKind::Para) {
            return 0;
        }
        self.wrapped(pos.block).get(pos.line).map_or(0, |r| r.start)
    }

    /// The byte offset just past a line, so sentences starting on it are before it.
    pub fn end_offset_of(&self, pos: LinePos) -> usize {
        if self.flow.blocks.get(pos.block).map(|b| b.kind) != Some(BlockKind::Para) {
            return 0;
        }
        self.wrapped(pos.block)
            .get(pos.line)
            .map_or(0, |r| r.end.max(r.start + 1))
    }

    /// The last line of the flow.
    pub fn end(&self) -> LinePos {
        let block = self.flow.blocks.len().saturating_sub(1);
        LinePos {
            block,
            line: self.count(block).saturating_sub(1),
        }
    }

    /// Move `n` lines down (or up, when negative), stopping at either end.
    pub fn step(&self, mut pos: LinePos, n: isize) -> LinePos {
        if n >= 0 {
            for _ in 0..n {
                if pos.line + 1 < self.count(pos.block) {
                    pos.line += 1;
                } else if pos.block + 1 < self.flow.blocks.len() {
                    pos = LinePos {
                        block: pos.block + 1,
                        line: 0,
                    };
                } else {
                    break;
                }
            }
        } else {
            for _ in 0..n.unsigned_abs() {
                if pos.line > 0 {
                    pos.line -= 1;
                } else if pos.block > 0 {
                    pos.block -= 1;
                    pos.line = self.count(pos.block).saturating_sub(1);
                } else {
                    break;
                }
            }
        }
        pos
    }

    /// Lines from `a` down to `b`, or `None` if `b` is before `a` or more
    /// than `limit` lines away. The cost is bounded by `limit`.
    pub fn distance(&self, a: LinePos, b: LinePos, limit: usize) -> Option<usize> {
        if b < a {
            return None;
        }
        let mut pos = a;
        for d in 0..=limit {
            if pos == b {
                return Some(d);
            }
            let next = self.step(pos, 1);
            if next == pos {
                return None;
            }
            pos = next;
        }
        None
    }

    /// First and last line of a sentence.
    pub fn sentence_lines(&self, s: usize) -> (LinePos, LinePos) {
        let Some(sen) = self.flow.sentences.get(s) else {
            return (LinePos::default(), LinePos::default());
        };
        let block = sen.block as usize;
        let first = self.line_of(block, sen.start as usize);
        // `end` is exclusive: the last byte of the sentence decides its last line.
        let last = self.line_of(
            block,
            (sen.end as usize).saturating_sub(1).max(sen.start as usize),
        );
        (
            LinePos { block, line: first },
            LinePos { block, line: last },
        )
    }
}
