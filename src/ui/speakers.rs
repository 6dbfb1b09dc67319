//! The speaker picker (`s`): everyone, then each speaker with their turns
//! and share of the words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::hints;
use crate::app::state::State;
use crate::text::sanitise;

/// Columns of the share bar.
const BAR: usize = 10;

pub struct Picker<'a> {
    pub state: &'a State,
    pub selected: usize,
    pub theme: Theme,
}

impl Picker<'_> {
    /// The rows: `All speakers`, then `name  turns  share  bar`.
    pub fn rows(&self) -> Vec<String> {
        let state = self.state;
        let mut rows = vec!["All speakers".to_string()];
        // Sanitised before measuring, so the columns line up as shown.
        let names: Vec<_> = state.flow.speakers.iter().map(|n| sanitise(n)).collect();
        let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0);
        for (name, shown) in state.flow.speakers.iter().zip(&names) {
            let share = state
                .shares
                .as_ref()
                .and_then(|v| v.iter().find(|s| &s.name == name));
            let (turns, pct) = share.map_or((0, 0.0), |s| (s.turns, s.share * 100.0));
            let filled = ((pct / 100.0) * BAR as f32).round() as usize;
            let bar = "█".repeat(filled.min(BAR)) + &"·".repeat(BAR - filled.min(BAR));
            let pad = " ".repeat(name_w - shown.width());
            rows.push(format!(
                "{shown}{pad}  {turns:>4} turns  {pct:>3.0}%  {bar}"
            ));
        }
        rows
    }
}

impl Widget for Picker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.rows();
        let w = rows.iter().map(|r| r.width()).max().unwrap_or(0) as u16 + 6;
        let popup = super::popup(buf, area, w, rows.len() as u16 + 2);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(fit(
                &hints::speakers_title(&self.state.keymap),
                usize::from(w.saturating_sub(2)),
            ))
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = usize::from(inner.width.saturating_sub(2));
        let skip = self
            .selected
            .saturating_sub(usize::from(inner.height).saturating_sub(1));
        for (i, row) in rows
            .iter()
            .enumerate()
            .skip(skip)
            .take(usize::from(inner.height))
        {
            let y = inner.y + (i - skip) as u16;
            let style = if i == self.selected {
                self.theme.selected()
            } else {
                Style::new()
            };
            let color = match i.checked_sub(1) {
                Some(s) => self.theme.speaker(s),
                None => Style::new(),
            };
            buf.set_stringn(inner.x + 1, y, fit(row, width), width, color.patch(style));
        }
    }
}
