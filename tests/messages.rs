//! Status messages: information goes on the next key or after a few
//! seconds of the clock, warnings wait for a key; a long message never
//! pushes the position off the status line and is cut with `…`; warnings
//! look different from information. And the errors a user meets: a
//! missing `--config` file, a key bound twice, an unknown layer, and a
//! regex recalled from the search history.

mod support;

use std::process::Command;

use ratatui::layout::Rect;
use support::app::{Reader, sample, sample_with};
use tread::app::action::Report;
use tread::app::keymap::Keymap;
use tread::app::state::{Overlay, Viewport};
use tread::app::status::{INFO_SECS, Message, MessageKind};
use tread::app::{Action, State, update};
use tread::tty::run::Input;

/// The sample in a 120×30 dialogue, the clock at `now`.
fn at(now: u64) -> State {
    let mut s = sample();
    let area = Rect::new(0, 0, 120, 30);
    let dialogue = area.into();
    update(
        &mut s,
        Action::Viewport(Viewport {
            dialogue,
            ..Viewport::default()
        }),
    );
    update(&mut s, Action::Clock(now));
    s
}

fn kind(s: &State) -> Option<MessageKind> {
    s.status_message().map(|m| m.kind)
}

#[test]
fn information_clears_on_the_next_key() {
    let mut r = Reader::new(120, 30);
    r.keys("]m");
    assert_eq!(r.state.message(), Some("bookmarked"));
    assert!(r.row(29).contains("bookmarked"), "{}", r.row(29));
    r.keys("j");
    assert_eq!(r.state.message(), None);
    assert!(!r.row(29).contains("bookmarked"), "{}", r.row(29));
}

#[test]
fn a_key_that_says_something_keeps_its_own_message() {
    let mut r = Reader::new(120, 30);
    r.keys("]mm");
    assert_eq!(
        r.state.message(),
        Some("bookmark removed (' then u brings it back)")
    );
}

#[test]
fn information_clears_when_the_clock_passes_its_time() {
    let mut s = at(1_000);
    update(&mut s, Action::NextSection);
    update(&mut s, Action::ToggleBookmark);
    assert_eq!(kind(&s), Some(MessageKind::Info));
    update(&mut s, Action::Clock(1_000 + INFO_SECS - 1));
    assert_eq!(s.message(), Some("bookmarked"));
    update(&mut s, Action::Clock(1_000 + INFO_SECS));
    assert_eq!(s.message(), None);
}

#[test]
fn an_idle_screen_clears_information() {
    let mut r = Reader::new(120, 30);
    // Dated long ago: the idle input's clock is well past its time.
    update(&mut r.state, Action::Clock(0));
    update(
        &mut r.state,
        Report::Status(Some(Message::info(
            "saved 2 bookmark changes that were waiting",
        ))),
    );
    r.input(vec![]);
    assert!(r.row(29).contains("saved 2"), "{}", r.row(29));
    r.input(vec![Input::Idle]);
    assert_eq!(r.state.message(), None);
    assert!(!r.row(29).contains("saved 2"), "{}", r.row(29));
}

#[test]
fn a_warning_outlasts_the_clock_and_goes_with_a_key() {
    let mut s = at(1_000);
    let failed = "kept, not saved yet; will retry: No space left on device";
    update(&mut s, Report::Status(Some(Message::warning(failed))));
    assert_eq!(kind(&s), Some(MessageKind::Warning));
    update(&mut s, Action::Clock(1_000 + 3_600));
    assert_eq!(s.message(), Some(failed));
    update(&mut s, Action::NextSentence);
    assert_eq!(s.message(), None);
}

#[test]
fn the_start_up_warning_waits_for_a_key() {
    let mut s = sample_with(Keymap::default_keymap(), |up| {
        up.warning = Some("3 lines could not be read".into());
    });
    assert_eq!(kind(&s), Some(MessageKind::Warning));
    update(&mut s, Action::Clock(1_000_000));
    assert_eq!(s.message(), Some("warning: 3 lines could not be read"));
    update(&mut s, Action::NextSentence);
    assert_eq!(s.message(), None);
}

#[test]
fn a_long_message_leaves_the_position_and_ends_in_an_ellipsis() {
    let long = format!(
        "kept, not saved yet; will retry: {}",
        "/very/long/path".repeat(20)
    );
    for (w, h) in [(80, 24), (60, 20)] {
        let mut r = Reader::new(w, h);
        r.keys("]]JJ");
        update(
            &mut r.state,
            Report::Status(Some(Message::warning(long.clone()))),
        );
        r.input(vec![]);
        let row = r.row(h - 1);
        let s = &r.state;
        let place = format!("§{}/{}", s.section() + 1, s.doc().sections.len());
        let turn = format!("turn {}/{}", s.turn() + 1, s.flow().turns.len());
        let speaker = s.speaker().unwrap_or("narration").to_string();
        for part in [&place, &speaker, &turn] {
            assert!(row.contains(part.as_str()), "{w}×{h}: {part} in {row:?}");
        }
        assert!(row.trim_end().ends_with('…'), "{w}×{h}: {row:?}");
        assert!(row.contains("kept, not saved"), "{w}×{h}: {row:?}");
    }
}

#[test]
fn a_short_message_keeps_the_whole_status_line() {
    let mut r = Reader::new(120, 30);
    r.keys("]m");
    let row = r.row(29);
    assert!(row.starts_with(" sample.txt · §2/"), "{row:?}");
    assert!(row.trim_end().ends_with("bookmarked"), "{row:?}");
}

/// The style of the status line's last cell, where a message ends.
fn last_cell(r: &Reader) -> (ratatui::style::Color, ratatui::style::Modifier) {
    let b = r.buffer();
    let cell = &b[(b.area.width - 1, b.area.height - 1)];
    (cell.fg, cell.modifier)
}

#[test]
fn warnings_are_styled_apart_from_information() {
    for color in [true, false] {
        let state = sample_with(Keymap::default_keymap(), |up| up.color = color);
        let mut r = Reader::with_state(state, 100, 24);
        update(
            &mut r.state,
            Report::Status(Some(Message::info("copied 5 characters"))),
        );
        r.input(vec![]);
        let info = last_cell(&r);
        update(
            &mut r.state,
            Report::Status(Some(Message::warning("copy failed: no tty"))),
        );
        r.input(vec![]);
        let warning = last_cell(&r);
        assert_ne!(info, warning, "colour {color}");
        // Information looks like the rest of the status line.
        let b = r.buffer();
        let plain = &b[(2, b.area.height - 1)];
        assert_eq!(info, (plain.fg, plain.modifier), "colour {color}");
    }
}

#[test]
fn the_search_count_shows_while_a_search_is_active() {
    let mut r = Reader::new(120, 30);
    r.keys("/蒸馏<enter>");
    let count = r.state.finder().find().unwrap().status();
    assert!(count.starts_with("match 1/"), "{count}");
    r.keys("j");
    assert!(r.row(29).contains(&count), "{}", r.row(29));
    r.keys("<esc>");
    assert!(!r.row(29).contains("match"), "{}", r.row(29));
}

#[test]
fn a_recalled_regex_stays_a_regex() {
    let mut r = Reader::new(120, 30);
    // Ctrl-r makes the query a regex.
    r.keys("/<c-r>\\d+%<enter>/plain<enter>/<up><up>");
    let Some(Overlay::Query(q)) = r.state.overlay() else {
        panic!("the search line is open")
    };
    assert_eq!((q.line.text.as_str(), q.regex), ("\\d+%", true));
    let hit = r.state.finder().find().and_then(|f| f.current);
    assert!(hit.is_some(), "the regex matches as a regex");
    r.keys("<esc>/<up>");
    let Some(Overlay::Query(q)) = r.state.overlay() else {
        panic!("the search line is open")
    };
    assert_eq!((q.line.text.as_str(), q.regex), ("plain", false));
}

#[test]
fn a_key_bound_twice_names_the_key_and_both_lines() {
    let mut k = Keymap::default();
    let text =
        "[keys.global]\n\"j\" = \"top\"\n# a comment\n\n\"k\" = \"top\"\n\"j\" = \"bottom\"\n";
    let e = k.merge_str(text, "config.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "config.toml:6: key 'j' is bound twice in [keys.global] (first at line 2)"
    );
    let text = "[keys.claims]\n\"ctrl-d\" = \"top\"\n\"ctrl-D\" = \"bottom\"\n";
    let e = k.merge_str(text, "config.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "config.toml:3: key 'ctrl-D' is bound twice in [keys.claims] (first at line 2, as 'ctrl-d')"
    );
}

#[test]
fn an_unknown_layer_lists_every_layer() {
    let e = Keymap::default()
        .merge_str("[keys.sidebar]\nj = \"top\"\n", "c.toml")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "c.toml:1: unknown key layer [keys.sidebar] (expected global, contents, claims, \
         bookmarks, picker, codes, analytics, speakers, help, unsaved or library)"
    );
}

#[test]
fn a_missing_config_file_is_one_line_with_the_os_error_once() {
    let out = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["--config", "/nope/x.toml", "--outline"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/llamacon-2025.txt"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "tread: cannot read config /nope/x.toml: No such file or directory (os error 2)\n"
    );
}
