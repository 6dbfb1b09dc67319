//! Each pane drawn on its own into a buffer: the sample's Chinese text at
//! narrow and wide widths never overflows and never starts a line with
//! closing punctuation; styles carry meaning where colour matters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use tread::app::flow::INDENT;
use tread::app::keymap::Keymap;
use tread::app::state::{State, Viewport};
use tread::app::{Action, Pane, update};
use tread::transcript::{LoadOptions, load};
use tread::ui::claims::Claims;
use tread::ui::dialogue::Dialogue;
use tread::ui::theme::Theme;
use tread::ui::toc::Toc;
use unicode_width::UnicodeWidthStr;

const CLOSING: &[char] = &[
    '，', '。', '、', '：', '？', '！', '”', '）', ',', '.', ':', ';', '?', '!', ')',
];

fn sample_at(width: u16, height: u16) -> State {
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    let mut s = State::new(doc, "sample", Keymap::default_keymap());
    let vp = Viewport {
        dialogue: Rect::new(0, 0, width, height).into(),
        ..Viewport::default()
    };
    update(&mut s, Action::Viewport(vp));
    s
}

/// A row as a terminal shows it: a wide character covers the next cell.
fn row(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let s = buf[(x, y)].symbol();
        out.push_str(s);
        x += s.width().max(1) as u16;
    }
    out
}

fn draw_dialogue(state: &State) -> Buffer {
    let area: Rect = state.viewport().dialogue.into();
    let mut buf = Buffer::empty(area);
    Dialogue {
        state,
        theme: Theme { color: true },
    }
    .render(area, &mut buf);
    buf
}

#[test]
fn dialogue_lines_fit_and_never_start_with_closing_punctuation() {
    for width in [20u16, 37, 80] {
        let mut state = sample_at(width, 12);
        let mut pages = 0;
        let mut paragraph_rows = 0;
        loop {
            let buf = draw_dialogue(&state);
            for y in 0..buf.area.height {
                let text = row(&buf, y);
                // Paragraph text keeps clear of the last column.
                let is_rule = text.starts_with('─');
                let used = text.trim_end().width();
                assert!(
                    is_rule || used < usize::from(width),
                    "width {width}: overflow in {text:?}"
                );
                if text.starts_with("  ") {
                    let body = text[INDENT as usize..].trim_end();
                    if let Some(first) = body.chars().next() {
                        paragraph_rows += 1;
                        assert!(
                            !CLOSING.contains(&first),
                            "width {width}: line starts with {first:?}: {text:?}"
                        );
                    }
                }
            }
            let before = state.top();
            update(&mut state, Action::PageDown);
            pages += 1;
            if state.top() == before {
                break;
            }
            assert!(pages < 2000, "paging must reach the end");
        }
        assert!(
            paragraph_rows > 100,
            "width {width}: drew {paragraph_rows} rows"
        );
    }
}

#[test]
fn speakers_have_stable_distinct_colours_and_narration_differs() {
    let mut state = sample_at(80, 40);
    update(&mut state, Action::NextSection);
    let buf = draw_dialogue(&state);
    let colour_of = |name: &str| {
        (0..buf.area.height).find_map(|y| row(&buf, y).starts_with(name).then(|| buf[(0, y)].fg))
    };
    let zuck = colour_of("扎克伯格").expect("扎克伯格's turn on screen");
    let nadella = colour_of("纳德拉").expect("纳德拉's turn on screen");
    assert_ne!(zuck, nadella);
    assert_ne!(zuck, Color::Reset);
    assert!(
        buf[(
            0,
            (0..buf.area.height)
                .find(|&y| row(&buf, y).starts_with("扎克伯格"))
                .unwrap()
        )]
            .modifier
            .contains(Modifier::BOLD)
    );

    // The preamble is narration: italic.
    let state = sample_at(80, 20);
    let buf = draw_dialogue(&state);
    let y = (0..buf.area.height)
        .find(|&y| row(&buf, y).contains("就在刚刚过去"))
        .unwrap();
    assert!(buf[(INDENT, y)].modifier.contains(Modifier::ITALIC));
}

#[test]
fn the_current_sentence_is_highlighted() {
    let mut state = sample_at(60, 20);
    update(&mut state, Action::NextSection);
    update(&mut state, Action::NextSentence);
    let buf = draw_dialogue(&state);
    let highlighted: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&p| buf[p].bg == Color::Rgb(58, 58, 90))
        .map(|p| buf[p].symbol().to_string())
        .collect();
    let s = state.flow().sentences[state.cursor()];
    let text = state.flow().text(state.doc(), s.block as usize);
    let sentence: String = text[s.start as usize..s.end as usize]
        .split_whitespace()
        .collect();
    let shown: String = highlighted.split_whitespace().collect();
    assert_eq!(shown, sentence);
}

#[test]
fn contents_rows_show_sections_with_turn_counts() {
    let state = sample_at(80, 20);
    let area = Rect::new(0, 0, 30, 10);
    for width in [2u16, 5, 12, 30] {
        let area = Rect::new(0, 0, width, 10);
        let mut buf = Buffer::empty(area);
        Toc {
            state: &state,
            theme: Theme { color: true },
        }
        .render(area, &mut buf);
    }
    let mut buf = Buffer::empty(area);
    Toc {
        state: &state,
        theme: Theme { color: true },
    }
    .render(area, &mut buf);
    assert!(row(&buf, 0).starts_with("Contents"));
    assert!(row(&buf, 1).starts_with("▌Preamble"), "{}", row(&buf, 1));
    let first = row(&buf, 2);
    assert!(first.starts_with(" 01 “深度应用”"), "{first}");
    assert!(
        first
            .trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with(" 4"),
        "{first}"
    );
}

#[test]
fn claims_pane_draws_at_any_width_and_marks_focus() {
    let mut state = sample_at(80, 20);
    let vp = Viewport {
        claims: Rect::new(80, 0, 37, 20).into(),
        ..state.viewport()
    };
    update(&mut state, Action::Viewport(vp));
    update(&mut state, Action::FocusNext);
    assert_eq!(state.focus(), Pane::Claims);
    for width in [1u16, 4, 5, 20, 37] {
        let area = Rect::new(0, 0, width, 12);
        let mut buf = Buffer::empty(area);
        Claims {
            state: &state,
            theme: Theme { color: true },
        }
        .render(area, &mut buf);
        if width >= 20 {
            assert!(row(&buf, 0).contains("Claims"), "{}", row(&buf, 0));
            assert!(
                buf[(2, 0)].modifier.contains(Modifier::UNDERLINED),
                "focused header"
            );
        }
    }
}
