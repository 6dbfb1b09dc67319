//! The bookmark and position store: anchoring, re-anchoring after edits,
//! merging two instances, bad files, and export. (The log, its merge and
//! faults have their own files: `store_files.rs`, `store_faults.rs`,
//! `store_concurrency.rs`, `store_crash.rs`, and unit tests in `src/store`.)

use std::fs;
use std::path::PathBuf;

use tread::store::anchor::{Anchor, Span, span_text};
use tread::store::bookmarks::Store;
use tread::store::codes::Codebook;
use tread::store::{
    Bookmark, DataDirs, DocKey, Positions, ReadingPosition, Resolution, StoreError, Warning,
    export, export::ExportDoc, resolve,
};
use tread::transcript::{Document, Section, Turn};

/// A turn: speaker (none for narration) and paragraphs.
type T<'a> = (Option<&'a str>, &'a [&'a str]);

/// Build a document: sections (optional title) of turns of paragraphs.
fn doc(sections: &[(Option<&str>, &[T])]) -> Document {
    let mut line = 1;
    let sections = sections
        .iter()
        .map(|(title, turns)| Section {
            number: None,
            title: title.map(str::to_string),
            line: title.map(|_| line),
            turns: turns
                .iter()
                .map(|(speaker, paras)| {
                    line += paras.len() + 1;
                    Turn {
                        speaker: speaker.map(str::to_string),
                        line,
                        end_line: line + paras.len(),
                        paragraphs: paras.iter().map(|p| p.to_string()).collect(),
                        time: None,
                    }
                })
                .collect(),
        })
        .collect();
    Document {
        sections,
        ..Document::default()
    }
}

fn at(section: usize, turn: usize, paragraph: usize, offset: usize) -> Anchor {
    Anchor {
        section,
        turn,
        paragraph,
        offset,
    }
}

fn span(start: Anchor, end: Anchor) -> Span {
    Span { start, end }
}

const P1: &str = "We trained the model on fifteen trillion tokens.";
const P2: &str = "The open weights matter more than the benchmark.";
const P3: &str = "Latency is the real constraint for agents today.";

fn base() -> Document {
    doc(&[
        (None, &[(Some("Alice"), &[P1]), (Some("Bob"), &[P2, P3])]),
        (Some("Agents"), &[(None, &["Narration here."])]),
    ])
}

/// A bookmark of "open weights matter" in Bob's first paragraph.
fn weights(d: &Document) -> Bookmark {
    Bookmark::fresh(d, span(at(0, 1, 0, 4), at(0, 1, 0, 23)), "key point").unwrap()
}

fn data() -> (tempfile::TempDir, DataDirs, DocKey) {
    let dir = tempfile::tempdir().unwrap();
    let dirs = DataDirs::resolve(Some(dir.path())).unwrap();
    let key = DocKey::for_content("talk.txt", &base());
    (dir, dirs, key)
}

#[test]
fn new_bookmark_records_its_context() {
    let d = base();
    let b = weights(&d);
    assert_eq!(b.quote, "open weights matter");
    assert_eq!(b.speaker.as_deref(), Some("Bob"));
    assert_eq!(b.line, d.sections[0].turns[1].line);
    assert_eq!(b.doc_hash, tread::store::doc_hash(&d));
    assert!(b.created.ends_with('Z'));
    assert_eq!(resolve(&d, &b), Resolution::Exact(b.span()));
    assert!(Bookmark::fresh(&d, span(at(0, 1, 0, 4), at(0, 1, 0, 999)), "").is_none());
    assert!(Bookmark::fresh(&d, span(at(9, 0, 0, 0), at(9, 0, 0, 1)), "").is_none());
}

#[test]
fn a_range_spans_paragraphs_and_turns() {
    let d = base();
    let s = span(at(0, 0, 0, 11), at(0, 1, 0, 8));
    let b = Bookmark::fresh(&d, s, "").unwrap();
    assert_eq!(b.quote, "the model on fifteen trillion tokens.\nThe open");
    assert_eq!(resolve(&d, &b), Resolution::Exact(s));
    // Insert a turn in between: the quote no longer matches verbatim there.
    let mut e = d.clone();
    e.sections[0]
        .turns
        .insert(0, d.sections[0].turns[1].clone());
    let moved = resolve(&e, &b);
    assert_eq!(
        moved,
        Resolution::Moved(span(at(0, 1, 0, 11), at(0, 2, 0, 8)))
    );
    assert_eq!(span_text(&e, &moved.span().unwrap()).unwrap(), b.quote);
}

#[test]
fn text_inserted_before_moves_the_anchor() {
    let d = base();
    let b = weights(&d);
    // In the same paragraph.
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[0] = format!("Honestly, {P2}");
    assert_eq!(
        resolve(&e, &b),
        Resolution::Moved(span(at(0, 1, 0, 14), at(0, 1, 0, 33)))
    );
    // A whole new section and turn in front.
    let mut e = d.clone();
    e.sections.insert(0, d.sections[1].clone());
    e.sections[1]
        .turns
        .insert(0, d.sections[0].turns[0].clone());
    assert_eq!(
        resolve(&e, &b),
        Resolution::Moved(span(at(1, 2, 0, 4), at(1, 2, 0, 23)))
    );
}

#[test]
fn edits_around_the_quote_keep_it() {
    let d = base();
    let b = weights(&d);
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[0] =
        "So the open weights matter, far more than any score.".into();
    let r = resolve(&e, &b);
    assert!(matches!(r, Resolution::Moved(_)), "{r:?}");
    assert_eq!(span_text(&e, &r.span().unwrap()).unwrap(), b.quote);
}

#[test]
fn reflowed_whitespace_still_matches() {
    let d = base();
    let b = Bookmark::fresh(&d, span(at(0, 1, 0, 30), at(0, 1, 1, 10)), "").unwrap();
    let mut e = d.clone();
    // The two paragraphs joined into one, with a double space.
    e.sections[0].turns[1].paragraphs = vec![format!("{P2}  {P3}")];
    let r = resolve(&e, &b);
    assert_eq!(r, Resolution::Moved(span(at(0, 1, 0, 30), at(0, 1, 0, 60))));
}

#[test]
fn an_edited_quote_is_found_fuzzily() {
    let d = base();
    let b = Bookmark::fresh(&d, span(at(0, 1, 1, 0), at(0, 1, 1, 48)), "").unwrap();
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[1] =
        "Latency is really the real constraint for agents now.".into();
    let r = resolve(&e, &b);
    let Resolution::Fuzzy(s) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        (s.start.section, s.start.turn, s.start.paragraph),
        (0, 1, 1)
    );
    let found = span_text(&e, &s).unwrap();
    assert!(
        found.starts_with("Latency") && found.contains("agents"),
        "{found}"
    );
}

#[test]
fn the_nearest_exact_occurrence_wins() {
    let d = doc(&[(
        None,
        &[(Some("A"), &["same words here", "x", "y", "same words here"])],
    )]);
    let b = Bookmark::fresh(&d, span(at(0, 0, 3, 0), at(0, 0, 3, 10)), "").unwrap();
    let mut e = d.clone();
    e.sections[0].turns[0]
        .paragraphs
        .insert(3, "inserted".into());
    assert_eq!(
        resolve(&e, &b),
        Resolution::Moved(span(at(0, 0, 4, 0), at(0, 0, 4, 10)))
    );
}

#[test]
fn a_removed_quote_is_detached_but_kept_and_exported_last() {
    let (_t, dirs, key) = data();
    let d = base();
    let gone = weights(&d);
    let stays = Bookmark::fresh(&d, span(at(0, 0, 0, 0), at(0, 0, 0, 10)), "").unwrap();
    let (mut store, w) = Store::open(&dirs, &key).unwrap();
    assert!(w.is_empty());
    store.add(gone.clone()).unwrap();
    store.add(stays.clone()).unwrap();

    let mut e = d.clone();
    e.sections[0].turns.remove(1);
    assert_eq!(resolve(&e, &gone), Resolution::Detached);
    let (store, _) = Store::open(&dirs, &key).unwrap();
    assert_eq!(
        store.list().len(),
        2,
        "a detached bookmark is never dropped"
    );

    let md = export::markdown(
        &ExportDoc::new("e.txt", &e, store.list()),
        &Codebook::default(),
    );
    let expected = "> We trained\n\n— Alice, §1 Preamble (line 3)\n\n\
                    Address: `e.txt@§1.t1`\n\n\
                    ## Detached bookmarks\n\n> open weights matter\n\n\
                    — Bob, §1 Preamble (line 6)\n\nkey point\n";
    assert_eq!(md, expected);
    let j = export::json(
        &ExportDoc::new("e.txt", &e, store.list()),
        &Codebook::default(),
    );
    assert_eq!(j["bookmarks"][0]["status"], "exact");
    assert_eq!(j["bookmarks"][1]["status"], "detached");
    assert_eq!(j["bookmarks"][1]["note"], "key point");
}

#[test]
fn markdown_is_in_document_order_with_narration_and_fuzzy_marks() {
    let d = base();
    let late = Bookmark::fresh(&d, span(at(1, 0, 0, 0), at(1, 0, 0, 15)), "").unwrap();
    let early = Bookmark::fresh(&d, span(at(0, 1, 1, 0), at(0, 1, 1, 48)), "two\nlines").unwrap();
    let mut e = d.clone();
    e.sections[0].turns[1].paragraphs[1] =
        "Latency is really the real constraint for agents now.".into();
    let md = export::markdown(
        &ExportDoc::new("e.txt", &e, &[late, early]),
        &Codebook::default(),
    );
    let expected = format!(
        "> {P3}\n\nNow reads:\n\n> Latency is really the real constraint for agents\n\n\
         — Bob, §1 Preamble (line 6, text changed)\n\nAddress: `e.txt@§1.t2`\n\n\
         two\nlines\n\n\
         > Narration here.\n\n— §2 Agents (line 8)\n\nAddress: `e.txt@§2.t1`\n"
    );
    assert_eq!(md, expected);
    assert_eq!(
        export::markdown(&ExportDoc::new("e.txt", &e, &[]), &Codebook::default()),
        ""
    );
}

#[test]
fn round_trip_and_note_and_undo() {
    let (_t, dirs, key) = data();
    let d = base();
    let b = weights(&d);
    let (mut s, _) = Store::open(&dirs, &key).unwrap();
    s.add(b.clone()).unwrap();
    assert!(s.set_note(&b.id, "changed").unwrap());
    assert!(!s.set_note("nope", "x").unwrap());
    let (s2, _) = Store::open(&dirs, &key).unwrap();
    assert_eq!(s2.list().len(), 1);
    assert_eq!(s2.list()[0].note, "changed");
    assert_eq!(s2.list()[0].quote, b.quote);

    let removed = s.remove(&b.id).unwrap().unwrap();
    assert_eq!(s.remove(&b.id).unwrap(), None);
    assert!(Store::open(&dirs, &key).unwrap().0.list().is_empty());
    s.restore(removed).unwrap();
    assert_eq!(Store::open(&dirs, &key).unwrap().0.list().len(), 1);
    let text = fs::read_to_string(s.path()).unwrap();
    assert!(text.contains("\"version\": 2") && text.contains("\"document\": \"talk.txt\""));
}

#[test]
fn two_stores_merge_and_deletes_are_respected() {
    let (_t, dirs, key) = data();
    let d = base();
    let (mut a, _) = Store::open(&dirs, &key).unwrap();
    let (mut b, _) = Store::open(&dirs, &key).unwrap();
    let ba = weights(&d);
    let bb = Bookmark::fresh(&d, span(at(0, 0, 0, 0), at(0, 0, 0, 10)), "").unwrap();
    a.add(ba.clone()).unwrap();
    b.add(bb.clone()).unwrap(); // b has not seen ba; it must not lose it
    assert_eq!(b.list().len(), 2);

    // a removes its bookmark; b, holding a stale copy, then edits its own.
    a.remove(&ba.id).unwrap();
    b.set_note(&bb.id, "mine").unwrap();
    let (c, _) = Store::open(&dirs, &key).unwrap();
    let ids: Vec<_> = c.list().iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [bb.id.as_str()], "the removal must not be undone by b");
    assert_eq!(c.list()[0].note, "mine");

    // And an edit by a to b's bookmark, which a only sees after a reload.
    a.reload().unwrap();
    a.set_note(&bb.id, "theirs").unwrap();
    b.reload().unwrap();
    assert_eq!(b.get(&bb.id).unwrap().note, "theirs");
}

#[test]
fn a_corrupt_file_is_set_aside_and_reported() {
    let (t, dirs, key) = data();
    let path = dirs.bookmarks_file(&key);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "{\"version\": 1, \"bookmarks\": [ {tor").unwrap();
    let (mut s, w) = Store::open(&dirs, &key).unwrap();
    let [Warning::SetAside { moved_to, .. }] = w.as_slice() else {
        panic!("{w:?}")
    };
    assert!(moved_to.to_string_lossy().contains(".corrupt-"));
    assert_eq!(
        fs::read_to_string(moved_to).unwrap(),
        "{\"version\": 1, \"bookmarks\": [ {tor"
    );
    assert!(w[0].to_string().contains(&path.display().to_string()));
    assert!(s.list().is_empty());
    s.add(weights(&base())).unwrap();
    assert_eq!(Store::open(&dirs, &key).unwrap().0.list().len(), 1);
    assert!(moved_to.exists(), "the set-aside file is never overwritten");
    drop(t);
}

#[test]
fn good_entries_of_a_damaged_file_are_salvaged() {
    let (_t, dirs, key) = data();
    let good = weights(&base());
    let path = dirs.bookmarks_file(&key);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = serde_json::json!({"version": 1, "document": "x",
        "bookmarks": [good, {"id": 5}]});
    fs::write(&path, text.to_string()).unwrap();
    let (s, w) = Store::open(&dirs, &key).unwrap();
    assert!(
        matches!(w[0], Warning::SetAside { salvaged: 1, .. }),
        "{w:?}"
    );
    assert_eq!(s.list(), std::slice::from_ref(&good));
    // Written back at once, so other instances see it.
    let (s2, w2) = Store::open(&dirs, &key).unwrap();
    assert!(w2.is_empty());
    assert_eq!(s2.list(), [good]);
}

#[test]
fn a_newer_or_unreadable_file_is_never_overwritten() {
    let (_t, dirs, key) = data();
    let path = dirs.bookmarks_file(&key);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let future = r#"{"version": 99, "bookmarks": [], "shiny": true}"#;
    fs::write(&path, future).unwrap();
    let (mut s, w) = Store::open(&dirs, &key).unwrap();
    assert!(matches!(w[0], Warning::ReadOnly { .. }), "{w:?}");
    assert!(s.read_only().is_some());
    let err = s.add(weights(&base())).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }));
    assert_eq!(s.list().len(), 1, "kept in memory for this session");
    assert!(s.has_unsaved());
    assert_eq!(fs::read_to_string(&path).unwrap(), future);

    // A path that cannot be read as a file (works even as root).
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    let (mut s, w) = Store::open(&dirs, &key).unwrap();
    assert!(matches!(w[0], Warning::ReadOnly { .. }), "{w:?}");
    assert!(s.add(weights(&base())).is_err());
    assert!(path.is_dir());
}

#[test]
fn stray_temp_files_do_not_break_loading() {
    let (_t, dirs, key) = data();
    let (mut s, _) = Store::open(&dirs, &key).unwrap();
    s.add(weights(&base())).unwrap();
    let path = dirs.bookmarks_file(&key);
    let stray = path.with_file_name(format!(
        ".{}.XyZ123.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&stray, "{\"version\": 1, \"bookm").unwrap();
    let (mut s, w) = Store::open(&dirs, &key).unwrap();
    assert!(w.is_empty());
    assert_eq!(s.list().len(), 1);
    assert!(stray.exists(), "opening deletes nothing either");
    // The next writer of a snapshot holds the lock: no live writer owns it.
    s.compact().unwrap();
    assert!(!stray.exists(), "removed under the lock");
}

#[test]
fn positions_resume_after_an_edit_and_survive_corruption() {
    let (_t, dirs, key) = data();
    let d = base();
    let pos = ReadingPosition::at(&d, at(0, 1, 1, 11)).unwrap();
    assert_eq!(pos.quote, "the real constraint for agents today.");
    let (mut p, w) = Positions::open(&dirs).unwrap();
    assert!(w.is_empty());
    p.set(&key, pos.clone()).unwrap();
    assert!(p.path().starts_with(&dirs.state));

    let (p2, _) = Positions::open(&dirs).unwrap();
    let got = p2.get(&key).unwrap();
    assert_eq!(got, &pos);
    assert_eq!(got.resolve(&d), Some(at(0, 1, 1, 11)));
    let mut e = d.clone();
    e.sections[0]
        .turns
        .insert(0, d.sections[0].turns[0].clone());
    assert_eq!(got.resolve(&e), Some(at(0, 2, 1, 11)));
    assert_eq!(got.resolve(&doc(&[(None, &[])])), None);

    fs::write(p.path(), "garbage").unwrap();
    let (p3, w) = Positions::open(&dirs).unwrap();
    assert!(matches!(w[0], Warning::SetAside { .. }), "{w:?}");
    assert!(p3.get(&key).is_none());
}

#[test]
fn keys_and_layout() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a talk.txt");
    fs::write(&f, "x").unwrap();
    let k1 = DocKey::for_path(&f);
    let k2 = DocKey::for_path(&dir.path().join(".").join("a talk.txt"));
    assert_eq!(k1, k2, "keyed by canonical path");
    let dirs = DataDirs::resolve(Some(dir.path())).unwrap();
    let expected: PathBuf = dir
        .path()
        .join("bookmarks")
        .join(format!("{}.json", k1.key));
    assert_eq!(dirs.bookmarks_file(&k1), expected);
    assert_eq!(
        dirs.positions_file(),
        dir.path().join("state/positions.json")
    );
}

#[test]
fn an_unusable_data_dir_still_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("file");
    fs::write(&not_a_dir, "").unwrap();
    let dirs = DataDirs::resolve(Some(&not_a_dir)).unwrap();
    let key = DocKey::for_content("x", &base());
    let (mut s, w) = Store::open(&dirs, &key).unwrap();
    assert!(matches!(w[..], [Warning::ReadOnly { .. }]), "{w:?}");
    assert!(s.add(weights(&base())).is_err());
    assert_eq!(s.list().len(), 1);
    let (_, w) = Positions::open(&dirs).unwrap();
    assert!(matches!(w[..], [Warning::ReadOnly { .. }]), "{w:?}");
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use tread::store::anchor::{Resolver, Whose, normalize};

    fn one_section(turns: Vec<Vec<String>>) -> Document {
        let turns = turns
            .into_iter()
            .map(|paragraphs| Turn {
                paragraphs,
                ..Turn::default()
            })
            .collect();
        Document {
            sections: vec![Section {
                turns,
                ..Section::default()
            }],
            ..Document::default()
        }
    }

    fn paragraphs() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[a-c 语。\n]{0,12}", 1..6)
    }

    proptest! {
        /// Any stored anchor, however wrong, resolves without panicking,
        /// and a found span always holds the quote (exact) or text (fuzzy).
        #[test]
        fn resolve_never_panics_and_finds_the_quote(
            a in paragraphs(), b in paragraphs(),
            s in (0usize..3, 0usize..3, 0usize..7, 0usize..15),
            e in (0usize..3, 0usize..3, 0usize..7, 0usize..15),
            quote in "[a-c 语。]{0,10}",
        ) {
            let d = one_section(vec![a, b]);
            let sp = span(at(s.0, s.1, s.2, s.3), at(e.0, e.1, e.2, e.3));
            let r = Resolver::new(&d).locate(&sp, &quote, Whose::Anyone);
            if let Some(found) = r.span() {
                let text = span_text(&d, &found);
                prop_assert!(text.is_some(), "{r:?} does not fit");
                if matches!(r, Resolution::Exact(_) | Resolution::Moved(_)) {
                    prop_assert_eq!(normalize(&text.unwrap()), normalize(&quote));
                }
            }
        }

        /// A quote taken from the document is always found verbatim, even
        /// from a wrong anchor.
        #[test]
        fn a_quote_from_the_document_is_always_found(
            paras in paragraphs(), pick in any::<prop::sample::Index>(),
            len in 1usize..8, wrong in 0usize..9,
        ) {
            let d = one_section(vec![paras.clone()]);
            let p = pick.index(paras.len());
            let chars: Vec<char> = paras[p].chars().collect();
            prop_assume!(!chars.is_empty());
            let from = pick.index(chars.len());
            let to = (from + len).min(chars.len());
            let quote: String = chars[from..to].iter().collect();
            prop_assume!(!quote.trim().is_empty());
            let hint = span(at(0, 0, wrong, 0), at(0, 0, wrong, len));
            let r = Resolver::new(&d).locate(&hint, &quote, Whose::Anyone);
            prop_assert!(matches!(r, Resolution::Exact(_) | Resolution::Moved(_)), "{:?}", r);
            let text = span_text(&d, &r.span().unwrap()).unwrap();
            prop_assert_eq!(normalize(&text), normalize(&quote));
        }
    }
}
