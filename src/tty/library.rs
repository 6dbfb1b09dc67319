//! The library's run loop: draw, read an input (a key, a paste, what the
//! background work sent, a signal), turn it into the library's message,
//! update, and hand its order to the shell (which opens the reader, starts
//! or stops a search). Generic over the backend, the event source and the
//! shell, as the reader's loop is, so tests drive it headlessly.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::keys::{edit_key, key_of, paste_actions};
use super::run::{Exit, forget_screen};
use crate::app::action::Action;
use crate::app::keymap::Layer;
use crate::app::library::{LibMsg, Library, Mode, Order, Shelved, update};
use crate::ui;

/// What the library's loop reacts to.
#[derive(Debug)]
pub enum LibInput {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize,
    /// What the background threads found since the last frame.
    Shelved(Vec<Shelved>),
    Terminate(i32),
    Suspend,
}

/// A source of the library's inputs; `Ok(None)`: there will be no more.
pub trait LibEvents {
    fn next(&mut self) -> io::Result<Option<LibInput>>;
}

/// What the library needs from outside: the reader, the searches, Ctrl-Z.
pub trait LibShell {
    /// Open the reader on a transcript; how it ended.
    fn open(&mut self, opening: &crate::app::library::Opening) -> io::Result<Exit>;
    /// Search the paths (stopping any search before), in the background.
    fn search(&mut self, id: u64, query: &str, paths: Vec<std::path::PathBuf>);
    fn stop_search(&mut self);
    fn suspend(&mut self) -> io::Result<()>;
}

/// Run until `q`, a signal, or the end of the events.
pub fn run<B: Backend, E: LibEvents, S: LibShell>(
    terminal: &mut Terminal<B>,
    lib: &mut Library,
    events: &mut E,
    shell: &mut S,
) -> io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        let size = terminal.size().map_err(io::Error::other)?;
        let height = ui::library::list_height(Rect::new(0, 0, size.width, size.height));
        if height != lib.height() {
            update(lib, LibMsg::Height(height));
        }
        terminal
            .draw(|f| ui::library::render(f, lib))
            .map_err(io::Error::other)?;
        let Some(input) = events.next()? else {
            return Ok(Exit::EventsEnded);
        };
        let msgs: Vec<LibMsg> = match input {
            LibInput::Key(k) => key_action(lib, &k).into_iter().map(LibMsg::from).collect(),
            LibInput::Mouse(m) => wheel(&m).into_iter().map(LibMsg::from).collect(),
            LibInput::Paste(text) => paste_actions(&text).into_iter().map(LibMsg::from).collect(),
            LibInput::Resize => Vec::new(),
            LibInput::Shelved(s) => s.into_iter().map(LibMsg::Shelved).collect(),
            LibInput::Terminate(sig) => return Ok(Exit::Signal(sig)),
            LibInput::Suspend => vec![LibMsg::Action(Action::Suspend)],
        };
        for msg in msgs {
            let mut order = update(lib, msg);
            while let Some(o) = order.take() {
                match perform(terminal, lib, shell, o)? {
                    Step::Exit(exit) => return Ok(exit),
                    Step::Then(next) => order = next,
                }
            }
        }
    }
}

/// After an order: the loop goes on (maybe with the next order, when the
/// reader asked for the next transcript), or ends.
enum Step {
    Then(Option<Order>),
    Exit(Exit),
}

fn perform<B: Backend, S: LibShell>(
    terminal: &mut Terminal<B>,
    lib: &mut Library,
    shell: &mut S,
    order: Order,
) -> io::Result<Step>
where
    B::Error: Send + Sync + 'static,
{
    match order {
        Order::Quit => return Ok(Step::Exit(Exit::Quit)),
        Order::Suspend => {
            shell.suspend()?;
            forget_screen(terminal)?;
        }
        Order::Search { id, query, paths } => shell.search(id, &query, paths),
        Order::StopSearch => shell.stop_search(),
        Order::Open(opening) => {
            let exit = shell.open(&opening)?;
            // The reader drew over the whole screen.
            forget_screen(terminal)?;
            return Ok(match exit {
                Exit::Leave(leave) => Step::Then(update(lib, Shelved::Returned(leave))),
                exit => Step::Exit(exit),
            });
        }
    }
    Ok(Step::Then(None))
}

/// A key: text while a line is open, else the library's (or the help's) binding.
fn key_action(lib: &Library, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if matches!(lib.mode(), Mode::Filter(_) | Mode::Query) {
        return edit_key(key).map(Action::Edit);
    }
    let layer = match lib.mode() {
        Mode::Help { .. } => Layer::Help,
        _ => Layer::Library,
    };
    let key = key_of(key)?;
    lib.keymap().action(layer, key)
}

/// The wheel moves the selection.
fn wheel(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::SelectDown),
        MouseEventKind::ScrollUp => Some(Action::SelectUp),
        _ => None,
    }
}

/// Arrivals taken into one frame at most: a flood of rows or hits is
/// drawn a batch at a time, and keys are read between batches.
const FRAME_BATCH: usize = 256;

/// The real terminal's inputs: crossterm's events, the signals, and what
/// the background threads send.
pub struct TerminalLibEvents {
    signal: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    found: Receiver<Shelved>,
}

impl TerminalLibEvents {
    pub fn new(found: Receiver<Shelved>) -> io::Result<TerminalLibEvents> {
        let (signal, stop) = super::terminal::signals()?;
        Ok(TerminalLibEvents {
            signal,
            stop,
            found,
        })
    }
}

impl LibEvents for TerminalLibEvents {
    fn next(&mut self) -> io::Result<Option<LibInput>> {
        loop {
            let sig = self.signal.load(Ordering::Relaxed);
            if sig != 0 {
                return Ok(Some(LibInput::Terminate(sig as i32)));
            }
            if self.stop.swap(false, Ordering::Relaxed) {
                return Ok(Some(LibInput::Suspend));
            }
            // Keys before arrivals, so typing stays ahead of a search's
            // flood. A short wait, not none: crossterm's poll with a zero
            // timeout does not see keys already waiting on the terminal.
            if event::poll(Duration::from_millis(10))? {
                match event::read()? {
                    Event::Key(k) => return Ok(Some(LibInput::Key(k))),
                    Event::Mouse(m) => return Ok(Some(LibInput::Mouse(m))),
                    Event::Resize(..) => return Ok(Some(LibInput::Resize)),
                    Event::Paste(text) => return Ok(Some(LibInput::Paste(text))),
                    _ => continue,
                }
            }
            // All that came, up to a frame's worth, drawn once.
            if let Ok(first) = self.found.try_recv() {
                let more = std::iter::from_fn(|| self.found.try_recv().ok());
                let all = std::iter::once(first)
                    .chain(more.take(FRAME_BATCH))
                    .collect();
                return Ok(Some(LibInput::Shelved(all)));
            }
        }
    }
}
