//! `update`: the only place state changes. Pure: no I/O, no terminal.

use super::action::{Action, Effect, Msg, Pane, Report};
use super::find;
use super::help;
use super::hints;
use super::history;
use super::lines::LinePos;
use super::quotes;
use super::scroll::{MARGIN, clamp_top, ensure_visible, half_page, page, page_lines, set_top};
use super::speakers;
use super::state::{Anchor, Overlay, State, Visibility, list_offset};
use super::unsaved;
use crate::transcript::ClaimKind;

/// Apply an action or a shell report. A function of the state and the
/// message: time and ids come in through them (`Action::Clock`,
/// `State::ids`), never from the world.
pub fn update(state: &mut State, msg: impl Into<Msg>) -> Option<Effect> {
    let action = match msg.into() {
        Msg::Action(a) => a,
        Msg::Report(r) => {
            report(state, r);
            return None;
        }
    };
    let before = state.cursor;
    let overlay = state.overlay.is_some();
    let effect = apply(state, action);
    if is_jump(action, overlay) && state.cursor != before {
        history::record(state, before);
    }
    effect
}

/// Moves that go somewhere else rather than step, and so are remembered
/// for `Ctrl-o`. (A search records where it started when accepted.)
fn is_jump(action: Action, overlay: bool) -> bool {
    matches!(
        action,
        Action::NextSection
            | Action::PrevSection
            | Action::GotoSection(_)
            | Action::Top
            | Action::Bottom
            | Action::ClickToc(_)
            | Action::NextClaim
            | Action::PrevClaim
            | Action::NextBookmark
            | Action::PrevBookmark
            | Action::NextMatch
            | Action::PrevMatch
            | Action::NextSpeakerTurn
            | Action::PrevSpeakerTurn
            | Action::Activate
    ) && !(overlay && action != Action::Activate)
}

fn report(state: &mut State, report: Report) {
    match report {
        Report::Status(message) => state.message = message,
        Report::Bookmarks(list) => quotes::replace_all(state, list),
    }
}

fn apply(state: &mut State, action: Action) -> Option<Effect> {
    if let Action::Clock(now) = action {
        state.ids.set_now(now);
        return None;
    }
    if let Action::Unsaved(count) = action {
        unsaved::open(state, count);
        return None;
    }
    if matches!(state.overlay, Some(Overlay::Unsaved { .. }))
        && !matches!(action, Action::Viewport(_))
    {
        return unsaved::handle(state, action);
    }
    match (&mut state.overlay, action) {
        (Some(Overlay::Help { .. }), Action::SelectDown) => help::scroll(state, 1),
        (Some(Overlay::Help { .. }), Action::SelectUp) => help::scroll(state, -1),
        (Some(Overlay::Bookmarks { .. }), Action::SelectDown) => quotes::select(state, 1),
        (Some(Overlay::Bookmarks { .. }), Action::SelectUp) => quotes::select(state, -1),
        (Some(Overlay::Bookmarks { .. }), Action::Activate) => {
            let place = quotes::selected(state).and_then(|i| state.marks[i].place);
            match place {
                Some(p) => {
                    state.overlay = None;
                    move_cursor(state, p.sentence);
                }
                None => {
                    state.message = Some("this bookmark's text is gone from the document".into())
                }
            }
        }
        (Some(Overlay::Speakers { .. }), Action::SelectDown) => speakers::select(state, 1),
        (Some(Overlay::Speakers { .. }), Action::SelectUp) => speakers::select(state, -1),
        (Some(Overlay::Speakers { .. }), Action::Activate) => speakers::choose(state),
        (Some(Overlay::Speakers { .. }), Action::CloseOverlay | Action::Speakers) => {
            speakers::clear(state);
            return None;
        }
        (Some(Overlay::Bookmarks { .. }), Action::EditNote) => quotes::edit(state),
        (Some(Overlay::Bookmarks { .. }), Action::DeleteBookmark) => return quotes::delete(state),
        (Some(Overlay::Bookmarks { .. }), Action::UndoDelete) => return quotes::undo(state),
        (Some(Overlay::Bookmarks { .. }), Action::AcceptChange) => return quotes::accept(state),
        (Some(Overlay::Query(_)), Action::Edit(key)) => {
            find::key(state, key);
            return None;
        }
        (_, Action::Edit(key)) => return quotes::edit_key(state, key),
        (_, Action::Tick) => {
            find::tick(state);
            return None;
        }
        _ => {}
    }
    if state.overlay.is_some() {
        return match action {
            Action::CloseOverlay => {
                close_overlay(state);
                None
            }
            Action::Quit => Some(Effect::Quit),
            Action::Viewport(_) => update_viewport(state, action),
            _ => None,
        };
    }
    if state.selection.is_some() && !keeps_selection(action) {
        state.selection = None;
    }
    match action {
        Action::NextSentence | Action::PrevSentence => {
            let target = if action == Action::NextSentence {
                state
                    .cursor
                    .saturating_add(1)
                    .min(state.flow.sentences.len().saturating_sub(1))
            } else {
                state.cursor.saturating_sub(1)
            };
            if quotes::may_extend_to(state, target) {
                move_cursor(state, target);
            } else {
                state.message = Some("a selection keeps to one speaker".into());
            }
        }
        Action::NextTurn => {
            let t = state.turn();
            if let Some(next) = state.flow.turns.get(t + 1) {
                move_cursor(state, next.first_sentence as usize);
            }
        }
        Action::PrevTurn => {
            let start = turn_start(state, state.cursor);
            let target = if start == state.cursor && start > 0 {
                turn_start(state, start - 1)
            } else {
                start
            };
            move_cursor(state, target);
        }
        Action::NextSection => goto_section(state, state.section() + 1),
        Action::PrevSection => goto_section(state, state.section().saturating_sub(1)),
        Action::GotoSection(n) => goto_numbered(state, usize::from(n)),
        Action::PageDown => scroll_by(state, page_lines(state), true),
        Action::PageUp => scroll_by(state, -page_lines(state), true),
        Action::HalfPageDown => scroll_by(state, half_page(state), true),
        Action::HalfPageUp => scroll_by(state, -half_page(state), true),
        Action::Top => {
            state.top = Anchor::default();
            move_cursor(state, 0);
        }
        Action::Bottom => {
            let last = state.flow.sentences.len().saturating_sub(1);
            let end = state.lines().end();
            set_top(state, end);
            move_cursor(state, last);
        }
        Action::Scroll(Pane::Dialogue, n) => scroll_by(state, isize::from(n), false),
        Action::Scroll(pane, n) => select(state, pane, isize::from(n)),
        Action::ClickToc(row) => {
            let len = state.doc.sections.len();
            let height = usize::from(state.viewport.toc.height);
            let i = list_offset(state.toc_selected, len, height) + usize::from(row);
            if i < len {
                state.toc_selected = i;
                goto_section(state, i);
            }
        }
        Action::NextClaim => {
            let cur = state.cursor;
            let next = state.claim_sentence.partition_point(|&s| s <= cur);
            match next < state.claim_sentence.len() {
                true => goto_claim(state, next),
                false => state.message = Some("no claim after this point".into()),
            }
        }
        Action::PrevClaim => {
            let cur = state.cursor;
            let before = state.claim_sentence.partition_point(|&s| s < cur);
            match before.checked_sub(1) {
                Some(c) => goto_claim(state, c),
                None => state.message = Some("no claim before this point".into()),
            }
        }
        Action::SortClaims => {
            state.claims_by_score = !state.claims_by_score;
            state.claim_selected = 0;
            state.refresh_claims_view();
            state.message = Some(if state.claims_by_score {
                "claims by score".into()
            } else {
                "claims in document order".into()
            });
        }
        Action::FilterClaims => {
            state.claim_filter = match state.claim_filter {
                None => Some(ClaimKind::Statistic),
                Some(ClaimKind::Statistic) => Some(ClaimKind::Forecast),
                Some(ClaimKind::Forecast) => Some(ClaimKind::Comparison),
                Some(ClaimKind::Comparison) => None,
            };
            state.claim_selected = 0;
            state.refresh_claims_view();
            state.message = Some(format!(
                "claims: {}",
                state.claim_filter.map_or("all", ClaimKind::as_str)
            ));
        }
        Action::FocusNext | Action::FocusPrev => {
            let panes = state.focusable();
            let i = panes.iter().position(|p| *p == state.focus).unwrap_or(0);
            let n = panes.len();
            let j = if action == Action::FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            state.focus = panes[j];
            sync_lists(state);
        }
        Action::ToggleToc => state.toc = toggle(state.toc, !state.viewport.toc.is_empty()),
        Action::ToggleClaims => {
            state.claims = toggle(state.claims, !state.viewport.claims.is_empty())
        }
        Action::ToggleTimes => {
            state.times = !state.times;
            if !state.doc.turns().any(|t| t.time.is_some()) {
                state.message = Some("this transcript has no times".to_string());
            }
        }
        Action::SelectDown => select(state, state.focus, 1),
        Action::SelectUp => select(state, state.focus, -1),
        Action::Activate => match state.focus {
            Pane::Toc => goto_section(state, state.toc_selected),
            Pane::Claims => {
                if let Some(&c) = state.claims_view.get(state.claim_selected) {
                    goto_claim(state, c);
                }
            }
            Pane::Dialogue => {}
        },
        Action::ToggleBookmark => return quotes::toggle(state),
        Action::StartSelection => {
            state.selection = Some(state.cursor);
            state.message = Some(hints::selecting(&state.keymap));
        }
        Action::CopyQuote => return quotes::copy(state),
        Action::OpenBookmarks => quotes::open_list(state),
        Action::NextBookmark | Action::PrevBookmark => {
            match quotes::neighbour(state, action == Action::NextBookmark) {
                Some(s) => move_cursor(state, s),
                None => state.message = Some("no more bookmarks this way".into()),
            }
        }
        Action::Search => find::open(state),
        Action::Speakers => speakers::open(state),
        Action::NextSpeakerTurn => speakers::step(state, true),
        Action::PrevSpeakerTurn => speakers::step(state, false),
        Action::JumpBack => history::back(state),
        Action::JumpForward => history::forward(state),
        Action::NextMatch => find::step(state, true),
        Action::PrevMatch => find::step(state, false),
        Action::EditNote
        | Action::DeleteBookmark
        | Action::UndoDelete
        | Action::AcceptChange
        | Action::RetrySave
        | Action::WriteUnsaved
        | Action::QuitUnsaved
        | Action::Unsaved(_)
        | Action::Edit(_)
        | Action::Tick
        | Action::Clock(_) => {}
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::CloseOverlay => close_overlay(state),
        Action::Suspend => return Some(Effect::Suspend),
        Action::Quit => return Some(Effect::Quit),
        Action::Noop => {}
        Action::Viewport(_) => return update_viewport(state, action),
    }
    None
}

fn update_viewport(state: &mut State, action: Action) -> Option<Effect> {
    if let Action::Viewport(vp) = action {
        state.viewport = vp;
        if !state.focusable().contains(&state.focus) {
            state.focus = Pane::Dialogue;
        }
        clamp_top(state);
        ensure_visible(state);
    }
    None
}

/// Esc: the note editor returns to the list, an overlay closes, a selection
/// is cancelled, or else the message is cleared.
fn close_overlay(state: &mut State) {
    match state.overlay.take() {
        Some(Overlay::Note { mark, .. }) => {
            state.overlay = Some(Overlay::Bookmarks { selected: mark })
        }
        Some(_) => {}
        // Esc steps back one thing at a time: a selection, then the search.
        None if state.selection.take().is_some() => state.message = None,
        None if state.find.take().is_some() => state.message = None,
        None => state.message = None,
    }
}

/// Actions that work on a selection rather than ending it.
fn keeps_selection(action: Action) -> bool {
    matches!(
        action,
        Action::NextSentence
            | Action::PrevSentence
            | Action::ToggleBookmark
            | Action::CopyQuote
            | Action::CloseOverlay
            | Action::Viewport(_)
            | Action::Scroll(..)
            | Action::Help
    )
}

fn toggle(v: Visibility, visible: bool) -> Visibility {
    match v {
        Visibility::Auto if visible => Visibility::Hidden,
        Visibility::Auto | Visibility::Hidden => Visibility::Shown,
        Visibility::Shown => Visibility::Hidden,
    }
}

fn turn_start(state: &State, sentence: usize) -> usize {
    let t = state.flow.turn_of(sentence);
    state
        .flow
        .turns
        .get(t)
        .map_or(0, |t| t.first_sentence as usize)
}

/// Put the cursor on sentence `s` and bring it into view.
pub(super) fn move_cursor(state: &mut State, s: usize) {
    let s = s.min(state.flow.sentences.len().saturating_sub(1));
    state.cursor = state.visible_sentence(s, s >= state.cursor);
    ensure_visible(state);
    sync_lists(state);
}

/// Show section `i` from its banner, with the cursor on its first sentence.
fn goto_section(state: &mut State, i: usize) {
    let Some(info) = state.flow.sections.get(i).copied() else {
        return;
    };
    set_top(
        state,
        LinePos {
            block: info.banner as usize,
            line: 0,
        },
    );
    state.cursor = (info.first_sentence as usize).min(state.flow.sentences.len().saturating_sub(1));
    clamp_top(state);
    ensure_visible(state);
    sync_lists(state);
    state.message = None;
}

/// `0` is the preamble; `n` is the nth section that has a number.
fn goto_numbered(state: &mut State, n: usize) {
    let secs = &state.doc.sections;
    let target = if n == 0 {
        Some(0)
    } else {
        secs.iter()
            .enumerate()
            .filter(|(_, s)| s.number.is_some())
            .nth(n - 1)
            .map(|(i, _)| i)
    };
    match target {
        Some(i) => goto_section(state, i),
        None => state.message = Some(format!("there is no section {n}")),
    }
}

fn goto_claim(state: &mut State, claim: usize) {
    if let Some(&s) = state.claim_sentence.get(claim) {
        move_cursor(state, s);
    }
}

/// Scroll the dialogue, then let the list panes follow the cursor.
fn scroll_by(state: &mut State, n: isize, jump_at_end: bool) {
    page(state, n, jump_at_end);
    sync_lists(state);
}

/// Move the selection of a list pane.
fn select(state: &mut State, pane: Pane, n: isize) {
    match pane {
        Pane::Toc => {
            let max = state.doc.sections.len().saturating_sub(1);
            state.toc_selected = state.toc_selected.saturating_add_signed(n).min(max);
        }
        Pane::Claims => {
            let max = state.claims_view.len().saturating_sub(1);
            state.claim_selected = state.claim_selected.saturating_add_signed(n).min(max);
            // Preview: show the claim in the dialogue without moving the cursor.
            let claim = state.claims_view.get(state.claim_selected);
            if let Some(&s) = claim.and_then(|&c| state.claim_sentence.get(c)) {
                let (first, _) = state.lines().sentence_lines(s);
                let pos = state.lines().step(first, -(MARGIN as isize));
                set_top(state, pos);
                clamp_top(state);
            }
        }
        Pane::Dialogue => scroll_by(state, n, false),
    }
}

/// Unfocused list panes follow the reading position.
fn sync_lists(state: &mut State) {
    if state.focus != Pane::Toc {
        state.toc_selected = state.section();
    }
    if state.focus != Pane::Claims
        && let Some(i) = state.nearest_claim()
    {
        state.claim_selected = i;
    }
}
