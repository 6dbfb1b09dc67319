//! The bookmarks list's query line (`/` in the list): the list filters as
//! the query is typed (each text that parses is the filter; one that does
//! not leaves the last that did, its error shown), Enter keeps the filter
//! and gives the keys back to the list, Esc clears it; Up and Down move the
//! list meanwhile. The filter itself is the marks' part
//! ([`crate::app::marks::filter`]); the selection stays a row of the marks,
//! and when the filter hides the selected bookmark the first shown one is
//! selected.

use super::super::action::EditKey;
use super::super::hints;
use super::super::marks::filter::Typed;
use super::super::state::{Overlay, State};

/// `/` in the list: open the line on the filter in use.
pub fn open(state: &mut State) {
    state.marks.filter_mut().open();
}

/// A key typed into the query line.
pub fn key(state: &mut State, key: EditKey) {
    if !state.marks.filter().is_open() {
        return;
    }
    match state.marks.filter_mut().key(key, state.coding.book()) {
        Typed::Changed => follow(state),
        Typed::Refused(error) => {
            // The line's own keys: Esc is not a binding there.
            state.warn(format!("{error}: fix the query, or Esc clears the filter"));
            return;
        }
        Typed::Kept => {}
        Typed::Other(EditKey::Down) => super::select(state, 1),
        Typed::Other(EditKey::Up) => super::select(state, -1),
        Typed::Cleared | Typed::Moved | Typed::Other(_) => {}
    }
    if nothing_shown(state) {
        let open = state.marks.filter().is_open();
        state.say(hints::no_matches(state.keymap(), open));
    }
}

/// The filter changed: a selected bookmark it now hides gives way to the
/// first one it shows.
fn follow(state: &mut State) {
    let Some(&Overlay::Bookmarks { selected }) = state.overlay() else {
        return;
    };
    let (marks, book, filter) = (
        state.marks.list(),
        state.coding.book(),
        state.marks.filter(),
    );
    if marks.get(selected).is_some_and(|m| filter.shows(m, book)) {
        return;
    }
    let Some(first) = filter.first(marks, book) else {
        return;
    };
    if let Some(Overlay::Bookmarks { selected }) = state.overlay_mut() {
        *selected = first;
    }
}

/// Whether there are bookmarks and the filter hides every one.
fn nothing_shown(state: &State) -> bool {
    let (marks, book) = (state.marks.list(), state.coding.book());
    state.marks.filter().is_set()
        && !marks.is_empty()
        && state.marks.filter().first(marks, book).is_none()
}

#[cfg(test)]
#[path = "query_line_tests.rs"]
mod tests;
