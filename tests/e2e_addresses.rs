//! Addresses end to end, in a real pseudo-terminal: `FILE@§2` opens the
//! reader on section 2 (not where the document was left), `Y` copies the
//! sentence's address and the status line says so, and the address
//! copied opens the reader at that turn again.

mod support;

use support::pty::{Pty, TIMEOUT};

/// Two sections, the first longer than a screen, so a view that shows
/// the second has scrolled to it.
fn talk() -> String {
    let mut text = String::from("Harbour talk\n\n1. Opening\n\n");
    text.push_str("Anna: The harbour opens in May. The fees go up in June.\n");
    for i in 0..20 {
        text.push_str(&format!("Ben: Point {i} of many.\nAnna: Answer {i}.\n"));
    }
    text.push_str("\n2. Later\n\nBen: Not yet, not yet.\nAnna: Then June it is.\n");
    text
}

fn open(data: &std::path::Path, address: &str) -> Pty {
    let args = ["--data-dir", data.to_str().unwrap(), address];
    let pty = Pty::spawn(&args, &[], 100, 24);
    pty.wait_text("[dialogue]").unwrap();
    pty
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

#[test]
fn an_address_opens_the_reader_there_and_y_copies_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, talk()).unwrap();
    let path = file.display().to_string();

    let mut pty = open(&data, &format!("{path}@§2"));
    pty.wait_text("§2/2").unwrap();
    let screen = pty.screen_text();
    assert!(screen.contains("Not yet, not yet."), "{screen}");
    assert!(!screen.contains("The harbour opens"), "{screen}");
    // The next turn, and its address.
    pty.send("J");
    pty.wait_text("· Anna · turn 43/43").unwrap();
    pty.send("Y");
    pty.wait_text("copied talk.txt@§2.t2 · ").unwrap();
    let status = pty.screen_text();
    assert!(status.contains("@§2.t2"), "{status}");
    let copied = pty.clipboard();
    assert_eq!(copied, [format!("{path}@§2.t2")]);
    quit(pty);

    // Left at the last turn; the first turn's address wins over that.
    let pty = open(&data, &format!("{path}@§1.t1"));
    pty.wait_text("· Anna · turn 1/43").unwrap();
    quit(pty);
    // And the copied address opens its turn again.
    let pty = open(&data, &copied[0]);
    pty.wait_text("· Anna · turn 43/43").unwrap();
    quit(pty);
}
