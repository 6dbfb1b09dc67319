//! The dialogue view: where it is scrolled to, the current sentence (the
//! cursor, "the current quote"), the panes' size, the one speaker shown
//! and whether times show. It keeps the cursor on a sentence the view
//! shows and never scrolls past the last screenful; how it scrolls is in
//! `view/scroll.rs`.

mod scroll;

use std::cell::RefCell;

use super::area::Area;
use super::flow::FlowPos;
use super::layout;
use super::lines::{LinePos, Lines, WrapCache};
use super::opened::Opened;

pub use scroll::MARGIN;

/// Where the view goes when the document is replaced ([`View::reflow`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reflow {
    pub sentence: usize,
    pub row: usize,
    pub follow: bool,
    pub speaker: Option<u32>,
}

/// Where the panes are, as laid out for the current terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub dialogue: Area,
    /// Empty when hidden.
    pub contents: Area,
    pub claims: Area,
}

impl Viewport {
    /// Columns for paragraph text in the dialogue.
    pub fn text_width(&self) -> usize {
        layout::text_width(self.dialogue.width)
    }

    pub fn height(&self) -> usize {
        usize::from(self.dialogue.height)
    }
}

#[derive(Debug, Default)]
pub struct View {
    /// The current sentence, an index into `Flow::sentences`.
    cursor: usize,
    /// The top line, as a place in the text so it survives re-wrapping.
    top: FlowPos,
    viewport: Viewport,
    /// Show only this speaker's turns (an index into `Flow::speakers`).
    speaker_filter: Option<u32>,
    /// Show each turn's start time beside its speaker (`T`).
    times: bool,
    /// One line per turn, the name in a column beside the text (`C`).
    compact: bool,
    /// The cursor a page key left and the screen row it kept.
    paged: Option<(usize, usize)>,
    wrap: RefCell<WrapCache>,
}

impl View {
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn top(&self) -> FlowPos {
        self.top
    }

    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    pub fn speaker_filter(&self) -> Option<u32> {
        self.speaker_filter
    }

    pub fn times(&self) -> bool {
        self.times
    }

    pub fn compact(&self) -> bool {
        self.compact
    }

    /// Columns of compact mode's name column (0 when not compact).
    pub fn name_col(&self, o: &Opened) -> u16 {
        // The text keeps at least half the width.
        let half = (self.viewport.text_width() / 2) as u16;
        match self.compact {
            true => layout::name_column(o.widest_name()).min(half),
            false => 0,
        }
    }

    /// Line measurement at the current dialogue width.
    pub fn lines<'a>(&'a self, o: &'a Opened) -> Lines<'a> {
        let name_col = usize::from(self.name_col(o));
        Lines {
            doc: o.doc(),
            flow: o.flow(),
            cache: &self.wrap,
            width: self.viewport.text_width().saturating_sub(name_col).max(1),
            speaker_filter: self.speaker_filter,
            compact: self.compact,
        }
    }

    /// The first line shown.
    pub fn top_pos(&self, o: &Opened) -> LinePos {
        let block = self.top.block.min(o.flow().blocks.len().saturating_sub(1));
        let lines = self.lines(o);
        lines.visible(LinePos {
            block,
            line: lines.line_of(block, self.top.offset),
        })
    }

    /// `s`, or the nearest sentence of the speaker shown, looking forward
    /// first when `forward` (back first otherwise).
    pub fn visible_sentence(&self, o: &Opened, s: usize, forward: bool) -> usize {
        let Some(only) = self.speaker_filter else {
            return s;
        };
        let flow = o.flow();
        let turns = &flow.turns;
        let t = flow.turn_of(s);
        if turns.get(t).is_none_or(|x| x.speaker == only) {
            return s;
        }
        let ahead = (t + 1..turns.len()).find(|&i| turns[i].speaker == only);
        let behind = (0..t).rev().find(|&i| turns[i].speaker == only);
        let first = |i: usize| turns[i].first_sentence as usize;
        // The last sentence of a turn is just before the next turn's first.
        let last = |i: usize| {
            turns
                .get(i + 1)
                .map_or(flow.sentences.len(), |n| n.first_sentence as usize)
                .saturating_sub(1)
        };
        match (forward, ahead, behind) {
            (true, Some(i), _) | (false, Some(i), None) => first(i),
            (false, _, Some(i)) | (true, None, Some(i)) => last(i),
            (_, None, None) => s,
        }
    }

    /// Put the cursor on sentence `s` (or the nearest one shown) and bring
    /// it into view.
    pub fn move_cursor(&mut self, o: &Opened, s: usize) {
        let s = s.min(o.last_sentence());
        self.cursor = self.visible_sentence(o, s, s >= self.cursor);
        self.ensure_visible(o);
    }

    /// Start at sentence `s`, shown at the top of the view.
    pub fn resume_at(&mut self, o: &Opened, s: usize) {
        let Some(sen) = o.flow().sentences.get(s) else {
            return;
        };
        self.cursor = s;
        self.top = FlowPos {
            block: sen.block as usize,
            offset: sen.start as usize,
        };
    }

    /// Back to where a search started: that top line and that sentence.
    pub fn restore(&mut self, o: &Opened, (cursor, top): (usize, FlowPos)) {
        self.top = top;
        self.move_cursor(o, cursor);
    }

    /// Section `i` from its banner, with the cursor on its first sentence.
    pub fn show_section(&mut self, o: &Opened, i: usize) {
        let Some(info) = o.flow().sections.get(i).copied() else {
            return;
        };
        let banner = LinePos {
            block: info.banner as usize,
            line: 0,
        };
        self.set_top(o, banner);
        self.cursor = (info.first_sentence as usize).min(o.last_sentence());
        self.clamp_top(o);
        self.ensure_visible(o);
    }

    /// The first line of the document, the cursor on its first sentence.
    pub fn to_start(&mut self, o: &Opened) {
        self.top = FlowPos::default();
        self.move_cursor(o, 0);
    }

    /// The last screenful, the end at the bottom as in less, the cursor on
    /// the last sentence.
    pub fn to_end(&mut self, o: &Opened) {
        let lines = self.lines(o);
        let last_screen = lines.step(lines.end(), 1 - self.viewport.height() as isize);
        self.set_top(o, last_screen);
        self.move_cursor(o, o.last_sentence());
    }

    /// Show sentence `s` near the top without moving the cursor (a list's
    /// preview of where Enter would go).
    pub fn preview(&mut self, o: &Opened, s: usize) {
        let lines = self.lines(o);
        let (first, _) = lines.sentence_lines(s);
        let pos = lines.step(first, -(MARGIN as isize));
        self.set_top(o, pos);
        self.clamp_top(o);
    }

    /// The panes were laid out again (a resize, a pane shown or hidden).
    pub fn set_viewport(&mut self, o: &Opened, vp: Viewport) {
        self.viewport = vp;
        self.clamp_top(o);
        self.ensure_visible(o);
    }

    /// Show only speaker `only` (or everyone), keeping the cursor on a
    /// sentence that shows.
    pub fn filter_speaker(&mut self, o: &Opened, only: Option<u32>) {
        self.speaker_filter = only.filter(|&i| (i as usize) < o.flow().speakers.len());
        let s = self.visible_sentence(o, self.cursor, true);
        self.move_cursor(o, s);
        self.clamp_top(o);
        self.ensure_visible(o);
    }

    /// The document was replaced by `o` ([`super::live`]): forget the old
    /// wrapped lines, show only `speaker` (its index in the new flow), and
    /// put the cursor on sentence `s` at screen row `row`, as it was; or,
    /// following the end, show the last screenful.
    pub fn reflow(&mut self, o: &Opened, at: Reflow) {
        *self.wrap.borrow_mut() = WrapCache::default();
        self.speaker_filter = at.speaker;
        self.paged = None;
        if at.follow {
            self.to_end(o);
            return;
        }
        self.cursor = self.visible_sentence(o, at.sentence.min(o.last_sentence()), true);
        let lines = self.lines(o);
        let (first, _) = lines.sentence_lines(self.cursor);
        let top = lines.step(first, -(at.row as isize));
        self.set_top(o, top);
        self.clamp_top(o);
        self.ensure_visible(o);
    }

    /// The screen row of the cursor's first line (0 when it is above the
    /// top), looking at most a screenful down.
    pub fn cursor_row(&self, o: &Opened) -> usize {
        let lines = self.lines(o);
        let (first, _) = lines.sentence_lines(self.cursor);
        let limit = self.viewport.height();
        lines.distance(self.top_pos(o), first, limit).unwrap_or(0)
    }

    pub fn toggle_times(&mut self) {
        self.times = !self.times;
    }

    /// Compact mode on or off, the cursor kept in view.
    pub fn toggle_compact(&mut self, o: &Opened) {
        self.compact = !self.compact;
        self.clamp_top(o);
        self.ensure_visible(o);
    }
}
