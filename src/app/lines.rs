//! Lines of the flow at one width: measuring blocks, walking up and down,
//! and mapping byte offsets to lines, through a per-width wrap cache. With
//! one speaker shown, other turns fold to a one-line stub.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::flow::{BlockKind, Flow, NARRATION};
use super::layout;
use crate::text::wrap;
use crate::transcript::Document;

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
    /// Columns available to paragraph text ([`layout::text_width`]).
    pub width: usize,
    /// The one speaker shown (an index into `Flow::speakers`), if any.
    pub speaker_filter: Option<u32>,
    /// Compact mode: one turn per line, the name beside its text.
    pub compact: bool,
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

    /// Rows `block` takes on screen, by [`layout::rows`]; 0 past the end.
    pub fn count(&self, block: usize) -> usize {
        let Some(b) = self.flow.blocks.get(block) else {
            return 0;
        };
        let wrapped = || self.wrapped(block).len();
        layout::rows(b.kind, self.folded(block), self.compact, wrapped)
    }

    /// For a block of a turn folded away by the speaker filter: whether it
    /// carries the turn's stub (its speaker line, or a narration
    /// turn's first paragraph). `None` for blocks that show normally.
    pub fn folded(&self, block: usize) -> Option<bool> {
        let only = self.speaker_filter?;
        let b = self.flow.blocks.get(block)?;
        let turn = self.flow.turns.get(b.turn as usize)?;
        let of_turn = matches!(
            b.kind,
            BlockKind::Speaker | BlockKind::Para | BlockKind::Break
        );
        if turn.speaker == only || !of_turn {
            return None;
        }
        Some(match b.kind {
            BlockKind::Speaker => true,
            _ => turn.speaker == NARRATION && b.para == 0,
        })
    }

    /// `pos`, or the first visible line after it when its block is folded away.
    pub fn visible(&self, pos: LinePos) -> LinePos {
        let n = self.count(pos.block);
        if n > 0 {
            return LinePos {
                block: pos.block,
                line: pos.line.min(n - 1),
            };
        }
        match (pos.block + 1..self.flow.blocks.len()).find(|&b| self.count(b) > 0) {
            Some(block) => LinePos { block, line: 0 },
            None => self.end(),
        }
    }

    /// The line of `block` holding byte `offset`. Other blocks than
    /// paragraphs have no text: their "offset" is the line itself (so the
    /// view can stop on a banner's second row).
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        if self.flow.blocks.get(block).map(|b| b.kind) != Some(BlockKind::Para) {
            return offset.min(self.count(block).saturating_sub(1));
        }
        let lines = self.wrapped(block);
        lines
            .partition_point(|r| r.end <= offset)
            .min(lines.len().saturating_sub(1))
    }

    /// The byte offset a line starts at, so it survives re-wrapping (the
    /// line itself for blocks without text, as [`Lines::line_of`] reads it).
    pub fn offset_of(&self, pos: LinePos) -> usize {
        if self.flow.blocks.get(pos.block).map(|b| b.kind) != Some(BlockKind::Para) {
            return pos.line;
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
        let last = self.flow.blocks.len().saturating_sub(1);
        let block = (0..=last)
            .rev()
            .find(|&b| self.count(b) > 0)
            .unwrap_or(last);
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
                    continue;
                }
                // Folded blocks have no lines: skip them.
                match (pos.block + 1..self.flow.blocks.len()).find(|&b| self.count(b) > 0) {
                    Some(block) => pos = LinePos { block, line: 0 },
                    None => break,
                }
            }
        } else {
            for _ in 0..n.unsigned_abs() {
                if pos.line > 0 {
                    pos.line -= 1;
                    continue;
                }
                match (0..pos.block).rev().find(|&b| self.count(b) > 0) {
                    Some(block) => {
                        pos = LinePos {
                            block,
                            line: self.count(block) - 1,
                        }
                    }
                    None => break,
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
