//! The real terminal: entering and leaving the reader's screen modes on every
//! way out (quit, error, panic, signals), Ctrl-Z, and crossterm events.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};

use super::run::{EventSource, Exit, IDLE_AFTER, Idle, Input, Shell, run};
use crate::app::action::Effect;
use crate::app::quotes;
use crate::app::shell::Persist;
use crate::app::state::State;
use crate::text;

/// Button presses and the wheel only (modes 1000 and 1006, SGR encoding);
/// crossterm's `EnableMouseCapture` would add any-motion reports (1003).
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Signals that end the reader; the terminal is restored before exiting.
const TERMINATING: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    out.write_all(MOUSE_ON)?;
    out.flush()
}

/// Undo everything `enter` did. Safe to call more than once.
fn leave() -> io::Result<()> {
    let mut out = io::stdout();
    let written = out
        .write_all(MOUSE_OFF)
        .and_then(|()| execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show));
    let raw = disable_raw_mode();
    written.and(raw)
}

/// Restores the terminal when dropped, so an early `?` return cannot skip it.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = leave();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

/// Crossterm events, interleaved with terminating signals.
pub struct TerminalEvents {
    signal: Arc<AtomicUsize>,
    /// When the last input (or idle moment) was.
    last: std::time::Instant,
}

impl TerminalEvents {
    pub fn new() -> io::Result<TerminalEvents> {
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in TERMINATING {
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
        }
        Ok(TerminalEvents {
            signal,
            last: std::time::Instant::now(),
        })
    }
}

impl EventSource for TerminalEvents {
    fn next(&mut self, busy: bool) -> io::Result<Option<Input>> {
        loop {
            // Polling with a timeout lets a signal end the wait promptly.
            let sig = self.signal.load(Ordering::Relaxed);
            if sig != 0 {
                return Ok(Some(Input::Terminate(sig as i32)));
            }
            if !event::poll(Duration::from_millis(if busy { 0 } else { 100 }))? {
                if busy {
                    return Ok(Some(Input::Tick));
                }
                if self.last.elapsed() >= IDLE_AFTER {
                    self.last = std::time::Instant::now();
                    return Ok(Some(Input::Idle));
                }
                continue;
            }
            self.last = std::time::Instant::now();
            match event::read()? {
                Event::Key(k) => return Ok(Some(Input::Key(k))),
                Event::Mouse(m) => return Ok(Some(Input::Mouse(m))),
                Event::Resize(..) => return Ok(Some(Input::Resize)),
                Event::Paste(text) => return Ok(Some(Input::Paste(text))),
                _ => {}
            }
        }
    }
}

/// The real terminal's side of the effects.
struct TerminalShell<'a> {
    persist: &'a mut Persist,
}

impl Shell for TerminalShell<'_> {
    fn suspend(&mut self) -> io::Result<()> {
        leave()?;
        // Stops the process here; `fg` resumes it after this call.
        signal_hook::low_level::raise(SIGTSTP)?;
        enter()
    }

    fn perform(&mut self, effect: Effect) -> Option<String> {
        match effect {
            Effect::Copy(text) => {
                // OSC 52 works over SSH, and in tmux with `set-clipboard on`.
                let copied = execute!(io::stdout(), CopyToClipboard::to_clipboard_from(&text));
                Some(match copied {
                    // Short, so the status line keeps its place too.
                    Ok(()) => quotes::copied(&text, &text::fit(&text, 36)),
                    Err(e) => format!("copy failed: {e}"),
                })
            }
            effect => self.persist.apply(effect),
        }
    }

    fn unsaved(&self) -> usize {
        self.persist.unsaved()
    }

    fn write_unsaved(&mut self, path: &str) -> Result<String, String> {
        self.persist.write_unsaved(std::path::Path::new(path))
    }

    fn idle(&mut self) -> Idle {
        Idle {
            message: self.persist.retry(),
            bookmarks: self.persist.refresh(),
        }
    }
}

/// Open the reader on the real terminal and run it until the user leaves.
pub fn run_reader(state: &mut State, persist: &mut Persist) -> io::Result<Exit> {
    install_panic_hook();
    let mut events = TerminalEvents::new()?;
    enter()?;
    let _restore = Restore;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    run(
        &mut terminal,
        state,
        &mut events,
        &mut TerminalShell { persist },
    )
}
