//! The library end to end, in a real pseudo-terminal: `tread DIR` lists
//! the folder's transcripts (a binary file greyed with why), `/` searches
//! them all, `Enter` on a hit opens the reader on the hit's text, `n` past
//! its last hit opens the next file with hits, `Y` copies the hit's
//! address, `Backspace` comes back to the library, and `q` quits with the
//! terminal restored; the address copied opens the reader at that turn.

mod support;

use std::fs;

use support::pty::{Pty, TIMEOUT};

const HARBOUR: &str = "\
Harbour talk

Anna: The harbour opens in May. The tolls go up in June.
Ben: We will see about the tolls.
";

const SRT: &str = "1\n00:00:01,000 --> 00:00:03,000\nCARL: Tolls again, and the ferry.\n\n\
2\n00:00:04,000 --> 00:00:06,000\nDANA: No more about ferries.\n";

#[test]
fn open_a_folder_search_it_open_a_hit_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("harbour.txt"), HARBOUR).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/ferry.srt"), SRT).unwrap();
    fs::write(
        dir.path().join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let mut pty = Pty::spawn(&[path], &[], 100, 30);
    pty.wait_text("Harbour talk").unwrap();
    pty.wait_text("not a transcript").unwrap();
    // The selected row's path on the status line.
    pty.wait_text(" harbour.txt · 3 files · 1 not a transcript")
        .unwrap();
    pty.send("G");
    pty.wait_text(" sub/ferry.srt · 3 files").unwrap();

    pty.send("/tolls");
    pty.wait_text("3 hits in 2 transcripts").unwrap();
    pty.wait_text("harbour.txt (2 hits)").unwrap();
    // To the results; the first row is the first file's header, then its hits.
    pty.enter();
    pty.send("jj");
    pty.enter();
    // The reader, on the second hit of harbour.txt, the search shown.
    pty.wait_text("§ Harbour talk").unwrap();
    // `›` marks the current match's line.
    pty.wait_text("›We will see about the tolls.").unwrap();
    // n past the last: the next file with hits, at its first.
    pty.send("n");
    pty.wait_text("›Tolls again, and the ferry.").unwrap();
    // Its address, copied: the path as the library found it, the turn.
    pty.send("Y");
    pty.wait_text("copied ferry.srt@§1.t1 · ").unwrap();
    let address = pty.clipboard().pop().unwrap();
    assert!(address.ends_with("/sub/ferry.srt@§1.t1"), "{address}");
    // Backspace: the library, on the results still.
    pty.send_bytes(b"\x7f");
    pty.wait_text("search tolls · 3 hits in 2 transcripts")
        .unwrap();
    // Esc to the rows, Enter on the first: the reader as `tread FILE` opens it.
    pty.esc();
    // The header row again (and Esc read alone, not as Alt with the next key).
    pty.wait_text("title ").unwrap();
    pty.send("g");
    pty.enter();
    pty.wait_text("§ Harbour talk").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();

    // The address reopens the reader on that turn, not where it was left.
    let mut pty = Pty::spawn(&[&address], &[], 100, 30);
    pty.wait_text("[dialogue]").unwrap();
    pty.wait_text("· CARL · turn 1/2").unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
}

#[test]
fn a_folder_without_a_terminal_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), HARBOUR).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tread"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("tread: ") && err.contains("library"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
