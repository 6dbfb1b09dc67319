//! `kill -9` in the middle of saving never leaves a torn bookmark file.
//!
//! The test re-runs its own binary as a child that saves in a loop (only
//! when `CHILD_ENV` is set; otherwise `child_saver_loop` returns at once),
//! kills it with SIGKILL at varying moments, and checks the files each
//! time: the snapshot whole, the log at worst ending in a torn line (which
//! readers skip), and nothing reported when opening. The child compacts
//! every tenth save, so kills also land between a compaction's two steps.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tread::store::anchor::{Anchor, Span};
use tread::store::{Bookmark, DataDirs, DocKey, Store};
use tread::transcript::{Document, Section, Turn};

const CHILD_ENV: &str = "TREAD_TEST_CRASH_DIR";
const KILLS: u64 = 32;

fn document() -> Document {
    let paragraphs = (0..20)
        .map(|i| format!("Paragraph {i} says something worth keeping, 第{i}段。"))
        .collect();
    Document {
        sections: vec![Section {
            turns: vec![Turn {
                speaker: Some("Ada".into()),
                line: 1,
                end_line: 20,
                paragraphs,
                time: None,
            }],
            ..Section::default()
        }],
        ..Document::default()
    }
}

fn bookmark(doc: &Document, n: usize) -> Bookmark {
    let p = n % 20;
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: p,
        offset,
    };
    // Distinct words for 600 marks (identical marks would be one bookmark).
    let from = n / 20 % 30;
    let span = Span {
        start: a(from),
        end: a(from + 12),
    };
    // Notes of varying length, so saves differ in size and timing.
    Bookmark::fresh(doc, span, &format!("note {n} {}", "·".repeat(n % 97))).unwrap()
}

fn key(doc: &Document) -> DocKey {
    DocKey::for_content("crash.txt", doc)
}

/// The child: add bookmarks forever, trimming the oldest past 150 so both
/// the add and the remove paths are hit and saves stay quick, and
/// compacting now and then.
#[test]
fn child_saver_loop() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let doc = document();
    let dirs = DataDirs::resolve(Some(Path::new(&dir))).unwrap();
    let (mut store, _) = Store::open(&dirs, &key(&doc)).unwrap();
    // Tell the parent the saving starts now, so its kill lands in saves.
    fs::write(Path::new(&dir).join("saving"), "").unwrap();
    for n in 0.. {
        store.add(bookmark(&doc, n)).unwrap();
        if store.list().len() > 150 {
            let id = store.list()[0].id.clone();
            store.remove(&id).unwrap();
        }
        if n % 10 == 9 {
            store.compact().unwrap();
        }
    }
}

#[test]
fn sigkill_mid_save_never_tears_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = document();
    let dirs = DataDirs::resolve(Some(tmp.path())).unwrap();
    let path = dirs.bookmarks_file(&key(&doc));
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut seen = 0;
    // A small LCG: varied but reproducible kill times.
    let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_saver_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let saving = tmp.path().join("saving");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !saving.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = fs::remove_file(&saving);
        rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        std::thread::sleep(Duration::from_millis(1 + (rng >> 33) % 40));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let strays = fs::read_dir(path.parent().unwrap_or(tmp.path()))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                    .count()
            })
            .unwrap_or(0);
        assert!(strays <= 1, "round {round}: {strays} temp files piled up");
        let Ok(bytes) = fs::read(&path) else {
            continue; // killed before its first save
        };
        let v: serde_json::Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("round {round}: torn file ({e})"));
        assert_eq!(v["version"], 2, "round {round}");
        // Every whole line of the log is whole JSON; a torn last one is skipped.
        let log = fs::read(path.with_extension("log")).unwrap_or_default();
        let whole = log.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        for line in log[..whole]
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
        {
            serde_json::from_slice::<serde_json::Value>(line)
                .unwrap_or_else(|e| panic!("round {round}: torn log line ({e})"));
        }
        let (store, warnings) = Store::open(&dirs, &key(&doc)).unwrap();
        assert!(warnings.is_empty(), "round {round}: {warnings:?}");
        seen = seen.max(store.list().len());
    }
    assert!(seen > 0, "the child never saved");
    eprintln!(
        "{KILLS} kills in {:?}, up to {seen} bookmarks",
        started.elapsed()
    );
}
