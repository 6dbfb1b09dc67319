//! The rows under the bookmarks list that belong to its filter: while the
//! query line is open, the line with the count on its right and above it
//! what is wrong with the query (in the warning style; the list keeps the
//! last filter that parsed); with the line closed and a filter in use, the
//! filter (`/ code:pricing`), the count, and that the filter lasts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::super::status::edit_line;
use super::super::theme::Theme;
use super::super::{fit, put};
use crate::app::hints;
use crate::app::state::State;

/// The prompt before the query, open or shown.
const PROMPT: &str = "/ ";

/// How many rows the filter's footer takes now.
pub fn height(state: &State) -> u16 {
    let f = state.bookmark_filter();
    match (f.line(), f.error()) {
        (Some(_), Some(_)) => 2,
        (Some(_), None) => 1,
        (None, _) => u16::from(f.is_set()),
    }
}

/// `3 of 12 bookmarks`.
pub fn count(shown: usize, total: usize) -> String {
    let s = if total == 1 { "" } else { "s" };
    format!("{shown} of {total} bookmark{s}")
}

/// Draw the footer on the last rows of `inner`; the terminal cursor's
/// place while the line is open.
pub fn draw(
    buf: &mut Buffer,
    inner: Rect,
    state: &State,
    shown: usize,
    theme: Theme,
) -> Option<(u16, u16)> {
    let rows = height(state);
    if rows == 0 || inner.height <= rows {
        return None;
    }
    let last = Rect {
        y: inner.bottom() - 1,
        height: 1,
        ..inner
    };
    let f = state.bookmark_filter();
    let count = count(shown, state.marks().len());
    let Some(line) = f.line() else {
        let kept = format!("{count} · {}", hints::filter_kept(state.keymap()));
        let right = right_part(&[kept, count], last.width);
        let left = draw_right(buf, last, &right, theme);
        put(
            buf,
            left.x,
            left.y,
            PROMPT,
            left.width.into(),
            theme.header(false),
        );
        let x = left.x + PROMPT.width().min(left.width.into()) as u16;
        let room = usize::from(left.right().saturating_sub(x));
        put(
            buf,
            x,
            left.y,
            &fit(f.text(), room),
            room,
            ratatui::style::Style::new(),
        );
        return None;
    };
    if let Some(error) = f.error() {
        let width = usize::from(inner.width);
        let y = last.y - 1;
        put(buf, inner.x, y, &fit(error, width), width, theme.warning());
    }
    let right = right_part(&[count], last.width);
    let left = draw_right(buf, last, &right, theme);
    let x = edit_line(buf, left, PROMPT, line, theme);
    Some((x, last.y))
}

/// The first of `choices` that leaves a fair part of a row of `width`
/// for the query; none when no choice does.
fn right_part(choices: &[String], width: u16) -> String {
    let room = usize::from(width);
    choices
        .iter()
        .find(|c| c.width() + 16 <= room)
        .cloned()
        .unwrap_or_default()
}

/// Draw `text` dim at the right end of `row`; the rest of the row, with a
/// column between them.
fn draw_right(buf: &mut Buffer, row: Rect, text: &str, theme: Theme) -> Rect {
    let w = text.width() as u16;
    if w == 0 {
        return row;
    }
    put(buf, row.right() - w, row.y, text, w.into(), theme.dim());
    Rect {
        width: row.width - w - 1,
        ..row
    }
}
