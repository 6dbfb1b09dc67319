//! The store on disk: two instances on one directory, torn lines,
//! generations, unknown fields and kinds, and what is (not) written.

use std::fs;
use std::io::Write;

use serde_json::{Value, json};

use super::*;
use crate::store::anchor::Anchor;
use crate::transcript::{Document, Section, Turn};

fn doc() -> Document {
    let paragraphs = (0..4)
        .map(|i| format!("Paragraph {i} holds words worth marking twice."))
        .collect();
    Document {
        sections: vec![Section {
            turns: vec![Turn {
                paragraphs,
                ..Turn::default()
            }],
            ..Section::default()
        }],
        ..Document::default()
    }
}

fn span(p: usize) -> Span {
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: p,
        offset,
    };
    Span {
        start: a(0),
        end: a(11),
    }
}

fn mark(p: usize, note: &str) -> Bookmark {
    Bookmark::fresh(&doc(), span(p), note).unwrap()
}

struct Dir {
    _tmp: tempfile::TempDir,
    path: PathBuf,
}

fn dir() -> Dir {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks").join("talk.json");
    Dir { _tmp: tmp, path }
}

fn open(d: &Dir) -> (Store, Vec<Warning>) {
    Store::open_file(d.path.clone(), "talk.txt").unwrap()
}

fn json_of(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn log_lines(s: &Store) -> Vec<Value> {
    fs::read_to_string(s.log_path())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_first_change_writes_a_version_2_snapshot_then_only_appends() {
    let d = dir();
    let (mut s, w) = open(&d);
    assert!(w.is_empty());
    assert!(
        !d.path.parent().unwrap().exists(),
        "opening creates nothing"
    );
    s.add(mark(0, "")).unwrap();
    let snap = json_of(&d.path);
    assert_eq!(
        (snap["version"].as_u64(), snap["generation"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(snap["document"], "talk.txt");
    assert_eq!(log_lines(&s), [json!({"generation": 1})]);
    let before = fs::read(&d.path).unwrap();
    s.add(mark(1, "")).unwrap();
    s.set_note(&s.list()[0].id.clone(), "n").unwrap();
    assert_eq!(
        fs::read(&d.path).unwrap(),
        before,
        "the snapshot is not rewritten"
    );
    let lines = log_lines(&s);
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (&lines[1]["op"], &lines[2]["op"]),
        (&json!("add"), &json!("note"))
    );
    let (again, _) = open(&d);
    assert_eq!(again.list(), s.list());
}

#[test]
fn a_tombstone_beats_a_later_edit_from_a_stale_instance_and_restore_clears_it() {
    let d = dir();
    let (mut a, _) = open(&d);
    let x = mark(0, "");
    a.add(x.clone()).unwrap();
    let (mut b, _) = open(&d);
    assert!(b.get(&x.id).is_some());
    let removed = a.remove(&x.id).unwrap().unwrap();
    // B still holds X and edits it: the edit is dropped, and B is told.
    assert!(b.set_note(&x.id, "B's note").unwrap(), "B did not know yet");
    let w = b.take_warnings();
    assert!(
        matches!(&w[..], [Warning::DeletedElsewhere { quote }] if quote == "Paragraph 0"),
        "{w:?}"
    );
    assert!(b.list().is_empty() && !b.has_unsaved());
    assert!(open(&d).0.list().is_empty(), "the delete was not undone");
    // Once B knows, an edit is refused at once, with the same warning.
    assert!(!b.set_note(&x.id, "again").unwrap());
    assert!(matches!(
        &b.take_warnings()[..],
        [Warning::DeletedElsewhere { .. }]
    ));

    a.restore(removed).unwrap();
    assert!(b.refresh().unwrap());
    assert!(b.set_note(&x.id, "after undo").unwrap());
    a.refresh().unwrap();
    assert_eq!(a.get(&x.id).unwrap().note, "after undo");
}

#[test]
fn two_instances_marking_the_same_words_make_one_bookmark() {
    let d = dir();
    let (mut a, _) = open(&d);
    let (mut b, _) = open(&d);
    let mine = mark(2, "");
    let theirs = mark(2, "from B");
    a.add(mine.clone()).unwrap();
    b.add(theirs.clone()).unwrap();
    assert_eq!(b.list().len(), 1);
    assert_eq!(b.get(&theirs.id).unwrap().id, mine.id);
    assert_eq!(b.list()[0].note, "from B");
    // B's later edit through its own id reaches the one bookmark, for A too.
    b.set_note(&theirs.id, "shared").unwrap();
    a.refresh().unwrap();
    assert_eq!(a.list().len(), 1);
    assert_eq!(a.get(&mine.id).unwrap().note, "shared");
    a.compact().unwrap();
    let (c, _) = open(&d);
    assert_eq!(
        c.get(&theirs.id).unwrap().note,
        "shared",
        "aliases outlive compaction"
    );
}

#[test]
fn a_torn_last_line_is_ignored_then_cut_by_the_next_writer() {
    let d = dir();
    let (mut s, _) = open(&d);
    s.add(mark(0, "")).unwrap();
    s.add(mark(1, "")).unwrap();
    let whole = fs::read(s.log_path()).unwrap();
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(s.log_path())
        .unwrap();
    f.write_all(br#"{"op":"note","id":"x","no"#).unwrap();
    let (mut t, w) = open(&d);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t.list().len(), 2);
    t.add(mark(2, "")).unwrap();
    let now = fs::read(t.log_path()).unwrap();
    assert!(now.starts_with(&whole) && now.ends_with(b"\n"));
    // The first add went into the snapshot written by the first save.
    assert_eq!(log_lines(&t).len(), 3, "header, two adds, no torn line");
    s.refresh().unwrap();
    assert_eq!(s.list().len(), 3);
}

#[test]
fn a_compaction_elsewhere_is_noticed_and_a_half_done_one_is_safe() {
    let d = dir();
    let (mut a, _) = open(&d);
    a.add(mark(0, "")).unwrap();
    let (mut b, _) = open(&d);
    b.add(mark(1, "")).unwrap();
    b.compact().unwrap();
    assert_eq!(json_of(&d.path)["generation"], 2);
    // A read generation 1 up to some offset: it must read everything again.
    a.add(mark(2, "")).unwrap();
    assert_eq!(a.list().len(), 3);
    assert_eq!(log_lines(&a)[0], json!({"generation": 2}));
    assert_eq!(open(&d).0.list().len(), 3);

    // A compaction that died after writing the snapshot: the log's header
    // is older, so its operations (already in the snapshot) are not replayed.
    let mut snap = json_of(&d.path);
    snap["generation"] = json!(3);
    snap["bookmarks"] = json!([]);
    fs::write(&d.path, snap.to_string()).unwrap();
    let (mut c, w) = open(&d);
    assert!(w.is_empty() && c.list().is_empty(), "{w:?}");
    c.add(mark(3, "")).unwrap();
    assert_eq!(
        log_lines(&c)[0],
        json!({"generation": 3}),
        "the stale log is reset"
    );
    assert_eq!(open(&d).0.list().len(), 1);
}

#[test]
fn unknown_fields_at_every_level_survive_saves_and_compaction() {
    let d = dir();
    fs::create_dir_all(d.path.parent().unwrap()).unwrap();
    let mut b = serde_json::to_value(mark(0, "")).unwrap();
    b["colour"] = json!("red");
    let v1 = json!({"version": 1, "document": "talk.txt", "bookmarks": [b], "owner": "v1 field"});
    fs::write(&d.path, v1.to_string()).unwrap();
    let (mut s, w) = open(&d);
    assert!(w.is_empty(), "{w:?}");
    s.add(mark(1, "")).unwrap();
    let snap = json_of(&d.path);
    assert_eq!(
        (&snap["version"], &snap["owner"]),
        (&json!(2), &json!("v1 field"))
    );
    assert_eq!(snap["bookmarks"][0]["colour"], "red");

    // A newer tread's fields: on the v2 top level, the header and an op.
    let mut snap = snap;
    snap["theme"] = json!({"dark": true});
    fs::write(&d.path, snap.to_string()).unwrap();
    let id = s.list()[1].id.clone();
    let mut log = fs::OpenOptions::new()
        .append(true)
        .open(s.log_path())
        .unwrap();
    let op = json!({"op": "note", "id": id, "note": "n", "by": "laptop"});
    writeln!(log, "{op}").unwrap();
    let (mut s, _) = open(&d);
    s.compact().unwrap();
    let snap = json_of(&d.path);
    assert_eq!(snap["theme"], json!({"dark": true}));
    assert_eq!(snap["owner"], "v1 field");
    assert_eq!(snap["bookmarks"][0]["colour"], "red");
    assert_eq!(
        snap["bookmarks"][1]["by"], "laptop",
        "an op's field lands on its bookmark"
    );
    assert_eq!(snap["bookmarks"][1]["note"], "n");
}

#[test]
fn an_unknown_operation_or_a_newer_snapshot_makes_the_store_read_only() {
    let d = dir();
    let (mut s, _) = open(&d);
    s.add(mark(0, "")).unwrap();
    let mut log = fs::OpenOptions::new()
        .append(true)
        .open(s.log_path())
        .unwrap();
    writeln!(log, r#"{{"op": "highlight", "id": "x", "colour": "red"}}"#).unwrap();
    let before = fs::read(s.log_path()).unwrap();
    let (mut t, w) = open(&d);
    assert!(matches!(&w[..], [Warning::ReadOnly { .. }]), "{w:?}");
    assert!(t.read_only().unwrap().contains("highlight"));
    assert!(matches!(
        t.add(mark(1, "")),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(
        t.has_unsaved() && t.list().len() == 2,
        "kept in this session"
    );
    assert!(t.compact().is_err());
    assert_eq!(fs::read(t.log_path()).unwrap(), before);
    // A store that saw the line only when saving refuses from then on.
    assert!(s.add(mark(2, "")).is_err());
    assert!(s.read_only().is_some());

    let d = dir();
    fs::create_dir_all(d.path.parent().unwrap()).unwrap();
    fs::write(&d.path, r#"{"version": 3, "bookmarks": []}"#).unwrap();
    let (mut s, w) = open(&d);
    assert!(matches!(&w[..], [Warning::ReadOnly { .. }]), "{w:?}");
    assert!(s.add(mark(0, "")).is_err());
    assert!(
        !s.log_path().exists(),
        "nothing written beside a newer file"
    );
}

#[test]
fn accept_moves_a_bookmark_and_is_kept() {
    let d = dir();
    let (mut s, _) = open(&d);
    let x = mark(0, "keep this note");
    s.add(x.clone()).unwrap();
    let to = span(3);
    assert!(s.accept(&x.id, to, "Paragraph 3", "abc").unwrap());
    assert!(!s.accept("nope", to, "q", "h").unwrap());
    let (t, _) = open(&d);
    let b = t.get(&x.id).unwrap();
    assert_eq!(
        (b.span(), b.quote.as_str(), b.doc_hash.as_str()),
        (to, "Paragraph 3", "abc")
    );
    assert_eq!(b.note, "keep this note");
}

#[test]
fn the_old_lock_file_is_removed_on_the_first_write_and_none_is_made() {
    let d = dir();
    fs::create_dir_all(d.path.parent().unwrap()).unwrap();
    let litter = crate::store::atomic::lock_path(&d.path);
    fs::write(&litter, "").unwrap();
    let (mut s, _) = open(&d);
    assert!(litter.exists(), "opening writes (and removes) nothing");
    s.add(mark(0, "")).unwrap();
    assert!(!litter.exists());
    let names: Vec<_> = fs::read_dir(d.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_long_log_is_compacted_at_open_and_close_but_never_by_a_change() {
    let d = dir();
    let (mut s, _) = open(&d);
    let x = mark(0, "");
    s.add(x.clone()).unwrap();
    for i in 0..=COMPACT_AFTER {
        s.set_note(&x.id, &format!("{i}")).unwrap();
    }
    assert!(s.wants_compaction());
    assert_eq!(
        json_of(&d.path)["generation"],
        1,
        "no compaction inside set_note"
    );
    assert!(s.close().is_empty());
    assert_eq!(json_of(&d.path)["generation"], 2);
    assert_eq!(log_lines(&s).len(), 1);
    assert_eq!(
        open(&d).0.get(&x.id).unwrap().note,
        COMPACT_AFTER.to_string()
    );
}

#[test]
fn close_writes_what_it_cannot_save_to_a_new_file() {
    let d = dir();
    fs::create_dir_all(d.path.parent().unwrap()).unwrap();
    fs::write(&d.path, r#"{"version": 9, "bookmarks": []}"#).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dirs = DataDirs::under(tmp.path());
    let key = DocKey::for_content("talk.txt", &doc());
    let (mut s, _) = Store::open_file(d.path.clone(), "talk.txt").unwrap();
    s.recovery = Some((dirs.clone(), key.clone()));
    let x = mark(0, "unsaved note");
    assert!(s.add(x.clone()).is_err());
    let w = s.close();
    let [Warning::PendingWritten { count: 1, path }] = &w[..] else {
        panic!("{w:?}")
    };
    assert!(path.starts_with(dirs.state.join("recovery")));
    let saved = json_of(path);
    assert_eq!(saved["bookmarks"][0]["note"], "unsaved note");
    assert_eq!(saved["ops"][0]["op"], "add");
    assert!(s.close().is_empty(), "written once");
    assert!(
        s.write_pending(path).is_err(),
        "never over an existing file"
    );
}
