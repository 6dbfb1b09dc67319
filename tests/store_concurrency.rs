//! Two instances adding bookmarks to one document at once lose nothing.
//!
//! The test re-runs its own binary twice as children (only when `CHILD_ENV`
//! is set does `child_adder` do anything); both open the store, wait for a
//! common start signal, and add 50 bookmarks each.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tread::store::anchor::{Anchor, Span};
use tread::store::{Bookmark, DataDirs, DocKey, Store};
use tread::transcript::{Document, Section, Turn};

const CHILD_ENV: &str = "TREAD_TEST_CONCURRENT_DIR";
const TAG_ENV: &str = "TREAD_TEST_CONCURRENT_TAG";
const EACH: usize = 50;

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

#[test]
fn child_adder() {
    let (Some(dir), Ok(tag)) = (std::env::var_os(CHILD_ENV), std::env::var(TAG_ENV)) else {
        return;
    };
    let dir = Path::new(&dir);
    let doc = document();
    let dirs = DataDirs::resolve(Some(dir)).unwrap();
    // Open before the start signal, so each holds a stale view to merge onto.
    let (mut store, _) = Store::open(&dirs, &key(&doc)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !dir.join("go").exists() {
        assert!(Instant::now() < deadline, "no start signal");
        std::thread::sleep(Duration::from_millis(1));
    }
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    for i in 0..EACH {
        let span = Span {
            start: a(i % 10),
            end: a(20),
        };
        let b = Bookmark::new(&doc, span, &format!("{tag}-{i}")).unwrap();
        store.add(b).unwrap();
    }
}

#[test]
fn two_processes_add_fifty_each_and_all_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|tag| {
            Command::new(&exe)
                .args(["--exact", "child_adder", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, tmp.path())
                .env(TAG_ENV, tag)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(tmp.path().join("go"), "").unwrap();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a child failed");
    }

    let doc = document();
    let dirs = DataDirs::resolve(Some(tmp.path())).unwrap();
    let (store, warnings) = Store::open(&dirs, &key(&doc)).unwrap();
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
