//! A window onto content taller than the popup: content rows are drawn
//! at their screen row when in sight and skipped otherwise; widgets are
//! drawn into a scratch buffer of their own height and copied row by row,
//! so a chart half scrolled away shows its visible half.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use crate::ui::put;

pub struct Scrolled<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    /// The content row at the window's top.
    scroll: u16,
}

impl<'a> Scrolled<'a> {
    pub fn new(buf: &'a mut Buffer, area: Rect, scroll: u16) -> Scrolled<'a> {
        Scrolled { buf, area, scroll }
    }

    pub fn width(&self) -> u16 {
        self.area.width
    }

    /// Whether content row `row` is in sight.
    pub fn shows(&self, row: u16) -> bool {
        self.y(row).is_some()
    }

    fn y(&self, row: u16) -> Option<u16> {
        let at = row.checked_sub(self.scroll)?;
        (at < self.area.height).then(|| self.area.y + at)
    }

    /// Draw `text` (sanitised, cut at the window's edge) at content row
    /// `row`, `x` columns in; the column after it (relative), drawn or not.
    pub fn text(&mut self, row: u16, x: u16, text: &str, style: Style) -> u16 {
        let room = usize::from(self.area.width.saturating_sub(x));
        let shown = crate::text::wrap::width(text).min(room);
        if let Some(y) = self.y(row) {
            put(self.buf, self.area.x + x, y, text, room, style);
        }
        x.saturating_add(u16::try_from(shown).unwrap_or(u16::MAX))
    }

    /// Draw `widget` over `height` content rows from `row`, the full width.
    pub fn widget(&mut self, row: u16, height: u16, widget: impl Widget) {
        self.widget_at(row, 0, height, widget);
    }

    /// Draw `widget` over `height` content rows from `row`, `x` columns in.
    pub fn widget_at(&mut self, row: u16, x: u16, height: u16, widget: impl Widget) {
        let end = row.saturating_add(height);
        if height == 0 || end <= self.scroll || row >= self.scroll + self.area.height {
            return;
        }
        let w = self.area.width.saturating_sub(x);
        let scratch_area = Rect::new(0, 0, w, height);
        let mut scratch = Buffer::empty(scratch_area);
        widget.render(scratch_area, &mut scratch);
        for r in 0..height {
            let Some(y) = self.y(row + r) else { continue };
            for c in 0..w {
                if let (Some(from), Some(to)) = (
                    scratch.cell((c, r)).cloned(),
                    self.buf.cell_mut((self.area.x + x + c, y)),
                ) {
                    *to = from;
                }
            }
        }
    }
}
