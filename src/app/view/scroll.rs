//! Keeping the view and the cursor in step: scrolling by lines and pages,
//! never past the end, and bringing the current sentence into view. Every
//! step costs at most a screenful of line walks, whatever the document size.

use super::View;
use crate::app::flow::FlowPos;
use crate::app::lines::LinePos;
use crate::app::opened::Opened;

/// Lines kept between the current sentence and the edge of the view.
pub const MARGIN: usize = 3;

impl View {
    /// Lines a page key scrolls: the view less two, for context.
    pub fn page_lines(&self) -> isize {
        self.viewport.height().saturating_sub(2).max(1) as isize
    }

    pub fn half_page(&self) -> isize {
        (self.viewport.height() / 2).max(1) as isize
    }

    /// Scroll the view by `n` lines; the cursor follows only if it leaves
    /// the view. `jump_at_end` moves the cursor to the first or last
    /// sentence when the view cannot scroll further, so paging always
    /// makes progress.
    pub fn scroll(&mut self, o: &Opened, n: isize, jump_at_end: bool) {
        let before = self.top;
        let top = self.lines(o).step(self.top_pos(o), n);
        self.set_top(o, top);
        self.clamp_top(o);
        if jump_at_end && self.top == before {
            self.cursor = if n > 0 { o.last_sentence() } else { 0 };
        } else {
            self.cursor_into_view(o);
        }
    }

    /// Page by `n` lines with the cursor on the same row of the screen, as
    /// vim's `Ctrl-d`/`Ctrl-u` do, so paging back returns view and cursor.
    /// At either end, where the view cannot move, the cursor goes to the
    /// first or last sentence instead.
    pub fn page(&mut self, o: &Opened, n: isize) {
        let lines = self.lines(o);
        let top = self.top_pos(o);
        // The row the cursor keeps: the one the last page left it on, while
        // it has not moved since, so paging back lands where it started.
        let row = match self.paged {
            Some((cursor, row)) if cursor == self.cursor => row,
            _ => {
                let (first, _) = lines.sentence_lines(self.cursor);
                lines
                    .distance(top, first, self.viewport.height())
                    .unwrap_or(0)
            }
        };
        let before = self.top;
        self.set_top(o, lines.step(top, n));
        self.clamp_top(o);
        if self.top == before {
            self.cursor = if n > 0 { o.last_sentence() } else { 0 };
            self.ensure_visible(o);
            return;
        }
        let lines = self.lines(o);
        let at = lines.step(self.top_pos(o), row as isize);
        // The sentence holding that line (or the next, on a speaker line).
        let s = o.flow().sentence_at_or_after(at.block, lines.offset_of(at));
        self.cursor = self.visible_sentence(o, s.min(o.last_sentence()), n > 0);
        self.cursor_into_view(o);
        self.paged = Some((self.cursor, row));
    }

    /// `H`/`L`: the cursor to the first (or last) sentence starting on
    /// screen.
    pub fn cursor_to_screen(&mut self, o: &Opened, first: bool) {
        let h = self.viewport.height();
        if h == 0 || o.flow().sentences.is_empty() {
            return;
        }
        let lines = self.lines(o);
        let top = self.top_pos(o);
        let flow = o.flow();
        let s = if first {
            flow.first_starting_from(top.block, lines.offset_of(top))
        } else {
            let bottom = lines.step(top, h as isize - 1);
            flow.first_starting_from(bottom.block, lines.end_offset_of(bottom))
                .saturating_sub(1)
        };
        self.cursor = self.visible_sentence(o, s.min(o.last_sentence()), first);
        self.ensure_visible(o);
    }

    pub(super) fn set_top(&mut self, o: &Opened, pos: LinePos) {
        let offset = self.lines(o).offset_of(pos);
        self.top = FlowPos {
            block: pos.block,
            offset,
        };
    }

    /// Never scroll past the point where the last line sits at the bottom.
    pub(super) fn clamp_top(&mut self, o: &Opened) {
        let h = self.viewport.height();
        if h == 0 {
            return;
        }
        let lines = self.lines(o);
        let max = lines.step(lines.end(), -(h as isize - 1));
        if self.top_pos(o) > max {
            self.set_top(o, max);
        }
    }

    /// Scroll so the current sentence is on screen, `MARGIN` lines from the
    /// edges where the view allows it. Costs at most a screenful of steps.
    pub(super) fn ensure_visible(&mut self, o: &Opened) {
        let h = self.viewport.height();
        if h == 0 || o.flow().sentences.is_empty() {
            return;
        }
        let margin = MARGIN.min(h.saturating_sub(1) / 2);
        let lines = self.lines(o);
        let (first, last) = lines.sentence_lines(self.cursor);
        let top = self.top_pos(o);
        let want_top = lines.step(first, -(margin as isize));
        if want_top < top {
            self.set_top(o, want_top);
            return;
        }
        let bottom = lines.step(top, h as isize - 1);
        let want_bottom = lines.step(last, margin as isize);
        if want_bottom > bottom {
            // Keep the sentence's first line visible even if it is taller
            // than the view.
            let new_top = lines
                .step(want_bottom, -(h as isize - 1))
                .min(want_top.max(top));
            self.set_top(o, new_top.max(top));
            self.clamp_top(o);
        }
    }

    /// After the view scrolled, pull the cursor back inside it: onto the
    /// first sentence starting in view, or the last one when it fell off
    /// the bottom.
    fn cursor_into_view(&mut self, o: &Opened) {
        let h = self.viewport.height();
        let n = o.flow().sentences.len();
        if n == 0 || h == 0 {
            return;
        }
        let lines = self.lines(o);
        let top = self.top_pos(o);
        let bottom = lines.step(top, h as isize - 1);
        let (first, _) = lines.sentence_lines(self.cursor);
        let flow = o.flow();
        let first_in_view = flow.first_starting_from(top.block, lines.offset_of(top));
        // Sentences starting on or before the bottom line.
        let upto = flow.first_starting_from(bottom.block, lines.end_offset_of(bottom));
        let mut cursor = self.cursor;
        if first < top {
            // A sentence may start above the view and fill all of it.
            cursor = if first_in_view < upto {
                first_in_view
            } else {
                first_in_view.saturating_sub(1)
            };
        } else if first > bottom {
            cursor = upto.saturating_sub(1);
        }
        self.cursor = self.visible_sentence(o, cursor.min(n - 1), true);
    }
}
