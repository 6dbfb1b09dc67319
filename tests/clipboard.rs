//! Copying with `y` reaches a clipboard and says where: a fake `tmux` on
//! `PATH` inside "tmux", a configured command, one that fails; and the
//! runner's limits (a program that hangs is killed, a missing one named).

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::pty::{Pty, TIMEOUT};
use tread::tty::clipboard::run_program;

/// A script `dir/name` that writes its arguments, then its standard input,
/// to `log`, and exits with `status`.
fn fake(dir: &Path, name: &str, log: &Path, status: u8) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$*\" > '{log}'\ncat >> '{log}'\n[ {status} = 0 ] || echo 'no clipboard here' >&2\nexit {status}\n",
        log = log.display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The open sample, on Nadella's first turn, `y` pressed.
fn copy_a_quote(pty: &mut Pty) {
    pty.wait_text("大模型的竞争远远没有结束").unwrap();
    pty.send("]J");
    pty.wait_text("纳德拉 · turn 3/27").unwrap();
    pty.send("y");
}

/// Wait until `log` holds something.
fn logged(log: &Path) -> String {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Ok(text) = std::fs::read_to_string(log)
            && !text.is_empty()
        {
            return text;
        }
        assert!(Instant::now() < deadline, "{} stayed empty", log.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn inside_tmux_y_loads_the_tmux_buffer_and_says_so() {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("tmux.log");
    fake(bin.path(), "tmux", &log, 0);
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let env = [("PATH", path.as_str()), ("TMUX", "/tmp/tmux-0/default,1,0")];
    let mut pty = Pty::spawn(&[], &env, 120, 30);
    copy_a_quote(&mut pty);
    // What was copied first, then where it went (the line may cut the rest).
    pty.wait_text("copied “我加入微软时").unwrap();
    pty.wait_text("characters to tmux buffer and the terminal")
        .unwrap();
    let text = logged(&log);
    let (args, stdin) = text.split_once('\n').unwrap();
    assert_eq!(args, "load-buffer -w -");
    assert!(
        stdin.starts_with("“我加入微软时,正值Windows 3发布"),
        "{stdin}"
    );
    assert!(stdin.ends_with("(line 20)"), "{stdin}");
    // OSC 52 as well, with the same text.
    assert_eq!(pty.clipboard(), [stdin.to_string()]);
    quit(pty);
}

/// Write `config.toml` with `clipboard = …` into the pty's config directory.
fn configure(home: &Path, setting: &str) -> PathBuf {
    let dir = home.join(".config/tread");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(&file, format!("clipboard = {setting}\n")).unwrap();
    file
}

#[test]
fn a_configured_command_is_used_instead_and_named() {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("copy.log");
    let copy = fake(bin.path(), "my-copy", &log, 0);
    let config = configure(bin.path(), &format!("\"{} --primary\"", copy.display()));
    let args = ["--config", config.to_str().unwrap()];
    let mut pty = Pty::spawn(&args, &[("TMUX", "/tmp/tmux-0/default,1,0")], 120, 30);
    copy_a_quote(&mut pty);
    pty.wait_text("characters to my-copy").unwrap();
    let text = logged(&log);
    assert!(text.starts_with("--primary\n“我加入微软时"), "{text}");
    // The configured command is the only way: no OSC 52.
    assert!(pty.clipboard().is_empty());
    quit(pty);
}

#[test]
fn a_failing_command_is_reported_as_a_failure() {
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("copy.log");
    let copy = fake(bin.path(), "broken-copy", &log, 3);
    let config = configure(bin.path(), &format!("[\"{}\"]", copy.display()));
    let mut pty = Pty::spawn(&["--config", config.to_str().unwrap()], &[], 120, 30);
    copy_a_quote(&mut pty);
    pty.wait_text("copy failed: broken-copy: no clipboard here; nothing was copied")
        .unwrap();
    assert!(!pty.screen_text().contains("copied "));
    quit(pty);
}

#[test]
fn an_empty_clipboard_setting_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = configure(dir.path(), "\"  \"");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--config", config.to_str().unwrap(), "--outline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:1: clipboard: the command is empty"),
        "{err}"
    );
}

fn words(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_string).collect()
}

#[test]
fn a_program_that_hangs_is_killed_after_the_timeout() {
    let started = Instant::now();
    let result = run_program(&words("sleep 10"), "text", Duration::from_millis(200));
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(result, Err("no answer in 200 ms, stopped".to_string()));
}

#[test]
fn a_program_that_never_reads_does_not_hold_the_reader() {
    // More than a pipe holds, to a program that exits without reading.
    let big = "x".repeat(1 << 20);
    let started = Instant::now();
    assert_eq!(
        run_program(&words("true"), &big, Duration::from_secs(2)),
        Ok(())
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_missing_program_is_named_as_not_installed() {
    let result = run_program(&words("tread-no-such-copy"), "text", Duration::from_secs(1));
    assert_eq!(result, Err("not installed".to_string()));
}

#[test]
fn a_failure_is_told_by_the_programs_own_words_or_its_status() {
    let said = run_program(
        &[
            "sh".into(),
            "-c".into(),
            "cat >/dev/null; echo 'Error: no display' >&2; exit 1".into(),
        ],
        "text",
        Duration::from_secs(2),
    );
    assert_eq!(said, Err("Error: no display".to_string()));
    let silent = run_program(&words("false"), "text", Duration::from_secs(2));
    assert_eq!(silent, Err("exit status 1".to_string()));
}
