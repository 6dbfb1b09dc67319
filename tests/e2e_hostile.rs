//! Hostile input end to end, in a real pseudo-terminal: a transcript full
//! of escape sequences must not take over the terminal, a bad config must
//! fail in one line, and a closed output pipe must end quietly.

mod support;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use support::hostile::hostile_transcript;
use support::pty::{Pty, TIMEOUT};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn escape_sequences_in_a_transcript_show_as_symbols_and_do_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, hostile_transcript()).unwrap();
    let mut pty = Pty::spawn(&[path.to_str().unwrap()], &[], 200, 60);
    // Every hostile line fits on the first screen.
    pty.wait_text("family").unwrap();
    let screen = pty.screen_text();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();

    // Nothing reached the terminal's clipboard, title or bell.
    assert_eq!(pty.clipboard(), Vec::<String>::new());
    assert_eq!(pty.titles(), Vec::<String>::new());
    assert_eq!(pty.bells(), 0);
    // None of the payloads went out as bytes.
    let raw = pty.raw_output();
    for payload in [
        &b"\x1b]52;c;cHduZWQ="[..],
        b"\x1b]0;pwned",
        b"\x1b]2;pwned",
        b"\x1bP1$r",
        b"\x1b[2J\x1b[H\x1b[3J",
        b"\x1bc",
        b"\xc2\x9b",
        b"\xc2\x9d",
        "\u{202E}".as_bytes(),
    ] {
        assert!(!contains(&raw, payload), "{payload:?} reached the terminal");
    }
    // They are visible instead, and the text after them is still there.
    assert!(screen.contains("␛]52;c;cHduZWQ=␇"), "{screen}");
    assert!(screen.contains("␛[2J"), "{screen}");
    assert!(screen.contains("<9B>2J"), "{screen}");
    assert!(screen.contains("evil"), "{screen}");
}

#[test]
fn the_sequences_do_not_clear_the_screen_they_are_drawn_on() {
    // The line after a `CSI 2J` in the file stays on screen with it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clear.txt");
    let mut text = String::new();
    for i in 0..5 {
        text.push_str(&format!("Alice: line {i} before the clear.\n"));
    }
    text.push_str("Mallory: \x1b[2J\x1b[3J\x1b[H\x1b[?1049l\x1b[?25l wiped?\n");
    text.push_str("Bob: still here after it.\n");
    std::fs::write(&path, text).unwrap();
    let mut pty = Pty::spawn(&[path.to_str().unwrap()], &[], 120, 40);
    pty.wait_text("still here after it").unwrap();
    let screen = pty.screen_text();
    assert!(screen.contains("line 0 before the clear"), "{screen}");
    assert!(screen.contains("wiped?"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

fn bad_config(name: &str, toml: &str, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(name);
    std::fs::write(&config, toml).unwrap();
    let mut pty = Pty::spawn(&["--config", config.to_str().unwrap()], &[], 120, 30);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(1), "{name}");
    pty.terminal_restored().unwrap();
    let screen = pty.screen_text();
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{name}: {screen:?}");
    let want = format!("tread: {}:{expect}", config.display());
    assert!(
        lines[0].starts_with(&want),
        "{:?} is not {want:?}…",
        lines[0]
    );
}

#[test]
fn a_bad_config_fails_in_one_line_naming_file_line_and_problem() {
    bad_config(
        "invalid.toml",
        "[keys.global]\nj = \"next-sentence\"\nk = = \"x\"\n",
        "3: ",
    );
    bad_config(
        "unknown.toml",
        "[keys.global]\nx = \"launch-missiles\"\n",
        "2: unknown action",
    );
    bad_config(
        "twice.toml",
        "[keys.global]\nx = \"quit\"\n\"ctrl-d\" = \"top\"\n\"ctrl-D\" = \"quit\"\n",
        // Reported at the line that binds the key again.
        "4: key 'ctrl-D' is bound twice in [keys.global] (first at line 3, as 'ctrl-d')",
    );
}

#[test]
fn a_config_key_full_of_escapes_is_reported_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("evil.toml");
    std::fs::write(
        &config,
        "[keys.global]\n\"\\u001b]0;pwned\\u0007\" = \"quit\"\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(&["--config", config.to_str().unwrap()], &[], 120, 30);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(1));
    assert_eq!(pty.titles(), Vec::<String>::new());
    assert!(!contains(&pty.raw_output(), b"\x1b]0;pwned"));
    assert!(
        pty.screen_text().contains("unknown key name"),
        "{}",
        pty.screen_text()
    );
}

#[test]
fn json_of_a_big_file_into_head_exits_quietly() {
    // `tread --json big.txt | head -1`.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "扎克伯格：我们今天谈谈开源模型和人工智能的未来，增长了百分之三十。\n";
    std::fs::write(&big, line.repeat(50_000)).unwrap();
    let mut tread = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--json".as_ref(), big.as_os_str()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let head = Command::new("head")
        .arg("-1")
        .stdin(tread.stdout.take().unwrap())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&head.stdout), "{\n");
    let mut err = String::new();
    tread
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = tread.wait().unwrap();
    assert!(status.success(), "{status:?}: {err}");
    assert_eq!(err, "", "stderr should be empty");
}

#[test]
fn json_into_head_through_a_shell_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Alice: hello there, 30% more.\n".repeat(200_000)).unwrap();
    let out = Command::new("sh")
        .args(["-c", "\"$0\" --json \"$1\" 2>\"$2\" | head -1; cat \"$2\""])
        .arg(env!("CARGO_BIN_EXE_tread"))
        .arg(&big)
        .arg(Path::new(dir.path()).join("err"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
