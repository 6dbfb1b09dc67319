//! The code picker (`C`): a title saying what it codes and its keys (from
//! the live keymap), the filter line, then the codes it lists, each with a
//! swatch of its colour, its path, a ✓ when the quote has it, and while the
//! filter is empty the digit that applies it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::status::edit_line;
use super::theme::Theme;
use super::{fit, put};
use crate::app::action::Action;
use crate::app::hints;
use crate::app::keymap::Layer;
use crate::app::list::Window;
use crate::app::picker::{self, Picker, Row};
use crate::app::state::State;

/// The widest the picker gets, and the most codes it shows at once.
const WIDTH: u16 = 64;
const LIST_ROWS: u16 = 12;

/// Draw the picker over `area`, the terminal's cursor in its filter.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let Some(p) = picker::picker(state) else {
        return;
    };
    let rows = picker::rows(state);
    let (popup, filter, list) = geometry(area, rows.len());
    let buf = frame.buffer_mut();
    super::popup(buf, popup, popup.width, popup.height);
    let (target, other) = picker::target_names(state, p);
    let title = hints::picker_title(state.keymap(), target, other);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(fit(&title, usize::from(popup.width.saturating_sub(2))))
        .border_style(theme.rule());
    block.render(popup, buf);
    if filter.width < 4 || filter.height == 0 {
        return;
    }
    let x = edit_line(buf, filter, "code: ", &p.line, theme);
    draw_rows(buf, list, state, p, &rows, theme);
    frame.set_cursor_position(Position::new(x, filter.y));
}

/// The popup for `n` rows, centred in `area`; its filter line and list.
fn geometry(area: Rect, n: usize) -> (Rect, Rect, Rect) {
    let list_rows = (n.max(1) as u16).min(LIST_ROWS);
    let w = WIDTH.min(area.width);
    let popup = super::centred(area, w, list_rows + 3);
    let inner = Block::default().borders(Borders::ALL).inner(popup);
    let filter = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        height: inner.height.min(1),
        ..inner
    };
    let list = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    (popup, filter, list)
}

fn one(_: usize) -> usize {
    1
}

fn draw_rows(buf: &mut Buffer, area: Rect, state: &State, p: &Picker, rows: &[Row], theme: Theme) {
    let (x, width) = (area.x + 1, usize::from(area.width.saturating_sub(2)));
    if rows.is_empty() {
        let text = match p.line.text.trim().is_empty() {
            true => "No codes yet: type a name to make one (parent/child nests it).",
            false => "Not a name a code can take.",
        };
        put(buf, x, area.y, &fit(text, width), width, theme.dim());
        return;
    }
    let has = picker::target_codes(state, p);
    let window = Window::new(p.selected, rows.len(), area.height.into(), one);
    for (i, at) in window.items(one) {
        let y = area.y + at as u16;
        // While the filter is empty, the digit that applies the row.
        let label = (p.line.text.is_empty() && i < 9)
            .then(|| hints::key(state.keymap(), Layer::Picker, Action::CodeNth(i as u8 + 1)))
            .flatten()
            .unwrap_or_default();
        put(buf, x, y, &format!("{label:>2}"), 2, theme.dim());
        let selected = match i == p.selected {
            true => theme.selected(),
            false => Style::new(),
        };
        let mut at_x = x + 3;
        let room = width.saturating_sub(3);
        for (text, style, mark) in cells(state, &rows[i], has, room, theme) {
            let style = if mark { style } else { style.patch(selected) };
            let left = room.saturating_sub(usize::from(at_x - x - 3));
            at_x = put(buf, at_x, y, &text, left, style);
        }
    }
}

/// A row's pieces in `room` columns, padded to the end so the selection
/// shows across it; `true` marks the swatch, which keeps its colour.
fn cells(
    state: &State,
    row: &Row,
    has: &[String],
    room: usize,
    theme: Theme,
) -> Vec<(String, Style, bool)> {
    let padded = |text: String, room: usize| {
        let pad = " ".repeat(room.saturating_sub(text.width()));
        text + &pad
    };
    match row {
        Row::Create(text) => {
            let line = fit(&format!("+ create “{text}”"), room);
            vec![(padded(line, room), theme.claim_tag(), false)]
        }
        Row::Code(id) => {
            let coding = state.coding();
            let swatch = if theme.color { "■ " } else { "# " };
            let tick = if has.contains(id) { " ✓" } else { "" };
            let room = room.saturating_sub(2);
            let path = fit(&coding.path(id).unwrap_or_default(), room.saturating_sub(2));
            vec![
                (swatch.to_string(), theme.code(coding.colour(id)), true),
                (
                    padded(path, room.saturating_sub(tick.width())) + tick,
                    Style::new(),
                    false,
                ),
            ]
        }
    }
}

/// The row of the picker drawn at `(x, y)`, the picker open over `area`.
pub fn hit(state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let p = picker::picker(state)?;
    let rows = picker::rows(state).len();
    let (_, _, list) = geometry(area, rows);
    if !list.contains((x, y).into()) || rows == 0 {
        return None;
    }
    let window = Window::new(p.selected, rows, list.height.into(), one);
    window.hit(usize::from(y - list.y), one).map(|(i, _)| i)
}
