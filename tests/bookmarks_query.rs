//! The bookmarks list's query line through the real run loop on a
//! `TestBackend`: `/` in the list, a query typed (CJK included), the list
//! filtered with its count, Enter giving the keys back to the list, the
//! filter kept when the list opens again, a query that does not parse,
//! clicks on the filtered rows, and the key in the help.

mod support;

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use support::app::{Reader, mouse, sample_with};
use support::frames::Recorder;
use tread::app::help;
use tread::app::keymap::Keymap;
use tread::app::state::Overlay;
use tread::store::codes::Codebook;
use tread::tty::run::{Exit, Input};

/// A codebook holding these paths, with fixed ids in order.
fn book(paths: &[&str]) -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    for p in paths {
        let id = next();
        for c in b.plan_create(p, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

/// The sample with four bookmarks: 纳德拉's and 扎克伯格's in §01, then
/// 扎克伯格's and 纳德拉's in §02, the second of each pair coded `pricing`;
/// back at the top.
fn reader() -> Reader {
    let codebook = book(&["pricing", "timing"]);
    let state = sample_with(Keymap::default_keymap(), |up| {
        up.codebook = codebook;
        up.session = "test".into();
    });
    let mut r = Reader::with_state(state, 100, 30);
    r.keys("]jjmJmC1]jmJmC1g");
    assert_eq!(r.state.marks().len(), 4);
    r
}

/// Each script in turn, a frame recorded after each.
fn record(r: &mut Reader, scripts: &[&str]) -> String {
    let mut rec = Recorder::new();
    for script in scripts {
        assert_eq!(r.keys(script), Exit::EventsEnded, "{script}");
        rec.frame(r, &format!("after {script:?}"));
    }
    rec.finish()
}

/// The speakers of the bookmarks the list shows, top to bottom.
fn listed_speakers(r: &Reader) -> Vec<String> {
    let screen = r.screen();
    screen
        .lines()
        .filter_map(|l| {
            let head = l.split('│').nth(1)?;
            let who = head.split(" · ").nth(1)?;
            head.contains('§').then(|| who.to_string())
        })
        .collect()
}

#[test]
fn a_speaker_query_filters_the_list_with_its_count() {
    let mut r = reader();
    let frames = record(&mut r, &["'", "/", "spk:扎克伯格", "<enter>", "j"]);
    assert!(r.screen().contains("/ spk:扎克伯格"), "{}", r.screen());
    assert!(r.screen().contains("2 of 4 bookmarks"), "{}", r.screen());
    assert_eq!(listed_speakers(&r), ["扎克伯格", "扎克伯格"]);
    insta::assert_snapshot!(frames);
}

#[test]
fn a_query_that_does_not_parse_shows_its_error_and_keeps_the_filter() {
    let mut r = reader();
    let frames = record(
        &mut r,
        &["'/code:pricing<enter>", "/", " \"开源", "<enter>"],
    );
    assert!(r.screen().contains("2 of 4 bookmarks"), "{}", r.screen());
    assert_eq!(
        r.state.message(),
        Some("unbalanced quote in the query: fix the query, or Esc clears the filter")
    );
    assert!(r.state.bookmark_filter().is_open());
    assert_eq!(r.state.bookmark_filter().text(), "code:pricing");
    insta::assert_snapshot!(frames);
}

#[test]
fn the_filter_lasts_while_the_reader_runs_and_esc_in_its_line_clears_it() {
    let mut r = reader();
    r.keys("'/spk:纳德拉<enter>");
    r.keys("<enter>");
    assert_eq!(r.state.overlay(), None);
    r.keys("'");
    let screen = r.screen();
    assert!(screen.contains("/ spk:纳德拉"), "{screen}");
    assert!(screen.contains("kept while tread runs"), "{screen}");
    assert_eq!(listed_speakers(&r), ["纳德拉", "纳德拉"]);
    // `/` reopens the line on the filter's text; Esc there clears it.
    r.keys("/");
    assert_eq!(r.state.bookmark_filter().line().unwrap().text, "spk:纳德拉");
    r.keys("<esc>");
    assert!(!r.state.bookmark_filter().is_set());
    assert_eq!(listed_speakers(&r).len(), 4);
    assert!(!r.screen().contains("of 4 bookmarks"), "{}", r.screen());
}

#[test]
fn pasted_text_goes_into_the_open_line() {
    let mut r = reader();
    r.keys("'/");
    r.input(vec![Input::Paste("spk:扎克伯格\n".into())]);
    assert_eq!(r.state.bookmark_filter().text(), "spk:扎克伯格");
    assert_eq!(listed_speakers(&r), ["扎克伯格", "扎克伯格"]);
}

#[test]
fn a_click_on_a_filtered_row_goes_to_that_bookmark() {
    let mut r = reader();
    r.keys("'/spk:扎克伯格<enter>");
    // The second row shown is the third bookmark.
    let third = r.state.marks()[2].place.unwrap().sentence;
    let label = &r.state.marks()[2].citation.section.label;
    let y = (0..30)
        .find(|&y| r.row(y).contains(label.as_str()) && r.row(y).contains("扎克伯格"))
        .expect("the third bookmark's row");
    let click = mouse(MouseEventKind::Down(MouseButton::Left), (20, y + 1));
    r.input(vec![click]);
    assert_eq!(r.state.overlay(), None);
    assert_eq!(r.state.cursor(), third);
}

#[test]
fn a_filter_that_hides_every_bookmark_says_how_to_see_them() {
    let mut r = reader();
    r.keys("'/spk:纳德拉 code:timing");
    assert!(r.screen().contains("0 of 4 bookmarks"), "{}", r.screen());
    assert!(
        r.screen()
            .contains("no bookmark matches the filter; Esc clears it"),
        "{}",
        r.screen()
    );
    r.keys("<enter>");
    assert!(matches!(r.state.overlay(), Some(Overlay::Bookmarks { .. })));
    assert_eq!(
        r.state.message(),
        Some("no bookmark matches the filter; / then Esc clears it")
    );
    // The list's keys have no bookmark to act on.
    r.keys("d<enter>e");
    assert_eq!(r.state.marks().len(), 4);
    assert!(matches!(r.state.overlay(), Some(Overlay::Bookmarks { .. })));
}

#[test]
fn the_key_is_in_the_help_and_the_lists_hint_line() {
    let r = reader();
    let lines = help::lines(r.state.keymap());
    assert!(
        lines.iter().any(|(l, _)| l.contains('/')
            && l.ends_with("filter the list: code:, spk:, §N, note:, words")),
        "{lines:#?}"
    );
    let mut r = reader();
    r.keys("'");
    assert!(
        r.screen().contains("C code · / filter · Esc"),
        "{}",
        r.screen()
    );
}

#[test]
fn the_query_line_and_its_error_fit_any_terminal_size() {
    for (w, h) in [(20, 5), (21, 6), (24, 7), (32, 8), (45, 10), (70, 12)] {
        let mut r = reader();
        r.resize(w, h);
        for script in ["'", "/spk:扎克伯格", " \"开源", "<enter>", "j", "/<esc>"] {
            assert_eq!(r.keys(script), Exit::EventsEnded, "{w}×{h} {script}");
        }
        assert!(!r.state.bookmark_filter().is_set(), "{w}×{h}");
    }
}
