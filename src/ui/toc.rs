//! The table of contents pane: one row per section with its turn count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::action::Pane;
use crate::app::list::Window;
use crate::app::state::State;
use crate::transcript::model::Section;

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
        let focused = state.focus() == Pane::Contents;
        let inner = self.frame(area, focused, buf);
        let sections = &state.doc().sections;
        let (body, window) = list(state, area);
        let reading = state.section();
        let matches = match_counts(state);
        for (i, row) in window.items(one) {
            let current = i == reading;
            let mut style = if current {
                self.theme.current()
            } else {
                Style::new()
            };
            if focused && i == state.contents().selected() {
                style = style.patch(self.theme.selected());
            }
            let row = Rect {
                y: body.y + row as u16,
                height: 1,
                ..inner
            };
            // With a search, its matches in the section come before the turn count.
            let hits = matches.get(i).copied().filter(|&m| m > 0);
            self.section_row(&sections[i], row, hits, current, style, buf);
        }
    }
}

impl Toc<'_> {
    /// The pane's rule on its right and its header; returns the area left
    /// of the rule.
    fn frame(&self, area: Rect, focused: bool, buf: &mut Buffer) -> Rect {
        buf.set_style(area, Style::reset());
        for y in area.top()..area.bottom() {
            buf.set_string(area.right() - 1, y, "│", self.theme.rule());
        }
        let inner = Rect {
            width: area.width - 1,
            ..area
        };
        buf.set_stringn(
            inner.x,
            inner.y,
            "Contents",
            usize::from(inner.width),
            self.theme.header(focused),
        );
        inner
    }

    /// One section's row: a marker when it is the `current` section, its
    /// label in `style`, and on the right its search `hits` and turn count.
    fn section_row(
        &self,
        section: &Section,
        row: Rect,
        hits: Option<usize>,
        current: bool,
        style: Style,
        buf: &mut Buffer,
    ) {
        let width = usize::from(row.width);
        let label = section.label();
        let hits = hits.map_or_else(String::new, |m| format!(" [{m}]"));
        let count = format!("{hits} {}", section.turns.len());
        let marker = if current { "▌" } else { " " };
        let room = width.saturating_sub(count.width() + 1);
        buf.set_stringn(row.x, row.y, marker, width, self.theme.current());
        let label = super::fit(&label, room);
        // Padded so the selection highlight spans the row.
        let line = format!("{label}{}", " ".repeat(room.saturating_sub(label.width())));
        buf.set_stringn(row.x + 1, row.y, &line, room, style);
        let cx = row.right().saturating_sub(count.width() as u16);
        buf.set_stringn(cx, row.y, &count, count.width(), self.theme.dim());
        buf.set_stringn(cx, row.y, &hits, hits.width(), self.theme.search_match());
    }
}

/// Each section's search matches, or none without a search.
fn match_counts(state: &State) -> std::borrow::Cow<'_, [usize]> {
    // Counted afresh only while the search is still growing.
    match state.finder().find() {
        Some(f) if f.section_counts.is_empty() => f.search.counts_by_section().into(),
        Some(f) => f.section_counts.as_slice().into(),
        None => (&[][..]).into(),
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
        .map(|(i, _)| i)
}
