//! The run loop: draw, read an event, map it to an action, update, perform
//! the effect. Generic over the backend and the event source so tests drive
//! the real app headlessly.

use std::io;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

use super::follow::Arrival;
use super::keys::{key_action, mouse_action, paste_actions};
use crate::app::action::{Action, Effect, Report};
use crate::app::state::State;
use crate::app::status::Message;
use crate::app::unsaved::Pending;
use crate::app::update::update;
use crate::ui;

/// How long without input makes an [`Input::Idle`].
pub const IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// What the run loop reacts to.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// No input is ready and background work is waiting.
    Tick,
    /// No input came for a while ([`IDLE_AFTER`]): a moment for the shell
    /// to retry unsaved changes and look for other instances' bookmarks.
    Idle,
    /// The terminal changed size; the next frame lays out anew.
    Resize,
    /// A signal asked the process to end (SIGTERM, SIGHUP, SIGQUIT, …).
    Terminate(i32),
    /// A stop signal from outside (`kill -TSTP`): handled as Ctrl-Z is.
    Suspend,
    /// The followed file changed ([`super::follow`]).
    Arrived(Arrival),
}

/// A source of input events. `Ok(None)` means there will be no more.
pub trait EventSource {
    /// The next input. When `busy`, background work is waiting: return
    /// [`Input::Tick`] at once if no input is ready, rather than block.
    fn next(&mut self, busy: bool) -> io::Result<Option<Input>>;
}

/// What the run loop needs from the world outside the state: stopping the
/// process, saving bookmarks and codes, the clipboard.
pub trait Shell {
    /// Ctrl-Z: hand the terminal back and stop until resumed.
    fn suspend(&mut self) -> io::Result<()>;
    /// Perform a side effect (never [`Effect::Batch`]: the loop performs
    /// its effects one by one). What it answers goes to `update` in order:
    /// a status line (information for a success, a warning for a
    /// failure), the codebook as saved, bookmarks it recoded.
    fn perform(&mut self, effect: Effect) -> Vec<Report>;
    /// Bookmark and codebook changes that could not be saved yet.
    fn unsaved(&self) -> Pending {
        Pending::default()
    }
    /// Write the unsaved changes to the file `path`: a line saying so, or
    /// why it failed.
    fn write_unsaved(&mut self, path: &str) -> Result<String, String> {
        Err(format!("nothing to write to {path}"))
    }
    /// Nothing happened for a while: retry what is unsaved and look for
    /// changes other instances saved (their bookmarks, a line once
    /// something waiting is saved).
    fn idle(&mut self) -> Vec<Report> {
        Vec::new()
    }
    /// The input is all read and `doc` (hashed `hash`) is the whole
    /// document: what waited for it (its bookmark store, where the reader
    /// left it last time).
    fn loaded(&mut self, doc: &crate::transcript::Document, hash: &str) -> Vec<Report> {
        let _ = (doc, hash);
        Vec::new()
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    EventsEnded,
    /// A reader opened from the library closed, asking it for this.
    Leave(crate::app::action::Leave),
}

/// Run until quit, a terminating signal, or the end of the events.
pub fn run<B: Backend, E: EventSource, S: Shell>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut E,
    shell: &mut S,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        layout(terminal, state)?;
        terminal
            .draw(|f| ui::render(f, state))
            .map_err(io::Error::other)?;
        let Some(input) = events.next(state.finder().busy())? else {
            return Ok(Exit::EventsEnded);
        };
        // Bookmarks made by this input are dated now; `update` reads no clock.
        update(state, Action::Clock(crate::store::unix_now()));
        let actions: Vec<Action> = match input {
            Input::Key(key) => key_action(state, &key).into_iter().collect(),
            Input::Mouse(m) => {
                let size = terminal.size().map_err(io::Error::other)?;
                let screen = Rect::new(0, 0, size.width, size.height);
                mouse_action(state, screen, &m).into_iter().collect()
            }
            // Pasted text only means something to the note editor.
            Input::Paste(text) => paste_actions(&text),
            Input::Resize => Vec::new(),
            Input::Tick => vec![Action::Tick],
            Input::Idle => {
                for report in shell.idle() {
                    update(state, report);
                }
                Vec::new()
            }
            Input::Arrived(arrival) => {
                arrived(state, shell, arrival);
                Vec::new()
            }
            Input::Terminate(sig) => return Ok(Exit::Signal(sig)),
            Input::Suspend => {
                suspend(terminal, shell)?;
                Vec::new()
            }
        };
        for action in actions {
            let Some(effect) = update(state, action) else {
                continue;
            };
            if let Some(exit) = perform(terminal, state, shell, effect)? {
                return Ok(exit);
            }
        }
    }
}

/// What a background thread sent: a new version of the document, a
/// failure to read it, progress, or the whole of it at last.
fn arrived<S: Shell>(state: &mut State, shell: &mut S, arrival: Arrival) {
    match arrival {
        Arrival::Document(doc, hash) => {
            update(state, Report::Document(doc, hash));
        }
        Arrival::Failed(why) => {
            update(state, Report::Status(Some(Message::warning(why))));
        }
        Arrival::Progress(p) => {
            update(state, Report::Progress(p));
        }
        Arrival::Unreadable(why) => {
            update(state, Report::LoadFailed(why));
        }
        Arrival::Loaded(doc, hash) => {
            update(state, Report::Document(doc, hash.clone()));
            update(state, Report::Loaded);
            for report in shell.loaded(state.doc(), &hash) {
                update(state, report);
            }
        }
    }
}

/// Perform one effect; `Some` ends the loop.
fn perform<B: Backend, S: Shell>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    shell: &mut S,
    effect: Effect,
) -> io::Result<Option<Exit>>
where
    B::Error: Send + Sync + 'static,
{
    match effect {
        Effect::Quit | Effect::RetrySave => return Ok(quit_if_saved(state, shell, effect)),
        Effect::QuitUnsaved => return Ok(Some(Exit::Quit)),
        // Unsaved changes get one more try; what is still unsaved is
        // settled as at quit (a recovery file, a line in the library).
        Effect::Leave(leave) => {
            if !shell.unsaved().is_empty() {
                shell.perform(Effect::RetrySave);
            }
            return Ok(Some(Exit::Leave(leave)));
        }
        Effect::WriteUnsaved(path) => match shell.write_unsaved(&path) {
            Ok(line) => {
                update(state, Report::Status(Some(Message::info(line))));
                return Ok(Some(Exit::Quit));
            }
            Err(line) => {
                update(state, Report::Status(Some(Message::warning(line))));
            }
        },
        Effect::Suspend => suspend(terminal, shell)?,
        Effect::Batch(all) => {
            for effect in all {
                if let Some(exit) = perform(terminal, state, shell, effect)? {
                    return Ok(Some(exit));
                }
            }
        }
        effect => {
            for report in shell.perform(effect) {
                update(state, report);
            }
        }
    }
    Ok(None)
}

/// Hand the terminal back and stop; once resumed, redraw everything, since
/// the shell may have drawn over the screen meanwhile.
fn suspend<B: Backend, S: Shell>(terminal: &mut Terminal<B>, shell: &mut S) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    shell.suspend()?;
    forget_screen(terminal)
}

/// Clear the screen and forget the last frame, so the next draw writes every
/// cell. Not `Terminal::clear`: it asks the terminal where the cursor is
/// (`CSI 6 n`) and fails after two seconds where nothing answers (a serial
/// console, `script`, a simple emulator).
pub fn forget_screen<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal
        .backend_mut()
        .clear_region(ClearType::All)
        .map_err(io::Error::other)?;
    // Between draws the current buffer is blank and the other holds the last
    // frame; swapping resets that one, and the reset makes sure of the other.
    terminal.swap_buffers();
    terminal.current_buffer_mut().reset();
    Ok(())
}

/// Quit, unless changes are still unsaved after one more try: then the
/// user decides where they go.
fn quit_if_saved<S: Shell>(state: &mut State, shell: &mut S, effect: Effect) -> Option<Exit> {
    if shell.unsaved().is_empty() {
        return Some(Exit::Quit);
    }
    let reports = shell.perform(Effect::RetrySave);
    let left = shell.unsaved();
    if left.is_empty() {
        return Some(Exit::Quit);
    }
    update(state, Action::Unsaved(left));
    if effect == Effect::RetrySave && reports.is_empty() {
        update(state, Report::Status(None));
    }
    for report in reports {
        update(state, report);
    }
    None
}

/// Lay the panes out for the terminal's size and tell `update` if that changed.
fn layout<B: Backend>(terminal: &mut Terminal<B>, state: &mut State) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    let viewport = ui::layout::viewport(Rect::new(0, 0, size.width, size.height), state);
    if viewport != state.viewport() {
        update(state, Action::Viewport(viewport));
    }
    Ok(())
}
