//! Speaker focus: the picker (`s`), showing one speaker's turns with the
//! rest folded to stubs, and `w`/`W` from turn to turn of one speaker.

use super::hints;
use super::scroll::{clamp_top, ensure_visible};
use super::state::{Overlay, State};
use super::update::move_cursor;
use crate::transcript::stats;

/// `s`: open the picker on the speaker shown now ("all" is row 0).
pub fn open(state: &mut State) {
    if state.shares.is_none() {
        state.shares = Some(stats::speaker_shares(&state.doc));
    }
    let selected = state.speaker_focus.map_or(0, |i| i as usize + 1);
    state.overlay = Some(Overlay::Speakers { selected });
}

pub fn select(state: &mut State, n: isize) {
    let rows = state.flow.speakers.len() + 1;
    if let Some(Overlay::Speakers { selected }) = &mut state.overlay {
        *selected = selected.saturating_add_signed(n).min(rows - 1);
    }
}

/// Enter: show the chosen speaker only, or everyone for row 0.
pub fn choose(state: &mut State) {
    let Some(Overlay::Speakers { selected }) = state.overlay else {
        return;
    };
    state.overlay = None;
    set_focus(state, selected.checked_sub(1).map(|i| i as u32));
}

/// Esc in the picker: everything shows again.
pub fn clear(state: &mut State) {
    state.overlay = None;
    set_focus(state, None);
}

fn set_focus(state: &mut State, focus: Option<u32>) {
    state.speaker_focus = focus.filter(|&i| (i as usize) < state.flow.speakers.len());
    state.message = state
        .speaker_focus
        .map(|i| hints::only(&state.keymap, &state.flow.speakers[i as usize]));
    let s = state.visible_sentence(state.cursor, true);
    move_cursor(state, s);
    clamp_top(state);
    ensure_visible(state);
}

/// `w` / `W`: the next or previous turn by the speaker of the current turn.
pub fn step(state: &mut State, forward: bool) {
    let turns = &state.flow.turns;
    let t = state.flow.turn_of(state.cursor);
    let Some(speaker) = turns.get(t).map(|x| x.speaker) else {
        return;
    };
    let target = if forward {
        (t + 1..turns.len()).find(|&i| turns[i].speaker == speaker)
    } else {
        (0..t).rev().find(|&i| turns[i].speaker == speaker)
    };
    match target {
        Some(i) => {
            let s = turns[i].first_sentence as usize;
            move_cursor(state, s);
        }
        None => state.message = Some("no more turns by this speaker this way".into()),
    }
}
