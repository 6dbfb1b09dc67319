//! The code overview (`#`): the code tree (children indented, a swatch of
//! each code's colour, its description dimmed where it fits), each code's
//! quotes in this document in all and per speaker, the uncoded quotes
//! last; the keys (from the live keymap) or the line editor under it, an
//! edit's error, and where the per-document table is.
//!
//! Speakers are columns, aligned by display width, while they fit; a
//! narrower popup gives them one column listing the speakers with most
//! quotes first (`Ana 2, 张伟 1`), as `--codes` prints them, and drops the
//! descriptions first. [`Codes`] draws from what it is given, not from
//! the state.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::status::edit_line;
use super::theme::Theme;
use super::{fit, put};
use crate::app::codes_pane::{self, EditKind};
use crate::app::coding::Coding;
use crate::app::hints;
use crate::app::line_edit::LineEdit;
use crate::app::list::Window;
use crate::app::state::State;
use crate::store::overview::Overview;

mod columns;
use columns::{Columns, padded};

/// The widest the popup gets.
const WIDTH: u16 = 100;
/// The row of quotes with no code, as `--codes` names it.
pub const UNCODED: &str = "(uncoded)";
/// Where the table of every document is.
pub const FOOTER: &str = "per document: tread --bookmarks --codes --all";
/// Rows under the table: the keys or the editor, an error or the
/// editor's help, the footer.
const BOTTOM: u16 = 3;

/// What the overlay draws.
pub struct Codes<'a> {
    pub table: &'a Overview,
    /// The codes' colours and descriptions.
    pub coding: &'a Coding,
    /// The selected row of the table.
    pub selected: usize,
    pub editing: Option<(EditKind, &'a LineEdit)>,
    pub error: Option<&'a str>,
    /// The overview's keys, from the live keymap.
    pub keys: String,
    pub theme: Theme,
}

/// Draw the open overview over `area`, the terminal's cursor in its
/// editor while an edit is typed.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let Some(p) = codes_pane::pane(state) else {
        return;
    };
    let table = codes_pane::table(state);
    let view = Codes {
        table: &table,
        coding: state.coding(),
        selected: codes_pane::selected_row(p, &table),
        editing: p.editing(),
        error: p.error(),
        keys: hints::codes_keys(state.keymap()),
        theme,
    };
    if let Some(at) = view.draw(frame.buffer_mut(), area) {
        frame.set_cursor_position(at);
    }
}

/// `5 quotes`, `1 quote`.
fn quotes(n: usize) -> String {
    match n {
        1 => "1 quote".into(),
        n => format!("{n} quotes"),
    }
}

impl Codes<'_> {
    /// Draw over `area`; where the editor's cursor is, if one is open.
    pub fn draw(&self, buf: &mut Buffer, area: Rect) -> Option<Position> {
        // The heading, the codes and the uncoded row; a blank; the bottom
        // rows; the borders.
        let rows = u16::try_from(self.table.rows.len()).unwrap_or(u16::MAX);
        let h = rows.saturating_add(2 + 1 + BOTTOM + 2);
        let w = WIDTH.min(area.width);
        let popup = super::popup(buf, area, w, h);
        let title = format!(" codes · {} in this document ", quotes(self.table.quotes));
        let block = Block::default()
            .borders(Borders::ALL)
            .title(fit(&title, usize::from(popup.width.saturating_sub(2))))
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width < 6 || inner.height < 2 {
            return None;
        }
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        };
        let cursor = self.draw_bottom(buf, inner);
        let lines = self.bottom_lines();
        let table = Rect {
            height: inner.height.saturating_sub(lines + 1),
            ..inner
        };
        self.draw_table(buf, table);
        cursor
    }

    /// How many rows [`Codes::draw_bottom`] takes.
    fn bottom_lines(&self) -> u16 {
        match (self.editing, self.error) {
            (None, None) => BOTTOM - 1,
            _ => BOTTOM,
        }
    }

    /// From the popup's bottom up: the footer, the error or the editor's
    /// help, the editor or the keys. The editor's cursor, if open.
    fn draw_bottom(&self, buf: &mut Buffer, inner: Rect) -> Option<Position> {
        let width = usize::from(inner.width);
        let theme = self.theme;
        let mut y = inner.bottom().checked_sub(1)?;
        put(buf, inner.x, y, &fit(FOOTER, width), width, theme.dim());
        let said = match (self.error, self.editing) {
            (Some(e), _) => Some((e, theme.warning())),
            (None, Some((kind, _))) => Some((kind.help(), theme.dim())),
            (None, None) => None,
        };
        if let Some((text, style)) = said {
            y = y.checked_sub(1).filter(|&y| y > inner.y)?;
            put(buf, inner.x, y, &fit(text, width), width, style);
        }
        y = y.checked_sub(1).filter(|&y| y > inner.y)?;
        let Some((kind, line)) = self.editing else {
            put(buf, inner.x, y, &fit(&self.keys, width), width, theme.dim());
            return None;
        };
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let x = edit_line(buf, row, kind.prompt(), line, theme);
        Some(Position::new(x, y))
    }

    /// The heading, then the codes around the selected one, the uncoded
    /// quotes last.
    fn draw_table(&self, buf: &mut Buffer, area: Rect) {
        if area.height == 0 {
            return;
        }
        let cols = Columns::new(self.table, usize::from(area.width));
        let header = cols.header(self.table);
        let width = usize::from(area.width);
        put(
            buf,
            area.x,
            area.y,
            &header,
            width,
            self.theme.header(false),
        );
        let list = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        let one = |_| 1;
        let n = self.table.rows.len() + 1;
        let window = Window::new(self.selected, n, list.height.into(), one);
        for (i, at) in window.items(one) {
            let y = list.y + at as u16;
            let selected = match i == self.selected && i < self.table.rows.len() {
                true => self.theme.selected(),
                false => Style::new(),
            };
            let mut x = list.x;
            for (text, style, keep) in self.row(&cols, i) {
                let style = if keep { style } else { style.patch(selected) };
                x = put(
                    buf,
                    x,
                    y,
                    &text,
                    usize::from(list.right().saturating_sub(x)),
                    style,
                );
            }
        }
    }

    /// Row `i`'s pieces: a code of the table, or past them the uncoded
    /// quotes. `true` marks the swatch, which keeps its colour selected.
    fn row(&self, cols: &Columns, i: usize) -> Vec<(String, Style, bool)> {
        let theme = self.theme;
        let mut out = Vec::new();
        let (tally, name_room) = match self.table.rows.get(i) {
            Some(r) => {
                let indent = "  ".repeat(r.depth);
                let swatch = if theme.color { "■ " } else { "# " };
                out.push((indent.clone(), Style::new(), false));
                let colour = theme.code(self.coding.colour(&r.id));
                out.push((swatch.to_string(), colour, true));
                let room = cols.name.saturating_sub(indent.len() + 2);
                out.push((padded(&fit(&r.name, room), room), Style::new(), false));
                (&r.tally, 0)
            }
            None => (&self.table.uncoded, cols.name),
        };
        if name_room > 0 {
            out.push((padded(UNCODED, name_room), Style::new(), false));
        }
        out.push((cols.counts(self.table, tally), Style::new(), false));
        let description = (self.table.rows.get(i))
            .and_then(|r| self.coding.book().get(&r.id))
            .map(|c| c.description.as_str())
            .filter(|d| !d.is_empty());
        if let (Some(d), Some(room)) = (description, cols.description) {
            out.push((format!("  {}", fit(d, room)), theme.dim(), false));
        }
        out
    }
}
