//! Merging operations: tombstones, restores, aliases, and undo that puts the
//! list back exactly, so that undo–apply–redo equals a replay in log order.

use proptest::prelude::*;

use super::*;
use crate::store::anchor::Anchor;
use crate::transcript::{Document, Section, Turn};

fn doc() -> Document {
    let paragraphs = vec![
        "Tombstones keep deletions from coming back.".to_string(),
        "Two windows may mark the very same words.".to_string(),
    ];
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

fn span(p: usize, from: usize, to: usize) -> Span {
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: p,
        offset,
    };
    Span {
        start: a(from),
        end: a(to),
    }
}

fn mark(p: usize, from: usize, to: usize, note: &str) -> Bookmark {
    Bookmark::fresh(&doc(), span(p, from, to), note).unwrap()
}

fn add(b: &Bookmark) -> Op {
    Op::new(Change::Add(Box::new(b.clone())))
}

fn note(id: &str, note: &str) -> Op {
    let (id, note) = (id.into(), note.into());
    Op::new(Change::Note { id, note })
}

fn remove(id: &str) -> Op {
    Op::new(Change::Remove { id: id.into() })
}

fn restore(b: &Bookmark) -> Op {
    Op::new(Change::Restore(Box::new(b.clone())))
}

fn run(m: &mut Merged, ops: &[Op]) -> Vec<Outcome> {
    ops.iter().map(|op| m.apply(op, &mut Vec::new())).collect()
}

type State = (Vec<Bookmark>, Vec<Tombstone>, BTreeMap<String, String>);

fn state(m: &Merged) -> State {
    (
        m.list().to_vec(),
        m.tombstones().cloned().collect(),
        m.aliases().clone(),
    )
}

/// The indexes agree with the list.
fn assert_consistent(m: &Merged) {
    assert_eq!(m.index.len(), m.items.len());
    for (i, b) in m.items.iter().enumerate() {
        assert_eq!(m.index.get(&b.id), Some(&i), "{}", b.id);
        assert!(m.spans[&b.span()].contains(&b.id));
    }
    let spanned: usize = m.spans.values().map(Vec::len).sum();
    assert_eq!(spanned, m.items.len());
}

#[test]
fn a_tombstone_beats_a_later_edit_from_a_stale_instance() {
    let x = mark(0, 0, 10, "");
    let mut m = Merged::default();
    // A removes X; B, which loaded X before, then edits its note.
    let outcomes = run(&mut m, &[add(&x), remove(&x.id), note(&x.id, "B's note")]);
    let deleted = Outcome::Deleted("Tombstones".into());
    assert_eq!(outcomes[2], deleted);
    assert!(m.list().is_empty());
    // Nor can a stale add or an accepted re-anchoring bring it back.
    assert_eq!(run(&mut m, &[add(&x)]), [deleted]);
    assert!(m.get(&x.id).is_none() && m.tombstone(&x.id).is_some());
    assert_consistent(&m);
}

fn code(id: &str, code: &str, on: bool) -> Op {
    let (id, code) = (id.into(), code.into());
    Op::new(Change::Code { id, code, on })
}

#[test]
fn codes_from_two_instances_add_up_and_each_comes_off_alone() {
    let x = mark(0, 0, 10, "");
    let mut m = Merged::default();
    // A codes X "pricing"; B, which loaded X before, codes it "timing".
    let out = run(
        &mut m,
        &[add(&x), code(&x.id, "p", true), code(&x.id, "t", true)],
    );
    assert_eq!(out[1..], [Outcome::Changed, Outcome::Changed]);
    assert_eq!(m.get(&x.id).unwrap().codes, ["p", "t"]);
    // Applying a code twice is once; taking one off leaves the other.
    assert_eq!(run(&mut m, &[code(&x.id, "p", true)]), [Outcome::Unchanged]);
    run(&mut m, &[code(&x.id, "p", false)]);
    assert_eq!(m.get(&x.id).unwrap().codes, ["t"]);
    // Undo puts the list back exactly.
    let before = state(&m);
    let mut undo = Vec::new();
    m.apply(&code(&x.id, "q", true), &mut undo);
    m.undo(undo);
    assert_eq!(state(&m), before);
    assert_consistent(&m);
}

#[test]
fn restore_clears_the_tombstone() {
    let x = mark(0, 0, 10, "first");
    let mut m = Merged::default();
    run(&mut m, &[add(&x), remove(&x.id), restore(&x)]);
    assert_eq!(m.list(), std::slice::from_ref(&x));
    assert!(m.tombstone(&x.id).is_none());
    assert_eq!(run(&mut m, &[note(&x.id, "again")]), [Outcome::Changed]);
    assert_eq!(m.get(&x.id).unwrap().note, "again");
    // Restoring what is there changes nothing.
    assert_eq!(run(&mut m, &[restore(&x)]), [Outcome::Unchanged]);
    assert_consistent(&m);
}

#[test]
fn identical_marks_are_one_bookmark() {
    let first = mark(1, 4, 11, "");
    let second = mark(1, 4, 11, "from B");
    let elsewhere = mark(1, 0, 11, "");
    let mut m = Merged::default();
    run(&mut m, &[add(&first), add(&second), add(&elsewhere)]);
    assert_eq!(m.list().len(), 2);
    assert_eq!(m.get(&second.id).unwrap().id, first.id, "an alias");
    assert_eq!(
        m.get(&first.id).unwrap().note,
        "from B",
        "the empty note is filled"
    );
    // Operations on the alias reach the bookmark, removal included.
    run(&mut m, &[note(&second.id, "edited")]);
    assert_eq!(m.get(&first.id).unwrap().note, "edited");
    run(&mut m, &[remove(&second.id)]);
    assert!(m.get(&first.id).is_none() && m.tombstone(&first.id).is_some());
    assert_consistent(&m);

    // A note already there is kept; the same words elsewhere are no alias.
    let mut m = Merged::default();
    let kept = mark(1, 4, 11, "mine");
    run(&mut m, &[add(&kept), add(&second)]);
    assert_eq!(m.list().len(), 1);
    assert_eq!(m.list()[0].note, "mine");
}

#[test]
fn unknown_fields_of_an_operation_become_fields_of_its_record() {
    let x = mark(0, 0, 10, "");
    let mut op = note(&x.id, "n");
    op.extra.insert("colour".into(), "red".into());
    op.extra.insert("note".into(), "not this".into());
    let mut gone = remove(&x.id);
    gone.extra.insert("reason".into(), "dup".into());
    let mut m = Merged::default();
    run(&mut m, &[add(&x), op]);
    let b = m.get(&x.id).unwrap();
    assert_eq!(
        (b.note.as_str(), &b.extra["colour"]),
        ("n", &Value::from("red"))
    );
    assert!(
        !b.extra.contains_key("note"),
        "a known field is never doubled"
    );
    run(&mut m, &[gone]);
    assert_eq!(m.tombstone(&x.id).unwrap().extra["reason"], "dup");
}

/// Four marks, two of them of the same words (so aliases come into play).
fn marks() -> Vec<Bookmark> {
    [(0, 0, 5), (0, 0, 5), (1, 0, 5), (1, 0, 6)]
        .iter()
        .map(|&(p, from, to)| mark(p, from, to, ""))
        .collect()
}

fn ops_from(marks: &[Bookmark], picks: &[(u8, usize, usize)]) -> Vec<Op> {
    picks
        .iter()
        .map(|&(kind, which, n)| {
            let b = &marks[which % marks.len()];
            match kind % 4 {
                0 => add(b),
                1 => note(&b.id, &format!("n{n}")),
                2 => remove(&b.id),
                _ => restore(b),
            }
        })
        .collect()
}

fn picks() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    prop::collection::vec((any::<u8>(), 0usize..4, 0usize..3), 0..12)
}

proptest! {
    /// Undoing one's own operations, applying others' and redoing one's own
    /// gives exactly the replay of the log: base, others', one's own.
    #[test]
    fn undo_apply_redo_is_a_replay_in_log_order(
        base in picks(), theirs in picks(), mine in picks(),
    ) {
        let m = marks();
        let (base, theirs, mine) = (ops_from(&m, &base), ops_from(&m, &theirs), ops_from(&m, &mine));
        let mut replay = Merged::default();
        run(&mut replay, &base);
        let before = state(&replay);
        run(&mut replay, &theirs);
        run(&mut replay, &mine);

        let mut here = Merged::default();
        run(&mut here, &base);
        let mut journals: Vec<Vec<Undo>> = Vec::new();
        for op in &mine {
            let mut j = Vec::new();
            here.apply(op, &mut j);
            journals.push(j);
        }
        for j in journals.into_iter().rev() {
            here.undo(j);
        }
        prop_assert_eq!(state(&here), before);
        assert_consistent(&here);
        run(&mut here, &theirs);
        run(&mut here, &mine);
        prop_assert_eq!(state(&here), state(&replay));
        assert_consistent(&here);
    }
}
