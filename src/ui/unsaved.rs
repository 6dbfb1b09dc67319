//! The prompt about bookmark and codebook changes that could not be saved, shown when
//! quitting: what is at stake, and the keys that decide where they go,
//! named from the live keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Widget};

use super::status::edit_line;
use super::theme::Theme;
use super::{fit, put};
use crate::app::action::Action;
use crate::app::keymap::{Keymap, Layer};
use crate::app::line_edit::LineEdit;
use crate::app::unsaved::Pending;

pub struct Prompt<'a> {
    pub count: Pending,
    pub path: Option<&'a LineEdit>,
    pub keymap: &'a Keymap,
    pub theme: Theme,
}

impl Prompt<'_> {
    /// The choices, each with the key bound to it (unbound ones left out).
    pub fn choices(&self) -> Vec<String> {
        let choices = [
            (Action::RetrySave, "try saving again"),
            (Action::WriteUnsaved, "write them to a file you name"),
            (Action::QuitUnsaved, "quit; they go to a recovery file"),
            (Action::CloseOverlay, "keep reading; saving is retried"),
        ];
        choices
            .iter()
            .filter_map(|(action, what)| {
                let key = self.keymap.key_for(Layer::Unsaved, *action)?;
                Some(format!("{:<5} {what}", key.to_string()))
            })
            .collect()
    }

    pub fn render(self, frame: &mut Frame, area: Rect) {
        let headline = format!("{} {} not saved.", self.count.describe(), self.count.verb());
        let title = match (self.count.bookmarks, self.count.codes) {
            (_, 0) => " Unsaved bookmarks ",
            (0, _) => " Unsaved codes ",
            _ => " Unsaved changes ",
        };
        let choices = self.choices();
        let w = choices.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        let w = (w.max(headline.chars().count()).max(40) + 4) as u16;
        let h = choices.len() as u16 + 5;
        let buf = frame.buffer_mut();
        let popup = super::popup(buf, area, w, h);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .border_style(self.theme.warning());
        let inner = block.inner(popup);
        block.render(popup, buf);
        // A terminal too small for the box: the border says what it is.
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = usize::from(inner.width);
        let row = |k: u16| inner.y + k;
        put(buf, inner.x, row(0), &headline, width, self.theme.warning());
        for (k, choice) in choices.iter().enumerate() {
            let y = row(2 + k as u16);
            if y < inner.bottom() {
                put(
                    buf,
                    inner.x,
                    y,
                    &fit(choice, width),
                    width,
                    Default::default(),
                );
            }
        }
        let Some(line) = self.path else {
            return;
        };
        let y = row(inner.height.saturating_sub(1));
        let file_row = Rect::new(inner.x, y, inner.width, 1);
        let x = edit_line(buf, file_row, "file: ", line, self.theme);
        frame.set_cursor_position(Position::new(x, y));
    }
}
