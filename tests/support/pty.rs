//! Run the `tread` binary in a real pseudo-terminal and watch its screen.
//!
//! A reader thread feeds everything the program writes into a `vt100`
//! screen model (and keeps the raw bytes), so tests assert on what a user
//! would see, and on the terminal state the program leaves behind.
//!
//! A reader test will look like this:
//!
//! ```ignore
//! mod support;
//! use support::pty::{Pty, TIMEOUT};
//!
//! #[test]
//! fn next_section_then_quit() {
//!     // No file argument and a terminal on stdin: the bundled sample opens.
//!     let mut pty = Pty::spawn(&[], &[], 100, 30);
//!     pty.wait_text("大模型颠覆平台型企业").unwrap();
//!     pty.send("]");
//!     pty.wait_for(|s| s.contents().contains("02"), TIMEOUT).unwrap();
//!     pty.send("q");
//!     assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
//!     pty.terminal_restored().unwrap();
//! }
//! ```
//!
//! The child gets a clean environment: `TERM=xterm-256color`, `PATH`,
//! `LANG=C.UTF-8`, and `HOME` plus the XDG base directories inside a
//! temporary directory (see [`Pty::home`]), so a test never reads or writes
//! the real home. The working directory is the package root, so
//! `assets/llamacon-2025.txt` resolves.
//!
//! Like a real terminal, the harness answers the cursor position (`CSI 6 n`),
//! status (`CSI 5 n`) and primary device attribute (`CSI c`) queries; it
//! stays silent on the kitty keyboard query (`CSI ? u`), as a terminal
//! without that protocol does. OSC 52 clipboard writes, window titles and
//! bells are recorded. [`Pty::spawn_silent`] gives a terminal that answers
//! nothing, as a serial console or `script` does.
//!
//! Spawned directly, the program leads its own session, where the kernel
//! discards stop signals; [`Pty::spawn_job`] runs it as a job of a
//! job-control shell instead, so Ctrl-Z and SIGTSTP really stop it.
//!
//! Timeouts are generous ([`TIMEOUT`], 10 s): CI machines are small and
//! shared. Waiting ends early, with an error, once the program has exited
//! and its output is drained, so a failing test does not sit out the timeout.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;
use vt100::{MouseProtocolEncoding, MouseProtocolMode, Screen};

/// How long to wait for the screen or the exit by default.
pub const TIMEOUT: Duration = Duration::from_secs(10);

const POLL: Duration = Duration::from_millis(10);

/// Byte sequences for keys, as xterm sends them in normal cursor mode
/// (crossterm also accepts these in application mode).
pub mod keys {
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const BACKSPACE: &str = "\x7f";
    /// A lone Esc. crossterm tells it from the start of an escape sequence
    /// only because nothing follows at once: wait for its effect before
    /// sending the next key.
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_Z: &str = "\x1a";
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// What the reader thread and the test share.
struct Shared {
    parser: vt100::Parser<Responder>,
    raw: Vec<u8>,
    /// The program's side of the terminal is closed: no more output.
    eof: bool,
}

/// Answers the terminal queries a real terminal answers, so a program that
/// asks (crossterm's cursor position, its keyboard-protocol probe) does not
/// stall until its own timeout.
struct Responder {
    writer: Writer,
    /// Whether queries get answers at all.
    answers: bool,
    clipboard: Vec<Vec<u8>>,
    /// Window titles and icon names set with OSC 0, 1 or 2.
    titles: Vec<Vec<u8>>,
    bells: usize,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if !self.answers {
            return;
        }
        let reply = match (i1, c) {
            (None, 'n') if params == [&[6u16][..]] => {
                let (row, col) = screen.cursor_position();
                format!("\x1b[{};{}R", row + 1, col + 1)
            }
            (None, 'n') if params == [&[5u16][..]] => "\x1b[0n".to_string(),
            // VT220 with ANSI colour.
            (None, 'c') => "\x1b[?62;22c".to_string(),
            _ => return,
        };
        let mut w = lock(&self.writer);
        // The program may be gone already; nobody is waiting for the reply then.
        let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
    }

    fn copy_to_clipboard(&mut self, _: &mut Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(decode_base64(data));
    }

    fn set_window_title(&mut self, _: &mut Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }

    fn audible_bell(&mut self, _: &mut Screen) {
        self.bells += 1;
    }
}

/// A program running in a pseudo-terminal. Dropping it kills the program.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Writer,
    shared: Arc<Mutex<Shared>>,
    status: Option<ExitStatus>,
    home: TempDir,
}

impl Pty {
    /// Run `tread` with `args` in a `cols`×`rows` terminal. `env` adds to or
    /// overrides the clean environment described in the module docs.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Self::spawn_program(env!("CARGO_BIN_EXE_tread"), args, env, cols, rows)
    }

    /// Run any program the same way; the harness's own tests use `sh`.
    pub fn spawn_program(
        program: impl AsRef<OsStr>,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        Self::start(program.as_ref(), args, env, (cols, rows), true)
    }

    /// Run `tread` in a terminal that never answers a query (cursor
    /// position, status, device attributes), as a serial console does.
    pub fn spawn_silent(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let program = OsStr::new(env!("CARGO_BIN_EXE_tread"));
        Self::start(program, args, env, (cols, rows), false)
    }

    /// Run `tread` as the foreground job of a job-control shell (`sh -m`),
    /// whose process group is not orphaned, so a stop signal really stops
    /// it. The shell then prints `job left the foreground: STATUS` and waits
    /// for a line ([`Pty::resume_job`]) before it runs `fg`. `answers` as
    /// in [`Pty::spawn_silent`]. [`Pty::signal_job`] signals `tread`.
    pub fn spawn_job(
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        answers: bool,
    ) -> Pty {
        const SHELL: &str = r#""$@"; echo "job left the foreground: $?"; read _; fg"#;
        // The job's own shell records its pid, then becomes `tread`.
        const RECORD: &str = r#"echo $$ > "$HOME/job.pid"; exec "$@""#;
        let mut argv = vec!["-m", "-c", SHELL, "sh", "sh", "-c", RECORD, "sh"];
        argv.push(env!("CARGO_BIN_EXE_tread"));
        argv.extend_from_slice(args);
        Self::start(OsStr::new("sh"), &argv, env, (cols, rows), answers)
    }

    /// The pid of `tread` under [`Pty::spawn_job`], once its shell wrote it.
    pub fn job_pid(&self) -> u32 {
        let file = self.home().join("job.pid");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let read = std::fs::read_to_string(&file).unwrap_or_default();
            if let Ok(pid) = read.trim().parse() {
                return pid;
            }
            assert!(Instant::now() < deadline, "no pid in {}", file.display());
            std::thread::sleep(POLL);
        }
    }

    /// Send a signal by name to `tread` under [`Pty::spawn_job`].
    pub fn signal_job(&self, sig: &str) {
        kill(sig, self.job_pid());
    }

    /// Whether `tread` under [`Pty::spawn_job`] is stopped, by `ps`.
    pub fn job_stopped(&self) -> bool {
        let out = std::process::Command::new("ps")
            .args(["-o", "stat=", "-p", &self.job_pid().to_string()])
            .output()
            .expect("run ps");
        String::from_utf8_lossy(&out.stdout)
            .trim_start()
            .starts_with('T')
    }

    /// Wait until the shell of [`Pty::spawn_job`] reports the job stopped
    /// (or gone), then check `ps` agrees it is stopped.
    pub fn wait_job_stopped(&self) -> Result<(), String> {
        self.wait_text("job left the foreground")?;
        match self.job_stopped() {
            true => Ok(()),
            false => Err(format!("the job is not stopped\n{}", self.screen_text())),
        }
    }

    /// Let the shell of [`Pty::spawn_job`] run `fg`: it gives the job the
    /// terminal again and sends it SIGCONT.
    pub fn resume_job(&mut self) {
        self.send("\r");
    }

    fn start(
        program: &OsStr,
        args: &[&str],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
        answers: bool,
    ) -> Pty {
        let home = TempDir::new().expect("create a temporary HOME");
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("cannot open a pty: {e:#}"));

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        let h = home.path();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", h);
        cmd.env("XDG_CONFIG_HOME", h.join(".config"));
        cmd.env("XDG_DATA_HOME", h.join(".local/share"));
        cmd.env("XDG_STATE_HOME", h.join(".local/state"));
        cmd.env("XDG_CACHE_HOME", h.join(".cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }

        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot spawn in the pty: {e:#}"));
        // Our copy of the slave would keep the terminal open after the child
        // exits, and the reader would never see the end of the output.
        drop(pair.slave);

        let master = pair.master;
        let mut reader = master.try_clone_reader().expect("pty reader");
        let writer: Writer = Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let responder = Responder {
            writer: Arc::clone(&writer),
            answers,
            clipboard: Vec::new(),
            titles: Vec::new(),
            bells: 0,
        };
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new_with_callbacks(rows, cols, 0, responder),
            raw: Vec::new(),
            eof: false,
        }));

        let pump = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // portable-pty turns EIO, the end of the slave side, into Ok(0).
                    Ok(0) => break,
                    Ok(n) => {
                        let mut s = lock(&pump);
                        s.raw.extend_from_slice(&buf[..n]);
                        s.parser.process(&buf[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            lock(&pump).eof = true;
        });

        Pty {
            master,
            child,
            writer,
            shared,
            status: None,
            home,
        }
    }

    /// The temporary `HOME`; config, data and state directories are under it.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Type `keys` (see [`keys`] for special keys).
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        w.write_all(bytes)
            .and_then(|()| w.flush())
            .expect("write to the pty");
    }

    pub fn up(&mut self) {
        self.send(keys::UP);
    }

    pub fn down(&mut self) {
        self.send(keys::DOWN);
    }

    pub fn left(&mut self) {
        self.send(keys::LEFT);
    }

    pub fn right(&mut self) {
        self.send(keys::RIGHT);
    }

    pub fn enter(&mut self) {
        self.send(keys::ENTER);
    }

    /// See [`keys::ESC`]: wait for its effect before the next key.
    pub fn esc(&mut self) {
        self.send(keys::ESC);
    }

    /// In raw mode this is a key the program reads, not a signal.
    pub fn ctrl_c(&mut self) {
        self.send(keys::CTRL_C);
    }

    /// Resize the terminal; the kernel sends the program SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The model first, so the redraw that answers the resize is parsed
        // at the new size.
        lock(&self.shared).parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|e| panic!("cannot resize the pty: {e:#}"));
    }

    /// Send a signal by name (`"TERM"`, `"HUP"`, `"INT"`, `"WINCH"`, …) with
    /// the `kill` command, which spares us a libc dependency.
    pub fn signal(&self, sig: &str) {
        kill(sig, self.pid().expect("the child has a pid"));
    }

    /// Poll until `pred` holds for the screen. Fails after `timeout`, or as
    /// soon as the program has exited and its output is drained; the error
    /// shows the screen.
    pub fn wait_for(
        &self,
        pred: impl Fn(&Screen) -> bool,
        timeout: Duration,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            {
                let s = lock(&self.shared);
                if pred(s.parser.screen()) {
                    return Ok(());
                }
                if s.eof {
                    return Err(format!(
                        "the program's output ended before the screen matched\n{}",
                        framed(s.parser.screen())
                    ));
                }
                if Instant::now() >= deadline {
                    return Err(format!(
                        "the screen did not match within {timeout:?}\n{}",
                        framed(s.parser.screen())
                    ));
                }
            }
            std::thread::sleep(POLL);
        }
    }

    /// Wait (up to [`TIMEOUT`]) until `needle` appears on the screen.
    pub fn wait_text(&self, needle: &str) -> Result<(), String> {
        self.wait_for(|s| s.contents().contains(needle), TIMEOUT)
            .map_err(|e| format!("waiting for {needle:?}: {e}"))
    }

    /// The screen's text, rows joined by newlines, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// Look at the screen model in detail (cells, colours, cursor).
    pub fn with_screen<R>(&self, f: impl FnOnce(&Screen) -> R) -> R {
        f(lock(&self.shared).parser.screen())
    }

    /// Everything the program wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Texts the program copied with OSC 52, decoded, oldest first.
    pub fn clipboard(&self) -> Vec<String> {
        lock(&self.shared)
            .parser
            .callbacks()
            .clipboard
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect()
    }

    /// Window titles and icon names the program set (OSC 0, 1, 2), oldest first.
    pub fn titles(&self) -> Vec<String> {
        lock(&self.shared)
            .parser
            .callbacks()
            .titles
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect()
    }

    /// How many times the program rang the bell (BEL outside a sequence).
    pub fn bells(&self) -> usize {
        lock(&self.shared).parser.callbacks().bells
    }

    /// Wait for the program to exit and return its exit code; `None` if it
    /// is still running after `timeout`. Killed by a signal, it reports 1
    /// (portable-pty's convention) and [`Pty::exit_signal`] names the
    /// signal. On return the program's output has been read to the end (or
    /// for up to 2 s, if something else still holds the terminal open).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        if self.status.is_none() {
            let deadline = Instant::now() + timeout;
            loop {
                match self.child.try_wait() {
                    Ok(Some(status)) => {
                        self.status = Some(status);
                        break;
                    }
                    Ok(None) if Instant::now() < deadline => std::thread::sleep(POLL),
                    _ => return None,
                }
            }
            let drained = Instant::now() + Duration::from_secs(2);
            while !lock(&self.shared).eof && Instant::now() < drained {
                std::thread::sleep(POLL);
            }
        }
        self.status.as_ref().map(ExitStatus::exit_code)
    }

    /// The signal that killed the program, after [`Pty::wait_exit`].
    pub fn exit_signal(&self) -> Option<String> {
        self.status
            .as_ref()
            .and_then(|s| s.signal().map(str::to_string))
    }

    /// After the program exits, check it gave the terminal back as it found
    /// it. Checked:
    /// - not in the alternate screen, and the raw output has a leave
    ///   (`CSI ? 1049 l`) after the last enter (`CSI ? 1049 h`), if any;
    /// - cursor visible;
    /// - mouse reporting off, and the mouse encoding back to the default;
    /// - bracketed paste off;
    /// - every kitty keyboard-flags push (`CSI > n u`) popped (`CSI < n u`);
    /// - raw mode off: `stty` on the terminal device shows `icanon` and
    ///   `echo`. The device stays readable while we hold the master side,
    ///   so this works after the exit too. Skipped where `stty` cannot run.
    ///
    /// Not checked: colours and attributes left set (a shell resets them).
    pub fn terminal_restored(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        {
            let s = lock(&self.shared);
            let screen = s.parser.screen();
            if screen.alternate_screen() {
                problems.push("still in the alternate screen".to_string());
            }
            if screen.hide_cursor() {
                problems.push("cursor hidden".to_string());
            }
            if screen.mouse_protocol_mode() != MouseProtocolMode::None {
                problems.push(format!(
                    "mouse reporting on ({:?})",
                    screen.mouse_protocol_mode()
                ));
            }
            if screen.mouse_protocol_encoding() != MouseProtocolEncoding::Default {
                problems.push(format!(
                    "mouse encoding left at {:?}",
                    screen.mouse_protocol_encoding()
                ));
            }
            if screen.bracketed_paste() {
                problems.push("bracketed paste on".to_string());
            }
            if let Some(enter) = rfind(&s.raw, b"\x1b[?1049h") {
                let leave = rfind(&s.raw, b"\x1b[?1049l");
                if leave.is_none_or(|l| l < enter) {
                    problems.push("no CSI ?1049 l after the last CSI ?1049 h".to_string());
                }
            }
            let (pushed, popped) = keyboard_flags(&s.raw);
            if popped < pushed {
                problems.push(format!(
                    "keyboard enhancement flags pushed {pushed} times, popped {popped}"
                ));
            }
        }
        if let Some(modes) = self.tty_modes() {
            for flag in ["icanon", "echo"] {
                if !modes.iter().any(|m| m == flag) {
                    problems.push(format!("raw mode still on (stty shows no {flag:?})"));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "terminal not restored: {}\n{}",
                problems.join("; "),
                framed(lock(&self.shared).parser.screen())
            ))
        }
    }

    /// The terminal device's modes as `stty -a` words, if `stty` can read them.
    fn tty_modes(&self) -> Option<Vec<String>> {
        let tty = self.master.tty_name()?;
        let flag = if cfg!(target_os = "linux") {
            "-F"
        } else {
            "-f"
        };
        let out = std::process::Command::new("stty")
            .arg(flag)
            .arg(&tty)
            .arg("-a")
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        Some(
            text.split(|c: char| c.is_whitespace() || c == ';')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.status.is_some() {
            return;
        }
        let _ = self.child.kill();
        // Reap it, so a failing test leaves no zombie behind.
        let deadline = Instant::now() + Duration::from_secs(1);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(POLL);
        }
    }
}

fn kill(sig: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-s", sig, &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -s {sig} {pid} failed: {status}");
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking predicate must not turn every later call into a second panic.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The screen, boxed, for error messages.
fn framed(screen: &Screen) -> String {
    let (rows, cols) = screen.size();
    let rule = "-".repeat(usize::from(cols).min(100));
    let mut out = format!(
        "screen {cols}x{rows}, cursor at {:?}:\n+{rule}\n",
        screen.cursor_position()
    );
    for line in screen.contents().lines() {
        out.push('|');
        out.push_str(line);
        out.push('\n');
    }
    out.push('+');
    out.push_str(&rule);
    out
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Count kitty keyboard-protocol pushes (`CSI > flags u`) and popped levels
/// (`CSI < n u`) in the program's output.
fn keyboard_flags(raw: &[u8]) -> (usize, usize) {
    let (mut pushed, mut popped) = (0, 0);
    let mut i = 0;
    while i + 3 <= raw.len() {
        if raw[i] == 0x1b && raw[i + 1] == b'[' && matches!(raw[i + 2], b'>' | b'<') {
            let digits = raw[i + 3..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if raw.get(i + 3 + digits) == Some(&b'u') {
                let n: usize = std::str::from_utf8(&raw[i + 3..i + 3 + digits])
                    .ok()
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(1);
                if raw[i + 2] == b'>' {
                    pushed += 1;
                } else {
                    popped += n.max(1);
                }
            }
        }
        i += 1;
    }
    (pushed, popped)
}

/// OSC 52 carries base64; decoding it here spares a dependency.
fn decode_base64(data: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for v in data.iter().filter_map(|&c| value(c)) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
