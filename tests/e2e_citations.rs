//! Citations end to end, in a real pseudo-terminal: a bookmark whose text
//! is deleted stays with its own speaker, detached, in the reader's list
//! and in `--bookmarks`; a copy of the file finds its bookmarks; the quote
//! bank lists every place the document was seen.

mod support;

use std::path::Path;

use support::pty::{Pty, TIMEOUT};
use support::session::{self, open_reader as open};

/// Anna's `Not yet.` and Ben's similar words in another section: deleting
/// Anna's must not hand her bookmark to Ben.
const TALK: &str = "\
Harbour talk

1. Opening

Anna: The harbour opens in May. Not yet.
Ben: We will see about that.

2. Later

Ben: Not yet, not yet. It opens in June.
Anna: Then June it is.
";

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    pty.terminal_restored().unwrap();
}

/// Esc, then wait for the list to go: a key sent at once would be read as
/// the rest of an escape sequence.
fn close_list(pty: &mut Pty) {
    pty.esc();
    pty.wait_for(|s| !s.contents().contains("detached"), TIMEOUT)
        .unwrap();
}

fn tread(data: &Path, args: &[&str]) -> String {
    String::from_utf8(session::print(data, args)).unwrap()
}

#[test]
fn a_deleted_quote_stays_detached_with_its_speaker_and_a_copy_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, TALK).unwrap();

    // Anna's second sentence: `Not yet.`
    let mut pty = open(&data, &file);
    pty.send("j");
    pty.wait_text("Anna").unwrap();
    pty.send("m");
    pty.wait_text("bookmarked").unwrap();
    quit(pty);
    let md = tread(&data, &["--bookmarks", file.to_str().unwrap()]);
    assert!(md.starts_with("> Not yet.\n"), "{md}");
    assert!(md.contains("— Anna, §1 Opening"), "{md}");

    std::fs::write(&file, TALK.replace(" Not yet.\n", "\n")).unwrap();
    let md = tread(&data, &["--bookmarks", file.to_str().unwrap()]);
    assert!(md.contains("## Detached bookmarks"), "{md}");
    assert!(md.contains("> Not yet.\n"), "{md}");
    assert!(md.contains("— Anna"), "{md}");
    assert!(!md.contains("— Ben"), "given to another speaker: {md}");

    // The reader's list says the same.
    let mut pty = open(&data, &file);
    pty.send("'");
    pty.wait_text("Not yet.").unwrap();
    let screen = pty.screen_text();
    assert!(screen.contains("detached"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("detached"))
        .unwrap_or_default();
    assert!(row.contains("Anna") && !row.contains("Ben"), "{screen}");
    close_list(&mut pty);
    quit(pty);

    // A copy elsewhere finds the bookmark, shown as detached there too.
    let copy = dir.path().join("elsewhere/copy.txt");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(&file, &copy).unwrap();
    let mut pty = open(&data, &copy);
    pty.send("'");
    pty.wait_text("Not yet.").unwrap();
    close_list(&mut pty);
    quit(pty);

    let bank = tread(&data, &["--bookmarks", "--all"]);
    assert_eq!(bank.matches("> Not yet.").count(), 1, "{bank}");
    assert!(bank.contains(copy.to_str().unwrap()), "{bank}");
    assert!(bank.contains(file.to_str().unwrap()), "{bank}");
}

#[test]
fn reading_without_changes_writes_nothing_but_the_position() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, TALK).unwrap();
    let pty = open(&data, &file);
    quit(pty);
    let _ = tread(&data, &["--bookmarks", file.to_str().unwrap()]);
    let mut written: Vec<String> = walk(&data);
    written.sort();
    assert_eq!(written, ["state/positions.json"], "{written:?}");
}

/// Every file under `root`, relative to it (lock files of the positions
/// store excepted: one, reused, in the state directory).
fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with("positions.json.lock") {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    out
}
