//! The bookmarks list (`'`): every bookmark with its section, speaker, quote
//! and note, and the one-line note editor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::status::edit_line;
use super::theme::Theme;
use super::{clear_left_edge, fit, wrap};
use crate::app::marks::Mark;
use crate::app::state::{Overlay, State};

/// Lines of a quote shown in the list; longer quotes end in `…`.
const QUOTE_LINES: usize = 3;

/// Draw the list over `area`, and the note editor when it is open.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let (selected, editing) = match &state.overlay {
        Some(Overlay::Bookmarks { selected }) => (*selected, None),
        Some(Overlay::Note { mark, line }) => (*mark, Some(line)),
        _ => return,
    };
    let w = area.width.min(90).max(area.width.min(20));
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    };
    let buf = frame.buffer_mut();
    clear_left_edge(buf, popup);
    Clear.render(popup, buf);
    let title = if editing.is_some() {
        " Note · Enter saves · Esc cancels "
    } else {
        " Bookmarks · Enter jump · e note · d delete · u undo · Esc "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(fit(title, usize::from(w.saturating_sub(2))))
        .border_style(theme.rule());
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let list = Rect {
        height: inner.height - u16::from(editing.is_some()),
        ..inner
    };
    draw_list(buf, list, state, selected, theme);
    if let Some(line) = editing {
        let row = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let x = edit_line(buf, row, "note: ", line, theme);
        frame.set_cursor_position(Position::new(x, row.y));
    }
}

fn draw_list(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    state: &State,
    selected: usize,
    theme: Theme,
) {
    let width = usize::from(area.width);
    if state.marks.is_empty() {
        let text = "No bookmarks yet: press m on a sentence, or v to select several.";
        buf.set_stringn(
            area.x + 1,
            area.y,
            fit(text, width - 1),
            width - 1,
            theme.dim(),
        );
        return;
    }
    let items: Vec<Vec<(String, Style)>> = state
        .marks
        .iter()
        .enumerate()
        .map(|(i, m)| item(m, i == selected, width - 2, theme))
        .collect();
    // Start far enough back that the selected item is in view.
    let mut start = selected.min(items.len() - 1);
    let mut above = items[start].len();
    while start > 0 && above + items[start - 1].len() < usize::from(area.height) {
        above += items[start - 1].len() + 1;
        start -= 1;
    }
    let mut y = area.y;
    for (i, lines) in items.iter().enumerate().skip(start) {
        for (text, style) in lines {
            if y >= area.bottom() {
                return;
            }
            if i == selected {
                buf.set_string(area.x, y, "▌", theme.current());
            }
            buf.set_stringn(area.x + 2, y, text, width - 2, *style);
            y += 1;
        }
        y += 1;
    }
}

/// A bookmark's lines: where it is, the quote, the note.
fn item(m: &Mark, selected: bool, width: usize, theme: Theme) -> Vec<(String, Style)> {
    let b = &m.bookmark;
    let section = match (&b.section_number, &b.section_title) {
        (Some(n), Some(t)) => format!("§{n} {t}"),
        (Some(n), None) => format!("§{n}"),
        (None, Some(t)) => t.clone(),
        (None, None) => "Preamble".into(),
    };
    let who = b.speaker.as_deref().unwrap_or("narration");
    let status = if m.place.is_none() {
        " · detached: text not found"
    } else {
        ""
    };
    let head = fit(
        &format!("{section} · {who} · line {}{status}", b.line),
        width,
    );
    let mut lines = vec![(head, theme.claim_tag())];
    let quote = crate::text::sanitise(&b.quote.split_whitespace().collect::<Vec<_>>().join(" "))
        .into_owned();
    let ranges = wrap::wrap(&quote, width);
    let style = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    for (k, r) in ranges.iter().take(QUOTE_LINES).enumerate() {
        let mut line = quote[r.clone()].to_string();
        if k + 1 == QUOTE_LINES && ranges.len() > QUOTE_LINES {
            line = fit(&format!("{line}…"), width);
        }
        lines.push((line, style));
    }
    if !b.note.is_empty() {
        lines.push((fit(&format!("✎ {}", b.note), width), theme.narration()));
    }
    lines
}
