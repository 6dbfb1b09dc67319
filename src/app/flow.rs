//! The document laid out as a flow of blocks (banners, speaker lines,
//! paragraphs, gaps) and an index of its sentences, built once per document.
//!
//! Screen lines are never stored: a position is a block and a byte offset, and
//! lines are derived on demand from the wrap cache for the current width.

use crate::transcript::{Document, sentences};

/// Columns a paragraph is indented under its speaker line: the line
/// model's [`super::layout::TEXT_INDENT`], kept under this name for callers.
pub use super::layout::TEXT_INDENT as INDENT;

/// Where in the document, for the reader: a block of the flow and a byte
/// offset into its text. The one position type of the app; the store's
/// anchors (which count characters, by section and turn) and the search's
/// positions are converted to it at the edge of the part that meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct FlowPos {
    pub block: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Banner,
    Speaker,
    Para,
    /// The blank line around a section's banner.
    Gap,
    /// The blank line between two turns (none in compact mode).
    TurnGap,
    /// The blank line between two paragraphs of one turn, so a long turn
    /// does not read as one wall.
    Break,
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
    /// Index into [`Flow::paras`] of the turn's first paragraph; its
    /// paragraphs follow in order (with breaks between their blocks).
    pub first_para: u32,
    /// Index into [`Flow::speakers`], or [`NARRATION`].
    pub speaker: u32,
}

/// The speaker index of a turn without a speaker.
pub const NARRATION: u32 = u32::MAX;

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
    /// Speakers in order of first appearance.
    pub speakers: Vec<String>,
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
                let speaker = turn.speaker.as_ref().map_or(NARRATION, |name| {
                    match f.speakers.iter().position(|s| s == name) {
                        Some(i) => i as u32,
                        None => {
                            f.speakers.push(name.clone());
                            (f.speakers.len() - 1) as u32
                        }
                    }
                });
                f.turns.push(TurnInfo {
                    section: si,
                    index: ti as u32,
                    first_sentence: f.sentences.len() as u32,
                    first_para: 0,
                    speaker,
                });
                if ti > 0 {
                    f.push(BlockKind::TurnGap, si, g, 0);
                }
                if turn.speaker.is_some() {
                    f.push(BlockKind::Speaker, si, g, 0);
                }
                f.turns[g as usize].first_para = f.paras.len() as u32;
                for (pi, text) in turn.paragraphs.iter().enumerate() {
                    if pi > 0 {
                        f.push(BlockKind::Break, si, g, pi as u32);
                    }
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
        let block = self.para_block(turn, para).unwrap_or(0);
        self.sentence_at_or_after(block, offset)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The block of paragraph `para` of global turn `turn`.
    pub fn para_block(&self, turn: usize, para: usize) -> Option<usize> {
        let first = self.turns.get(turn)?.first_para as usize;
        let end = self
            .turns
            .get(turn + 1)
            .map_or(self.paras.len(), |t| t.first_para as usize);
        (first + para < end).then(|| self.paras[first + para] as usize)
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
