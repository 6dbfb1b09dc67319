//! Counting and drawing agree: the dialogue is drawn on a `TestBackend` tall
//! enough for the whole flow, and every block must appear on the rows
//! `Lines` counts for it, its text in the columns `app::layout` says. A change
//! to the widget or to the line model alone makes this fail, where scrolling
//! would otherwise drift from the screen without a word.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tread::app::flow::BlockKind;
use tread::app::keymap::Keymap;
use tread::app::layout::{
    self, BANNER_ROWS, BANNER_TITLE_ROW, BREAK_ROWS, GAP_ROWS, SPEAKER_ROWS, STUB_ROWS, TEXT_INDENT,
};
use tread::app::lines::LinePos;
use tread::app::state::{State, Viewport};
use tread::app::{Action, update};
use tread::transcript::{LoadOptions, load};
use tread::ui::dialogue::Dialogue;
use tread::ui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// A section banner (from the title, then a heading), narration, two
/// speakers over several paragraphs, and text long enough to wrap.
const SMALL: &str = "\
Title: A small meeting

The room fills slowly before anyone speaks; chairs scrape and the projector hums.

ANNA: Good morning, everyone. Thanks for coming in so early today, it means a lot.

BEN: Morning. I brought the numbers from last quarter, and they are better than we feared.

ANNA: Let's start with those, then.

## Numbers

BEN: Revenue grew 12% over the year, mostly in the second half, 收入增长主要来自下半年的新客户。

ANNA: And costs?

BEN: Flat. Nobody expected that.
";

const WIDTHS: [u16; 5] = [8, 12, 20, 37, 80];

fn state(bytes: &[u8], width: u16) -> State {
    let doc = load(bytes, &LoadOptions::default()).unwrap();
    let mut s = State::new(doc, "layout", Keymap::default_keymap());
    resize(&mut s, width);
    s
}

/// A viewport as wide as `width` and tall enough for every row of the flow
/// at that width (and the current focus), with a few rows to spare.
fn resize(s: &mut State, width: u16) {
    let at = |height| Viewport {
        dialogue: ratatui::layout::Rect::new(0, 0, width, height).into(),
        ..Viewport::default()
    };
    update(s, Action::Viewport(at(1)));
    let rows: usize = {
        let lines = s.lines();
        (0..s.flow().blocks.len()).map(|b| lines.count(b)).sum()
    };
    update(s, Action::Viewport(at(u16::try_from(rows + 3).unwrap())));
}

/// Show only the first speaker: every other turn folds to its stub.
fn focus_first_speaker(s: &mut State) {
    update(s, Action::Speakers);
    update(s, Action::SelectDown);
    update(s, Action::Activate);
    assert_eq!(s.view().speaker_filter(), Some(0));
}

fn draw(s: &State) -> Buffer {
    let area: ratatui::layout::Rect = s.viewport().dialogue.into();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|f| {
            f.render_widget(
                Dialogue {
                    state: s,
                    theme: Theme { color: false },
                },
                area,
            )
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// A row as a terminal shows it: a wide character covers the next cell.
fn row(buf: &Buffer, y: usize) -> String {
    let y = u16::try_from(y).unwrap();
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let s = buf[(x, y)].symbol();
        out.push_str(s);
        x += s.width().max(1) as u16;
    }
    out
}

/// Checks every block's rows from the top of the flow down, and that nothing
/// is drawn below the last one. Returns how many were seen of banners,
/// speaker lines, paragraph rows and stubs.
fn check(s: &State, what: &str) -> [usize; 4] {
    assert_eq!(
        s.top_pos(),
        LinePos::default(),
        "{what}: drawn from the top"
    );
    let buf = draw(s);
    let lines = s.lines();
    let mut seen = [0; 4];
    let mut y = 0;
    for b in 0..s.flow().blocks.len() {
        let n = lines.count(b);
        let rows: Vec<String> = (y..y + n).map(|y| row(&buf, y)).collect();
        let here = format!("{what}: block {b} at row {y}");
        if let Some(kind) = check_block(s, b, &rows, &here) {
            seen[kind] += if kind == 2 { n } else { 1 };
        }
        y += n;
    }
    for y in y..usize::from(buf.area.height) {
        assert_eq!(
            row(&buf, y).trim(),
            "",
            "{what}: row {y} past the last block"
        );
    }
    seen
}

/// Checks the drawn `rows` of block `b` (as many as `Lines` counts for it)
/// against the line model; the index into `check`'s tally, if any.
fn check_block(s: &State, b: usize, rows: &[String], here: &str) -> Option<usize> {
    let lines = s.lines();
    let block = s.flow().blocks[b];
    let n = rows.len();
    if lines.folded(b) == Some(true) {
        assert_eq!(n, STUB_ROWS, "{here}");
        assert!(rows.iter().all(|r| r.starts_with("… ")), "{here}: {rows:?}");
        return Some(3);
    }
    if n == 0 {
        return None;
    }
    match block.kind {
        BlockKind::Banner => {
            assert_eq!(n, BANNER_ROWS, "{here}");
            for (i, text) in rows.iter().enumerate() {
                match i == BANNER_TITLE_ROW {
                    true => assert!(text.starts_with("§ "), "{here}: {text:?}"),
                    false => assert!(text.chars().all(|c| c == '─'), "{here}: {text:?}"),
                }
            }
            Some(0)
        }
        BlockKind::Speaker => {
            assert!(
                !s.view().compact(),
                "{here}: compact turns have no speaker line"
            );
            assert_eq!(n, SPEAKER_ROWS, "{here}");
            let turn = &s.flow().turns[block.turn as usize];
            let first = s.flow().speakers[turn.speaker as usize].chars().next();
            assert!(rows[0].starts_with(first.unwrap()), "{here}: {rows:?}");
            Some(1)
        }
        BlockKind::Gap | BlockKind::TurnGap | BlockKind::Break => {
            // Times are off: gaps and paragraph breaks are blank rows.
            let want = if block.kind == BlockKind::Break {
                BREAK_ROWS
            } else {
                GAP_ROWS
            };
            assert_eq!(n, want, "{here}");
            assert_eq!(rows[0].trim(), "", "{here}");
            None
        }
        BlockKind::Para => {
            let (text, wrapped) = (s.flow().text(s.doc(), b), lines.wrapped(b));
            let name_col = s.view().name_col(s.opened());
            let indent = usize::from(layout::text_indent(name_col));
            let wrap_width = layout::text_width(s.viewport().dialogue.width)
                .saturating_sub(usize::from(name_col))
                .max(1);
            assert_eq!(lines.width, wrap_width, "{here}");
            assert_eq!(n, wrapped.len().max(1), "{here}");
            for (i, (range, drawn)) in wrapped.iter().zip(rows).enumerate() {
                let want = text[range.clone()].trim_end();
                assert!(
                    want.width() <= wrap_width.max(1),
                    "{here}: line {i} too wide"
                );
                let gutter = " ".repeat(usize::from(TEXT_INDENT));
                assert!(drawn.starts_with(&gutter), "{here}: gutter {drawn:?}");
                let before = drawn.trim_end().strip_suffix(want);
                let before = before.unwrap_or_else(|| panic!("{here}: line {i} {drawn:?}"));
                assert_eq!(
                    before.width(),
                    indent,
                    "{here}: line {i} starts at {drawn:?}"
                );
            }
            Some(2)
        }
    }
}

#[test]
fn the_sample_is_drawn_on_the_rows_lines_counts() {
    for width in WIDTHS {
        let mut s = state(tread::SAMPLE, width);
        let [banners, speakers, rows, _] = check(&s, &format!("sample at {width}"));
        assert!(banners >= 2 && speakers > 20 && rows > 100, "width {width}");
        focus_first_speaker(&mut s);
        resize(&mut s, width);
        let [.., stubs] = check(&s, &format!("sample at {width}, one speaker"));
        assert!(stubs > 10, "width {width}: {stubs} stubs");
    }
}

#[test]
fn banners_stubs_and_narration_are_drawn_on_the_rows_lines_counts() {
    for width in WIDTHS {
        let mut s = state(SMALL.as_bytes(), width);
        let [banners, speakers, ..] = check(&s, &format!("small at {width}"));
        assert_eq!((banners, speakers), (2, 6), "width {width}");
        // One speaker shown: the other's turns and the narration fold.
        focus_first_speaker(&mut s);
        resize(&mut s, width);
        let [banners, speakers, _, stubs] = check(&s, &format!("small at {width}, one speaker"));
        assert_eq!((banners, speakers, stubs), (2, 3, 4), "width {width}");
    }
}

#[test]
fn compact_mode_is_drawn_on_the_rows_lines_counts() {
    for width in WIDTHS {
        for bytes in [tread::SAMPLE, SMALL.as_bytes()] {
            let mut s = state(bytes, width);
            update(&mut s, Action::ToggleCompact);
            resize(&mut s, width);
            let [banners, speakers, rows, _] = check(&s, &format!("compact at {width}"));
            assert!(banners >= 2 && rows > 0, "width {width}");
            assert_eq!(speakers, 0, "width {width}: no speaker lines");
            focus_first_speaker(&mut s);
            resize(&mut s, width);
            let [.., stubs] = check(&s, &format!("compact at {width}, one speaker"));
            assert!(stubs > 0, "width {width}");
        }
    }
}
