//! The help overlay, generated from the live keymap so it is never out of date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::keymap::{Keymap, Layer};
use crate::text::sanitise;

pub struct Help<'a> {
    pub keymap: &'a Keymap,
    pub scroll: u16,
    pub theme: Theme,
}

impl Help<'_> {
    /// The overlay's text: a heading per layer, then `keys  description` rows.
    pub fn lines(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for (layer, rows) in self.keymap.describe() {
            let heading = match layer {
                Layer::Global => "Everywhere",
                Layer::Contents => "In the contents pane",
                Layer::Claims => "In the claims pane",
                Layer::Bookmarks => "In the bookmarks list",
                Layer::Speakers => "In the speaker picker",
                Layer::Help => "In this help",
                Layer::Unsaved => "When quitting with unsaved bookmarks",
            };
            if !out.is_empty() {
                out.push((String::new(), false));
            }
            out.push((heading.to_string(), true));
            for (action, keys) in rows {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                let desc = action.description().unwrap_or_default();
                // Sanitised before padding, so the columns line up as shown.
                let keys = sanitise(&keys.join(" ")).into_owned();
                out.push((format!("  {keys:<14} {desc}"), false));
            }
        }
        out
    }
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines();
        let w = lines.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16 + 4;
        let popup = super::popup(buf, area, w, lines.len() as u16 + 2);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(" Keys · Esc closes · j/k scroll ")
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
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
