//! Bookmarks that cannot be saved are never dropped at quit: the reader
//! retries, and asks before quitting whether to try again, write them to a
//! file, or leave them in a recovery file. Through the real run loop, with
//! a real store whose directory is blocked (a file where the directory
//! must be: a fault root cannot bypass, unlike permissions).

mod support;

use std::path::{Path, PathBuf};

use support::app::Reader;
use tread::app::shell::Persist;
use tread::app::state::Overlay;
use tread::store::bookmarks::Store;
use tread::tty::run::{Exit, Input};

struct Blocked {
    _dir: tempfile::TempDir,
    store_dir: PathBuf,
    file: PathBuf,
}

impl Blocked {
    fn new() -> Blocked {
        let dir = tempfile::tempdir().unwrap();
        let store_dir = dir.path().join("bookmarks");
        let file = store_dir.join("talk.json");
        Blocked {
            _dir: dir,
            store_dir,
            file,
        }
    }

    fn block(&self) {
        let _ = std::fs::remove_dir_all(&self.store_dir);
        std::fs::write(&self.store_dir, "not a directory").unwrap();
    }

    fn unblock(&self) {
        std::fs::remove_file(&self.store_dir).unwrap();
    }

    fn saved(&self) -> usize {
        let (store, _) = Store::open_file(self.file.clone(), "talk").unwrap();
        store.list().len()
    }
}

/// The reader on a sentence of the sample, its store blocked, one `m` made.
fn marked(b: &Blocked) -> Reader {
    let mut r = Reader::new(100, 30);
    let (store, _) = Store::open_file(b.file.clone(), "talk").unwrap();
    r.shell.persist = Some(Persist::new(Some(store)));
    b.block();
    r.keys("]jj");
    r.keys("m");
    let message = r.state.message().unwrap_or_default();
    assert!(message.contains("kept"), "{message}");
    // A failure the shell reports is a warning: it waits to be read.
    assert!(r.state.status_message().unwrap().is_warning());
    r
}

fn prompt_open(r: &Reader) -> bool {
    matches!(r.state.overlay(), Some(&Overlay::Unsaved { .. }))
}

#[test]
fn quitting_with_unsaved_bookmarks_asks_and_retry_saves_them() {
    let b = Blocked::new();
    let mut r = marked(&b);
    assert_eq!(r.keys("q"), Exit::EventsEnded, "q must not quit yet");
    assert!(prompt_open(&r));
    let screen = r.screen();
    assert!(screen.contains("Unsaved bookmarks"), "{screen}");
    assert!(
        screen.contains("1 bookmark change is not saved."),
        "{screen}"
    );
    assert!(screen.contains("r     try saving again"), "{screen}");
    assert!(
        screen.contains("Q     quit; they go to a recovery file"),
        "{screen}"
    );

    // Still blocked: the prompt stays, and says why.
    assert_eq!(r.keys("r"), Exit::EventsEnded);
    assert!(prompt_open(&r));
    assert_eq!(b.saved(), 0);

    b.unblock();
    assert_eq!(r.keys("r"), Exit::Quit);
    assert_eq!(b.saved(), 1);
}

#[test]
fn the_unsaved_bookmarks_can_be_written_to_a_named_file() {
    let b = Blocked::new();
    let mut r = marked(&b);
    r.keys("q");
    r.keys("w");
    let target = b._dir.path().join("kept.json");
    let mut script = String::new();
    for _ in 0..80 {
        script.push_str("<bs>");
    }
    script.push_str(target.to_str().unwrap());
    assert_eq!(r.keys(&script), Exit::EventsEnded);
    assert!(r.screen().contains("file: "), "{}", r.screen());
    assert_eq!(r.keys("<enter>"), Exit::Quit);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"quote\""), "{written}");
}

#[test]
fn escape_keeps_reading_and_an_idle_moment_saves_once_the_disk_is_back() {
    let b = Blocked::new();
    let mut r = marked(&b);
    r.keys("q");
    r.keys("<esc>");
    assert!(!prompt_open(&r));
    let message = r.state.message().unwrap_or_default();
    assert!(message.contains("still unsaved"), "{message}");

    b.unblock();
    r.input(vec![Input::Idle]);
    assert_eq!(b.saved(), 1);
    let message = r.state.message().unwrap_or_default();
    assert!(message.contains("saved"), "{message}");
    // A success is information, gone with the next key or in a few seconds.
    assert!(!r.state.status_message().unwrap().is_warning());
    assert_eq!(r.keys("q"), Exit::Quit, "nothing unsaved: q quits");
}

#[test]
fn quit_anyway_quits() {
    let b = Blocked::new();
    let mut r = marked(&b);
    r.keys("q");
    assert_eq!(r.keys("Q"), Exit::Quit);
    assert!(Path::new(&b.store_dir).is_file());
}
