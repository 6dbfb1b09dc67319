//! The help overlay, generated from the live keymap so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::keymap::Keymap;
use crate::app::{help, hints};

pub struct Help<'a> {
    pub keymap: &'a Keymap,
    pub scroll: u16,
    pub theme: Theme,
}

impl Help<'_> {
    /// The overlay's text: [`crate::app::help::lines`].
    pub fn lines(&self) -> Vec<(String, bool)> {
        help::lines(self.keymap)
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines();
        let w = lines.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16 + 4;
        let popup = super::popup(buf, area, w, lines.len() as u16 + 2);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(hints::help_title(self.keymap))
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
        // `update` bounds the scroll for this same height; clamped again in
        // case the frame is drawn before a resize reaches `update`.
        let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
        let skip = usize::from(self.scroll).min(max_scroll);
        for (row, (text, heading)) in lines
            .iter()
            .skip(skip)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let style = if *heading {
                self.theme.header(false)
            } else {
                Style::new()
            };
            // Key names come from the user's config file.
            let width = usize::from(inner.width.saturating_sub(1));
            super::put(buf, inner.x + 1, inner.y + row as u16, text, width, style);
        }
    }
}
