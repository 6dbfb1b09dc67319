//! Copying text out of the reader: choosing the ways the environment offers
//! (tmux's buffer, OSC 52, a clipboard program, or the configured command),
//! trying them without holding the UI up, and the status line saying where
//! the text went.

use std::io::{Read, Seek, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::execute;

use crate::app::quotes;
use crate::app::status::Message;

/// How long a clipboard program may take before it is killed. They hand
/// the text to a server (or fork one) and exit at once; a program that
/// waits longer is stuck, and the reader is waiting with it.
pub const TIMEOUT: Duration = Duration::from_secs(1);

/// The programs the reader looks for on `PATH`, outside tmux.
pub const PROGRAMS: [&str; 4] = ["wl-copy", "xclip", "xsel", "pbcopy"];

/// One way of copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Way {
    /// The OSC 52 escape sequence, written to the terminal, which may or
    /// may not pass it on to the system clipboard; nothing says which.
    Osc52,
    /// A program reading the text on its standard input; `name` is what the
    /// status line calls it.
    Program { name: String, argv: Vec<String> },
}

impl Way {
    fn program(name: &str, argv: &[&str]) -> Way {
        Way::Program {
            name: name.to_string(),
            argv: argv.iter().map(|w| (*w).to_string()).collect(),
        }
    }

    /// What the status line calls it.
    pub fn name(&self) -> &str {
        match self {
            Way::Osc52 => "the terminal (OSC 52)",
            Way::Program { name, .. } => name,
        }
    }
}

/// What the choice looks at. [`Env::from_process`] reads it; tests write it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `$TMUX` is set: the reader runs inside tmux.
    pub tmux: bool,
    /// `$WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// `$DISPLAY` is set (X11, or XWayland).
    pub x11: bool,
    pub macos: bool,
    /// Which of [`PROGRAMS`] are on `PATH`.
    pub installed: Vec<String>,
}

impl Env {
    pub fn from_process() -> Env {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let path = std::env::var_os("PATH").unwrap_or_default();
        Env {
            tmux: set("TMUX"),
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            macos: cfg!(target_os = "macos"),
            installed: PROGRAMS
                .iter()
                .filter(|p| std::env::split_paths(&path).any(|dir| is_program(&dir.join(p))))
                .map(|p| (*p).to_string())
                .collect(),
        }
    }
}

fn is_program(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The ways to copy, in the order they are tried and named. A configured
/// command is the only way. Inside tmux, its buffer (`-w` passes the text on
/// to the outer terminal's clipboard where tmux can) and OSC 52, which tmux
/// takes with `set-clipboard on`. Outside, one clipboard program for the
/// display at hand, if installed, and OSC 52 for terminals over SSH.
pub fn choose(env: &Env, configured: Option<&[String]>) -> Vec<Way> {
    if let Some(argv) = configured.filter(|a| !a.is_empty()) {
        let name = Path::new(&argv[0])
            .file_name()
            .map_or_else(|| argv[0].clone(), |n| n.to_string_lossy().into_owned());
        return vec![Way::Program {
            name,
            argv: argv.to_vec(),
        }];
    }
    if env.tmux {
        return vec![
            Way::program("tmux buffer", &["tmux", "load-buffer", "-w", "-"]),
            Way::Osc52,
        ];
    }
    let candidates: [(bool, &str, &[&str]); 4] = [
        (env.wayland, "wl-copy", &["wl-copy"]),
        (env.x11, "xclip", &["xclip", "-selection", "clipboard"]),
        (env.x11, "xsel", &["xsel", "--clipboard", "--input"]),
        (env.macos, "pbcopy", &["pbcopy"]),
    ];
    let program = candidates
        .into_iter()
        .find(|(here, name, _)| *here && env.installed.iter().any(|i| i == name));
    let mut ways: Vec<Way> = program
        .map(|(_, name, argv)| Way::program(name, argv))
        .into_iter()
        .collect();
    ways.push(Way::Osc52);
    ways
}

/// How one way went: `Err` says why it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub way: String,
    pub result: Result<(), String>,
}

/// Copy `text` every way in `ways`; OSC 52 goes to `terminal`.
pub fn copy<W: Write>(ways: &[Way], text: &str, terminal: &mut W) -> Vec<Outcome> {
    ways.iter()
        .map(|way| Outcome {
            way: way.name().to_string(),
            result: match way {
                Way::Osc52 => execute!(terminal, CopyToClipboard::to_clipboard_from(text))
                    .map_err(|e| e.to_string()),
                Way::Program { argv, .. } => run_program(argv, text, TIMEOUT),
            },
        })
        .collect()
}

/// Run `argv` with `text` on its standard input; kill it after `timeout`.
/// Its output is not read: xclip, xsel and wl-copy leave a process behind
/// that keeps serving the selection, and it would hold a pipe open.
pub fn run_program(argv: &[String], text: &str, timeout: Duration) -> Result<(), String> {
    let (program, args) = argv.split_first().ok_or("no command to run")?;
    // Its error message, read once it has exited; a file, unlike a pipe,
    // does not wait for the process left behind.
    let mut stderr = tempfile::tempfile().map_err(|e| format!("no file for its errors: {e}"))?;
    let errors = stderr.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(errors)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "not installed".to_string(),
            _ => e.to_string(),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        let text = text.to_string();
        // A program that never reads would block this write once the pipe
        // is full; the thread waits for it instead of the reader.
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let status = wait(&mut child, timeout)?;
    if status.success() {
        return Ok(());
    }
    let mut said = String::new();
    let _ = stderr.rewind();
    let _ = stderr.take(400).read_to_string(&mut said);
    Err(match said.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => crate::text::fit(line, 60),
        None => match status.code() {
            Some(code) => format!("exit status {code}"),
            None => "killed by a signal".to_string(),
        },
    })
}

fn wait(child: &mut Child, timeout: Duration) -> Result<ExitStatus, String> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer in {} ms, stopped", timeout.as_millis()));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// The status line after copying `text` (shown as `shown`): where it went
/// (information), with what failed and why; or, as a warning, plainly that
/// nothing was copied.
pub fn report(text: &str, shown: &str, outcomes: &[Outcome]) -> Message {
    let failures: Vec<(&str, &str)> = outcomes
        .iter()
        .filter_map(|o| {
            o.result
                .as_ref()
                .err()
                .map(|why| (o.way.as_str(), why.as_str()))
        })
        .collect();
    let listed = |word: &str| {
        let each: Vec<String> = failures
            .iter()
            .map(|(way, why)| format!("{way}{word}: {why}"))
            .collect();
        each.join("; ")
    };
    let done: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.result.is_ok())
        .map(|o| o.way.as_str())
        .collect();
    if done.is_empty() {
        return Message::warning(match failures.is_empty() {
            true => "copy failed: no way to copy was found; nothing was copied".to_string(),
            false => format!("copy failed: {}; nothing was copied", listed("")),
        });
    }
    // What was copied first, so a narrow status line still shows it; then
    // the count and cut note as the quote bank words them, and where it went.
    let head = quotes::copied(text, "");
    let count = head.strip_prefix("copied ").unwrap_or(&head);
    let count = count.strip_suffix(": ").unwrap_or(count);
    let to = match done.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Message::info(match failures.is_empty() {
        true => format!("copied {shown} · {count} to {to}"),
        false => format!("copied {shown} · {count} to {to} ({})", listed(" failed")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(way: &str) -> Outcome {
        Outcome {
            way: way.to_string(),
            result: Ok(()),
        }
    }

    fn failed(way: &str, why: &str) -> Outcome {
        Outcome {
            way: way.to_string(),
            result: Err(why.to_string()),
        }
    }

    const OSC: &str = "the terminal (OSC 52)";

    #[test]
    fn report_names_every_way_the_text_went() {
        let outcomes = [ok("tmux buffer"), ok(OSC)];
        assert_eq!(
            report("“hi” — Ana", "“hi” — Ana", &outcomes),
            Message::info(
                "copied “hi” — Ana · 10 characters to tmux buffer and the terminal (OSC 52)"
            )
        );
    }

    #[test]
    fn report_names_a_single_way() {
        assert_eq!(
            report("abc", "abc", &[ok("wl-copy")]),
            Message::info("copied abc · 3 characters to wl-copy")
        );
    }

    #[test]
    fn report_keeps_the_cut_note() {
        let text = "“word word” [quote cut to 2 of 9 words]";
        assert_eq!(
            report(text, "“word…", &[ok(OSC)]),
            Message::info(
                "copied “word… · 39 characters (quote cut to 2 of 9 words) to the terminal (OSC 52)"
            )
        );
    }

    #[test]
    fn report_says_what_failed_beside_what_worked() {
        let outcomes = [failed("tmux buffer", "not installed"), ok(OSC)];
        assert_eq!(
            report("abc", "abc", &outcomes),
            Message::info(
                "copied abc · 3 characters to the terminal (OSC 52) (tmux buffer failed: not installed)"
            )
        );
    }

    #[test]
    fn report_says_plainly_when_nothing_was_copied() {
        let outcomes = [failed("my-copy", "exit status 1")];
        let line = report("abc", "abc", &outcomes);
        assert_eq!(
            line,
            Message::warning("copy failed: my-copy: exit status 1; nothing was copied")
        );
        let none = report("abc", "abc", &[]);
        assert!(none.is_warning() && none.text.starts_with("copy failed"));
    }

    /// An environment with these displays set (`t`mux, `w`ayland, `x`11,
    /// `m`acOS) and these programs installed.
    fn env(flags: &str, installed: &[&str]) -> Env {
        Env {
            tmux: flags.contains('t'),
            wayland: flags.contains('w'),
            x11: flags.contains('x'),
            macos: flags.contains('m'),
            installed: installed.iter().map(|p| (*p).to_string()).collect(),
        }
    }

    fn names(ways: &[Way]) -> Vec<&str> {
        ways.iter().map(Way::name).collect()
    }

    #[test]
    fn inside_tmux_its_buffer_and_osc_52() {
        let ways = choose(&env("tx", &["xclip"]), None);
        assert_eq!(names(&ways), ["tmux buffer", OSC]);
        let tmux = Way::program("tmux buffer", &["tmux", "load-buffer", "-w", "-"]);
        assert_eq!(ways[0], tmux);
    }

    #[test]
    fn outside_tmux_osc_52_alone_when_no_program_fits() {
        assert_eq!(names(&choose(&env("", &[]), None)), [OSC]);
        // Installed, but no display to copy to.
        assert_eq!(names(&choose(&env("", &["xclip"]), None)), [OSC]);
        assert_eq!(names(&choose(&env("x", &["wl-copy"]), None)), [OSC]);
    }

    #[test]
    fn wayland_prefers_wl_copy_then_x11_programs() {
        assert_eq!(
            names(&choose(&env("wx", &PROGRAMS), None)),
            ["wl-copy", OSC]
        );
        let xsel = Way::program("xsel", &["xsel", "--clipboard", "--input"]);
        assert_eq!(choose(&env("wx", &["xsel"]), None), [xsel, Way::Osc52]);
    }

    #[test]
    fn x11_takes_xclip_for_the_clipboard_selection() {
        let xclip = Way::program("xclip", &["xclip", "-selection", "clipboard"]);
        assert_eq!(
            choose(&env("x", &["xsel", "xclip"]), None),
            [xclip, Way::Osc52]
        );
    }

    #[test]
    fn macos_takes_pbcopy() {
        assert_eq!(
            names(&choose(&env("m", &["pbcopy"]), None)),
            ["pbcopy", OSC]
        );
    }

    #[test]
    fn a_configured_command_is_the_only_way() {
        let argv: Vec<String> = ["/opt/bin/my-copy", "--primary"].map(String::from).to_vec();
        let ways = choose(&env("t", &[]), Some(&argv));
        assert_eq!(
            ways,
            [Way::Program {
                name: "my-copy".into(),
                argv
            }]
        );
    }
}
