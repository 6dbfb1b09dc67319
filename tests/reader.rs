//! The real run loop driven headlessly: scripted input in, screens out.

mod support;

use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};
use support::app::Reader;
use tread::app::keymap::Keymap;
use tread::tty::run::{Exit, Input};

#[test]
fn the_sample_opens_in_three_panes() {
    let mut r = Reader::new(120, 30);
    r.keys("");
    let screen = r.screen();
    assert!(screen.contains("Contents"), "{screen}");
    assert!(screen.contains("Claims"), "{screen}");
    assert!(screen.contains("大模型的竞争远远没有结束"), "{screen}");
    assert!(r.row(29).contains("§1/5"), "{}", r.row(29));
    assert!(r.row(29).contains("[dialogue]"));
}

#[test]
fn brackets_move_between_sections_and_the_contents_follow() {
    let mut r = Reader::new(120, 30);
    r.keys("]]");
    assert_eq!(r.state.section(), 2);
    let screen = r.screen();
    assert!(screen.contains("§ 02 大模型颠覆平台型企业"), "{screen}");
    assert!(
        r.row(29).contains("§3/5 02 大模型颠覆平台型企业"),
        "{}",
        r.row(29)
    );
    // The contents pane marks the section being read.
    let toc_row = (0..29)
        .find(|&y| r.row(y).contains("▌02"))
        .expect("marked row");
    assert_eq!(r.buffer()[(1, toc_row)].fg, Color::LightYellow);
}

#[test]
fn end_and_start_go_there_and_back() {
    let mut r = Reader::new(120, 30);
    r.keys("G");
    assert_eq!(r.state.cursor(), r.state.flow().sentences.len() - 1);
    assert!(r.row(29).contains("100%"), "{}", r.row(29));
    r.keys("g");
    assert_eq!(r.state.cursor(), 0);
    assert!(r.row(29).contains(" 0%"), "{}", r.row(29));
}

#[test]
fn a_resize_keeps_the_current_sentence_visible() {
    let mut r = Reader::new(120, 40);
    r.keys("]]jjjjjjj");
    let sentence = r.state.cursor();
    let before = r.highlighted();
    assert!(!before.is_empty());
    r.resize(60, 20);
    r.keys("");
    assert_eq!(r.state.cursor(), sentence);
    let after = r.highlighted();
    assert!(!after.is_empty(), "{}", r.screen());
    assert!(
        before.starts_with(&after[..after.len().min(6)]),
        "{before} / {after}"
    );
}

#[test]
fn help_shows_the_live_keymap_and_escape_closes_it() {
    let mut r = Reader::new(100, 60);
    r.keys("?");
    let screen = r.screen();
    // The two directions of a move share a row.
    assert!(screen.contains("next / previous sentence"), "{screen}");
    assert!(screen.contains("Ctrl-d"), "{screen}");
    r.keys("<esc>");
    assert!(!r.screen().contains("previous sentence"));

    // A rebound key shows in the help.
    let mut keymap = Keymap::default_keymap();
    keymap
        .merge_str("[keys.global]\nx = \"help\"\n", "t.toml")
        .unwrap();
    let mut r = Reader::with_state(support::app::sample_with(keymap, |_| {}), 100, 60);
    r.keys("x");
    let screen = r.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("show this help"))
        .unwrap();
    assert!(row.contains("? x"), "{row}");
}

#[test]
fn q_quits() {
    let mut r = Reader::new(80, 24);
    assert_eq!(r.keys("jjq"), Exit::Quit);
}

#[test]
fn narrow_terminals_drop_side_panes_then_overlay_them() {
    let mut r = Reader::new(80, 24);
    r.keys("");
    assert!(r.screen().contains("Contents"));
    assert!(!r.screen().contains("Claims"));
    let mut r = Reader::new(60, 24);
    r.keys("");
    assert!(!r.screen().contains("Contents"));
    r.keys("t");
    assert!(r.screen().contains("Contents"), "t overlays the contents");
    r.keys("t");
    assert!(!r.screen().contains("Contents"));
}

#[test]
fn tiny_terminals_say_so() {
    let mut r = Reader::new(19, 5);
    r.keys("jj]");
    assert!(r.row(0).starts_with("terminal too small"));
    let mut r = Reader::new(1, 1);
    r.keys("jG");
    r.resize(20, 5);
    r.keys("j");
    assert!(!r.screen().contains("too small"));
}

#[test]
fn the_mouse_wheel_scrolls_and_a_click_jumps() {
    let mut r = Reader::new(120, 30);
    let wheel = |kind, column, row| {
        Input::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    r.input(vec![wheel(MouseEventKind::ScrollDown, 50, 10); 4]);
    assert!(r.state.top_pos().block > 0);
    // Row 0 of the contents is its header; row 3 is the third section.
    r.input(vec![wheel(MouseEventKind::Down(MouseButton::Left), 3, 3)]);
    assert_eq!(r.state.section(), 2);
}

#[test]
fn no_color_keeps_distinctions_without_colour() {
    let state = support::app::sample_with(Keymap::default_keymap(), |up| up.color = false);
    let mut r = Reader::with_state(state, 120, 30);
    r.keys("]");
    let b = r.buffer();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            assert_eq!(b[(x, y)].fg, Color::Reset, "colour at {x},{y}");
        }
    }
    assert!(!r.highlighted().is_empty(), "the cursor is shown reversed");
}

#[test]
fn tab_to_the_claims_then_j_and_enter_puts_the_cursor_on_that_claim() {
    let mut r = Reader::new(120, 30);
    r.keys("<tab>");
    assert_eq!(r.state.focus(), tread::app::Pane::Claims);
    assert!(r.row(0).contains("Claims 13"), "{}", r.row(0));
    r.keys("j<enter>");
    let claim = r.state.claims().view()[1];
    assert_eq!(
        r.state.cursor(),
        r.state.claims().sentence_of(claim).unwrap()
    );
    let text = r
        .state
        .doc()
        .claim_text(&r.state.doc().claims[claim])
        .to_string();
    let shown: String = r.highlighted().split_whitespace().collect();
    let wanted: String = text.split_whitespace().collect();
    assert!(shown.contains(&wanted), "{shown} should hold {wanted}");
}

#[test]
fn claims_are_underlined_in_the_dialogue_and_reached_with_angle_brackets() {
    let mut r = Reader::new(120, 30);
    r.keys(">>>");
    let claim = &r.state.doc().claims[2];
    assert_eq!(r.state.cursor(), r.state.claims().sentence_of(2).unwrap());
    assert_eq!(r.state.claims().selected(), 2, "the sidebar follows");
    let text = r.state.doc().claim_text(claim).to_string();
    let b = r.buffer();
    let underlined: String = (0..b.area.height)
        .flat_map(|y| r.cells(y).map(move |x| (x, y)).collect::<Vec<_>>())
        .filter(|&(x, y)| x > 25 && x < 90 && b[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .map(|p| b[p].symbol().to_string())
        .collect();
    assert!(
        underlined.contains(text.split_whitespace().next().unwrap()),
        "{underlined}"
    );
    r.keys("<");
    assert_eq!(r.state.cursor(), r.state.claims().sentence_of(1).unwrap());
}

#[test]
fn the_claims_pane_filters_by_kind_and_sorts_by_score() {
    let mut r = Reader::new(120, 30);
    r.keys("<tab>f");
    assert!(r.row(0).contains("statistic"), "{}", r.row(0));
    assert!(
        r.state
            .claims()
            .view()
            .iter()
            .all(|&c| r.state.doc().claims[c].kind == tread::transcript::ClaimKind::Statistic)
    );
    r.keys("fffS");
    assert!(r.row(0).contains("by score"), "{}", r.row(0));
    let scores: Vec<f32> = r
        .state
        .claims()
        .view()
        .iter()
        .map(|&c| r.state.doc().claims[c].score)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // `f` pages down outside the claims pane.
    r.keys("<tab><tab>f");
    assert_eq!(r.state.claims().filter(), None);
    assert!(r.state.top_pos().block > 0);
}
