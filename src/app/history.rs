//! The jump list: every jump (sections, claims, bookmarks, search, ends)
//! records where the reader was, and `Ctrl-o` / `Ctrl-i` walk back and forth.

use super::state::State;
use super::update::move_cursor;

/// Positions remembered; the oldest are dropped first.
const MAX_JUMPS: usize = 100;

/// Remember sentence `s` as a place the reader jumped away from.
pub fn record(state: &mut State, s: usize) {
    let h = &mut state.jumps;
    h.list.truncate(h.index);
    if h.list.last() != Some(&s) {
        h.list.push(s);
    }
    if h.list.len() > MAX_JUMPS {
        h.list.remove(0);
    }
    h.index = h.list.len();
}

/// `Ctrl-o`: back to where the last jump came from.
pub fn back(state: &mut State) {
    let cursor = state.cursor;
    let h = &mut state.jumps;
    if h.index == h.list.len() {
        // Leaving the newest position: keep it so Ctrl-i can return.
        if h.list.last() != Some(&cursor) {
            h.list.push(cursor);
        }
        h.index = h.list.len() - 1;
    }
    if h.index == 0 {
        state.message = Some("at the oldest position".into());
        return;
    }
    h.index -= 1;
    let s = h.list[h.index];
    move_cursor(state, s);
}

/// `Ctrl-i`: forward again.
pub fn forward(state: &mut State) {
    let h = &mut state.jumps;
    if h.index + 1 >= h.list.len() {
        state.message = Some("at the newest position".into());
        return;
    }
    h.index += 1;
    let s = h.list[h.index];
    move_cursor(state, s);
}

/// Where the reader has jumped from: sentences, and the place in the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    pub list: Vec<usize>,
    /// `list.len()` when at the newest position.
    pub index: usize,
}
