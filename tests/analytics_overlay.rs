//! The analytics overlay (`A`) through the real run loop: drawn at 80×24
//! and 120×40 on a timed transcript of three speakers and sections, the
//! stacked bars in the speakers' dialogue colours (and in shades with
//! initials without colour), and `Enter` jumping to the selected
//! speaker's longest turn, recorded in the jump list.

mod support;

use ratatui::style::Color;
use support::app::{Reader, started};
use tread::app::keymap::Keymap;
use tread::app::state::Overlay;
use tread::transcript::{LoadOptions, load};
use tread::ui::theme::Theme;

/// Three voices over two minutes; Ben's second turn is the longest of all.
const VTT: &str = "WEBVTT\n\n\
00:00.000 --> 00:20.000\n<v Ana>We raised prices twice last year and churn went up.\n\n\
00:20.000 --> 00:30.000\n<v Ben>Discounts train customers to wait.\n\n\
00:30.000 --> 00:45.000\n<v 张伟>价格是关键，不是折扣。\n\n\
00:45.000 --> 01:30.000\n<v Ben>I disagree with both of you: timing matters more than price, \
and scope matters more than timing, and we have seen that in every launch.\n\n\
01:30.000 --> 02:00.000\n<v Ana>Fair enough.\n";

fn reader(w: u16, h: u16, color: bool) -> Reader {
    let doc = load(VTT.as_bytes(), &LoadOptions::default()).unwrap();
    let state = started(doc, "panel.vtt", Keymap::default_keymap(), |up| {
        up.color = color;
    });
    Reader::with_state(state, w, h)
}

#[test]
fn at_80_columns() {
    let mut r = reader(80, 24, true);
    r.keys("A");
    let screen = r.screen();
    assert!(
        screen.contains("who talked how much · 3 speakers"),
        "{screen}"
    );
    assert!(
        screen.contains("Enter go to their longest turn"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn at_120_columns() {
    let mut r = reader(120, 40, true);
    r.keys("A");
    let screen = r.screen();
    assert!(screen.contains("timeline"), "{screen}");
    assert!(screen.contains("words/min"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_small_screen_scrolls_to_the_timeline() {
    let mut r = reader(80, 16, true);
    r.keys("A");
    assert!(!r.screen().contains("timeline"), "{}", r.screen());
    r.keys(" ");
    let screen = r.screen();
    assert!(screen.contains("timeline"), "{screen}");
    assert!(screen.contains("2:00"), "{screen}");
    r.keys("b");
    assert!(r.screen().contains("share of words"), "{}", r.screen());
}

/// The row of the screen holding `text`.
fn row_of(r: &Reader, text: &str) -> u16 {
    (0..r.buffer().area.height)
        .find(|&y| r.row(y).contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{}", r.screen()))
}

#[test]
fn stacked_bars_are_in_the_speakers_colours() {
    let mut r = reader(120, 40, true);
    r.keys("A");
    let y = row_of(&r, "§1 Preamble  ");
    let theme = Theme { color: true };
    let colours: Vec<Color> = (0..3).map(|i| theme.speaker(i).fg.unwrap()).collect();
    let mut seen = Vec::new();
    for x in r.cells(y) {
        let cell = &r.buffer()[(x, y)];
        if cell.symbol() == "█" {
            let fg = cell.fg;
            assert!(colours.contains(&fg), "{fg:?} at {x}");
            if seen.last() != Some(&fg) {
                seen.push(fg);
            }
        }
    }
    // Ana, then Ben, then 张伟, then Ben again would be out of order: the
    // stretches go by speaker, each once.
    assert_eq!(seen, colours, "{}", r.row(y));
}

#[test]
fn without_colour_the_bars_read_by_shade_and_initial() {
    let mut r = reader(120, 40, false);
    r.keys("A");
    let y = row_of(&r, "§1 Preamble  ");
    let row = r.row(y);
    assert!(row.contains("A█"), "{row}");
    assert!(row.contains("B▓"), "{row}");
    assert!(row.contains("▒"), "{row}");
    for x in r.cells(y) {
        assert_eq!(r.buffer()[(x, y)].fg, Color::Reset);
    }
}

#[test]
fn enter_jumps_to_the_selected_speakers_longest_turn_and_back() {
    let mut r = reader(100, 30, true);
    let before = r.state.turn();
    r.keys("Aj");
    assert!(matches!(
        r.state.overlay(),
        Some(Overlay::Analytics { selected: 1, .. })
    ));
    r.keys("<enter>");
    assert!(r.state.overlay().is_none());
    let longest = r.state.opened().analytics().speakers[1].longest;
    assert_eq!(longest.turn, 3);
    assert_eq!(r.state.turn(), 3);
    assert_eq!(r.state.speaker(), Some("Ben"));
    r.keys("<c-o>");
    assert_eq!(r.state.turn(), before);
}

#[test]
fn the_overlay_closes_with_its_own_key_and_esc() {
    let mut r = reader(80, 24, true);
    r.keys("A");
    assert!(r.state.overlay().is_some());
    r.keys("A");
    assert!(r.state.overlay().is_none());
    r.keys("A<esc>");
    assert!(r.state.overlay().is_none());
}
