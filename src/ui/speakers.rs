//! The speaker picker (`s`): everyone, then each speaker with their turns
//! and share of the words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::hints;
use crate::app::list::Window;
use crate::app::state::{Overlay, State};
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
        let names: Vec<_> = state.flow().speakers.iter().map(|n| sanitise(n)).collect();
        let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0);
        for (name, shown) in state.flow().speakers.iter().zip(&names) {
            let share = state.opened().shares().iter().find(|s| &s.name == name);
            let (turns, pct) = share.map_or((0, 0.0), |s| (s.turns, s.share * 100.0));
            let filled = ((pct / 100.0) * BAR as f32).round() as usize;
            let bar = "█".repeat(filled.min(BAR)) + &"·".repeat(BAR - filled.min(BAR));
            let pad = " ".repeat(name_w - shown.width());
            // `1 turn `, padded so the shares stay in one column.
            let word = if turns == 1 { "turn " } else { "turns" };
            rows.push(format!(
                "{shown}{pad}  {turns:>4} {word}  {pct:>3.0}%  {bar}"
            ));
        }
        rows
    }
}

impl Widget for Picker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.rows();
        let (popup, inner) = geometry(&rows, area);
        super::clear_left_edge(buf, popup);
        Clear.render(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(fit(
                &hints::speakers_title(self.state.keymap()),
                usize::from(popup.width.saturating_sub(2)),
            ))
            .border_style(self.theme.rule());
        block.render(popup, buf);
        let width = usize::from(inner.width.saturating_sub(2));
        let window = Window::new(self.selected, rows.len(), inner.height.into(), one);
        for (i, at) in window.items(one) {
            let y = inner.y + at as u16;
            let style = if i == self.selected {
                self.theme.selected()
            } else {
                Style::new()
            };
            let color = match i.checked_sub(1) {
                Some(s) => self.theme.speaker(s),
                None => Style::new(),
            };
            let row = fit(&rows[i], width);
            buf.set_stringn(inner.x + 1, y, row, width, color.patch(style));
        }
    }
}

fn one(_: usize) -> usize {
    1
}

/// The popup, sized to its rows and centred in `area`, and its inside.
fn geometry(rows: &[String], area: Rect) -> (Rect, Rect) {
    let w = rows.iter().map(|r| r.width()).max().unwrap_or(0) as u16 + 6;
    let popup = super::centred(area, w, rows.len() as u16 + 2);
    (popup, Block::default().borders(Borders::ALL).inner(popup))
}

/// The row of the picker (0 is "all") drawn at `(x, y)`, the picker open
/// over `area`.
pub fn hit(state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let Some(&Overlay::Speakers { selected }) = state.overlay() else {
        return None;
    };
    let rows = Picker {
        state,
        selected,
        theme: Theme { color: false },
    }
    .rows();
    let (_, inner) = geometry(&rows, area);
    let window = Window::new(selected, rows.len(), inner.height.into(), one);
    inner
        .contains((x, y).into())
        .then(|| window.hit(usize::from(y - inner.y), one))?
        .map(|(i, _)| i)
}
