//! `update`: the only place state changes after start-up. A router: each
//! action goes to the handler of the part it concerns; the open overlay,
//! if any, takes the keys first. No I/O, no terminal, no clock.

use super::action::{Action, Effect, Msg, Pane, Report, Target};
use super::area::Area;
use super::state::{Overlay, OverlayKind as Kind, State};
use super::view::Viewport;
use super::{
    analytics, codes_pane, find, help, ledger, live, nav, panes, picker, quotes, speakers, unsaved,
};

/// Apply an action or a shell report. A function of the state and the
/// message: time and ids come in through them (`Action::Clock`,
/// [`super::Startup`]), never from the world.
pub fn update(state: &mut State, msg: impl Into<Msg>) -> Option<Effect> {
    let effect = match msg.into() {
        Msg::Action(action) => {
            let said = state.status.serial();
            // The search line shows what is wrong with the query while
            // it is being typed, however the cursor moves.
            let typing = matches!(state.overlay(), Some(Overlay::Query(_)));
            let effect = route(state, action);
            // An input that says nothing of its own clears the message.
            if from_user(action) && !typing {
                state.status.after_input(said);
            }
            effect
        }
        Msg::Report(Report::Status(message)) => {
            state.status.set(message);
            None
        }
        Msg::Report(Report::Bookmarks(list)) => {
            quotes::replace_all(state, list);
            None
        }
        Msg::Report(Report::Codebook(book)) => {
            state.coding.replace(book);
            None
        }
        Msg::Report(Report::Document(doc, hash)) => {
            live::replace(state, *doc, hash);
            None
        }
        Msg::Report(Report::Progress(progress)) => {
            live::progress(state, progress);
            None
        }
        Msg::Report(Report::Loaded) => {
            live::loaded(state);
            None
        }
        Msg::Report(Report::LoadFailed(why)) => {
            live::failed(state, why);
            None
        }
        Msg::Report(Report::Resume(anchor)) => {
            live::resume(state, &anchor);
            None
        }
        Msg::Report(Report::Ledger(entries)) => {
            ledger::report(state, entries);
            None
        }
    };
    live::seen(state);
    // A selection lasts only while the cursor moves by extending it.
    state.marks.settle(state.cursor());
    effect
}

fn route(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Clock(now) => {
            state.marks.set_now(now);
            state.coding.set_now(now);
            state.claims.set_now(now);
            state.status.tick(now);
        }
        Action::Viewport(vp) => set_viewport(state, vp),
        Action::Tick => find::tick(state),
        Action::Unsaved(count) => unsaved::open(state, count),
        _ => {
            if !matches!(action, Action::GotoSection(_)) {
                state.contents.forget_typed();
            }
            if let Action::Unbound(key) = action {
                unbound(state, key);
                return None;
            }
            return match state.overlay() {
                // The prompt is modal: a stray key cannot quit past it.
                Some(Overlay::Unsaved { .. }) => unsaved::handle(state, action),
                Some(_) => overlay(state, action),
                None => reading(state, action),
            };
        }
    }
    None
}

/// Whether `action` came from the user (a key, a click, the wheel) rather
/// than from the run loop (the clock, a resize, background work).
fn from_user(action: Action) -> bool {
    !matches!(
        action,
        Action::Clock(_) | Action::Viewport(_) | Action::Tick | Action::Unsaved(_) | Action::Noop
    )
}

/// With an overlay open: its own keys, Esc, and quitting.
fn overlay(state: &mut State, action: Action) -> Option<Effect> {
    use Action::*;
    let kind = state.overlay()?.kind();
    match (kind, action) {
        (_, Quit) => return Some(Effect::Quit),
        (Kind::Picker, _) => return picker::handle(state, action),
        (Kind::Codes, _) => return codes_pane::handle(state, action),
        (Kind::Analytics, _) => return analytics::handle(state, action),
        (Kind::Query, Edit(key)) => find::key(state, key),
        (Kind::Bookmarks, Edit(key)) => quotes::query_line::key(state, key),
        (Kind::Claim, Edit(key)) => return ledger::edit_key(state, key),
        (_, Edit(key)) => return quotes::edit_key(state, key),
        (Kind::Help, SelectDown) => help::scroll(state, 1),
        (Kind::Help, SelectUp) => help::scroll(state, -1),
        (Kind::Help, PageDown | HalfPageDown) => help::scroll(state, help::page(state)),
        (Kind::Help, PageUp | HalfPageUp) => help::scroll(state, -help::page(state)),
        (Kind::Help, Top) => help::scroll(state, isize::MIN / 2),
        (Kind::Help, Bottom) => help::scroll(state, isize::MAX / 2),
        (Kind::Bookmarks, _) => return bookmarks(state, action),
        (Kind::Speakers, SelectDown) => speakers::select(state, 1),
        (Kind::Speakers, SelectUp) => speakers::select(state, -1),
        (Kind::Speakers, Activate) => speakers::choose(state, None),
        (Kind::Speakers, Click(Target::Speaker(row))) => speakers::choose(state, Some(row)),
        (Kind::Speakers, CloseOverlay | Speakers) => speakers::clear(state),
        (_, CloseOverlay) => close_overlay(state),
        _ => {}
    }
    None
}

/// Keys of the bookmarks list.
fn bookmarks(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::SelectDown => quotes::select(state, 1),
        Action::SelectUp => quotes::select(state, -1),
        Action::Activate => quotes::activate(state, None),
        Action::Click(Target::Bookmark(row)) => quotes::activate(state, Some(row)),
        Action::EditNote => quotes::edit(state),
        Action::DeleteBookmark => return quotes::delete(state),
        Action::UndoDelete => return quotes::undo(state),
        Action::AcceptChange => return quotes::accept(state),
        Action::Code => picker::open_on_bookmark(state),
        Action::FilterBookmarks => quotes::query_line::open(state),
        Action::CloseOverlay => close_overlay(state),
        _ => {}
    }
    None
}

/// Reading, no overlay open: every key by the part it concerns.
fn reading(state: &mut State, action: Action) -> Option<Effect> {
    use Action::*;
    if live::while_loading(state, action) {
        return None;
    }
    match action {
        NextSentence => quotes::step(state, true),
        PrevSentence => quotes::step(state, false),
        NextTurn | PrevTurn | NextSection | PrevSection | GotoSection(_) | PageDown | PageUp
        | HalfPageDown | HalfPageUp | Top | Bottom | JumpBack | JumpForward | ScrollDown
        | ScrollUp | ViewTop | ViewBottom => nav::handle(state, action),
        FocusNext | FocusPrev | ToggleToc | ToggleClaims | SortClaims | FilterClaims
        | NextClaim | PrevClaim | SelectDown | SelectUp | Activate => panes::handle(state, action),
        Scroll(Pane::Dialogue, n) => nav::scroll(state, n.into(), false),
        Scroll(pane, n) => panes::select(state, pane, n.into()),
        Click(Target::Section(i)) => panes::click(state, Pane::Contents, i),
        Click(Target::Claim(i)) => panes::click(state, Pane::Claims, i),
        ClaimStatus(status) => return ledger::set_status(state, status),
        ClaimNote => ledger::open_editor(state, false),
        ClaimSource => ledger::open_editor(state, true),
        OpenSource => return ledger::open_source(state),
        FilterStatus => ledger::cycle_filter(state),
        AddClaim => return ledger::add_claim(state),
        ToggleTimes => toggle_times(state),
        ToggleCompact => state.view.toggle_compact(&state.opened),
        ToggleFollow => return live::toggle(state),
        ToggleBookmark => return quotes::toggle(state),
        StartSelection => quotes::start_selection(state),
        CopyQuote => return quotes::copy(state),
        CopyAddress => return quotes::copy_address(state),
        Code => picker::open(state),
        Codes => codes_pane::open(state),
        Analytics => analytics::open(state),
        OpenBookmarks => quotes::open_list(state),
        NextBookmark => quotes::neighbour(state, true),
        PrevBookmark => quotes::neighbour(state, false),
        Search => find::open(state),
        NextMatch => return find::step(state, true),
        PrevMatch => return find::step(state, false),
        Speakers => speakers::open(state),
        NextSpeakerTurn => speakers::step(state, true),
        PrevSpeakerTurn => speakers::step(state, false),
        Help => state.open(Overlay::Help { scroll: 0 }),
        CloseOverlay => return escape(state),
        Back => return super::library::link::back(state),
        Suspend => return Some(Effect::Suspend),
        Quit => return Some(Effect::Quit),
        // Keys of the lists and prompts, and the routed-before messages.
        EditNote | DeleteBookmark | UndoDelete | AcceptChange | FilterBookmarks | ApplyCode
        | CodeTurn | CodeNth(_) | RenameCode | RecolorCode | DescribeCode | MoveCode | NewCode
        | RetrySave | WriteUnsaved | QuitUnsaved | Edit(_) | Click(_) | Noop | Tick | Clock(_)
        | Unsaved(_) | Viewport(_) | Unbound(_) | SortBy(_) | FilterRows => {}
    }
    None
}

/// A new layout. A side pane that has just appeared over the dialogue
/// (`t` or `c` where there is no room beside it) takes the focus, since
/// the keys would otherwise move a cursor it hides; a pane that went away
/// gives the focus back.
fn set_viewport(state: &mut State, vp: Viewport) {
    let before = state.viewport();
    state.view.set_viewport(&state.opened, vp);
    let appeared = |was: Area, now: Area| was.is_empty() && now.overlaps(&vp.dialogue);
    if appeared(before.contents, vp.contents) {
        state.set_focus(Pane::Contents);
    } else if appeared(before.claims, vp.claims) {
        state.set_focus(Pane::Claims);
    } else if !state.focusable().contains(&state.focus()) {
        state.set_focus(Pane::Dialogue);
    }
}

fn toggle_times(state: &mut State) {
    state.view.toggle_times();
    if !state.doc().turns().any(|t| t.time.is_some()) {
        state.say("this transcript has no times");
    }
}

/// Esc in an overlay: the note editor returns to the list; the rest close.
fn close_overlay(state: &mut State) {
    if let Some(Overlay::Note { mark, .. }) = state.close() {
        state.open(Overlay::Bookmarks { selected: mark });
    }
}

/// Esc while reading steps back one thing at a time: a selection, then the
/// search; each time the message goes too, and the dialogue takes the
/// focus (a pane drawn over the dialogue closes, so it does not hide it).
/// With nothing of that left, a reader opened from the library goes back
/// to it.
fn escape(state: &mut State) -> Option<Effect> {
    let stepped = state.marks.take_selection().is_some() || state.finder.clear();
    let said = state.message().is_some();
    state.set_message(None);
    let focused = state.focus() != Pane::Dialogue;
    panes::close_if_covering(state, state.focus());
    if focused {
        state.set_focus(Pane::Dialogue);
    }
    match stepped || said || focused {
        true => None,
        false => super::library::link::back(state),
    }
}

/// A key bound to nothing here: say so, and where the keys are listed.
fn unbound(state: &mut State, key: super::keymap::Key) {
    let help = super::hints::key(state.keymap(), super::keymap::Layer::Global, Action::Help);
    let text = match help {
        Some(help) => format!("{key}: not bound · {help} for help"),
        None => format!("{key}: not bound"),
    };
    state.say(text);
}
