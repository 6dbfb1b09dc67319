//! The table of contents pane: one row per section with its turn count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::action::Pane;
use crate::app::list::Window;
use crate::app::state::State;

pub struct Toc<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for Toc<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 2 || area.height == 0 {
            return;
        }
        let state = self.state;
        let focused = state.focus() == Pane::Toc;
        buf.set_style(area, ratatui::style::Style::reset());
        for y in area.top()..area.bottom() {
            buf.set_string(area.right() - 1, y, "│", self.theme.rule());
        }
        let inner = Rect {
            width: area.width - 1,
            ..area
        };
        let width = usize::from(inner.width);
        buf.set_stringn(
            inner.x,
            inner.y,
            "Contents",
            width,
            self.theme.header(focused),
        );

        let sections = &state.doc().sections;
        let (body, window) = list(state, area);
        let reading = state.section();
        // Counted afresh only while the search is still growing.
        let matches: std::borrow::Cow<[usize]> = match state.finder().find() {
            Some(f) if f.section_counts.is_empty() => f.search.counts_by_section().into(),
            Some(f) => f.section_counts.as_slice().into(),
            None => (&[][..]).into(),
        };
        for (i, row) in window.items(one) {
            let section = &sections[i];
            let y = body.y + row as u16;
            let label = section.label();
            // With a search, its matches in the section come before the turn count.
            let matches = matches.get(i).copied().filter(|&m| m > 0);
            let hits = matches.map_or_else(String::new, |m| format!(" [{m}]"));
            let count = format!("{hits} {}", section.turns.len());
            let marker = if i == reading { "▌" } else { " " };
            let room = width.saturating_sub(count.width() + 1);
            let mut style = if i == reading {
                self.theme.current()
            } else {
                ratatui::style::Style::new()
            };
            if focused && i == state.contents().selected() {
                style = style.patch(self.theme.selected());
            }
            buf.set_stringn(inner.x, y, marker, width, self.theme.current());
            let label = super::fit(&label, room);
            // Padded so the selection highlight spans the row.
            let line = format!("{label}{}", " ".repeat(room.saturating_sub(label.width())));
            buf.set_stringn(inner.x + 1, y, &line, room, style);
            let cx = inner.right().saturating_sub(count.width() as u16);
            buf.set_stringn(cx, y, &count, count.width(), self.theme.dim());
            buf.set_stringn(cx, y, &hits, hits.width(), self.theme.search_match());
        }
    }
}

fn one(_: usize) -> usize {
    1
}

/// Where the pane's list is (below its header, left of its rule) and which
/// sections it shows: for drawing and for clicks alike.
fn list(state: &State, area: Rect) -> (Rect, Window) {
    let body = Rect {
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(1),
        height: area.height.saturating_sub(1),
        ..area
    };
    let len = state.doc().sections.len();
    let window = Window::new(state.contents().selected(), len, body.height.into(), one);
    (body, window)
}

/// The section drawn at `(x, y)` of a pane at `area`.
pub fn hit(state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let (body, window) = list(state, area);
    body.contains((x, y).into())
        .then(|| window.hit(usize::from(y - body.y), one))?
}
