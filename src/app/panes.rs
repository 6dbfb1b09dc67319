//! The side panes' handlers: focus and visibility, the contents and
//! claims lists (select, activate, click), and the claims' order, filter
//! and `[`/`]` jumps. What each list holds is its part's
//! ([`super::contents`], [`super::claims`]).

use super::action::{Action, Pane};
use super::state::State;

pub fn handle(state: &mut State, action: Action) {
    match action {
        Action::FocusNext => cycle_focus(state, true),
        Action::FocusPrev => cycle_focus(state, false),
        Action::ToggleToc => {
            let showing = !state.viewport().contents.is_empty();
            state.contents.toggle(showing);
        }
        Action::ToggleClaims => {
            let showing = !state.viewport().claims.is_empty();
            state.claims.toggle(showing);
        }
        Action::SortClaims => {
            let said = state.claims.toggle_order(state.opened.doc());
            state.say(said);
        }
        Action::FilterClaims => {
            let said = state.claims.cycle_filter(state.opened.doc());
            state.say(said);
        }
        Action::NextClaim => match state.claims.after(state.cursor()) {
            Some(s) => state.jump_to(s),
            None => state.say("no claim after this point"),
        },
        Action::PrevClaim => match state.claims.before(state.cursor()) {
            Some(s) => state.jump_to(s),
            None => state.say("no claim before this point"),
        },
        Action::SelectDown => select(state, state.focus(), 1),
        Action::SelectUp => select(state, state.focus(), -1),
        Action::Activate => activate(state, state.focus()),
        _ => {}
    }
}

fn cycle_focus(state: &mut State, forward: bool) {
    let panes = state.focusable();
    let i = panes.iter().position(|p| *p == state.focus()).unwrap_or(0);
    let n = panes.len();
    let j = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    state.set_focus(panes[j]);
}

/// Move the selection of a list pane; in the claims pane the dialogue
/// previews the selected claim without moving the cursor.
pub fn select(state: &mut State, pane: Pane, n: isize) {
    match pane {
        Pane::Contents => state.contents.select(n),
        Pane::Claims => {
            state.claims.select(n);
            if let Some(s) = state.claims.selected_sentence() {
                state.view.preview(&state.opened, s);
            }
        }
        Pane::Dialogue => super::nav::scroll(state, n, false),
    }
}

/// Enter in a list pane: go to what is selected, then give the dialogue
/// the focus back; a pane shown over the dialogue (no room beside it)
/// closes.
fn activate(state: &mut State, pane: Pane) {
    match pane {
        Pane::Contents => {
            let i = state.contents.selected();
            state.jump(|s| s.show_section(i));
        }
        Pane::Claims => {
            if let Some(s) = state.claims.selected_sentence() {
                state.jump_to(s);
            }
        }
        Pane::Dialogue => return,
    }
    close_if_covering(state, pane);
    state.set_focus(Pane::Dialogue);
}

/// Close `pane` if it is drawn over the dialogue (no room beside it), so
/// that giving the dialogue the focus does not leave it hidden.
pub fn close_if_covering(state: &mut State, pane: Pane) {
    let vp = state.viewport();
    match pane {
        Pane::Contents if vp.contents.overlaps(&vp.dialogue) => state.contents.unforce(),
        Pane::Claims if vp.claims.overlaps(&vp.dialogue) => state.claims.unforce(),
        _ => {}
    }
}

/// A click on row `row` of a list pane: select it and go there.
pub fn click(state: &mut State, pane: Pane, row: usize) {
    match pane {
        Pane::Contents => state.contents.select_at(row),
        Pane::Claims => state.claims.select_at(row),
        Pane::Dialogue => return,
    }
    activate(state, pane);
}
