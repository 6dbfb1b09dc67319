//! The library's part through `update`: sorting by each column either
//! way, filtering as typed, the selection staying on its file across
//! sorts and arrivals, opening a row, the search's orders and results,
//! and the reader's way back and on to the next file with hits.

use std::path::PathBuf;

use super::*;
use crate::app::action::{Action, EditKey, Leave};
use crate::shelf::{Counts, ShelfHit};
use crate::shelf::{DatedBy, Summary};
use crate::store::anchor::Anchor;

fn summary(title: &str, date: Option<&str>, speakers: &[&str], turns: usize) -> Summary {
    Summary {
        title: title.into(),
        date: date.map(Into::into),
        dated_by: DatedBy::Meta,
        format: if turns.is_multiple_of(2) {
            "srt"
        } else {
            "text"
        }
        .into(),
        speakers: speakers.iter().map(|s| s.to_string()).collect(),
        turns,
        duration: (turns.is_multiple_of(2)).then_some(turns as u64 * 60),
        bytes: 100,
        complete: true,
        problem: None,
        doc_hash: None,
    }
}

fn row(path: &str, s: Summary) -> Row {
    Row {
        path: PathBuf::from(path),
        shown: path.into(),
        summary: s,
        counts: None,
    }
}

/// Four files: b.txt, a.srt, d.vtt, and c.bin, which is not a transcript.
fn lib() -> Library {
    let mut bin = summary("c", None, &[], 0);
    bin.problem = Some("binary".into());
    let rows = vec![
        row(
            "b.txt",
            summary("Budget hearing", Some("2024-03-01"), &["Anna", "Ben"], 7),
        ),
        row(
            "a.srt",
            summary("annual review", Some("2023-11-20"), &["Carl"], 12),
        ),
        row(
            "d.vtt",
            summary("Design crit", None, &["Dana", "Anna", "Eve"], 4),
        ),
        row("c.bin", bin),
    ];
    Library::new(rows, Keymap::default_keymap(), true)
}

fn shown(lib: &Library) -> Vec<String> {
    lib.order()
        .iter()
        .map(|&i| lib.rows()[i].shown.clone())
        .collect()
}

fn typed(lib: &mut Library, text: &str) -> Option<Order> {
    let mut last = None;
    for c in text.chars() {
        last = update(lib, Action::Edit(EditKey::Char(c)));
    }
    last
}

fn selected(lib: &Library) -> &str {
    &lib.selected_row().unwrap().shown
}

#[test]
fn rows_start_in_path_order() {
    assert_eq!(shown(&lib()), ["a.srt", "b.txt", "c.bin", "d.vtt"]);
}

#[test]
fn each_column_sorts_and_again_reverses() {
    let cases: &[(Column, [&str; 4])] = &[
        (Column::Title, ["a.srt", "b.txt", "c.bin", "d.vtt"]),
        (Column::Date, ["a.srt", "b.txt", "c.bin", "d.vtt"]),
        (Column::Format, ["a.srt", "c.bin", "d.vtt", "b.txt"]),
        (Column::Speakers, ["c.bin", "a.srt", "b.txt", "d.vtt"]),
        (Column::Turns, ["c.bin", "d.vtt", "b.txt", "a.srt"]),
        (Column::Duration, ["c.bin", "d.vtt", "a.srt", "b.txt"]),
    ];
    for (column, want) in cases {
        let mut l = lib();
        update(&mut l, Action::SortBy(*column));
        assert_eq!(shown(&l), want, "{column:?}");
        assert_eq!(l.sort(), Some((*column, false)));
        update(&mut l, Action::SortBy(*column));
        assert_eq!(l.sort(), Some((*column, true)));
        let back: Vec<String> = shown(&l);
        let reversed: Vec<&str> = match column {
            // Unknown dates and durations stay last either way.
            Column::Date => vec!["b.txt", "a.srt", "d.vtt", "c.bin"],
            Column::Duration => vec!["a.srt", "d.vtt", "c.bin", "b.txt"],
            _ => want.iter().rev().copied().collect(),
        };
        assert_eq!(back, reversed, "{column:?} reversed");
    }
}

#[test]
fn counts_sort_the_marks_and_codes_columns() {
    let mut l = lib();
    let counts = [("a.srt", 2, 0), ("b.txt", 5, 3), ("d.vtt", 1, 9)];
    for (path, bookmarks, codes) in counts {
        let c = Counts { bookmarks, codes };
        update(&mut l, Shelved::Counts(path.into(), c));
    }
    update(&mut l, Action::SortBy(Column::Bookmarks));
    assert_eq!(shown(&l), ["c.bin", "d.vtt", "a.srt", "b.txt"]);
    update(&mut l, Action::SortBy(Column::Codes));
    update(&mut l, Action::SortBy(Column::Codes));
    assert_eq!(shown(&l), ["d.vtt", "b.txt", "c.bin", "a.srt"]);
}

#[test]
fn the_selection_stays_on_its_file_across_sorts_and_arrivals() {
    let mut l = lib();
    update(&mut l, Action::SelectDown);
    assert_eq!(selected(&l), "b.txt");
    update(&mut l, Action::SortBy(Column::Turns));
    assert_eq!(selected(&l), "b.txt");
    update(&mut l, Action::SortBy(Column::Turns));
    assert_eq!(selected(&l), "b.txt");
    // A summary read in full changes b's turns and so its place.
    let mut more = l.rows()[0].clone();
    more.summary.turns = 40;
    update(&mut l, Shelved::Row(Box::new(more)));
    assert_eq!(shown(&l)[0], "b.txt");
    assert_eq!(selected(&l), "b.txt");
    // A file found later adds a row; the selection does not move off b.
    update(
        &mut l,
        Shelved::Row(Box::new(row("0.txt", summary("First", None, &[], 99)))),
    );
    assert_eq!(selected(&l), "b.txt");
    assert_eq!(l.rows().len(), 5);
}

#[test]
fn the_filter_narrows_as_typed_with_smart_case() {
    let mut l = lib();
    update(&mut l, Action::FilterRows);
    typed(&mut l, "ann");
    assert_eq!(shown(&l), ["a.srt", "b.txt", "d.vtt"], "title or speaker");
    update(&mut l, Action::Edit(EditKey::KillToStart));
    typed(&mut l, "Ann");
    assert_eq!(shown(&l), ["b.txt", "d.vtt"], "a capital: case matters");
    typed(&mut l, " crit");
    assert_eq!(shown(&l), ["d.vtt"], "every word");
    update(&mut l, Action::Edit(EditKey::Submit));
    assert_eq!(l.mode(), &Mode::Rows);
    assert_eq!(l.filter(), "Ann crit");
    // Esc over the rows clears a kept filter.
    update(&mut l, Action::CloseOverlay);
    assert_eq!(shown(&l).len(), 4);
    update(&mut l, Action::FilterRows);
    typed(&mut l, ".vtt");
    assert_eq!(shown(&l), ["d.vtt"], "the path too");
    update(&mut l, Action::Edit(EditKey::Cancel));
    assert_eq!(l.filter(), "");
}

#[test]
fn enter_opens_a_transcript_and_says_why_not_for_others() {
    let mut l = lib();
    let order = update(&mut l, Action::Activate);
    let Some(Order::Open(o)) = order else {
        panic!("{order:?}");
    };
    assert_eq!(o.path, PathBuf::from("a.srt"));
    assert_eq!((o.at, o.link), (None, Link::default()));
    update(&mut l, Action::SelectDown);
    update(&mut l, Action::SelectDown);
    assert_eq!(update(&mut l, Action::Activate), None);
    let status = l.status().unwrap();
    assert!(
        status.is_warning() && status.text.contains("binary"),
        "{status:?}"
    );
    assert_eq!(update(&mut l, Action::Quit), Some(Order::Quit));
}

fn hit(path: &str, section: usize, text: &str) -> ShelfHit {
    ShelfHit {
        path: path.into(),
        line: 3,
        section,
        section_title: None,
        turn: 1,
        speaker: Some("Anna".into()),
        time: None,
        clock: None,
        text: text.into(),
        range: 0..3,
        anchor: Anchor {
            section,
            turn: 0,
            paragraph: 0,
            offset: 0,
        },
    }
}

/// A search for "tax" with hits in a.srt (two) and d.vtt (one), done.
fn searched() -> Library {
    let mut l = lib();
    update(&mut l, Action::Search);
    assert_eq!(l.mode(), &Mode::Query);
    let order = typed(&mut l, "tax");
    let Some(Order::Search { id, query, paths }) = order else {
        panic!("{order:?}");
    };
    assert_eq!(query, "tax");
    let names: Vec<_> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["a.srt", "b.txt", "d.vtt"],
        "path order, not the binary"
    );
    update(
        &mut l,
        Shelved::hits(
            id,
            "a.srt".into(),
            vec![hit("a.srt", 1, "tax"), hit("a.srt", 2, "tax")],
        ),
    );
    update(&mut l, Shelved::hits(id, "b.txt".into(), vec![]));
    // An older search's hits are dropped.
    update(
        &mut l,
        Shelved::hits(id - 1, "b.txt".into(), vec![hit("b.txt", 1, "ta")]),
    );
    update(
        &mut l,
        Shelved::hits(id, "d.vtt".into(), vec![hit("d.vtt", 4, "tax")]),
    );
    update(&mut l, Shelved::Searched(id));
    l
}

#[test]
fn a_search_orders_a_new_search_per_change_and_groups_its_hits() {
    let mut l = searched();
    let r = l.results().unwrap();
    assert!(r.done());
    assert_eq!((r.count(), r.files().len()), (3, 2));
    assert_eq!(
        r.items(),
        [
            Item::File(0),
            Item::Hit(0, 0),
            Item::Hit(0, 1),
            Item::File(1),
            Item::Hit(1, 0)
        ]
    );
    // Typing again stops nothing by itself: the new search replaces the old.
    let order = typed(&mut l, "e");
    assert!(
        matches!(order, Some(Order::Search { id: 4, .. })),
        "{order:?}"
    );
    assert_eq!(l.results().unwrap().count(), 0);
    // A bad query says why and stops the search.
    update(&mut l, Action::Edit(EditKey::KillToStart));
    assert_eq!(typed(&mut l, "after:x"), Some(Order::StopSearch));
    assert!(l.query().1.is_some());
    assert_eq!(
        update(&mut l, Action::Edit(EditKey::Cancel)),
        Some(Order::StopSearch)
    );
    assert!(l.results().is_none());
    assert_eq!(l.mode(), &Mode::Rows);
}

#[test]
fn enter_on_a_hit_opens_the_reader_there_with_the_search() {
    let mut l = searched();
    update(&mut l, Action::Edit(EditKey::Submit));
    assert_eq!(l.mode(), &Mode::Results);
    update(&mut l, Action::SelectDown);
    update(&mut l, Action::SelectDown);
    let Some(Order::Open(o)) = update(&mut l, Action::Activate) else {
        panic!("no open");
    };
    assert_eq!(o.path, PathBuf::from("a.srt"));
    assert_eq!(o.at.unwrap().section, 2);
    assert_eq!(o.link.search.as_deref(), Some("tax"));
    assert!(o.link.onward);
    // Back from the reader: the library as it was.
    assert_eq!(update(&mut l, Shelved::Returned(Leave::Library)), None);
    assert_eq!(
        (l.mode(), l.results().unwrap().selected()),
        (&Mode::Results, 2)
    );
}

#[test]
fn n_past_the_last_hit_opens_the_next_file_and_n_back_the_previous() {
    let mut l = searched();
    update(&mut l, Action::Edit(EditKey::Submit));
    update(&mut l, Action::Activate);
    let Some(Order::Open(o)) = update(&mut l, Shelved::Returned(Leave::Next)) else {
        panic!("no next");
    };
    assert_eq!((o.path.to_str(), o.at.unwrap().section), (Some("d.vtt"), 4));
    assert_eq!(update(&mut l, Shelved::Returned(Leave::Next)), None);
    assert!(l.status().unwrap().text.contains("last"));
    let Some(Order::Open(o)) = update(&mut l, Shelved::Returned(Leave::Prev)) else {
        panic!("no previous");
    };
    // The previous file at its last hit.
    assert_eq!((o.path.to_str(), o.at.unwrap().section), (Some("a.srt"), 2));
}

#[test]
fn the_help_opens_over_a_mode_and_closes_back_to_it() {
    let mut l = searched();
    update(&mut l, Action::Edit(EditKey::Submit));
    update(&mut l, Action::Help);
    assert!(matches!(l.mode(), Mode::Help { .. }));
    update(&mut l, Action::SelectDown);
    update(&mut l, Action::CloseOverlay);
    assert_eq!(l.mode(), &Mode::Results);
}

#[test]
fn the_same_messages_give_the_same_library() {
    let a = searched();
    let b = searched();
    assert_eq!(format!("{:?}", a.results()), format!("{:?}", b.results()));
    assert_eq!(a.order(), b.order());
}

#[test]
fn a_file_keeps_its_first_hits_and_counts_them_all() {
    let mut r = Results::new(1);
    let many: Vec<ShelfHit> = (0..250).map(|i| hit("a.srt", i, "tax")).collect();
    r.add("a.srt".into(), many, 250);
    r.add("b.txt".into(), vec![hit("b.txt", 1, "tax")], 1);
    assert_eq!(
        (r.count(), r.total(0), r.files()[0].1.len()),
        (251, 250, 100)
    );
    assert_eq!(r.items().len(), 1 + 100 + 1 + 1);
    assert_eq!(r.items()[101], Item::File(1));
}

#[test]
fn hits_are_cut_before_they_are_sent_and_still_counted() {
    let many: Vec<ShelfHit> = (0..250).map(|i| hit("a.srt", i, "tax")).collect();
    let Shelved::Hits { kept, total, .. } = Shelved::hits(1, "a.srt".into(), many) else {
        panic!("hits");
    };
    assert_eq!((kept.len(), total), (results::KEPT_PER_FILE, 250));
    // Past the search's budget, a file keeps its first hit, to open at.
    assert_eq!(keep_hits(0), results::KEPT_PER_FILE);
    assert_eq!(keep_hits(results::KEPT_IN_ALL - 30), 30);
    assert_eq!(keep_hits(results::KEPT_IN_ALL + 7), 2);
    // The last is kept with the first ones: `N` opens a file at it.
    let Shelved::Hits { kept, .. } = Shelved::cut(
        1,
        "a.srt".into(),
        (0..250).map(|i| hit("a.srt", i, "tax")).collect(),
        2,
    ) else {
        panic!("hits");
    };
    let sections: Vec<usize> = kept.iter().map(|h| h.section).collect();
    assert_eq!(sections, [0, 249]);
}
