//! The real terminal: entering and leaving the reader's screen modes on every
//! way out (quit, error, panic, signals), Ctrl-Z and SIGTSTP, crossterm
//! events, and the shell's effects (the clipboard, saving bookmarks).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU,
    SIGXFSZ,
};

use super::clipboard::{self, Way};
use super::follow::{self, Arrival, Follower};
use super::loader::{Job, Loader};
use super::run::{EventSource, Exit, IDLE_AFTER, Input, Shell, run};
use crate::app::action::{Effect, Report};
use crate::app::shell::Persist;
use crate::app::state::State;
use crate::text;
use crate::transcript::Document;

/// Button presses and the wheel only (modes 1000 and 1006, SGR encoding);
/// crossterm's `EnableMouseCapture` would add any-motion reports (1003).
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Signals whose default action ends the process (SIGQUIT's with a core
/// dump): each is caught so the terminal is restored first, and the reader
/// exits with 128 + its number. Not SIGPROF, a profiler's timer, nor the
/// faults (SIGSEGV, SIGBUS, SIGABRT, …), after which the process cannot go on.
const TERMINATING: &[i32] = &[
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU,
];

/// SIGXFSZ (a write past the file size limit) is caught and ignored: the
/// write then fails with EFBIG, and the store keeps the change unsaved and
/// says so, as it does on a full disk, rather than the reader ending.
const IGNORED: &[i32] = &[SIGXFSZ];

/// Elsewhere these two are ignored by default.
#[cfg(target_os = "linux")]
const TERMINATING_ON_LINUX: &[i32] = &[libc::SIGPWR, libc::SIGIO];
#[cfg(not(target_os = "linux"))]
const TERMINATING_ON_LINUX: &[i32] = &[];

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    // Cleared here, not with ratatui's `Terminal::clear`, which asks where
    // the cursor is and gives up where the terminal never answers.
    execute!(
        out,
        EnterAlternateScreen,
        Clear(ClearType::All),
        Hide,
        EnableBracketedPaste
    )?;
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

/// Set while the library holds the screen: a reader opened from it draws
/// on the same alternate screen and leaves it as it found it.
static HELD: AtomicBool = AtomicBool::new(false);

/// The library's hold on the screen modes, from its start to its end (and
/// restored on every way out, as the reader's are); readers opened under
/// it neither enter nor leave them, so switching does not flash the shell.
pub struct Screen(());

impl Screen {
    pub fn hold() -> io::Result<Screen> {
        install_panic_hook();
        enter()?;
        HELD.store(true, Ordering::SeqCst);
        Ok(Screen(()))
    }

    /// Ctrl-Z in the library: hand the terminal back and stop until `fg`.
    pub fn suspend(&self) -> io::Result<()> {
        leave()?;
        stop()?;
        enter()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        HELD.store(false, Ordering::SeqCst);
        let _ = leave();
    }
}

/// The signal flags every run loop polls: a terminating signal's number,
/// and a stop from outside (`kill -TSTP`).
pub(super) fn signals() -> io::Result<(Arc<AtomicUsize>, Arc<AtomicBool>)> {
    let signal = Arc::new(AtomicUsize::new(0));
    for &sig in TERMINATING.iter().chain(TERMINATING_ON_LINUX) {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let ignored = Arc::new(AtomicBool::new(false));
    for &sig in IGNORED {
        signal_hook::flag::register(sig, Arc::clone(&ignored))?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTSTP, Arc::clone(&stop))?;
    Ok((signal, stop))
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

/// Stop the process as SIGTSTP's default action does, until `fg`.
///
/// The flag handler has SIGTSTP, so its default action is put back for the
/// one raise. Not SIGSTOP (signal-hook's emulation): the kernel discards
/// SIGTSTP in an orphaned process group, where no shell could resume us,
/// and SIGSTOP would stop us for good there.
fn stop() -> io::Result<()> {
    // SAFETY: `sigaction` gets pointers to initialised structs that outlive
    // the calls; a zeroed `sigaction` with `SIG_DFL` is a valid action, and
    // the old action is put back as the kernel handed it out.
    let raised = unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut old) != 0 {
            return Err(io::Error::last_os_error());
        }
        let raised = libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &old, std::ptr::null_mut());
        raised
    };
    match raised {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Crossterm events, interleaved with terminating and stop signals and
/// with what the watcher of a followed file sends.
pub struct TerminalEvents {
    signal: Arc<AtomicUsize>,
    /// SIGTSTP came from outside (`kill -TSTP`).
    stop: Arc<AtomicBool>,
    /// When the last input (or idle moment) was.
    last: std::time::Instant,
    arrivals: Receiver<Arrival>,
}

impl TerminalEvents {
    pub fn new(arrivals: Receiver<Arrival>) -> io::Result<TerminalEvents> {
        let (signal, stop) = signals()?;
        Ok(TerminalEvents {
            signal,
            stop,
            last: std::time::Instant::now(),
            arrivals,
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
            if self.stop.swap(false, Ordering::Relaxed) {
                return Ok(Some(Input::Suspend));
            }
            if let Ok(arrival) = self.arrivals.try_recv() {
                return Ok(Some(Input::Arrived(arrival)));
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

/// What the shell does once the whole document is known: open its
/// bookmark store (into the `Persist`) and say what the reader is to know.
pub type OnLoad<'a> = Box<dyn FnMut(&Document, &str, &mut Persist) -> Vec<Report> + 'a>;

/// What the reader reads besides the keys.
#[derive(Default)]
pub struct Inputs<'a> {
    /// The file `F` follows, if the document is one.
    pub follow: Option<follow::Source>,
    /// An input still being read (a large file, a slow pipe, `-f -`).
    pub load: Option<Job>,
    /// Called once the loaded input is all read.
    pub on_load: Option<OnLoad<'a>>,
}

/// The real terminal's side of the effects.
struct TerminalShell<'a> {
    persist: &'a mut Persist,
    /// Where `y` sends the text, chosen once at start.
    clipboard: Vec<Way>,
    follow: Option<follow::Source>,
    follower: Option<Follower>,
    loader: Option<Loader>,
    on_load: Option<OnLoad<'a>>,
    arrivals: Sender<Arrival>,
}

impl TerminalShell<'_> {
    /// Start or stop watching the followed file; or, for a followed
    /// standard input, hold or let through the documents of its new text.
    fn follow(&mut self, on: bool) {
        self.follower = None;
        if let (true, Some(source)) = (on, &self.follow) {
            let to = self.arrivals.clone();
            self.follower = Some(Follower::spawn(source.clone(), to));
        }
        if let Some(loader) = &self.loader {
            loader.pause(!on);
        }
    }
}

impl Shell for TerminalShell<'_> {
    fn suspend(&mut self) -> io::Result<()> {
        leave()?;
        // Stops the process here; `fg` resumes it after this call.
        stop()?;
        enter()
    }

    fn perform(&mut self, effect: Effect) -> Vec<Report> {
        match effect {
            Effect::Copy(text) => {
                let outcomes = clipboard::copy(&self.clipboard, &text, &mut io::stdout());
                // Short, so the status line keeps its place too.
                let message = clipboard::report(&text, &shown(&text), &outcomes);
                vec![Report::Status(Some(message))]
            }
            Effect::Follow(on) => {
                self.follow(on);
                Vec::new()
            }
            Effect::OpenUrl(url) => super::opener::open_url(&url)
                .map_or_else(Vec::new, |m| vec![Report::Status(Some(m))]),
            effect => self.persist.perform(effect),
        }
    }

    fn unsaved(&self) -> crate::app::unsaved::Pending {
        self.persist.unsaved()
    }

    fn write_unsaved(&mut self, path: &str) -> Result<String, String> {
        self.persist.write_unsaved(std::path::Path::new(path))
    }

    fn idle(&mut self) -> Vec<Report> {
        self.persist.idle()
    }

    fn loaded(&mut self, doc: &Document, hash: &str) -> Vec<Report> {
        self.loader = None;
        match self.on_load.take() {
            Some(mut then) => then(doc, hash, self.persist),
            None => Vec::new(),
        }
    }
}

/// Open the reader on the real terminal and run it until the user leaves.
/// `clipboard` is the configured copy command, if any; `inputs` the file
/// the document was read from, watched from the start if the reader
/// follows it already (`-f`), and the input still to read.
pub fn run_reader(
    state: &mut State,
    persist: &mut Persist,
    clipboard: Option<&[String]>,
    inputs: Inputs<'_>,
) -> io::Result<Exit> {
    let held = HELD.load(Ordering::SeqCst);
    let (to, arrivals) = mpsc::channel();
    let mut events = TerminalEvents::new(arrivals)?;
    let clipboard = clipboard::choose(&clipboard::Env::from_process(), clipboard);
    let _restore = match held {
        true => {
            execute!(io::stdout(), Clear(ClearType::All))?;
            None
        }
        false => {
            install_panic_hook();
            enter()?;
            Some(Restore)
        }
    };
    // A full-screen viewport asks the terminal for its size only (an ioctl),
    // never for the cursor position.
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let loader = (inputs.load).map(|job| Loader::spawn(job, to.clone()));
    let mut shell = TerminalShell {
        persist,
        clipboard,
        follow: inputs.follow,
        follower: None,
        loader,
        on_load: inputs.on_load,
        arrivals: to,
    };
    if shell.follow.is_some() {
        shell.follow(state.opened().live().following());
    }
    run(&mut terminal, state, &mut events, &mut shell)
}

/// What the status line shows of a copy, short so the line keeps its
/// place: its start; but an address (`Y`) by its file's name and its
/// place, which a long path would push out of sight.
fn shown(text: &str) -> String {
    use crate::transcript::address::Address;
    if let Ok(Some(a)) = Address::parse(text) {
        let name = std::path::Path::new(&a.file).file_name();
        let name = name.map_or(a.file.clone(), |n| n.to_string_lossy().into_owned());
        return text::fit(&format!("{name}@{}", a.place), 36);
    }
    text::fit(text, 36)
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_copied_address_is_shown_by_its_file_name_and_place() {
        let long = "/home/someone/research/interviews/2025/talk.txt@§12.t40";
        assert_eq!(shown(long), "talk.txt@§12.t40");
        // A quote is shown from its start, cut.
        let quote = "“We start at 9@12:30 sharp, every single day of the week” — Ana";
        assert_eq!(shown(quote), crate::text::fit(quote, 36));
        assert!(shown(quote).ends_with('…'));
    }
}
