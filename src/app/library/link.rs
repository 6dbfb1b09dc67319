//! The reader's side of the library: what a reader opened from it knows
//! (`Link`), and the keys that go back (`Backspace`, `Esc` with nothing
//! else to close, `n`/`N` past the last or first match, in `find.rs`),
//! each an [`Effect::Leave`] the run loop ends the reader with.

use crate::app::action::{Effect, Leave};
use crate::app::state::State;

/// What a reader opened from the library is told: the cross-shelf
/// search's pattern to show (as the reader's own search, so `n`/`N` go
/// through the file's hits), and whether `n`/`N` past the ends ask the
/// library for the next or previous transcript with hits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    /// The pattern, as the reader's search line takes it (`\v` for a regex).
    pub search: Option<String>,
    /// `n` past the last match (`N` before the first) leaves for the next
    /// (previous) transcript with hits instead of wrapping around.
    pub onward: bool,
}

/// `Backspace` (and `Esc` with nothing else to close): back to the
/// library, if the reader came from one.
pub fn back(state: &mut State) -> Option<Effect> {
    if state.link().is_some() {
        return Some(Effect::Leave(Leave::Library));
    }
    state.say("back: this reader was not opened from a library");
    None
}
