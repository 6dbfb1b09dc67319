//! Codes in context, drawn: the gutter's cells in each code's colour
//! (several stacking, then `+`; a `#` each without colour), codes without a
//! colour of their own taking the palette's by their place in the book,
//! the bookmarks list's `#codes` in their colours, the status line's codes
//! under the cursor that never push the position off, and the picker's
//! swatches and ticks.

mod support;

use ratatui::style::{Color, Modifier};
use support::app::{Reader, sample_with};
use tread::app::keymap::Keymap;
use tread::store::codes::{CodeChange, Codebook};
use tread::ui::dialogue::{BOOKMARK_MARK, CODE_MARK, CODE_MARK_PLAIN};
use tread::ui::theme::CODE_COLORS;

/// `pricing` (its own colour, orange), then `timing`, `scope`, `risk`
/// (palette colours by their places 1, 2 and 3).
fn book() -> Codebook {
    let mut b = Codebook::default();
    for (n, name) in ["pricing", "timing", "scope", "risk"].iter().enumerate() {
        let id = format!("00000000-0000-4000-8000-{:012}", n + 1);
        let color = (n == 0).then(|| "#ff8800".to_string());
        b.apply(&CodeChange::Create {
            id,
            name: name.to_string(),
            parent: None,
            color,
        })
        .unwrap();
    }
    b
}

const ORANGE: Color = Color::Rgb(255, 136, 0);

/// The sample with [`book`], in colour or not, on 纳德拉's first sentence.
fn reader(color: bool) -> Reader {
    let state = sample_with(Keymap::default_keymap(), |up| {
        up.codebook = book();
        up.color = color;
    });
    let mut r = Reader::with_state(state, 120, 30);
    r.keys("]jj");
    r
}

/// The screen row showing the start of the current sentence.
fn cursor_row(r: &Reader) -> u16 {
    let sen = r.state.flow().sentences[r.state.cursor()];
    let text = &r.state.flow().text(r.state.doc(), sen.block as usize)[sen.start as usize..];
    let start: String = text.chars().take(6).collect();
    (0..30).find(|&y| r.row(y).contains(&start)).unwrap()
}

/// The gutter's two cells on row `y`: symbol and foreground each.
fn gutter(r: &Reader, y: u16) -> [(String, Option<Color>, Modifier); 2] {
    let x = r.state.viewport().dialogue.x;
    let cell = |dx: u16| {
        let c = &r.buffer()[(x + dx, y)];
        let fg = (c.fg != Color::Reset).then_some(c.fg);
        (c.symbol().to_string(), fg, c.modifier)
    };
    [cell(0), cell(1)]
}

#[test]
fn the_gutter_stacks_a_cell_per_code_in_its_colour_then_a_plus() {
    let mut r = reader(true);
    r.keys("m");
    let y = cursor_row(&r);
    assert_eq!(gutter(&r, y)[0].0, BOOKMARK_MARK, "a plain bookmark");
    r.keys("C1");
    let [a, b] = gutter(&r, y);
    assert_eq!(
        (a.0.as_str(), a.1),
        (CODE_MARK, Some(ORANGE)),
        "its own colour"
    );
    assert_eq!(b.0, " ");
    r.keys("C2");
    let [a, b] = gutter(&r, y);
    assert_eq!((a.0.as_str(), a.1), (CODE_MARK, Some(ORANGE)));
    // `timing` has no colour: the palette's for its place in the book.
    assert_eq!((b.0.as_str(), b.1), (CODE_MARK, Some(CODE_COLORS[1])));
    r.keys("C3");
    let [a, b] = gutter(&r, y);
    assert_eq!(a.1, Some(ORANGE));
    assert_eq!(
        (b.0.as_str(), b.1),
        ("+", Some(CODE_COLORS[1])),
        "more than fit"
    );
    // The next line of the quote shows the same.
    assert_eq!(gutter(&r, y + 1)[1].0, "+");
}

#[test]
fn a_search_match_keeps_its_column_beside_codes() {
    let mut r = reader(true);
    r.keys("C1C2");
    let y = cursor_row(&r);
    let sen = r.state.flow().sentences[r.state.cursor()];
    let text = &r.state.flow().text(r.state.doc(), sen.block as usize)[sen.start as usize..];
    let word: String = text.chars().skip(1).take(2).collect();
    r.keys(&format!("/{word}<enter>"));
    let [a, b] = gutter(&r, y);
    assert_eq!(b.0, "›");
    assert_eq!(
        (a.0.as_str(), a.1),
        ("+", Some(ORANGE)),
        "one cell left: a +"
    );
}

#[test]
fn without_colour_a_symbol_shows_each_code() {
    let mut r = reader(false);
    r.keys("C1C2");
    let y = cursor_row(&r);
    for (symbol, fg, modifier) in gutter(&r, y) {
        assert_eq!(symbol, CODE_MARK_PLAIN);
        assert_eq!(fg, None);
        assert!(modifier.contains(Modifier::BOLD));
    }
    r.keys("C3");
    assert_eq!(gutter(&r, y)[1].0, "+");
    // The picker's swatch too.
    r.keys("C");
    assert!(r.screen().contains(" 1 # scope"), "{}", r.screen());
}

#[test]
fn the_bookmarks_list_shows_each_quotes_codes_in_their_colours() {
    let mut r = reader(true);
    r.keys("C1C2jjm'");
    let screen = r.screen();
    let y = (0..30)
        .find(|&y| r.row(y).contains("#pricing #timing"))
        .unwrap_or_else(|| panic!("{screen}"));
    let row = r.row(y);
    let at = |text: &str| {
        let before = &row[..row.find(text).unwrap()];
        let x = r.cells(y).nth(before.chars().count()).unwrap();
        r.buffer()[(x, y)].fg
    };
    assert_eq!(at("#pricing"), ORANGE);
    assert_eq!(at("#timing"), CODE_COLORS[1]);
    // The bookmark without codes has no codes row.
    assert_eq!(screen.matches('#').count(), 2, "{screen}");
}

#[test]
fn the_status_line_shows_the_codes_under_the_cursor_and_keeps_the_position() {
    let mut r = reader(true);
    r.keys("C1C2");
    r.keys("j");
    let status = r.row(29);
    assert!(!status.contains('#'), "off the quote: {status}");
    r.keys("k");
    let status = r.row(29);
    assert!(
        status.contains("· 纳德拉 · turn 3/27 · #pricing #timing ·"),
        "{status}"
    );
    // A long message: the codes give way before the position does.
    let long = "x".repeat(200);
    tread::app::update(
        &mut r.state,
        tread::app::action::Report::Status(Some(tread::app::status::Message::info(long))),
    );
    r.keys("");
    let status = r.row(29);
    assert!(
        status.starts_with(" §2/5 · 纳德拉 · turn 3/27  x"),
        "{status}"
    );
    assert!(status.trim_end().ends_with('…'), "{status}");
}

#[test]
fn the_picker_shows_swatches_ticks_and_the_create_row() {
    let mut r = reader(true);
    r.keys("C2C");
    let screen = r.screen();
    let y = (0..30).find(|&y| r.row(y).contains("■ timing")).unwrap();
    let row = r.row(y);
    assert!(row.contains('✓'), "{screen}");
    let swatch = row.find('■').unwrap();
    let x = r.cells(y).nth(row[..swatch].chars().count()).unwrap();
    assert_eq!(r.buffer()[(x, y)].fg, CODE_COLORS[1]);
    let pricing = (0..30).find(|&y| r.row(y).contains("■ pricing")).unwrap();
    assert!(!r.row(pricing).contains('✓'));
    // The most recent first, numbered for the digits.
    assert!(y < pricing && row.contains(" 1 ■ timing"), "{screen}");
    r.keys("new");
    assert!(r.screen().contains("+ create “new”"), "{}", r.screen());
    assert!(!r.screen().contains(" 1 ■"), "no digits once typing");
}

/// The picker draws, and its rows take clicks, at every size down to the
/// smallest the reader draws at, with long CJK code names.
#[test]
fn the_picker_draws_at_any_size() {
    let mut r = reader(true);
    r.keys("C1Clong/这是一个非常长的代码名称用来测试截断是否正确<enter>C");
    for (w, h) in [(120, 30), (60, 12), (30, 8), (20, 5)] {
        r.resize(w, h);
        r.keys("");
        let screen = r.screen();
        assert!(h < 8 || screen.contains("Code ·"), "{w}×{h}\n{screen}");
        for y in 0..h {
            r.input(vec![support::app::mouse(
                ratatui::crossterm::event::MouseEventKind::ScrollDown,
                (w / 2, y),
            )]);
        }
    }
    r.resize(120, 30);
    r.keys("");
    let y = (0..30).find(|&y| r.row(y).contains("■ pricing")).unwrap();
    r.input(vec![support::app::mouse(
        ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        (60, y),
    )]);
    assert_eq!(
        r.state.message(),
        Some("uncoded pricing"),
        "a click applies its row"
    );
}
