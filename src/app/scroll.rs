//! Keeping the view and the cursor in step: scrolling by lines and pages,
//! never past the end, and bringing the current sentence into view. Every
//! step costs at most a screenful of line walks, whatever the document size.

use super::lines::LinePos;
use super::state::{Anchor, State};

/// Lines kept between the current sentence and the edge of the view.
pub const MARGIN: usize = 3;

pub fn page_lines(state: &State) -> isize {
    state.viewport.height().saturating_sub(2).max(1) as isize
}

pub fn half_page(state: &State) -> isize {
    (state.viewport.height() / 2).max(1) as isize
}

/// Scroll the view by `n` lines; the cursor follows only if it leaves the view.
/// `jump_at_end` moves the cursor to the first or last sentence when the view
/// cannot scroll further, so paging always makes progress.
pub fn page(state: &mut State, n: isize, jump_at_end: bool) {
    let before = state.top;
    let top = state.lines().step(state.top_pos(), n);
    set_top(state, top);
    clamp_top(state);
    if jump_at_end && state.top == before {
        let last = state.flow.sentences.len().saturating_sub(1);
        state.cursor = if n > 0 { last } else { 0 };
    } else {
        cursor_into_view(state);
    }
}

pub fn set_top(state: &mut State, pos: LinePos) {
    let offset = state.lines().offset_of(pos);
    state.top = Anchor {
        block: pos.block,
        offset,
    };
}

/// Never scroll past the point where the last line sits at the bottom.
pub fn clamp_top(state: &mut State) {
    let h = state.viewport.height();
    if h == 0 {
        return;
    }
    let lines = state.lines();
    let max = lines.step(lines.end(), -(h as isize - 1));
    if state.top_pos() > max {
        set_top(state, max);
    }
}

/// Scroll so the current sentence is on screen, `MARGIN` lines from the edges
/// where the view allows it. Costs at most a screenful of line steps.
pub fn ensure_visible(state: &mut State) {
    let h = state.viewport.height();
    if h == 0 || state.flow.sentences.is_empty() {
        return;
    }
    let margin = MARGIN.min(h.saturating_sub(1) / 2);
    let lines = state.lines();
    let (first, last) = lines.sentence_lines(state.cursor);
    let top = state.top_pos();
    let want_top = lines.step(first, -(margin as isize));
    if want_top < top {
        set_top(state, want_top);
        return;
    }
    let bottom = lines.step(top, h as isize - 1);
    let want_bottom = lines.step(last, margin as isize);
    if want_bottom > bottom {
        // Keep the sentence's first line visible even if it is taller than the view.
        let new_top = lines
            .step(want_bottom, -(h as isize - 1))
            .min(want_top.max(top));
        set_top(state, new_top.max(top));
        clamp_top(state);
    }
}

/// After the view scrolled, pull the cursor back inside it: onto the first
/// sentence starting in view, or the last one when it fell off the bottom.
fn cursor_into_view(state: &mut State) {
    let h = state.viewport.height();
    let n = state.flow.sentences.len();
    if n == 0 || h == 0 {
        return;
    }
    let lines = state.lines();
    let top = state.top_pos();
    let bottom = lines.step(top, h as isize - 1);
    let (first, _) = lines.sentence_lines(state.cursor);
    let first_in_view = state
        .flow
        .first_starting_from(top.block, lines.offset_of(top));
    // Sentences starting on or before the bottom line.
    let upto = state
        .flow
        .first_starting_from(bottom.block, lines.end_offset_of(bottom));
    if first < top {
        // A sentence may start above the view and fill all of it.
        state.cursor = if first_in_view < upto {
            first_in_view
        } else {
            first_in_view.saturating_sub(1)
        };
    } else if first > bottom {
        state.cursor = upto.saturating_sub(1);
    }
    state.cursor = state.cursor.min(n - 1);
    state.cursor = state.visible_sentence(state.cursor, true);
}
