//! The library screen, drawn from `&Library` alone: a header row naming
//! the columns (the sorted one with its direction), the rows (the selected
//! one highlighted, files that are not transcripts greyed with why), or the
//! cross-shelf search's results; and the status line, which is the filter
//! or search line while one is open. The help is the reader's widget on
//! the library's keys.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{fit, put};
use crate::app::help::Screen;
use crate::app::library::{Library, Mode, Row, hints};
use crate::app::list::Window;

mod columns;
mod results;

/// The rows the list has on a screen of `area`: all but the header and
/// the status line.
pub fn list_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// Draw the library on the whole frame, the cursor in the line being typed.
pub fn render(frame: &mut Frame, lib: &Library) {
    let area = frame.area();
    if area.width < 20 || area.height < 4 {
        frame.render_widget(Paragraph::new("terminal too small"), area);
        return;
    }
    frame.render_widget(View { lib }, area);
    if let Some(x) = cursor(lib, area) {
        frame.set_cursor_position(Position::new(x, area.bottom() - 1));
    }
}

/// Where the terminal's cursor goes on the status line, while a line is typed.
fn cursor(lib: &Library, area: Rect) -> Option<u16> {
    let (prompt, line) = match lib.mode() {
        Mode::Filter(line) => ("filter: ", line),
        Mode::Query => ("/", lib.query().0),
        _ => return None,
    };
    let before = &line.text[..line.cursor.min(line.text.len())];
    let x = prompt.width() + crate::text::sanitise(before).width();
    Some(area.x + (x as u16).min(area.width.saturating_sub(1)))
}

/// The library as a widget.
pub struct View<'a> {
    pub lib: &'a Library,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme {
            color: self.lib.color(),
        };
        let list = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2),
            ..area
        };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let searching = matches!(self.lib.mode(), Mode::Query | Mode::Results)
            || matches!(self.lib.mode(), Mode::Help { under, .. } if matches!(**under, Mode::Query | Mode::Results));
        match (searching, self.lib.results()) {
            (true, Some(r)) => {
                results::title(buf, Rect { height: 1, ..area }, self.lib, r, theme);
                results::draw(buf, list, self.lib, r, theme);
            }
            _ => {
                header(buf, Rect { height: 1, ..area }, self.lib, theme);
                rows(buf, list, self.lib, theme);
            }
        }
        status_line(buf, status, self.lib, theme);
        if let Mode::Help { scroll, .. } = self.lib.mode() {
            let help = super::help::Help {
                keymap: self.lib.keymap(),
                scroll: u16::try_from(*scroll).unwrap_or(u16::MAX),
                theme,
                screen: Screen::Library,
            };
            help.render(
                Rect {
                    height: area.height - 1,
                    ..area
                },
                buf,
            );
        }
    }
}

/// The column names, padded as the rows are; the sorted one marked ▲ or ▼.
fn header(buf: &mut Buffer, area: Rect, lib: &Library, theme: Theme) {
    let mut x = area.x;
    for (column, width) in columns::layout(area.width) {
        let mark = match lib.sort() {
            Some((c, false)) if c == column => "▲",
            Some((c, true)) if c == column => "▼",
            _ => "",
        };
        let name = format!("{}{mark}", column.name());
        let style = match mark.is_empty() {
            true => theme.header(false),
            false => theme.header(true),
        };
        cell(
            buf,
            (x, area.y),
            &name,
            width,
            columns::numeric(column),
            style,
        );
        x += width + columns::GAP;
    }
}

/// `text` fitted to `width` cells at `at`, flush right if `right`.
fn cell(buf: &mut Buffer, at: (u16, u16), text: &str, width: u16, right: bool, style: Style) {
    let shown = fit(text, usize::from(width));
    let pad = match right {
        true => (width as usize).saturating_sub(shown.width()) as u16,
        false => 0,
    };
    put(buf, at.0 + pad, at.1, &shown, usize::from(width), style);
}

/// The rows shown, around the selection.
fn rows(buf: &mut Buffer, area: Rect, lib: &Library, theme: Theme) {
    let order = lib.order();
    let height = usize::from(area.height);
    if order.is_empty() {
        let text = match lib.rows().is_empty() {
            true => "no files found",
            false => "no row matches the filter",
        };
        put(
            buf,
            area.x + 1,
            area.y,
            text,
            usize::from(area.width),
            theme.dim(),
        );
        return;
    }
    let window = Window::new(lib.selected(), order.len(), height, |_| 1);
    for (i, at) in window.items(|_| 1) {
        let y = area.y + at as u16;
        let row = &lib.rows()[order[i]];
        draw_row(
            buf,
            Rect {
                y,
                height: 1,
                ..area
            },
            row,
            theme,
        );
        if i == lib.selected() {
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                theme.selected(),
            );
        }
    }
}

/// One file's cells; a file that is not a transcript greyed, its reason
/// in place of the columns after the title.
fn draw_row(buf: &mut Buffer, area: Rect, row: &Row, theme: Theme) {
    let layout = columns::layout(area.width);
    let mut x = area.x;
    if let Some(why) = row.problem() {
        let title = layout.first().map_or(0, |c| c.1);
        cell(buf, (x, area.y), &row.shown, title, false, theme.dim());
        x += title + columns::GAP;
        let rest = area.right().saturating_sub(x);
        cell(
            buf,
            (x, area.y),
            &format!("not a transcript: {why}"),
            rest,
            false,
            theme.dim(),
        );
        return;
    }
    for (column, width) in layout {
        let text = columns::cell(row, column);
        cell(
            buf,
            (x, area.y),
            &text,
            width,
            columns::numeric(column),
            Style::new(),
        );
        x += width + columns::GAP;
    }
}

/// The status line: counts and hints, a message, or the line being typed.
fn status_line(buf: &mut Buffer, area: Rect, lib: &Library, theme: Theme) {
    buf.set_style(area, theme.status());
    let width = usize::from(area.width);
    let (left, right) = match lib.mode() {
        Mode::Filter(line) => (format!("filter: {}", line.text), shown_count(lib)),
        Mode::Query => {
            let (line, error) = lib.query();
            let right = match (error, lib.results()) {
                (Some(e), _) => e.to_string(),
                (None, Some(r)) => results::count(r),
                (None, None) => String::new(),
            };
            (format!("/{}", line.text), right)
        }
        _ => (summary(lib), hint_text(lib)),
    };
    let left = match lib.status() {
        Some(m) if !matches!(lib.mode(), Mode::Filter(_) | Mode::Query) => m.text.clone(),
        _ => left,
    };
    let warn = lib.status().is_some_and(|m| m.is_warning())
        || matches!(lib.mode(), Mode::Query) && lib.query().1.is_some();
    let room = width.saturating_sub(left.width() + 2);
    let right = fit(&right, room);
    put(buf, area.x, area.y, &left, width, theme.status());
    let rx = area.right().saturating_sub(right.width() as u16 + 1);
    let style = if warn {
        theme.warning()
    } else {
        theme.status()
    };
    if !right.is_empty() {
        put(buf, rx, area.y, &right, right.width(), style);
    }
}

/// `12/40 shown`.
fn shown_count(lib: &Library) -> String {
    format!("{}/{} shown", lib.order().len(), lib.rows().len())
}

/// ` sub/a.txt · 40 files · 2 not transcripts · reading 12/40 · filter
/// "x" 3/40 shown`: the selected file's path first.
fn summary(lib: &Library) -> String {
    let mut parts: Vec<String> = lib
        .selected_row()
        .map(|r| r.shown.clone())
        .into_iter()
        .collect();
    parts.push(format!("{} files", lib.rows().len()));
    match lib.problems() {
        0 => {}
        1 => parts.push("1 not a transcript".into()),
        n => parts.push(format!("{n} not transcripts")),
    }
    let (done, of) = lib.progress();
    if done < of {
        parts.push(format!("reading {done}/{of}"));
    }
    if !lib.filter().is_empty() {
        parts.push(format!("filter \"{}\" {}", lib.filter(), shown_count(lib)));
    }
    format!(" {}", parts.join(" · "))
}

fn hint_text(lib: &Library) -> String {
    let hints = match lib.mode() {
        Mode::Results => hints::results(lib.keymap()),
        _ => hints::rows(lib.keymap()),
    };
    hints.join(" · ")
}
