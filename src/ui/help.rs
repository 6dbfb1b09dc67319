//! The help overlay, generated from the live keymap so it is never out of
//! date, in the rows and columns [`crate::app::help::layout`] places.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::Theme;
use crate::app::keymap::Keymap;
use crate::app::{help, hints};

pub struct Help<'a> {
    pub keymap: &'a Keymap,
    pub scroll: u16,
    pub theme: Theme,
    /// The reader's help or the library's.
    pub screen: help::Screen,
}

impl Help<'_> {
    /// The overlay's text: [`crate::app::help::lines`].
    pub fn lines(&self) -> Vec<(String, bool)> {
        let entries = help::entries_on(self.keymap, self.screen);
        entries.iter().map(|e| (e.text(), e.heading)).collect()
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The layout `update` bounds the scroll with, for this same area.
        let layout = help::layout_on(self.keymap, self.screen, area.width, area.height);
        let popup = super::popup(buf, area, layout.width, layout.height);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(super::fit(
                &hints::help_title(self.keymap),
                usize::from(popup.width.saturating_sub(2)),
            ))
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
        // Clamped again in case the frame is drawn before a resize
        // reaches `update`.
        let skip = usize::from(self.scroll).min(layout.max_scroll());
        let width = usize::from(inner.width.saturating_sub(1));
        let rows = layout
            .rows
            .iter()
            .skip(skip)
            .take(usize::from(inner.height));
        for (y, cells) in rows.enumerate() {
            let y = inner.y + y as u16;
            for (column, (text, heading)) in cells.iter().enumerate() {
                let style = if *heading {
                    self.theme.header(false)
                } else {
                    Style::new()
                };
                let offset = layout.column_offset * column as u16;
                let x = inner.x + 1 + offset;
                // Key names come from the user's config file.
                let room = width.saturating_sub(usize::from(offset));
                super::put(buf, x, y, text, room, style);
            }
        }
    }
}
