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
        Action::PageDown => page(state, state.view.page_lines()),
        Action::PageUp => page(state, -state.view.page_lines()),
        Action::HalfPageDown => page(state, state.view.half_page()),
        Action::HalfPageUp => page(state, -state.view.half_page()),
        Action::ScrollDown => scroll(state, 1, false),
        Action::ScrollUp => scroll(state, -1, false),
        Action::ViewTop | Action::ViewBottom => {
            let first = action == Action::ViewTop;
            state.view.cursor_to_screen(&state.opened, first);
            state.sync_lists();
        }
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

/// `1`–`9`: the Nth section as the contents list it, whatever its heading
/// says; an untitled preamble is `0` and not counted. Digits typed in a row
/// make one number, so `1` `2` goes to the twelfth.
fn goto_numbered(state: &mut State, digit: usize) {
    let secs = &state.doc().sections;
    let preamble = secs
        .first()
        .is_some_and(|s| s.number.is_none() && s.title.is_none());
    let listed = secs.len() - usize::from(preamble);
    let n = state.contents.type_digit(digit, listed);
    let index = match n {
        0 => Some(0),
        _ => (n <= listed).then(|| n - usize::from(!preamble)),
    };
    let Some(i) = index else {
        let zero = if preamble { ", and 0 the preamble" } else { "" };
        state.say(format!(
            "there is no section {n}: the last is {listed}{zero}"
        ));
        return;
    };
    state.jump(|s| s.show_section(i));
    if n > 0 && n * 10 <= listed {
        let last = (n * 10 + 9).min(listed);
        state.say(format!(
            "section {n} · another digit goes to {}–{last}",
            n * 10
        ));
    }
}

fn page(state: &mut State, n: isize) {
    state.view.page(&state.opened, n);
    state.sync_lists();
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
