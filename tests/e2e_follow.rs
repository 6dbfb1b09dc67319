//! `tread -f FILE` in a pseudo-terminal while another thread writes the
//! file, as a speech-to-text program does: appended turns appear, the view
//! stays put once the user moves up and counts what arrives, and a file
//! truncated and written again is read again without losing the place;
//! and `tread -f -` on a pipe a slow writer fills.

mod support;

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use support::pty::Pty;

const TIMEOUT: Duration = Duration::from_secs(20);

fn append(path: &Path, text: &str) {
    let mut f = OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

fn turn(i: usize) -> String {
    let who = if i % 2 == 1 { "Ana" } else { "Ben" };
    format!("{who}: Turn number {i} is here.\n\n")
}

#[test]
fn a_followed_file_shows_what_is_appended_and_recovers_from_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.txt");
    fs::write(&path, (1..=3).map(turn).collect::<String>()).unwrap();
    let file = path.to_str().unwrap();
    let mut pty = Pty::spawn(&["-f", file], &[], 80, 24);
    pty.wait_text("Turn number 3 is here.").unwrap();

    // Appended from another writer: on screen, the view at the end.
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            for i in 4..=30 {
                append(&path, &turn(i));
            }
        })
    };
    writer.join().unwrap();
    pty.wait_text("Turn number 30 is here.").unwrap();

    // Up to the top: what arrives now is counted, the view unmoved.
    pty.send("g");
    pty.wait_text("Turn number 1 is here.").unwrap();
    append(&path, &turn(31));
    append(&path, &turn(32));
    pty.wait_for(|s| s.contents().contains("+2 new turns · G end"), TIMEOUT)
        .unwrap();
    assert!(pty.screen_text().contains("Turn number 1 is here."));
    pty.send("G");
    pty.wait_text("Turn number 32 is here.").unwrap();

    // A recogniser rewriting its partial line: one line, the last version.
    for part in [
        "Ana: The bud\r",
        "Ana: The budget gr\r",
        "Ana: The budget grows by 40%.\n\n",
    ] {
        append(&path, part);
        std::thread::sleep(Duration::from_millis(120));
    }
    pty.wait_text("The budget grows by 40%.").unwrap();
    let screen = pty.screen_text();
    assert_eq!(screen.matches("The bud").count(), 1, "{screen}");

    // Truncated and written again from the top: read again.
    fs::write(&path, "").unwrap();
    fs::write(&path, "Cy: A new start.\n\nDee: And more of it.\n\n").unwrap();
    pty.wait_text("And more of it.").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
}

/// `tread -f -`: standard input followed as a recogniser writes it, its
/// partial line rewritten with carriage returns ending as one line, and
/// its end said.
#[test]
fn followed_standard_input_shows_what_arrives_and_says_when_it_ends() {
    let script = r#"{ printf 'Ana: The first line.\n\n'; sleep 1;
        printf 'Ben: The sec\r'; sleep 0.3; printf 'Ben: The second line, all of it.\n\n';
        sleep 1; } | "$0" -f -"#;
    let tread = env!("CARGO_BIN_EXE_tread");
    let mut pty = Pty::spawn_program("sh", &["-c", script, tread], &[], 80, 24);
    pty.wait_text("The first line.").unwrap();
    pty.wait_text("The second line, all of it.").unwrap();
    assert_eq!(pty.screen_text().matches("The sec").count(), 1);
    pty.wait_text("standard input ended").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
}

#[test]
fn follow_with_only_the_sample_is_a_one_line_error() {
    let mut pty = Pty::spawn(&["-f"], &[], 100, 24);
    assert_eq!(pty.wait_exit(TIMEOUT), Some(2));
    let screen = pty.screen_text();
    assert!(
        screen.contains(
            "tread: --follow needs a FILE, or standard input, to follow, not the bundled sample"
        ),
        "{screen}"
    );
}
