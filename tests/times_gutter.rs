//! The time gutter (`T`): speaker lines, and the line above narration,
//! show each turn's start time when times are on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tread::app::keymap::Keymap;
use tread::app::state::{State, Viewport};
use tread::app::{Action, update};
use tread::transcript::{LoadOptions, load};
use tread::ui::dialogue::Dialogue;
use tread::ui::theme::Theme;

fn state(text: &str) -> State {
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    let mut s = State::new(doc, "t", Keymap::default_keymap());
    let vp = Viewport {
        dialogue: Rect::new(0, 0, 50, 14).into(),
        ..Viewport::default()
    };
    update(&mut s, Action::Viewport(vp));
    s
}

fn screen(state: &State) -> Vec<String> {
    let area: Rect = state.viewport().dialogue.into();
    let mut buf = Buffer::empty(area);
    Dialogue {
        state,
        theme: Theme { color: false },
    }
    .render(area, &mut buf);
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn toggling_times_shows_them_beside_speakers() {
    let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hi.\n\n01:02:03.000 --> 01:02:04.000\n<v Leo>Hello.\n";
    let mut s = state(vtt);
    assert!(screen(&s).iter().any(|l| l == "Ana"));
    update(&mut s, Action::ToggleTimes);
    let rows = screen(&s);
    // The transcript reaches an hour: every time has hours.
    assert!(rows.iter().any(|l| l == "0:00:01 Ana"), "{rows:#?}");
    assert!(rows.iter().any(|l| l == "1:02:03 Leo"), "{rows:#?}");
    update(&mut s, Action::ToggleTimes);
    assert!(screen(&s).iter().any(|l| l == "Ana"));
}

#[test]
fn narration_shows_its_time_on_the_line_above() {
    let text =
        "[00:00.000 --> 00:04.000] The market opened.\n[00:09.000 --> 00:12.000] Rain later.\n";
    let mut s = state(text);
    update(&mut s, Action::ToggleTimes);
    let rows = screen(&s);
    let at = rows.iter().position(|l| l == "0:09").expect("a time line");
    assert_eq!(rows[at + 1].trim(), "Rain later.", "{rows:#?}");
}

#[test]
fn without_times_the_toggle_says_so() {
    let mut s = state("Ana: Hi.\nLeo: Hello.\n");
    update(&mut s, Action::ToggleTimes);
    assert_eq!(s.message(), Some("this transcript has no times"));
}
