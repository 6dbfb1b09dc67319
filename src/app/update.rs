//! `update`: the only place state changes. Pure: no I/O, no terminal.

use super::action::{Action, Effect, Pane};
use super::flow::LinePos;
use super::quotes;
use super::state::{Anchor, Overlay, State, Visibility, list_offset};
use crate::transcript::ClaimKind;

/// Lines kept between the current sentence and the edge of the view.
const MARGIN: usize = 3;

pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    match (&mut state.overlay, action) {
        (Some(Overlay::Help { scroll }), Action::SelectDown) => *scroll = scroll.saturating_add(1),
        (Some(Overlay::Help { scroll }), Action::SelectUp) => *scroll = scroll.saturating_sub(1),
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
        (Some(Overlay::Bookmarks { .. }), Action::EditNote) => quotes::edit(state),
        (Some(Overlay::Bookmarks { .. }), Action::DeleteBookmark) => return quotes::delete(state),
        (Some(Overlay::Bookmarks { .. }), Action::UndoDelete) => return quotes::undo(state),
        (_, Action::Edit(key)) => return quotes::edit_key(state, key),
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
        Action::PageDown => page(state, page_lines(state), true),
        Action::PageUp => page(state, -page_lines(state), true),
        Action::HalfPageDown => page(state, half_page(state), true),
        Action::HalfPageUp => page(state, -half_page(state), true),
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
        Action::Scroll(Pane::Dialogue, n) => page(state, isize::from(n), false),
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
            state.message = Some("select: j/k extend, m bookmarks, y copies, Esc cancels".into());
        }
        Action::CopyQuote => return quotes::copy(state),
        Action::OpenBookmarks => quotes::open_list(state),
        Action::NextBookmark | Action::PrevBookmark => {
            match quotes::neighbour(state, action == Action::NextBookmark) {
                Some(s) => move_cursor(state, s),
                None => state.message = Some("no more bookmarks this way".into()),
            }
        }
        Action::EditNote | Action::DeleteBookmark | Action::UndoDelete | Action::Edit(_) => {}
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
        None if state.selection.take().is_some() => state.message = None,
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
fn move_cursor(state: &mut State, s: usize) {
    state.cursor = s.min(state.flow.sentences.len().saturating_sub(1));
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

fn page_lines(state: &State) -> isize {
    state.viewport.height().saturating_sub(2).max(1) as isize
}

fn half_page(state: &State) -> isize {
    (state.viewport.height() / 2).max(1) as isize
}

/// Scroll the view by `n` lines; the cursor follows only if it leaves the view.
/// `jump_at_end` moves the cursor to the first or last sentence when the view
/// cannot scroll further, so paging always makes progress.
fn page(state: &mut State, n: isize, jump_at_end: bool) {
    let before = state.top;
    let top = state.lines().step(state.top_pos(), n);
    set_top(state, top);
    clamp_top(state);
    if jump_at_end && state.top == before {
        let last = state.flow.sentences.len().saturating_sub(1);
        state.cursor = if n > 0 { last } else { 0 };
    } else {
        cursor_into_view(state);
    }
    sync_lists(state);
}

fn set_top(state: &mut State, pos: LinePos) {
    let offset = state.lines().offset_of(pos);
    state.top = Anchor {
        block: pos.block,
        offset,
    };
}

/// Never scroll past the point where the last line sits at the bottom.
fn clamp_top(state: &mut State) {
    let h = state.viewport.height();
    if h == 0 {
        return;
    }
    let lines = state.lines();
    let max = lines.step(lines.end(), -(h as isize - 1));
    if state.top_pos() > max {
        set_top(state, max);
    }
}

/// Scroll so the current sentence is on screen, `MARGIN` lines from the edges
/// where the view allows it. Costs at most a screenful of line steps.
fn ensure_visible(state: &mut State) {
    let h = state.viewport.height();
    if h == 0 || state.flow.sentences.is_empty() {
        return;
    }
    let margin = MARGIN.min(h.saturating_sub(1) / 2);
    let lines = state.lines();
    let (first, last) = lines.sentence_lines(state.cursor);
    let top = state.top_pos();
    let want_top = lines.step(first, -(margin as isize));
    if want_top < top {
        set_top(state, want_top);
        return;
    }
    let bottom = lines.step(top, h as isize - 1);
    let want_bottom = lines.step(last, margin as isize);
    if want_bottom > bottom {
        // Keep the sentence's first line visible even if it is taller than the view.
        let new_top = lines
            .step(want_bottom, -(h as isize - 1))
            .min(want_top.max(top));
        set_top(state, new_top.max(top));
        clamp_top(state);
    }
}

/// After the view scrolled, pull the cursor back inside it: onto the first
/// sentence starting in view, or the last one when it fell off the bottom.
fn cursor_into_view(state: &mut State) {
    let h = state.viewport.height();
    let n = state.flow.sentences.len();
    if n == 0 || h == 0 {
        return;
    }
    let lines = state.lines();
    let top = state.top_pos();
    let bottom = lines.step(top, h as isize - 1);
    let (first, _) = lines.sentence_lines(state.cursor);
    let first_in_view = state
        .flow
        .first_starting_from(top.block, lines.offset_of(top));
    // Sentences starting on or before the bottom line.
    let upto = state
        .flow
        .first_starting_from(bottom.block, lines.end_offset_of(bottom));
    if first < top {
        // A sentence may start above the view and fill all of it.
        state.cursor = if first_in_view < upto {
            first_in_view
        } else {
            first_in_view.saturating_sub(1)
        };
    } else if first > bottom {
        state.cursor = upto.saturating_sub(1);
    }
    state.cursor = state.cursor.min(n - 1);
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
        Pane::Dialogue => page(state, n, false),
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
