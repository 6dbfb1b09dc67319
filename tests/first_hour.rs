//! What a new user tries in the first hour, through the real run loop:
//! sections by their place in the contents, less and vim keys, `G` and
//! paging back, the focus coming home, unbound keys, paragraph breaks and
//! compact mode.

mod support;

use support::app::{Reader, started};
use tread::app::Pane;
use tread::app::keymap::Keymap;
use tread::transcript::{LoadOptions, load};

/// Twelve sections whose headings do not say their place: `Cold open`,
/// then `Part 8` … `Part 18`. Each has a two-paragraph turn.
fn twelve() -> String {
    let mut s = String::from("Title: Twelve parts\n\n");
    for i in 1..=12 {
        let name = match i {
            1 => "Cold open".to_string(),
            _ => format!("Part {}", i + 6),
        };
        s += &format!("## {name}\n\nANNA: Line {i} one. Line {i} two.\n\n");
        s += &format!("More from Anna in part {i}.\n\nBEN: Reply {i}.\n\n");
    }
    s
}

fn reader(text: &str, w: u16, h: u16) -> Reader {
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    let state = started(doc, "twelve.txt", Keymap::default_keymap(), |_| {});
    Reader::with_state(state, w, h)
}

fn section_title(r: &Reader) -> String {
    r.state.doc().sections[r.state.section()].label()
}

#[test]
fn digits_go_to_sections_as_the_contents_list_them() {
    let mut r = reader(&twelve(), 100, 30);
    r.keys("2");
    assert_eq!(
        section_title(&r),
        "Part 8",
        "the second listed, not 'Part 2'"
    );
    r.keys("1");
    assert_eq!(section_title(&r), "Cold open");
    assert!(
        r.state.message().unwrap().contains("10–12"),
        "{:?}",
        r.state.message()
    );
    r.keys("2");
    assert_eq!(section_title(&r), "Part 18", "1 then 2 is the twelfth");
    // Past the end a digit starts afresh; another key ends the number.
    r.keys("13");
    assert_eq!(section_title(&r), "Part 9");
    r.keys("j1");
    assert_eq!(section_title(&r), "Cold open");
}

#[test]
fn the_sample_keeps_its_numbers_and_its_preamble() {
    let mut r = Reader::new(120, 30);
    r.keys("3");
    assert!(
        section_title(&r).starts_with("03 "),
        "{}",
        section_title(&r)
    );
    r.keys("0");
    assert_eq!(r.state.section(), 0);
}

#[test]
fn g_shows_the_last_screenful_and_paging_back_returns_view_and_cursor() {
    let mut r = Reader::new(100, 30);
    r.keys("G");
    let screen = r.screen();
    let rows: Vec<&str> = screen.lines().collect();
    // The status line is last; the row above it is not blank: the end of
    // the transcript sits at the bottom, as in less.
    assert!(!rows[rows.len() - 2].trim().is_empty(), "{screen}");
    assert_eq!(r.state.cursor(), r.state.flow().sentences.len() - 1);

    let mut r = Reader::new(100, 30);
    r.keys("]jjj");
    let (cursor, top) = (r.state.cursor(), r.state.top());
    r.keys("<c-d>");
    assert!(
        r.state.cursor() > cursor,
        "the cursor goes down with the view"
    );
    r.keys("<c-u>");
    assert_eq!((r.state.cursor(), r.state.top()), (cursor, top));
    r.keys("<c-f><c-b>");
    assert_eq!((r.state.cursor(), r.state.top()), (cursor, top));
}

#[test]
fn less_keys_scroll_a_line_and_h_l_go_to_the_screen_s_ends() {
    let mut r = Reader::new(100, 30);
    r.keys("]");
    let top = r.state.top_pos();
    r.keys("<c-e>");
    assert_eq!(
        r.state.top_pos(),
        r.state.lines().step(top, 1),
        "{:?}",
        r.state.message()
    );
    r.keys("e<enter>");
    assert_eq!(r.state.top_pos(), r.state.lines().step(top, 3));
    r.keys("<c-y>");
    assert_eq!(r.state.top_pos(), r.state.lines().step(top, 2));
    r.keys("L");
    let last = r.state.cursor();
    r.keys("H");
    assert!(r.state.cursor() < last);
    assert!(r.highlighted().len() > 1, "the cursor is on screen");
}

#[test]
fn a_key_bound_to_nothing_says_so() {
    let mut r = Reader::new(100, 30);
    r.keys("x");
    assert_eq!(r.state.message(), Some("x: not bound · ? for help"));
    assert!(r.screen().contains("x: not bound"));
}

#[test]
fn enter_in_a_list_and_esc_give_the_dialogue_the_focus() {
    let mut r = Reader::new(120, 30);
    r.keys("<s-tab>");
    assert_eq!(r.state.focus(), Pane::Contents);
    r.keys("jj<enter>");
    assert_eq!((r.state.section(), r.state.focus()), (2, Pane::Dialogue));
    r.keys("<tab>j<enter>");
    assert_eq!(r.state.focus(), Pane::Dialogue);
    r.keys("<tab>");
    assert_eq!(r.state.focus(), Pane::Claims);
    r.keys("<esc>");
    assert_eq!(r.state.focus(), Pane::Dialogue);
}

#[test]
fn a_pane_shown_over_a_narrow_dialogue_closes_after_enter_and_comes_back_wide() {
    let mut r = Reader::new(60, 20);
    assert!(r.state.viewport().contents.is_empty());
    r.keys("t");
    assert!(
        !r.state.viewport().contents.is_empty(),
        "forced over the dialogue"
    );
    // Shown over the dialogue, it has the focus: `j` moves its selection.
    assert_eq!(r.state.focus(), Pane::Contents);
    r.keys("j<enter>");
    assert_eq!(r.state.section(), 1);
    assert!(r.state.viewport().contents.is_empty(), "closed after Enter");
    assert_eq!(r.state.focus(), Pane::Dialogue);
    r.resize(120, 30);
    r.keys("");
    assert!(
        !r.state.viewport().contents.is_empty(),
        "back once there is room"
    );
}

#[test]
fn a_pane_over_the_dialogue_takes_the_focus_and_esc_closes_it() {
    let mut r = Reader::new(60, 20);
    r.keys("c");
    assert_eq!(r.state.focus(), Pane::Claims);
    let cursor = r.state.cursor();
    r.keys("jj");
    assert_eq!(
        r.state.cursor(),
        cursor,
        "j moves the list, not the hidden cursor"
    );
    r.keys("<esc>");
    assert!(r.state.viewport().claims.is_empty(), "Esc closes it");
    assert_eq!(r.state.focus(), Pane::Dialogue);
    // Beside the dialogue, showing a pane leaves the focus where it was.
    let mut r = Reader::new(120, 30);
    r.keys("tt");
    assert!(!r.state.viewport().contents.is_empty());
    assert_eq!(r.state.focus(), Pane::Dialogue);
}

#[test]
fn paragraphs_of_a_turn_are_set_apart_in_both_modes() {
    // Narrow enough that the dialogue is the only pane.
    let mut r = reader(&twelve(), 60, 30);
    r.keys("");
    let screen = r.screen();
    let rows: Vec<&str> = screen.lines().collect();
    let first = rows.iter().position(|l| l.contains("Line 1 one")).unwrap();
    let second = rows
        .iter()
        .position(|l| l.contains("More from Anna in part 1."))
        .unwrap();
    assert_eq!(second, first + 2, "{screen}");
    assert!(rows[first + 1].trim().is_empty(), "{screen}");

    r.keys("o");
    let screen = r.screen();
    let rows: Vec<&str> = screen.lines().collect();
    let first = rows.iter().position(|l| l.contains("Line 1 one")).unwrap();
    assert!(
        rows[first].trim_start().starts_with("ANNA  Line 1 one"),
        "{screen}"
    );
    assert!(rows[first + 1].trim().is_empty(), "{screen}");
    assert!(
        rows[first + 2].contains("More from Anna in part 1."),
        "{screen}"
    );
    assert!(
        rows[first + 3].trim_start().starts_with("BEN   Reply 1."),
        "{screen}"
    );
    r.keys("o");
    assert!(r.screen().contains("ANNA\n") || r.screen().lines().any(|l| l.trim() == "ANNA"));
}

#[test]
fn forcing_both_panes_on_a_narrow_terminal_leaves_text_and_whole_counts() {
    let mut r = reader(&twelve(), 60, 20);
    r.keys("tc");
    let vp = r.state.viewport();
    let (toc, claims) = (vp.contents, vp.claims);
    assert!(!toc.is_empty() && !claims.is_empty());
    assert!(
        toc.x + toc.width < claims.x,
        "the panes do not overlap: {vp:?}"
    );
    let uncovered = claims.x - (toc.x + toc.width);
    assert!(uncovered >= 12, "{uncovered} columns of the dialogue show");
    // Every contents row ends in its whole turn count.
    let screen = r.screen();
    for (i, line) in screen.lines().skip(1).take(12).enumerate() {
        let row: String = line.chars().take(usize::from(toc.width)).collect();
        assert!(
            row.trim_end()
                .trim_end_matches('│')
                .trim_end()
                .ends_with('2'),
            "row {i}: {row:?}"
        );
    }
}

#[test]
fn a_quote_across_chinese_paragraphs_is_copied_without_a_space() {
    let mut r = Reader::new(100, 30);
    r.keys("vjy");
    let copied = r.shell.effects.iter().rev().find_map(|e| match e {
        tread::app::Effect::Copy(text) => Some(text.clone()),
        _ => None,
    });
    let copied = copied.expect("a copy");
    assert!(copied.contains("没有结束。就在刚刚"), "{copied}");
}
