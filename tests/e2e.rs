//! End-to-end tests: the built `tread` binary in a real pseudo-terminal.
//!
//! The reader is driven by typing into the terminal and reading its screen
//! through vt100; after every exit the terminal must be handed back clean.

mod support;

use std::time::Duration;

use support::pty::{Pty, TIMEOUT, keys};

/// Open the bundled sample in the reader and wait for its first frame.
fn reader(cols: u16, rows: u16) -> Pty {
    let pty = Pty::spawn(&[], &[], cols, rows);
    pty.wait_text("大模型的竞争远远没有结束").unwrap();
    whole_frame(&pty);
    pty
}

/// A frame can reach the terminal in pieces: the status line is its last
/// row, so once it shows, the rest of the frame has arrived.
fn whole_frame(pty: &Pty) {
    pty.wait_text("[dialogue]").unwrap();
}

#[test]
fn the_reader_opens_the_sample_in_three_panes_and_quits_cleanly() {
    let mut pty = reader(120, 30);
    let screen = pty.screen_text();
    assert!(screen.contains("Contents"), "{screen}");
    assert!(screen.contains("Claims"), "{screen}");
    assert!(screen.contains("§1/5"), "{screen}");
    assert!(
        pty.with_screen(|s| s.alternate_screen()),
        "draws in the alternate screen"
    );
    pty.send("]");
    pty.wait_text("§ 01 “深度应用”,即将到来").unwrap();
    pty.wait_text("§2/5").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn help_opens_from_the_keymap_and_escape_closes_it() {
    let mut pty = reader(100, 50);
    pty.send("?");
    pty.wait_text("previous sentence").unwrap();
    pty.esc();
    pty.wait_for(|s| !s.contents().contains("previous sentence"), TIMEOUT)
        .unwrap();
    pty.ctrl_c();
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_non_zero() {
    for (sig, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut pty = reader(100, 30);
        pty.send("]j");
        pty.wait_text("§2/5").unwrap();
        pty.signal(sig);
        assert_eq!(pty.wait_exit(TIMEOUT), Some(code), "SIG{sig}");
        pty.terminal_restored().unwrap();
    }
}

#[test]
fn ctrl_z_hands_the_terminal_back_and_redraws_on_return() {
    // Under this harness the reader is a session leader, whose stop signals
    // the kernel discards (an orphaned process group), so the process comes
    // straight back: the terminal is left, re-entered, and redrawn in full.
    let mut pty = reader(100, 30);
    pty.send("]");
    pty.wait_text("§2/5").unwrap();
    let before = pty.raw_output().len();
    pty.send(keys::CTRL_Z);
    // Handed back (alternate screen left), then taken again.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let round_trip = loop {
        let out = pty.raw_output();
        let tail = String::from_utf8_lossy(&out[before..]).into_owned();
        let left = tail.find("\x1b[?1049l");
        if left.is_some_and(|i| tail[i..].contains("\x1b[?1049h")) {
            break true;
        }
        if std::time::Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        round_trip,
        "{:?}",
        String::from_utf8_lossy(&pty.raw_output()[before..])
    );
    pty.wait_text("§ 01 “深度应用”,即将到来").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn piped_output_prints_the_outline_instead_of_drawing() {
    let mut pty = Pty::spawn_program(
        "sh",
        &["-c", &format!("{} | cat", env!("CARGO_BIN_EXE_tread"))],
        &[],
        100,
        30,
    );
    pty.wait_text("04 造一座“蒸馏工厂”,让模型能混合应用 · 8 turns")
        .unwrap();
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn outline_lists_the_sample_sections() {
    let mut pty = Pty::spawn(&["--outline"], &[], 100, 30);
    pty.wait_text("大模型颠覆平台型企业").unwrap();
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn missing_file_exits_1_with_one_line() {
    let mut pty = Pty::spawn(&["/nonexistent"], &[], 100, 30);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(1));
    let text = pty.screen_text();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].starts_with("tread: "), "{text}");
    assert!(lines[0].contains("/nonexistent"), "{text}");
    pty.terminal_restored().unwrap();
}

#[test]
fn waiting_fails_fast_with_the_screen_once_the_program_is_gone() {
    let pty = Pty::spawn(&["/nonexistent"], &[], 80, 10);
    let err = pty.wait_text("never printed").unwrap_err();
    assert!(err.contains("output ended"), "{err}");
    assert!(err.contains("tread: cannot open"), "{err}");
}

// The harness's own checks, against a shell that misbehaves on purpose.

#[test]
fn harness_detects_an_unrestored_terminal() {
    let script =
        r"printf '\033[?1049h\033[?25l\033[?1000h\033[?1006h\033[?2004h\033[>1u'; stty raw -echo";
    let mut pty = Pty::spawn_program("sh", &["-c", script], &[], 80, 24);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    let err = pty.terminal_restored().unwrap_err();
    for problem in [
        "alternate screen",
        "1049",
        "cursor hidden",
        "mouse reporting on",
        "mouse encoding",
        "bracketed paste",
        "keyboard enhancement",
        "raw mode",
    ] {
        assert!(err.contains(problem), "missing {problem:?} in: {err}");
    }
}

#[test]
fn harness_accepts_a_restored_terminal() {
    let script = r"printf '\033[?1049h\033[?25l\033[?1000h\033[?1006h\033[>1u'; stty raw -echo; stty sane; printf '\033[<1u\033[?1006l\033[?1000l\033[?25h\033[?1049l'";
    let mut pty = Pty::spawn_program("sh", &["-c", script], &[], 80, 24);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn harness_resizes_sends_keys_and_signals() {
    let script = r#"trap 'echo got-term; exit 7' TERM; read line; echo "read:$line"; stty size; while :; do sleep 0.05; done"#;
    let mut pty = Pty::spawn_program("sh", &["-c", script], &[], 80, 24);
    pty.resize(100, 40);
    pty.send("hello");
    pty.enter();
    pty.wait_text("read:hello").unwrap();
    pty.wait_text("40 100").unwrap();
    pty.signal("TERM");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(7));
    assert!(pty.screen_text().contains("got-term"));
    assert_eq!(pty.exit_signal(), None);
}

#[test]
fn harness_answers_the_cursor_position_query() {
    // Raw mode so the reply is readable without a newline; `dd` reads it.
    let script = r"stty raw -echo; printf 'abc\033[6n'; r=$(dd bs=1 count=6 2>/dev/null); stty sane; printf '\nreply:%s\n' $(printf '%s' $r | tr -d '\033')";
    let mut pty = Pty::spawn_program("sh", &["-c", script], &[], 80, 24);
    pty.wait_text("reply:[1;4R").unwrap();
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
}

#[test]
fn harness_reports_a_still_running_program_and_kills_it_on_drop() {
    let mut pty = Pty::spawn_program("sh", &["-c", "echo up; sleep 30"], &[], 80, 24);
    pty.wait_text("up").unwrap();
    assert_eq!(pty.wait_exit(Duration::from_millis(200)), None);
    let pid = pty.pid().unwrap();
    drop(pty);
    let alive = std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(!alive, "sh {pid} outlived the Pty");
}

// Bookmarks and resuming, across sessions sharing one data directory.

fn open_in(data: &std::path::Path, file: &std::path::Path, extra: &[&str], wait: &str) -> Pty {
    let mut args = vec!["--data-dir", data.to_str().unwrap(), file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let pty = Pty::spawn(&args, &[], 120, 30);
    pty.wait_text(wait).unwrap();
    whole_frame(&pty);
    pty
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

fn print_bookmarks(data: &std::path::Path, file: &std::path::Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--data-dir", data.to_str().unwrap(), "--bookmarks"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_bookmark_survives_quitting_and_exports_with_attribution() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::copy("assets/llamacon-2025.txt", &file).unwrap();

    let mut pty = open_in(&data, &file, &[], "大模型的竞争远远没有结束");
    // Section 1, second turn: 纳德拉's first sentence.
    pty.send("]J");
    pty.wait_text("纳德拉 · turn 3/27").unwrap();
    pty.send("m");
    pty.wait_text("bookmarked").unwrap();
    quit(pty);

    let pty = open_in(&data, &file, &[], "纳德拉 · turn 3/27");
    let screen = pty.screen_text();
    let marked = screen
        .lines()
        .find(|l| l.contains('▍'))
        .expect("the mark is shown");
    assert!(marked.contains("我加入微软时"), "{marked}");
    quit(pty);

    let md = print_bookmarks(&data, &file);
    assert!(md.starts_with("> 我加入微软时,正值Windows 3发布"), "{md}");
    assert!(
        md.contains("— 纳德拉, §01 “深度应用”,即将到来 (line 20)"),
        "{md}"
    );
}

#[test]
fn a_bookmark_follows_its_sentence_when_the_file_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::copy("assets/llamacon-2025.txt", &file).unwrap();

    // A sentence of the preamble, so the inserted paragraph shifts it.
    let mut pty = open_in(&data, &file, &[], "大模型的竞争远远没有结束");
    pty.send("jjm");
    pty.wait_text("bookmarked").unwrap();
    quit(pty);
    let before = print_bookmarks(&data, &file);
    assert!(
        before.starts_with("> 先是有阿里在4月29日凌晨发布开源模型Qwen"),
        "{before}"
    );

    // Insert a paragraph near the top.
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("\n\n\"", "\n\n\"编者按:这是一段新加的导语。\n", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, edited).unwrap();

    let pty = open_in(&data, &file, &["--no-resume"], "编者按");
    let screen = pty.screen_text();
    let marked = screen
        .lines()
        .find(|l| l.contains('▍'))
        .expect("the mark is shown");
    assert!(marked.contains("先是有阿里"), "{screen}");
    quit(pty);
    let after = print_bookmarks(&data, &file);
    let quote = |md: &str| md.lines().next().unwrap_or("").to_string();
    assert_eq!(quote(&after), quote(&before));
    assert!(!after.contains("Detached"), "{after}");
}

#[test]
fn reopening_resumes_where_you_left_and_no_resume_starts_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::copy("assets/llamacon-2025.txt", &file).unwrap();

    let mut pty = open_in(&data, &file, &[], "§1/5");
    pty.send("]]]jj");
    pty.wait_text("§4/5").unwrap();
    quit(pty);

    let pty = open_in(&data, &file, &[], "§4/5");
    quit(pty);
    let pty = open_in(&data, &file, &["--no-resume"], "§1/5");
    quit(pty);
}

#[test]
fn y_puts_the_quote_with_attribution_on_the_clipboard_through_osc_52() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut pty = Pty::spawn(&["--data-dir", data.to_str().unwrap()], &[], 120, 30);
    pty.wait_text("大模型的竞争远远没有结束").unwrap();
    pty.send("]J");
    pty.wait_text("纳德拉 · turn 3/27").unwrap();
    pty.send("y");
    pty.wait_text("characters to the terminal (OSC 52)")
        .unwrap();
    // What was copied first, so a narrow line keeps it.
    pty.wait_text("copied “我加入微软时").unwrap();
    let copied = pty.clipboard();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(
        copied[0].starts_with("“我加入微软时,正值Windows 3发布"),
        "{copied:?}"
    );
    assert!(
        copied[0].ends_with("” — 纳德拉, §01 “深度应用”,即将到来 (line 20)"),
        "{copied:?}"
    );
    quit(pty);
}
