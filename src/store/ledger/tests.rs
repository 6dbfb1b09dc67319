//! The ledger store: atomic saves, two instances joined, bad files set
//! aside, recovery files, and re-anchoring after an edit.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::store::atomic;
use crate::store::cite::Status as Anchoring;
use crate::transcript::parse::parse;
use crate::transcript::{Document, claims};

/// `text` parsed, with claims on the sentences given (the detector's own
/// choices may change; the ledger must not depend on them). Each claim is
/// a detected one re-aimed, so fields `Claim` gains later come along.
fn claimed(text: &str, sentences: &[&str]) -> Document {
    let template = claims::detect(&parse("A: Sales rose 20% in 2024."))[0].clone();
    let mut d = parse(text);
    for needle in sentences {
        let found = d.sections.iter().enumerate().find_map(|(si, s)| {
            s.turns.iter().enumerate().find_map(|(ti, t)| {
                t.paragraphs
                    .iter()
                    .enumerate()
                    .find_map(|(pi, p)| p.find(needle).map(|b| (si, ti, pi, b)))
            })
        });
        let (section, turn, paragraph, start) = found.expect("the sentence is there");
        let mut c = template.clone();
        (c.section, c.turn, c.paragraph) = (section, turn, paragraph);
        (c.start, c.end) = (start, start + needle.len());
        d.claims.push(c);
    }
    d
}

const SALES: &str = "Sales rose 20% in 2024.";
const REVENUE: &str = "I think revenue will double by 2030.";

fn doc(text: &str) -> Document {
    claimed(text, &[SALES, REVENUE])
}

const TEXT: &str = "Ana: Sales rose 20% in 2024. Nice weather today.\n\n\
                    Ben: I think revenue will double by 2030.\n";

fn entry(d: &Document, i: usize) -> Entry {
    let hash = crate::store::identity::doc_hash(d);
    Entry::for_claim(d, &d.claims[i], &hash, 1).unwrap()
}

fn open(path: &Path) -> Ledger {
    let (l, w) = Ledger::open_file(path.to_path_buf(), "t.txt").unwrap();
    assert!(w.is_empty(), "{w:?}");
    l
}

fn file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("ledger/t.json")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_sample_claims_are_found() {
    let d = doc(TEXT);
    assert_eq!(d.claims.len(), 2, "{:?}", d.claims);
}

#[test]
fn opening_writes_nothing_and_a_change_is_saved_whole_before_returning() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    let mut l = open(&path);
    assert!(
        !dir.path().join("ledger").exists(),
        "opening created nothing"
    );
    let e = entry(&d, 0);
    let id = e.id.clone();
    assert!(l.add(e).unwrap());
    assert!(l.set_status(&id, Status::Checked).unwrap());
    assert!(l.set_note(&id, "ONS table 3").unwrap());
    assert!(l.add_source(&id, "https://ons.gov.uk/t3").unwrap());
    assert!(!l.set_status("nope", Status::False).unwrap());
    assert!(!l.has_unsaved());
    let ls = names(&dir.path().join("ledger"));
    assert_eq!(ls, ["t.json", "t.json.lock"], "no temporary file left");
    let again = open(&path);
    let e = again.get(&id).unwrap();
    assert_eq!(e.status(), Status::Checked);
    assert_eq!(e.note(), "ONS table 3");
    assert_eq!(e.first_url(), Some("https://ons.gov.uk/t3"));
}

#[test]
fn two_instances_keep_each_others_entries_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    let mut a = open(&path);
    let mut b = open(&path);
    let (x, y) = (entry(&d, 0), entry(&d, 1));
    let (xi, yi) = (x.id.clone(), y.id.clone());
    a.apply_at(Edit::Add(Box::new(x.clone())), 10).unwrap();
    a.apply_at(
        Edit::Status {
            id: xi.clone(),
            status: Status::Checked,
        },
        11,
    )
    .unwrap();
    // B never saw A's entry: it adds the same claim (the same id) with a
    // note, and another claim.
    b.apply_at(Edit::Add(Box::new(x)), 20).unwrap();
    b.apply_at(
        Edit::Note {
            id: xi.clone(),
            note: "from B".into(),
        },
        21,
    )
    .unwrap();
    b.apply_at(Edit::Add(Box::new(y)), 22).unwrap();
    b.apply_at(
        Edit::AddSource {
            id: yi.clone(),
            source: "B's source".into(),
        },
        23,
    )
    .unwrap();
    a.apply_at(
        Edit::AddSource {
            id: yi.clone(),
            source: "A's source".into(),
        },
        30,
    )
    .unwrap();
    let c = open(&path);
    let x = c.get(&xi).unwrap();
    assert_eq!(
        x.status(),
        Status::Checked,
        "B's add did not undo A's status"
    );
    assert_eq!(x.note(), "from B");
    let y: Vec<&str> = c.get(&yi).unwrap().sources().collect();
    assert_eq!(y, ["B's source", "A's source"]);
    assert!(
        a.refresh().is_ok_and(|changed| !changed),
        "A saw all at its save"
    );
    assert!(b.refresh().unwrap(), "B sees A's source");
    assert_eq!(b.entries(), c.entries());
}

#[test]
fn the_later_write_of_one_field_wins_and_a_removal_survives_an_older_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    let mut a = open(&path);
    let e = entry(&d, 0);
    let id = e.id.clone();
    a.apply_at(Edit::Add(Box::new(e)), 1).unwrap();
    let mut b = open(&path);
    b.apply_at(
        Edit::Status {
            id: id.clone(),
            status: Status::False,
        },
        50,
    )
    .unwrap();
    a.apply_at(
        Edit::Status {
            id: id.clone(),
            status: Status::Disputed,
        },
        40,
    )
    .unwrap();
    assert_eq!(a.get(&id).unwrap().status(), Status::False, "50 beats 40");
    b.apply_at(Edit::Remove { id: id.clone() }, 60).unwrap();
    a.apply_at(
        Edit::Note {
            id: id.clone(),
            note: "n".into(),
        },
        55,
    )
    .unwrap();
    let c = open(&path);
    assert!(c.list().is_empty(), "removed");
    assert_eq!(c.get(&id).unwrap().note(), "n", "kept in its tombstone");
    a.apply_at(Edit::Restore { id: id.clone() }, 70).unwrap();
    assert_eq!(open(&path).list().len(), 1);
}

#[test]
fn a_corrupt_file_is_set_aside_with_a_warning_and_what_was_read_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    let mut l = open(&path);
    l.add(entry(&d, 0)).unwrap();
    l.add(entry(&d, 1)).unwrap();
    // Break one entry: the other is salvaged.
    let text = fs::read_to_string(&path).unwrap();
    let broken = text.replacen("\"line\"", "\"line_\"", 1);
    fs::write(&path, &broken).unwrap();
    let (ro, w) = Ledger::open_file_read_only(path.clone(), "t.txt").unwrap();
    assert!(
        matches!(&w[..], [Warning::LedgerDamaged { salvaged: 1, .. }]),
        "{w:?}"
    );
    assert_eq!(ro.list().len(), 1);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "read-only: untouched"
    );
    let (l, w) = Ledger::open_file(path.clone(), "t.txt").unwrap();
    let [
        Warning::SetAside {
            moved_to,
            salvaged: 1,
            ..
        },
    ] = &w[..]
    else {
        panic!("{w:?}");
    };
    assert_eq!(fs::read_to_string(moved_to).unwrap(), broken, "kept intact");
    assert_eq!(l.list().len(), 1);
    assert_eq!(open(&path).list().len(), 1, "what was read is written back");
    fs::write(&path, "{ not json").unwrap();
    let (l, w) = Ledger::open_file(path.clone(), "t.txt").unwrap();
    assert!(
        matches!(&w[..], [Warning::SetAside { salvaged: 0, .. }]),
        "{w:?}"
    );
    assert!(l.list().is_empty());
}

#[test]
fn a_newer_file_is_read_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    open(&path).add(entry(&d, 0)).unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"version\": 1", "\"version\": 9");
    fs::write(&path, &text).unwrap();
    let (mut l, w) = Ledger::open_file(path.clone(), "t.txt").unwrap();
    assert!(matches!(&w[..], [Warning::ReadOnly { .. }]), "{w:?}");
    assert_eq!(l.list().len(), 1);
    let id = l.list()[0].id.clone();
    assert!(l.set_status(&id, Status::Checked).is_err());
    assert!(l.has_unsaved(), "kept in memory");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn what_cannot_be_saved_waits_in_a_recovery_file_that_the_next_opening_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir);
    let d = doc(TEXT);
    let mut l = open(&path);
    let e = entry(&d, 0);
    let id = e.id.clone();
    {
        let _other = atomic::lock(&path).unwrap();
        assert!(l.add(e).is_err(), "the lock is busy");
        assert_eq!(l.pending_count(), 1);
        let saved = l.close().unwrap().expect("written to a recovery file");
        assert!(
            saved.to_string_lossy().contains("t.json.unsaved-"),
            "{saved:?}"
        );
    }
    assert!(!path.exists());
    let again = open(&path);
    assert!(!again.has_unsaved());
    assert!(again.get(&id).is_some());
    assert_eq!(names(&dir.path().join("ledger")), ["t.json", "t.json.lock"]);
}

#[test]
fn an_entry_follows_its_claim_through_an_edit_and_never_to_another_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let d = doc(TEXT);
    let mut l = open(&file(&dir));
    let e = entry(&d, 0);
    let id = e.id.clone();
    l.add(e).unwrap();
    l.set_status(&id, Status::Disputed).unwrap();
    // A turn inserted before it, and its sentence reworded a little.
    let edited = claimed(
        "Cy: Welcome, everyone.\n\n\
         Ana: Hello. Sales rose 21% in 2024. Nice weather today.\n\n\
         Ben: I think revenue will double by 2030.\n",
        &["Sales rose 21% in 2024.", REVENUE],
    );
    let rows = rows(&edited, l.entries());
    let row = rows.iter().find(|r| r.entry.is_some()).unwrap();
    assert_eq!(row.found, Found::Detected);
    assert_eq!(row.status(), Status::Disputed);
    assert_eq!(row.citation.speaker.as_deref(), Some("Ana"));
    assert_eq!(row.citation.status, Anchoring::Changed);
    assert_eq!(row.text(), "Sales rose 21% in 2024.");
    // The same words now said only by Ben: the entry detaches.
    let moved = claimed(
        "Ana: Nice weather today.\n\nBen: Sales rose 20% in 2024.\n",
        &[SALES],
    );
    let rows = super::rows(&moved, l.entries());
    let row = rows.iter().find(|r| r.entry.is_some()).unwrap();
    assert_eq!(row.citation.status, Anchoring::Detached);
    assert_eq!(row.citation.speaker.as_deref(), Some("Ana"), "as saved");
    assert_eq!(row.found, Found::NotDetected);
    let bens = rows.iter().find(|r| r.entry.is_none()).unwrap();
    assert_eq!(
        bens.status(),
        Status::Unchecked,
        "Ben's claim is not Ana's entry"
    );
}

#[test]
fn hand_added_claims_and_progress() {
    let d = doc(TEXT);
    let mut es = Entries::default();
    let span = claim_span(&d, &d.claims[0]).unwrap();
    // "Nice weather today." by hand: after Ana's claim in her paragraph.
    let mut hand = span;
    hand.start.offset = span.end.offset + 1;
    hand.end.offset = hand.start.offset + "Nice weather today.".chars().count();
    let origin = crate::store::bookmarks::Origin {
        id: "h1".into(),
        created: String::new(),
        doc_hash: String::new(),
    };
    let h = Entry::by_hand(&d, hand, origin, 5).unwrap();
    assert_eq!(h.quote, "Nice weather today.");
    es.apply(&Edit::Add(Box::new(h)), 5);
    es.apply(
        &Edit::Status {
            id: "h1".into(),
            status: Status::Checked,
        },
        6,
    );
    let e = entry(&d, 1);
    let id = e.id.clone();
    es.apply(&Edit::Add(Box::new(e)), 7);
    es.apply(
        &Edit::Status {
            id,
            status: Status::NotAClaim,
        },
        8,
    );
    let rows = rows(&d, &es);
    let found: Vec<Found> = rows.iter().map(|r| r.found).collect();
    assert_eq!(found, [Found::Detected, Found::ByHand, Found::Detected]);
    let p = Progress::of(&rows);
    assert_eq!((p.done(), p.total()), (1, 2));
    assert_eq!(p.label(), "1/2 checked");
}

#[test]
fn status_names_round_trip() {
    for s in Status::ALL {
        assert_eq!(Status::from_name(s.as_str()), Some(s));
        assert_eq!(Status::from_name(s.label()), Some(s));
    }
    let json = serde_json::to_string(&Status::NeedsSource).unwrap();
    assert_eq!(json, "\"needs-source\"");
}
