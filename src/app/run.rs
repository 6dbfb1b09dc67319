//! The run loop: draw, read an event, map it to an action, update, perform
//! the effect. Generic over the backend and the event source so tests drive
//! the real app headlessly.

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::{Action, Effect, Pane};
use super::keymap::{Key, Layer};
use super::state::State;
use super::update::update;
use crate::ui;

/// Lines one mouse wheel notch scrolls.
const WHEEL_LINES: i16 = 3;

/// What the run loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The terminal changed size; the next frame lays out anew.
    Resize,
    /// A signal asked the process to end (SIGTERM, SIGHUP, SIGINT).
    Terminate(i32),
}

/// A source of input events. `Ok(None)` means there will be no more.
pub trait EventSource {
    fn next(&mut self) -> io::Result<Option<Input>>;
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    EventsEnded,
}

/// Run until quit, a terminating signal, or the end of the events.
/// `suspend` is called for Ctrl-Z; the screen is redrawn in full afterwards.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut E,
    mut suspend: impl FnMut() -> io::Result<()>,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        layout(terminal, state)?;
        terminal
            .draw(|f| ui::render(f, state))
            .map_err(io::Error::other)?;
        let Some(input) = events.next()? else {
            return Ok(Exit::EventsEnded);
        };
        let action = match input {
            Input::Key(key) => key_action(state, &key),
            Input::Mouse(m) => mouse_action(state, &m),
            Input::Resize => None,
            Input::Terminate(sig) => return Ok(Exit::Signal(sig)),
        };
        match action.and_then(|a| update(state, a)) {
            Some(Effect::Quit) => return Ok(Exit::Quit),
            Some(Effect::Suspend) => {
                suspend()?;
                terminal.clear().map_err(io::Error::other)?;
            }
            None => {}
        }
    }
}

/// Lay the panes out for the terminal's size and tell `update` if that changed.
fn layout<B: Backend>(terminal: &mut Terminal<B>, state: &mut State) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    let viewport = ui::layout::viewport(Rect::new(0, 0, size.width, size.height), state);
    if viewport != state.viewport {
        update(state, Action::Viewport(viewport));
    }
    Ok(())
}

/// The keymap layer that is active now.
pub fn active_layer(state: &State) -> Layer {
    if state.overlay.is_some() {
        return Layer::Help;
    }
    match state.focus {
        Pane::Toc => Layer::Contents,
        Pane::Claims => Layer::Claims,
        Pane::Dialogue => Layer::Global,
    }
}

pub fn key_action(state: &State, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    state
        .keymap
        .action(active_layer(state), Key::from_event(key)?)
}

pub fn mouse_action(state: &State, m: &MouseEvent) -> Option<Action> {
    if state.overlay.is_some() {
        return None;
    }
    let at = Position::new(m.column, m.row);
    let vp = &state.viewport;
    // Side panes are drawn over the dialogue when they overlay it, so test them first.
    let pane = if vp.toc.contains(at) {
        Pane::Toc
    } else if vp.claims.contains(at) {
        Pane::Claims
    } else if vp.dialogue.contains(at) {
        Pane::Dialogue
    } else {
        return None;
    };
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(
            pane,
            if pane == Pane::Dialogue {
                WHEEL_LINES
            } else {
                1
            },
        )),
        MouseEventKind::ScrollUp => Some(Action::Scroll(
            pane,
            if pane == Pane::Dialogue {
                -WHEEL_LINES
            } else {
                -1
            },
        )),
        MouseEventKind::Down(MouseButton::Left) if pane == Pane::Toc => {
            // Row 0 of the pane is its header.
            (m.row > vp.toc.y).then(|| Action::ClickToc(m.row - vp.toc.y - 1))
        }
        _ => None,
    }
}
