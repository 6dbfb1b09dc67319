//! Moving through the dialogue: by turn, section and page, to either end,
//! and back and forth along the jump list. Jumps (anything that goes
//! somewhere else rather than steps) go through [`State::jump`], which
//! records where the reader was; steps use [`State::move_to`].

use super::action::Action;
use super::state::State;

/// A movement key; `Action::NextSentence`/`PrevSentence` are the quote
/// part's, as they extend a selection.
pub fn handle(state: &mut State, action: Action) {
    match action {
        Action::NextTurn => next_turn(state),
        Action::PrevTurn => prev_turn(state),
        Action::NextSection => state.jump(|s| s.show_section(s.section() + 1)),
        Action::PrevSection => state.jump(|s| s.show_section(s.section().saturating_sub(1))),
        Action::GotoSection(n) => goto_numbered(state, usize::from(n)),
        Action::PageDown => scroll(state, state.view.page_lines(), true),
        Action::PageUp => scroll(state, -state.view.page_lines(), true),
        Action::HalfPageDown => scroll(state, state.view.half_page(), true),
        Action::HalfPageUp => scroll(state, -state.view.half_page(), true),
        Action::Top => state.jump(|s| {
            s.view.to_start(&s.opened);
            s.sync_lists();
        }),
        Action::Bottom => state.jump(|s| {
            s.view.to_end(&s.opened);
            s.sync_lists();
        }),
        Action::JumpBack => walk(state, true),
        Action::JumpForward => walk(state, false),
        _ => {}
    }
}

fn next_turn(state: &mut State) {
    let t = state.turn();
    if let Some(next) = state.flow().turns.get(t + 1) {
        state.move_to(next.first_sentence as usize);
    }
}

fn prev_turn(state: &mut State) {
    let cursor = state.cursor();
    let start = state.opened.turn_start(cursor);
    let target = if start == cursor && start > 0 {
        state.opened.turn_start(start - 1)
    } else {
        start
    };
    state.move_to(target);
}

/// `0` is the preamble; `n` is the nth section that has a number.
fn goto_numbered(state: &mut State, n: usize) {
    let secs = &state.doc().sections;
    let target = match n {
        0 => Some(0),
        _ => secs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.number.is_some())
            .nth(n - 1)
            .map(|(i, _)| i),
    };
    match target {
        Some(i) => state.jump(|s| s.show_section(i)),
        None => state.say(format!("there is no section {n}")),
    }
}

/// Scroll the dialogue by `n` lines, then let the list panes follow.
pub fn scroll(state: &mut State, n: isize, jump_at_end: bool) {
    state.view.scroll(&state.opened, n, jump_at_end);
    state.sync_lists();
}

/// `Ctrl-o` (back) and `Ctrl-i` along the jump list.
fn walk(state: &mut State, back: bool) {
    let target = match back {
        true => state.jumps.back(state.cursor()),
        false => state.jumps.forward(),
    };
    match target {
        Ok(s) => state.move_to(s),
        Err(why) => state.say(why),
    }
}
