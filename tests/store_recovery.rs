//! Changes a session could not save and left in a recovery file are saved
//! the next time the document's store opens, and the user is told; a file
//! that cannot be saved yet or read stays for next time, and nothing is
//! written out twice.

use std::fs;
use std::path::{Path, PathBuf};

use tread::store::anchor::{Anchor, Span};
use tread::store::bookmarks::{Bookmark, Store};
use tread::store::{DataDirs, DocKey, Warning};
use tread::transcript::{Document, LoadOptions, load};

fn doc() -> Document {
    let text = "ANA: We shipped in May. It went well.\n\nBO: Good to hear.\n";
    load(text.as_bytes(), &LoadOptions::default()).unwrap()
}

fn mark(doc: &Document, note: &str) -> Bookmark {
    let at = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    let span = Span {
        start: at(0),
        end: at(16),
    };
    Bookmark::fresh(doc, span, note).unwrap()
}

struct Setup {
    _tmp: tempfile::TempDir,
    dirs: DataDirs,
    key: DocKey,
    doc: Document,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(tmp.path());
    let doc = doc();
    let key = DocKey::for_content("talk.txt", &doc);
    Setup {
        _tmp: tmp,
        dirs,
        key,
        doc,
    }
}

impl Setup {
    fn bookmarks_dir(&self) -> PathBuf {
        self.dirs.data.join("bookmarks")
    }

    /// A file where the bookmarks directory must be: no save can succeed.
    fn block(&self) {
        let _ = fs::remove_dir_all(self.bookmarks_dir());
        fs::create_dir_all(&self.dirs.data).unwrap();
        fs::write(self.bookmarks_dir(), "not a directory").unwrap();
    }

    fn unblock(&self) {
        fs::remove_file(self.bookmarks_dir()).unwrap();
    }

    fn open(&self) -> (Store, Vec<Warning>) {
        Store::open(&self.dirs, &self.key).unwrap()
    }

    /// A session whose bookmark could not be saved: it quits, and the
    /// change goes to a recovery file, whose path is returned.
    fn unsaved_session(&self) -> PathBuf {
        self.block();
        let (mut s, _) = self.open();
        assert!(s.add(mark(&self.doc, "kept for later")).is_err());
        let w = s.close();
        let [Warning::PendingWritten { count: 1, path }] = &w[..] else {
            panic!("{w:?}")
        };
        path.clone()
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn the_next_open_saves_what_a_session_left_in_a_recovery_file() {
    let s = setup();
    let left = s.unsaved_session();
    s.unblock();
    let (store, warnings) = s.open();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::Recovered { count: 1, .. })),
        "{warnings:?}"
    );
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].note, "kept for later");
    assert!(!left.exists(), "renamed once saved");
    let saved = files_in(left.parent().unwrap());
    assert!(saved[0].ends_with(".json.saved"), "{saved:?}");
    drop(store);
    // Saved for good: the next open recovers nothing and finds it stored.
    let (store, warnings) = s.open();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(store.list().len(), 1);
}

#[test]
fn a_recovery_file_that_cannot_be_saved_yet_stays_and_is_not_written_twice() {
    let s = setup();
    let left = s.unsaved_session();
    let recovery = left.parent().unwrap().to_path_buf();
    // Still blocked: told, the file stays, and quitting writes no copy.
    let (mut store, warnings) = s.open();
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, Warning::RecoveryWaiting { path, .. } if *path == left)),
        "{warnings:?}"
    );
    assert!(store.list().is_empty());
    assert_eq!(store.close(), vec![]);
    assert_eq!(files_in(&recovery).len(), 1);
    s.unblock();
    let (store, _) = s.open();
    assert_eq!(store.list().len(), 1);
}

#[test]
fn an_unreadable_recovery_file_is_left_as_it_is_and_named() {
    let s = setup();
    let left = s.unsaved_session();
    s.unblock();
    fs::write(&left, "{ torn").unwrap();
    let (store, warnings) = s.open();
    let told = warnings.iter().find_map(|w| match w {
        Warning::RecoveryWaiting { path, reason } => Some((path.clone(), reason.clone())),
        _ => None,
    });
    let (path, reason) = told.unwrap_or_else(|| panic!("{warnings:?}"));
    assert_eq!(path, left);
    assert!(reason.starts_with("cannot read them"), "{reason}");
    assert!(store.list().is_empty());
    assert_eq!(fs::read_to_string(&left).unwrap(), "{ torn");
}
