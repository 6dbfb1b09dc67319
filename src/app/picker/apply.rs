//! Applying a code from the picker: to the bookmark the target names, or
//! to a new bookmark of the target's sentences that carries the code from
//! the start (one log operation, not an add and then a code); a code the
//! quote has comes off instead. A code typed that the book lacks is made
//! first, and every use is dated so the recent codes lead next time. The
//! changes go to the shell as effects; nothing here reads the world.

use super::{Picker, Row, Target, close, picker, rows};
use crate::app::action::Effect;
use crate::app::coding::{maxqda_warning, too_long_for_maxqda};
use crate::app::quotes;
use crate::app::state::State;
use crate::store::codes::CodeChange;

/// What a picker's target is in the marks now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// Row `i` of the marks.
    Mark(usize),
    /// No bookmark yet: one of sentences `first..=last`.
    New(usize, usize),
    /// A bookmark from the list that is gone (deleted in another window).
    Gone,
}

/// Find the target in the marks as they are now: they may have changed
/// while the picker was open (another instance's bookmarks arrived).
pub fn resolve(state: &State, p: &Picker) -> Resolved {
    let o = &state.opened;
    let (first, last) = match (&p.target, p.whole_turn) {
        (Target::Bookmark(id), _) => {
            return state
                .marks
                .position(id)
                .map_or(Resolved::Gone, Resolved::Mark);
        }
        (Target::Sentence(s), false) => {
            return state
                .marks
                .at(o, *s)
                .map_or(Resolved::New(*s, *s), Resolved::Mark);
        }
        (&Target::Selection(first, last), false) => (first, last),
        (&Target::Sentence(s) | &Target::Selection(s, _), true) => turn_sentences(state, s),
    };
    match state.marks.exactly(o, first, last) {
        Some(i) => Resolved::Mark(i),
        None => Resolved::New(first, last),
    }
}

/// The first and last sentence of the turn sentence `s` is in.
fn turn_sentences(state: &State, s: usize) -> (usize, usize) {
    let flow = state.flow();
    let t = flow.turn_of(s);
    let first = flow.turns.get(t).map_or(s, |x| x.first_sentence as usize);
    let last = flow.turns.get(t + 1).map_or_else(
        || state.opened.last_sentence(),
        |next| (next.first_sentence as usize).saturating_sub(1),
    );
    (first, last.max(first))
}

/// Enter (or a digit, or a click on row `row`): apply the chosen row.
pub fn apply(state: &mut State, row: Option<usize>) -> Option<Effect> {
    let p = picker(state)?.clone();
    let rows = rows(state);
    let Some(chosen) = rows.get(row.unwrap_or(p.selected)).cloned() else {
        state.say("no code to apply: type a name to make one");
        return None;
    };
    let target = resolve(state, &p);
    // A quote too long to keep is refused before any code is made for it.
    let fresh = match target {
        Resolved::New(first, last) => Some(Box::new(quotes::new_bookmark(state, first, last)?)),
        Resolved::Gone => {
            close(state);
            state.warn("that bookmark was deleted in another window");
            return None;
        }
        Resolved::Mark(_) => None,
    };
    let (code, mut changes) = match chosen {
        Row::Code(id) => (id, Vec::new()),
        Row::Create(path) => match state.coding.create(&path) {
            Ok(made) => made,
            Err(e) => {
                state.say(format!("no code made: {e}"));
                return None;
            }
        },
    };
    let (effect, on) = match (target, fresh) {
        (_, Some(mut bookmark)) => {
            bookmark.codes.push(code.clone());
            state.marks.insert(&state.opened, (*bookmark).clone());
            (Effect::AddBookmark(bookmark), true)
        }
        (Resolved::Mark(i), None) => {
            let on = !state.marks.list()[i].bookmark.codes.contains(&code);
            let id = state.marks.set_code(i, &code, on)?;
            let set = Effect::SetCode {
                id,
                code: code.clone(),
                on,
            };
            (set, on)
        }
        _ => return None,
    };
    if on {
        changes.push(state.coding.use_code(&code));
    }
    close(state);
    state.marks.take_selection();
    say_done(state, &code, on, &changes);
    Some(match changes.is_empty() {
        true => effect,
        // The code is saved before the quote that names it.
        false => Effect::Batch(vec![Effect::ChangeCodes(changes), effect]),
    })
}

/// `coded pricing`, `uncoded pricing`, `coded pricing (a new code)`; a
/// warning when the new code's name is longer than MAXQDA keeps.
fn say_done(state: &mut State, code: &str, on: bool, changes: &[CodeChange]) {
    let path = state.coding.path(code).unwrap_or_default();
    let done = if on { "coded" } else { "uncoded" };
    let created = changes
        .iter()
        .any(|c| matches!(c, CodeChange::Create { .. }));
    let new = if created { " (a new code)" } else { "" };
    let said = format!("{done} {path}{new}");
    match too_long_for_maxqda(changes) {
        Some(chars) => state.warn(maxqda_warning(&said, chars)),
        None => state.say(said),
    }
}
