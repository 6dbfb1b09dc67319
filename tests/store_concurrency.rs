//! Two processes on one document's bookmarks: adding at once loses nothing,
//! marking the same words makes one bookmark, and a delete in one is not
//! undone by a stale edit in the other (whose user is told).
//!
//! The tests re-run their own binary as children (the `child_*` tests do
//! nothing unless `CHILD_ENV` is set); children and parent meet through
//! marker files in the shared directory.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tread::store::anchor::{Anchor, Span};
use tread::store::{Bookmark, DataDirs, DocKey, Store, Warning};
use tread::transcript::{Document, Section, Turn};

const CHILD_ENV: &str = "TREAD_TEST_CONCURRENT_DIR";
const TAG_ENV: &str = "TREAD_TEST_CONCURRENT_TAG";
const SAME_ENV: &str = "TREAD_TEST_CONCURRENT_SAME";
const EACH: usize = 50;
const SAME: usize = 10;

fn document() -> Document {
    Document {
        sections: vec![Section {
            turns: vec![Turn {
                speaker: Some("Grace".into()),
                line: 1,
                end_line: 1,
                paragraphs: vec!["Two readers, one document, no lost bookmarks.".into()],
                time: None,
            }],
            ..Section::default()
        }],
        ..Document::default()
    }
}

fn key(doc: &Document) -> DocKey {
    DocKey::for_content("shared.txt", doc)
}

fn open(dir: &Path) -> (Store, Vec<Warning>) {
    let dirs = DataDirs::resolve(Some(dir)).unwrap();
    Store::open(&dirs, &key(&document())).unwrap()
}

fn span(from: usize, to: usize) -> Span {
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    Span {
        start: a(from),
        end: a(to),
    }
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(Instant::now() < deadline, "waited in vain for {path:?}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn spawn(test: &str, dir: &Path, tag: &str, same: bool) -> Child {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir)
        .env(TAG_ENV, tag)
        .stdout(Stdio::null());
    if same {
        c.env(SAME_ENV, "1");
    }
    c.spawn().unwrap()
}

/// A child: add bookmarks, each of its own words (every span differs, in
/// this child and from the other's), or the same words as the other child.
#[test]
fn child_adder() {
    let (Some(dir), Ok(tag)) = (std::env::var_os(CHILD_ENV), std::env::var(TAG_ENV)) else {
        return;
    };
    let dir = Path::new(&dir);
    let same = std::env::var_os(SAME_ENV).is_some();
    let doc = document();
    // Open before the start signal, so each holds a stale view to merge onto.
    let (mut store, _) = open(dir);
    // What is tested is the merge, not the wait: on a loaded machine the
    // other child can hold the lock past the reader's 250 ms.
    store.set_lock_timeout(Duration::from_secs(20));
    wait_for(&dir.join("go"));
    let longer = if tag == "a" { 0 } else { 10 };
    for i in 0..if same { SAME } else { EACH } {
        let s = match same {
            true => span(i, 20),
            false => span(i % 25, i % 25 + 3 + i / 25 + longer),
        };
        let b = Bookmark::fresh(&doc, s, &format!("{tag}-{i}")).unwrap();
        store.add(b).unwrap();
    }
}

fn run_two_adders(dir: &Path, same: bool) {
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|tag| spawn("child_adder", dir, tag, same))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(dir.join("go"), "").unwrap();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a child failed");
    }
}

#[test]
fn two_processes_add_fifty_each_and_all_survive() {
    let tmp = tempfile::tempdir().unwrap();
    run_two_adders(tmp.path(), false);
    let (store, warnings) = open(tmp.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    let notes: BTreeSet<_> = store.list().iter().map(|b| b.note.clone()).collect();
    let expected: BTreeSet<_> = ["a", "b"]
        .iter()
        .flat_map(|t| (0..EACH).map(move |i| format!("{t}-{i}")))
        .collect();
    assert_eq!(notes, expected);
    let ids: BTreeSet<_> = store.list().iter().map(|b| &b.id).collect();
    assert_eq!(ids.len(), 2 * EACH, "ids are unique and none duplicated");
}

#[test]
fn two_processes_marking_the_same_words_make_one_bookmark_of_each() {
    let tmp = tempfile::tempdir().unwrap();
    run_two_adders(tmp.path(), true);
    let (store, warnings) = open(tmp.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(store.list().len(), SAME, "{:#?}", store.list());
    let spans: BTreeSet<_> = store.list().iter().map(|b| b.span().start.offset).collect();
    assert_eq!(spans.len(), SAME);
    // Each kept the note of whichever child saved its mark first.
    for b in store.list() {
        let i = b.span().start.offset;
        assert!(
            b.note == format!("a-{i}") || b.note == format!("b-{i}"),
            "{}",
            b.note
        );
    }
}

/// A child that loaded the bookmark before the parent deleted it, then
/// edits its note.
#[test]
fn child_stale_editor() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let (mut store, _) = open(dir);
    store.set_lock_timeout(Duration::from_secs(20));
    let id = store.list()[0].id.clone();
    std::fs::write(dir.join("editor-open"), "").unwrap();
    wait_for(&dir.join("removed"));
    assert!(
        store.set_note(&id, "a stale edit").unwrap(),
        "it had not seen the delete"
    );
    let warnings = store.take_warnings();
    assert!(
        matches!(&warnings[..], [Warning::DeletedElsewhere { .. }]),
        "{warnings:?}"
    );
    std::fs::write(dir.join("editor-told"), warnings[0].to_string()).unwrap();
}

#[test]
fn a_delete_in_one_process_beats_a_stale_edit_in_another() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = open(tmp.path());
    let doc = document();
    let b = Bookmark::fresh(&doc, span(0, 11), "").unwrap();
    store.add(b.clone()).unwrap();
    let mut editor = spawn("child_stale_editor", tmp.path(), "editor", false);
    wait_for(&tmp.path().join("editor-open"));
    store.remove(&b.id).unwrap();
    std::fs::write(tmp.path().join("removed"), "").unwrap();
    assert!(editor.wait().unwrap().success(), "the editor failed");

    let told = std::fs::read_to_string(tmp.path().join("editor-told")).unwrap();
    assert!(
        told.contains("deleted in another window") && told.contains("Two readers"),
        "{told}"
    );
    let (after, _) = open(tmp.path());
    assert!(after.list().is_empty(), "the delete was not undone");
    store.refresh().unwrap();
    assert!(
        store.list().is_empty(),
        "the stale edit is ignored here too"
    );
}
