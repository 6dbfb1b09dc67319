//! The library's widget on a `TestBackend`: the rows with a greyed file at
//! 120×40, 80×24 and 60×20 (columns dropped as it narrows), the header's
//! sort mark, the filter line, the search's grouped results with the match
//! highlighted, and a help that lists every library key at 120×40.

mod support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use support::library::{hit, rows};
use tread::app::action::{Action, EditKey};
use tread::app::keymap::{Keymap, Layer};
use tread::app::library::{Column, Library, Shelved, update};
use tread::shelf::Summary;
use unicode_width::UnicodeWidthStr;

fn draw(lib: &Library, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| tread::ui::library::render(f, lib))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let (mut line, mut x) = (String::new(), 0);
        // A wide character's second cell is not a character of its own.
        while x < area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn library() -> Library {
    let mut lib = Library::new(rows(), Keymap::default_keymap(), true);
    let counts = tread::shelf::Counts {
        bookmarks: 3,
        codes: 2,
    };
    update(&mut lib, Shelved::Counts("/shelf/b.txt".into(), counts));
    update(&mut lib, Shelved::Progress(2, 3));
    lib
}

#[test]
fn at_120_by_40() {
    let mut lib = library();
    update(&mut lib, Action::SortBy(Column::Date));
    update(&mut lib, Action::SelectDown);
    let buf = draw(&lib, 120, 40);
    insta::assert_snapshot!(text(&buf));
    // The selected row is reversed; the greyed one is not bold or reversed.
    let row = |y: u16| (0..120).map(move |x| (x, y));
    assert!(row(2).all(|c| buf[c].modifier.contains(Modifier::REVERSED)));
    assert!(text(&buf).lines().nth(3).unwrap().starts_with("c.bin"));
}

#[test]
fn at_80_by_24_with_the_filter_line() {
    let mut lib = library();
    update(&mut lib, Action::FilterRows);
    for c in "a".chars() {
        update(&mut lib, Action::Edit(EditKey::Char(c)));
    }
    insta::assert_snapshot!(text(&draw(&lib, 80, 24)));
}

#[test]
fn at_60_by_20_the_title_keeps_its_room() {
    let mut lib = library();
    update(&mut lib, Action::SortBy(Column::Turns));
    update(&mut lib, Action::SortBy(Column::Turns));
    let screen = text(&draw(&lib, 60, 20));
    insta::assert_snapshot!(screen);
    assert!(screen.lines().next().unwrap().contains("turns▼"));
}

#[test]
fn search_results_grouped_by_transcript() {
    let mut lib = library();
    update(&mut lib, Action::Search);
    for c in "tax".chars() {
        update(&mut lib, Action::Edit(EditKey::Char(c)));
    }
    let hits = vec![hit("/shelf/a.srt", 1, "tax"), hit("/shelf/a.srt", 3, "tax")];
    update(&mut lib, Shelved::hits(3, "/shelf/a.srt".into(), hits));
    update(
        &mut lib,
        Shelved::hits(
            3,
            "/shelf/d.vtt".into(),
            vec![hit("/shelf/d.vtt", 2, "tax")],
        ),
    );
    let searching = text(&draw(&lib, 80, 24));
    assert!(
        searching.contains("3 hits in 2 transcripts · searching…"),
        "{searching}"
    );
    update(&mut lib, Shelved::Searched(3));
    update(&mut lib, Action::Edit(EditKey::Submit));
    update(&mut lib, Action::SelectDown);
    let buf = draw(&lib, 80, 24);
    insta::assert_snapshot!(text(&buf));
    // The match is highlighted on its row.
    let line = text(&buf).lines().nth(2).unwrap().to_string();
    let at = line.find("tax").unwrap();
    let x = line[..at].chars().count() as u16;
    assert_ne!(buf[(x, 2)].bg, buf[(0, 3)].bg, "{line}");
}

#[test]
fn a_query_that_does_not_parse_says_why_on_the_line() {
    let mut lib = library();
    update(&mut lib, Action::Search);
    for c in "after:x".chars() {
        update(&mut lib, Action::Edit(EditKey::Char(c)));
    }
    let screen = text(&draw(&lib, 80, 24));
    let last = screen.lines().nth(23).unwrap();
    assert!(
        last.starts_with("/after:x") && last.contains("date"),
        "{last}"
    );
}

#[test]
fn the_help_lists_every_library_key_at_120_by_40() {
    let mut lib = library();
    update(&mut lib, Action::Help);
    let screen = text(&draw(&lib, 120, 40));
    let keymap = Keymap::default_keymap();
    for (layer, rows) in keymap.describe() {
        if layer != Layer::Library {
            continue;
        }
        for (action, _) in rows {
            let desc = action.description().unwrap();
            let word = desc.split(' ').next().unwrap();
            assert!(
                screen.contains(word),
                "{action:?} ({desc}) missing:\n{screen}"
            );
        }
    }
    assert!(screen.contains("In the library"), "{screen}");
    assert!(
        !screen.contains("next sentence"),
        "no reader keys:\n{screen}"
    );
}

#[test]
fn file_names_and_titles_are_sanitised() {
    let mut rows = rows();
    rows[0].summary.title = "evil\u{1b}[2J\u{202e}title".into();
    rows[0].shown = "a\u{7}.srt".into();
    let _ = Summary::clone(&rows[0].summary);
    let lib = Library::new(rows, Keymap::default_keymap(), true);
    let screen = text(&draw(&lib, 120, 40));
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen}"
    );
    assert!(screen.contains("evil␛[2Jtitle"), "{screen}");
}
