//! The status line: where you are, in transcript terms, and messages.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use ratatui::style::Style;

use super::theme::Theme;
use crate::app::find::Query;
use crate::app::line_edit::LineEdit;
use crate::app::state::State;

pub struct Status<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Status<'_> {
    /// `name · §2/5 title · speaker · turn 6/27 · 37% · [dialogue]`, with
    /// the least useful parts (title, then file name) dropped to fit `width`.
    pub fn text(&self, width: usize) -> String {
        let s = self.state;
        let sec = s.section();
        let title = s
            .doc
            .sections
            .get(sec)
            .map(|x| x.label())
            .unwrap_or_default();
        let speaker = s.speaker().unwrap_or("narration");
        let turns = s.flow.turns.len();
        let total = s.flow.sentences.len();
        let pct = if total <= 1 {
            100
        } else {
            s.cursor * 100 / (total - 1)
        };
        let place = format!("§{}/{}", sec + 1, s.doc.sections.len());
        let only = s
            .speaker_focus
            .and_then(|i| s.flow.speakers.get(i as usize))
            .map_or_else(String::new, |n| format!(" · only {n}"));
        let rest = format!(
            "{speaker} · turn {}/{turns} · {pct}%{only} · [{}]",
            (s.turn() + 1).min(turns),
            s.focus.name()
        );
        let full = format!(" {} · {place} {title} · {rest}", s.name);
        if full.width() <= width {
            return full;
        }
        let short = format!(" {} · {place} · {rest}", s.name);
        if short.width() <= width {
            return short;
        }
        format!(" {place} · {rest}")
    }
}

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status());
        let width = usize::from(area.width);
        let message = self.state.message.as_deref().unwrap_or("");
        // The message wins space: warnings must not be truncated away.
        let msg_w = message.width().min(width);
        let left_w = width.saturating_sub(msg_w + if msg_w > 0 { 2 } else { 0 });
        buf.set_stringn(
            area.x,
            area.y,
            self.text(left_w),
            left_w,
            self.theme.status(),
        );
        if msg_w > 0 {
            let x = area.right() - msg_w as u16;
            let style = self.theme.status().patch(self.theme.warning());
            buf.set_stringn(x, area.y, message, msg_w, style);
        }
    }
}

/// A one-line editor after `prompt`, scrolled so the cursor shows; returns
/// the cursor's x for the terminal cursor.
pub fn edit_line(buf: &mut Buffer, row: Rect, prompt: &str, line: &LineEdit, theme: Theme) -> u16 {
    buf.set_stringn(
        row.x,
        row.y,
        prompt,
        usize::from(row.width),
        theme.header(false),
    );
    let room = usize::from(row.width)
        .saturating_sub(prompt.width() + 1)
        .max(1);
    let before = &line.text[..line.cursor.min(line.text.len())];
    // Drop characters from the left until the cursor fits.
    let mut skip = 0;
    while before[skip..].width() > room {
        skip += before[skip..].chars().next().map_or(1, char::len_utf8);
    }
    let x0 = row.x + prompt.width().min(usize::from(row.width)) as u16;
    buf.set_stringn(x0, row.y, &line.text[skip..], room, Style::new());
    x0 + before[skip..].width() as u16
}

/// The search line in place of the status line: the query, and on the
/// right the match count or what is wrong with the query.
pub fn query_line(buf: &mut Buffer, row: Rect, state: &State, query: &Query, theme: Theme) -> u16 {
    buf.set_style(row, Style::reset());
    let note = match (&state.find, &state.message) {
        (Some(find), _) => find.status(),
        (None, Some(m)) if !query.line.text.is_empty() => m.clone(),
        _ => String::new(),
    };
    let note_w = note.width().min(usize::from(row.width) / 2);
    let prompt = if query.regex { "/(regex) " } else { "/" };
    let edit = Rect {
        width: row.width.saturating_sub(note_w as u16 + 1),
        ..row
    };
    let x = edit_line(buf, edit, prompt, &query.line, theme);
    if note_w > 0 {
        let style = if state.find.is_some() {
            theme.dim()
        } else {
            theme.warning()
        };
        buf.set_stringn(row.right() - note_w as u16, row.y, &note, note_w, style);
    }
    x
}
