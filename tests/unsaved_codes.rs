//! Codebook changes that cannot be saved are never dropped at quit: the
//! prompt about unsaved changes counts them with the bookmarks', retrying
//! retries them, writing keeps the codebook in a `.qdc` the user names,
//! and quitting anyway leaves one in the recovery directory. Each way
//! gives a codebook `tread --import-codes` reads back.

mod support;

use std::path::{Path, PathBuf};

use support::app::Reader;
use tread::app::shell::Persist;
use tread::app::state::Overlay;
use tread::store::bookmarks::Store;
use tread::store::codes::CodebookFile;
use tread::store::refi::read_codes;
use tread::tty::run::Exit;

struct Setup {
    dir: tempfile::TempDir,
    /// The codebook's directory, blocked by a file where it must be.
    data: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Setup { dir, data }
    }

    fn recovery(&self) -> PathBuf {
        self.dir.path().join("state/recovery")
    }

    fn unblock(&self) {
        std::fs::remove_file(&self.data).unwrap();
    }

    /// The reader with a working bookmark store and a blocked codebook,
    /// one quote coded `pricing`.
    fn coded(&self) -> Reader {
        let mut r = Reader::new(100, 30);
        let (store, _) = Store::open_file(self.dir.path().join("b.json"), "talk").unwrap();
        let (book, _) = CodebookFile::open_file(self.data.join("codebook.json"));
        // Opening made the directory (for its lock): a file takes its place.
        std::fs::remove_dir_all(&self.data).unwrap();
        std::fs::write(&self.data, "not a directory").unwrap();
        let persist = Persist::new(Some(store))
            .with_codebook(Some(book))
            .with_recovery_dir(self.recovery());
        r.shell.persist = Some(persist);
        r.keys("]jjCpricing<enter>");
        let message = r.state.message().unwrap_or_default();
        assert!(
            message.starts_with("codes kept, not saved yet"),
            "{message}"
        );
        r
    }
}

fn prompt_open(r: &Reader) -> bool {
    matches!(r.state.overlay(), Some(&Overlay::Unsaved { .. }))
}

fn names_in(path: &Path) -> Vec<String> {
    let codes = read_codes(&std::fs::read(path).unwrap()).unwrap();
    codes.into_iter().map(|c| c.name).collect()
}

#[test]
fn quitting_with_unsaved_codes_asks_and_retry_saves_them() {
    let s = Setup::new();
    let mut r = s.coded();
    assert_eq!(r.keys("q"), Exit::EventsEnded, "q must not quit yet");
    assert!(prompt_open(&r));
    let screen = r.screen();
    assert!(screen.contains("Unsaved codes"), "{screen}");
    assert!(
        screen.contains("codebook changes are not saved."),
        "{screen}"
    );

    assert_eq!(r.keys("r"), Exit::EventsEnded, "still blocked");
    let message = r.state.message().unwrap_or_default();
    assert!(message.starts_with("codebook still not saved"), "{message}");
    s.unblock();
    assert_eq!(r.keys("r"), Exit::Quit);
    let (saved, _) = CodebookFile::open_file(s.data.join("codebook.json"));
    assert!(saved.book().find("pricing").is_some());
}

#[test]
fn the_unsaved_codebook_can_be_written_to_a_named_file() {
    let s = Setup::new();
    let mut r = s.coded();
    r.keys("qw");
    assert!(
        r.screen().contains("sample.unsaved-codes.qdc"),
        "{}",
        r.screen()
    );
    let target = s.dir.path().join("kept.qdc");
    let script = "<bs>".repeat(80) + target.to_str().unwrap() + "<enter>";
    assert_eq!(r.keys(&script), Exit::Quit);
    assert_eq!(names_in(&target), ["pricing"]);
    let lines = r.shell.persist.as_mut().unwrap().close();
    assert!(
        lines.iter().any(|l| l.contains("--import-codes")),
        "{lines:?}"
    );
    assert!(!s.recovery().exists(), "kept once, where asked");
}

#[test]
fn quitting_anyway_leaves_the_codebook_in_a_recovery_file() {
    let s = Setup::new();
    let mut r = s.coded();
    r.keys("q");
    assert_eq!(r.keys("Q"), Exit::Quit);
    let lines = r.shell.persist.as_mut().unwrap().close();
    let files: Vec<PathBuf> = std::fs::read_dir(s.recovery())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(names_in(&files[0]), ["pricing"]);
    let told = lines.join("\n");
    assert!(told.contains("not saved in"), "{told}");
    assert!(
        told.contains(&format!("--import-codes {}", files[0].display())),
        "{told}"
    );
}
