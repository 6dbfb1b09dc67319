//! Saves that cannot happen: another process holds the log's lock, or the
//! disk refuses the write. Either way the change stays pending (in the
//! list, counted, writable elsewhere) and lands when saving works again.
//!
//! The test re-runs its own binary as a child in a role chosen by
//! `ROLE_ENV` (the role tests return at once without it): `child_holder`
//! holds the exclusive lock on a log until told to let go; `child_fsize`
//! saves under an `RLIMIT_FSIZE` that the append would pass, with `SIGXFSZ`
//! ignored so the write fails with `EFBIG` instead of killing it.

#![cfg(unix)]

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tread::store::anchor::{Anchor, Span};
use tread::store::{Bookmark, DataDirs, DocKey, Store, StoreError};
use tread::transcript::{Document, Section, Turn};

const ROLE_ENV: &str = "TREAD_TEST_FAULT_ROLE";
const DIR_ENV: &str = "TREAD_TEST_FAULT_DIR";

fn document() -> Document {
    Document {
        sections: vec![Section {
            turns: vec![Turn {
                speaker: Some("Ada".into()),
                paragraphs: vec!["A save that fails must not lose the mark.".into()],
                ..Turn::default()
            }],
            ..Section::default()
        }],
        ..Document::default()
    }
}

fn mark(from: usize, note: &str) -> Bookmark {
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    let span = Span {
        start: a(from),
        end: a(from + 6),
    };
    Bookmark::fresh(&document(), span, note).unwrap()
}

fn open(dir: &Path) -> Store {
    let dirs = DataDirs::under(dir);
    Store::open(&dirs, &DocKey::for_content("faults.txt", &document()))
        .unwrap()
        .0
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(Instant::now() < deadline, "waited in vain for {path:?}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn child(role: &str, dir: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", role, "--nocapture", "--test-threads=1"])
        .env(ROLE_ENV, role)
        .env(DIR_ENV, dir)
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

/// The directory to work in, when this process runs as `role`.
fn role_dir(role: &str) -> Option<PathBuf> {
    if std::env::var(ROLE_ENV).ok()? != role {
        return None;
    }
    std::env::var_os(DIR_ENV).map(PathBuf::from)
}

#[test]
fn child_holder() {
    let Some(dir) = role_dir("child_holder") else {
        return;
    };
    let log = open(&dir).log_path().to_path_buf();
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&log)
        .unwrap();
    file.lock().unwrap();
    fs::write(dir.join("locked"), "").unwrap();
    wait_for(&dir.join("release"));
}

#[test]
fn a_lock_held_elsewhere_keeps_the_change_pending_until_a_retry() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.add(mark(0, "first")).unwrap();
    let mut holder = child("child_holder", tmp.path());
    wait_for(&tmp.path().join("locked"));

    let b = mark(10, "made while locked");
    let err = store.add(b.clone()).unwrap_err();
    let StoreError::Io { source, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(source.kind(), std::io::ErrorKind::TimedOut, "{err}");
    assert!(store.has_unsaved() && store.pending_count() == 1);
    assert!(store.get(&b.id).is_some(), "shown while pending");
    assert!(store.retry().is_err(), "still locked");

    fs::write(tmp.path().join("release"), "").unwrap();
    assert!(holder.wait().unwrap().success());
    store.retry().unwrap();
    assert!(!store.has_unsaved());
    let again = open(tmp.path());
    assert_eq!(
        again.get(&b.id).map(|x| x.note.as_str()),
        Some("made while locked")
    );
}

/// The child: the append passes the file size limit and fails.
#[test]
fn child_fsize() {
    let Some(dir) = role_dir("child_fsize") else {
        return;
    };
    let mut store = open(&dir);
    let log = store.log_path().to_path_buf();
    let before = fs::read(&log).unwrap();
    set_file_size_limit(before.len() as u64 + 100);
    let b = mark(20, &"a long note ".repeat(200));
    assert!(store.add(b.clone()).is_err(), "the append must fail");
    assert!(store.has_unsaved() && store.get(&b.id).is_some());
    assert_eq!(fs::read(&log).unwrap(), before, "no partial line is left");
    store.write_pending(&dir.join("elsewhere.json")).unwrap();
    set_file_size_limit(libc::RLIM_INFINITY);
    store.retry().unwrap();
    fs::write(dir.join("done"), b.id).unwrap();
}

fn set_file_size_limit(bytes: u64) {
    // SAFETY: plain libc calls on this process's own limits and signal
    // disposition, with a valid pointer to a local struct.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut lim), 0);
        lim.rlim_cur = bytes.min(lim.rlim_max);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
    }
}

#[test]
fn a_failed_write_keeps_the_change_and_it_can_be_written_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    // A log well past the limit the child sets, so only appends hit it.
    store.add(mark(0, "")).unwrap();
    let id = store.list()[0].id.clone();
    store.set_note(&id, &"x".repeat(64 << 10)).unwrap();
    drop(store);

    let mut c = child("child_fsize", tmp.path());
    assert!(c.wait().unwrap().success(), "the child failed");
    let saved: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("elsewhere.json")).unwrap()).unwrap();
    assert!(
        saved["bookmarks"][0]["note"]
            .as_str()
            .unwrap()
            .starts_with("a long note")
    );
    assert_eq!(saved["ops"][0]["op"], "add");
    let id = fs::read_to_string(tmp.path().join("done")).unwrap();
    assert!(
        open(tmp.path()).get(&id).is_some(),
        "saved once the limit was lifted"
    );
}
