//! What the bookmark store does to the file system: nothing when only
//! reading, no lock files, and never a file created through a symbolic link
//! (at the log, the snapshot, a stray temporary name, a recovery file or
//! the positions lock).

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tread::store::anchor::{Anchor, Span};
use tread::store::{Bookmark, DataDirs, DocKey, Positions, Store, Warning};
use tread::transcript::{Document, Section, Turn};

fn document() -> Document {
    Document {
        sections: vec![Section {
            turns: vec![Turn {
                speaker: Some("Ada".into()),
                paragraphs: vec!["Links are followed by no one here.".into()],
                ..Turn::default()
            }],
            ..Section::default()
        }],
        ..Document::default()
    }
}

fn mark(from: usize) -> Bookmark {
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    let span = Span {
        start: a(from),
        end: a(from + 5),
    };
    Bookmark::fresh(&document(), span, "").unwrap()
}

struct Setup {
    tmp: tempfile::TempDir,
    dirs: DataDirs,
    key: DocKey,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(&tmp.path().join("data"));
    let key = DocKey::for_content("links.txt", &document());
    Setup { tmp, dirs, key }
}

impl Setup {
    fn snapshot(&self) -> PathBuf {
        self.dirs.bookmarks_file(&self.key)
    }
    fn log(&self) -> PathBuf {
        self.snapshot().with_extension("log")
    }
    /// A place outside the data directory that links point to.
    fn outside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
}

/// Every path under `dir` with its bytes and modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        let meta = fs::symlink_metadata(&p).unwrap();
        if meta.is_dir() {
            out.insert(p.clone(), (Vec::new(), meta.modified().ok()));
            out.extend(tree(&p));
        } else {
            out.insert(
                p.clone(),
                (fs::read(&p).unwrap_or_default(), meta.modified().ok()),
            );
        }
    }
    out
}

#[test]
fn opening_without_changing_creates_nothing() {
    let s = setup();
    let (store, w) = Store::open(&s.dirs, &s.key).unwrap();
    assert!(w.is_empty() && store.list().is_empty());
    drop(store);
    assert!(!s.dirs.data.exists(), "no data directory made for reading");

    let (mut store, _) = Store::open(&s.dirs, &s.key).unwrap();
    store.add(mark(0)).unwrap();
    store.add(mark(6)).unwrap();
    drop(store);
    let before = tree(s.tmp.path());
    let (mut store, _) = Store::open(&s.dirs, &s.key).unwrap();
    assert_eq!(store.list().len(), 2);
    assert!(!store.refresh().unwrap());
    assert!(store.close().is_empty());
    assert_eq!(
        tree(s.tmp.path()),
        before,
        "open, refresh and close wrote nothing"
    );
}

#[test]
fn a_read_only_opening_creates_renames_and_writes_nothing() {
    let s = setup();
    let (store, w) = Store::open_read_only(&s.dirs, &s.key).unwrap();
    assert!(w.is_empty() && store.list().is_empty());
    assert!(!s.dirs.data.exists());

    let (mut store, _) = Store::open(&s.dirs, &s.key).unwrap();
    store.add(mark(0)).unwrap();
    store.add(mark(6)).unwrap();
    drop(store);
    let before = tree(s.tmp.path());
    let (mut ro, w) = Store::open_read_only(&s.dirs, &s.key).unwrap();
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(ro.list().len(), 2, "the snapshot and the log are both read");
    assert!(ro.add(mark(12)).is_err() && ro.compact().is_err());
    ro.close();
    assert_eq!(tree(s.tmp.path()), before);

    // A damaged file is reported, not set aside.
    fs::write(s.snapshot(), "{\"version\": 2, \"bookm").unwrap();
    let before = tree(s.tmp.path());
    let (_, w) = Store::open_read_only(&s.dirs, &s.key).unwrap();
    assert!(matches!(&w[..], [Warning::Damaged { .. }]), "{w:?}");
    assert_eq!(tree(s.tmp.path()), before);
}

#[test]
fn a_link_at_the_log_is_never_followed() {
    let s = setup();
    fs::create_dir_all(s.snapshot().parent().unwrap()).unwrap();
    let target = s.outside("planted.log");
    symlink(&target, s.log()).unwrap();
    let (mut store, w) = Store::open(&s.dirs, &s.key).unwrap();
    let [Warning::ReadOnly { reason, .. }] = &w[..] else {
        panic!("{w:?}")
    };
    assert!(reason.contains("symbolic link"), "{reason}");
    assert!(store.add(mark(0)).is_err());
    assert!(store.has_unsaved());
    let (mut ro, _) = Store::open_read_only(&s.dirs, &s.key).unwrap();
    assert!(ro.refresh().is_ok());
    assert!(!target.exists(), "nothing created where the link points");
    assert!(fs::symlink_metadata(s.log()).unwrap().is_symlink());
}

#[test]
fn a_link_at_the_snapshot_is_replaced_not_written_through() {
    let s = setup();
    fs::create_dir_all(s.snapshot().parent().unwrap()).unwrap();
    let target = s.outside("planted.json");
    symlink(&target, s.snapshot()).unwrap();
    let (mut store, w) = Store::open(&s.dirs, &s.key).unwrap();
    assert!(w.is_empty(), "a dangling link reads as no file: {w:?}");
    store.add(mark(0)).unwrap();
    assert!(!target.exists());
    let meta = fs::symlink_metadata(s.snapshot()).unwrap();
    assert!(meta.is_file(), "the rename replaced the link");
    assert_eq!(Store::open(&s.dirs, &s.key).unwrap().0.list().len(), 1);
}

#[test]
fn a_link_at_a_stray_temporary_name_is_removed_and_its_target_kept() {
    let s = setup();
    let (mut store, _) = Store::open(&s.dirs, &s.key).unwrap();
    store.add(mark(0)).unwrap();
    let target = s.outside("precious.txt");
    fs::write(&target, "keep me").unwrap();
    let name = s
        .snapshot()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let stray = s.snapshot().with_file_name(format!(".{name}.Planted.tmp"));
    symlink(&target, &stray).unwrap();
    let dangling = s.snapshot().with_file_name(format!(".{name}.Dangling.tmp"));
    symlink(s.outside("nowhere.txt"), &dangling).unwrap();
    store.add(mark(6)).unwrap();
    store.compact().unwrap();
    assert!(fs::symlink_metadata(&stray).is_err() && fs::symlink_metadata(&dangling).is_err());
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    assert!(!s.outside("nowhere.txt").exists());
    assert_eq!(Store::open(&s.dirs, &s.key).unwrap().0.list().len(), 2);
}

#[test]
fn pending_changes_are_never_written_through_a_link_or_over_a_file() {
    let s = setup();
    fs::create_dir_all(s.snapshot().parent().unwrap()).unwrap();
    fs::write(s.snapshot(), r#"{"version": 7, "bookmarks": []}"#).unwrap();
    let (mut store, _) = Store::open(&s.dirs, &s.key).unwrap();
    assert!(store.add(mark(0)).is_err());
    let target = s.outside("through-link.json");
    let link = s.outside("pending.json");
    symlink(&target, &link).unwrap();
    assert!(store.write_pending(&link).is_err());
    assert!(!target.exists());
    let taken = s.outside("taken.json");
    fs::write(&taken, "mine").unwrap();
    assert!(store.write_pending(&taken).is_err());
    assert_eq!(fs::read_to_string(&taken).unwrap(), "mine");
    let fresh = s.outside("fresh/pending.json");
    store.write_pending(&fresh).unwrap();
    assert!(
        fs::read_to_string(&fresh)
            .unwrap()
            .contains("\"op\": \"add\"")
    );
}

#[test]
fn a_link_at_the_positions_lock_is_never_followed() {
    let s = setup();
    fs::create_dir_all(&s.dirs.state).unwrap();
    let target = s.outside("planted.lock");
    let lock = s.dirs.positions_file().with_extension("json.lock");
    symlink(&target, &lock).unwrap();
    let (_, w) = Positions::open(&s.dirs).unwrap();
    assert!(matches!(&w[..], [Warning::ReadOnly { .. }]), "{w:?}");
    assert!(!target.exists());
}
