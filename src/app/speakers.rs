//! The speaker filter's handlers: the picker (`s`), showing one speaker's
//! turns with the rest folded to stubs, and `w`/`W` from turn to turn of
//! one speaker. The filter itself is the dialogue view's.

use super::hints;
use super::state::{Overlay, State};

/// `s`: open the picker on the speaker shown now ("all" is row 0).
pub fn open(state: &mut State) {
    let selected = state.view.speaker_filter().map_or(0, |i| i as usize + 1);
    state.open(Overlay::Speakers { selected });
}

/// Rows of the picker: "all", then each speaker.
pub fn rows(state: &State) -> usize {
    state.flow().speakers.len() + 1
}

pub fn select(state: &mut State, n: isize) {
    let rows = rows(state);
    if let Some(Overlay::Speakers { selected }) = state.overlay_mut() {
        *selected = selected.saturating_add_signed(n).min(rows - 1);
    }
}

/// Enter (or a click on row `row`): show the chosen speaker only, or
/// everyone for row 0.
pub fn choose(state: &mut State, row: Option<usize>) {
    let Some(&Overlay::Speakers { selected }) = state.overlay() else {
        return;
    };
    let row = row.unwrap_or(selected);
    if row >= rows(state) {
        return;
    }
    state.close();
    set_filter(state, row.checked_sub(1).map(|i| i as u32));
}

/// Esc in the picker: everything shows again.
pub fn clear(state: &mut State) {
    state.close();
    set_filter(state, None);
}

fn set_filter(state: &mut State, only: Option<u32>) {
    state.view.filter_speaker(&state.opened, only);
    state.sync_lists();
    let only = state.view.speaker_filter();
    let message = only.map(|i| hints::only(state.keymap(), &state.flow().speakers[i as usize]));
    state.set_message(message);
}

/// `w` / `W`: the next or previous turn by the speaker of the current turn.
pub fn step(state: &mut State, forward: bool) {
    let turns = &state.flow().turns;
    let t = state.flow().turn_of(state.cursor());
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
            state.jump_to(s);
        }
        None => state.say("no more turns by this speaker this way"),
    }
}
