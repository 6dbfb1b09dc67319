//! Progressive loading in a pseudo-terminal: a slow pipe shows a loading
//! screen at once and the transcript when it comes; a large file shows its
//! first part while the rest is read, `G` pressed meanwhile ends at the
//! end of the whole, and the bookmarks saved for it come back once it is
//! all read.

mod support;

use std::fmt::Write as _;
use std::time::Duration;

use support::pty::Pty;

const TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn a_slow_pipe_shows_a_loading_screen_then_the_transcript() {
    let script = r#"{ sleep 2; cat "$1"; } | "$0""#;
    let tread = env!("CARGO_BIN_EXE_tread");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/llamacon-2025.txt");
    let mut pty = Pty::spawn_program("sh", &["-c", script, tread, sample], &[], 100, 24);
    pty.wait_text("Waiting for stdin…").unwrap();
    assert!(pty.screen_text().contains("loading · nothing read yet"));
    pty.wait_text("大模型的竞争远远没有结束。").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
}

/// About 3 MB of numbered turns, more than is read before the reader
/// opens; the last turn says which it is.
fn large_transcript(turns: usize) -> String {
    let mut text = String::from("# A long hearing\n\n");
    for i in 1..=turns {
        let who = ["Ana", "Ben", "Cy"][i % 3];
        let _ = write!(
            text,
            "{who}: This is turn number {i}, which goes on for a while so that \
             the file is large enough to be read in parts by the reader.\n\n"
        );
    }
    text
}

#[test]
fn a_large_file_opens_on_its_first_part_and_g_waits_for_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let turns = 22_000;
    std::fs::write(&path, large_transcript(turns)).unwrap();
    let file = path.to_str().unwrap();
    let mut pty = Pty::spawn(&[file], &[], 100, 24);
    pty.wait_text("This is turn number 1,").unwrap();
    pty.send("G");
    pty.wait_text(&format!("This is turn number {turns},"))
        .unwrap();
    pty.wait_text(&format!("turn {turns}/{turns}")).unwrap();
    assert!(!pty.screen_text().contains("loading"));
    // A bookmark, saved once all is read; the next opening finds it.
    pty.send("m");
    pty.wait_text("bookmarked").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--bookmarks", file])
        .env("XDG_DATA_HOME", pty.home().join(".local/share"))
        .env("XDG_STATE_HOME", pty.home().join(".local/state"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains(&format!("turn number {turns},")),
        "{listed}"
    );
}

/// A format the user named that does not fit is the one-line error it
/// always was, however large the file: it is read whole before the reader.
#[test]
fn a_large_file_in_a_named_format_that_does_not_fit_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, large_transcript(22_000)).unwrap();
    let mut pty = Pty::spawn(&["--format", "vtt", path.to_str().unwrap()], &[], 100, 24);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(1));
    let screen = pty.screen_text();
    assert!(screen.contains("not a WebVTT file"), "{screen}");
}
