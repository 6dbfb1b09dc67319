//! The bookmarks list (`'`): every bookmark's citation (section, speaker,
//! line and time, the quote, and for a changed quote the words there now),
//! its codes in their colours, its note, detached bookmarks under their own
//! heading, and the one-line note editor; only the bookmarks the list's
//! filter shows, and under them the filter's footer ([`footer`]).

mod footer;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::status::edit_line;
use super::theme::Theme;
use super::{clear_left_edge, fit};
use crate::app::hints;
use crate::app::list::Window;
use crate::app::marks::Mark;
use crate::app::quotes;
use crate::app::state::{Overlay, State};
use crate::store::cite::Status;
use crate::text::wrap;
use unicode_width::UnicodeWidthStr;

/// The heading above detached bookmarks, as in the Markdown export.
pub const DETACHED: &str = "Detached bookmarks: their text is gone from the document";

/// Lines of a quote shown in the list; longer quotes end in `…`.
const QUOTE_LINES: usize = 3;

/// Draw the list over `area`, and the note editor or the filter's footer
/// under it.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let (selected, editing) = match state.overlay() {
        Some(Overlay::Bookmarks { selected }) => {
            (quotes::selected(state).unwrap_or(*selected), None)
        }
        Some(Overlay::Note { mark, line }) => (*mark, Some(line)),
        _ => return,
    };
    let (popup, list) = geometry(area, footer_rows(state, editing.is_some()));
    let w = popup.width;
    let buf = frame.buffer_mut();
    clear_left_edge(buf, popup);
    Clear.render(popup, buf);
    // The note editor and the query line take text: Enter and Esc are
    // fixed there, not bindings.
    let title = match editing {
        Some(_) => " Note · Enter saves · Esc cancels ".to_string(),
        None if state.bookmark_filter().is_open() => {
            " Filter · Enter keeps · Esc clears · ↑/↓ select ".to_string()
        }
        None => hints::bookmarks_title(state.keymap()),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(fit(&title, usize::from(w.saturating_sub(2))))
        .border_style(theme.rule());
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let shown = shown(state);
    draw_list(buf, list, state, &shown, selected, theme);
    let cursor = match editing {
        Some(line) => {
            let row = Rect {
                y: inner.bottom() - 1,
                height: 1,
                ..inner
            };
            Some((edit_line(buf, row, "note: ", line, theme), row.y))
        }
        None => footer::draw(buf, inner, state, shown.len(), theme),
    };
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// The rows of the marks the list shows, in order.
fn shown(state: &State) -> Vec<usize> {
    let book = state.coding().book();
    state.bookmark_filter().rows(state.marks(), book)
}

/// Rows under the list: the note editor's, or the filter's footer.
fn footer_rows(state: &State, editing: bool) -> u16 {
    match editing {
        true => 1,
        false => footer::height(state),
    }
}

/// The popup over `area` (at most 92 columns, centred) and the list
/// inside its border, above `footer` rows.
fn geometry(area: Rect, footer: u16) -> (Rect, Rect) {
    let w = area.width.min(92).max(area.width.min(20));
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    };
    let inner = Block::default().borders(Borders::ALL).inner(popup);
    let list = Rect {
        height: inner.height.saturating_sub(footer),
        ..inner
    };
    (popup, list)
}

/// The marks of rows `shown`, `selected` (a row of the marks) marked.
fn draw_list(
    buf: &mut ratatui::buffer::Buffer,
    area: Rect,
    state: &State,
    shown: &[usize],
    selected: usize,
    theme: Theme,
) {
    let width = usize::from(area.width);
    let empty = match state.marks().is_empty() {
        true => Some(hints::no_bookmarks(state.keymap())),
        false if shown.is_empty() => {
            let open = state.bookmark_filter().is_open();
            Some(hints::no_matches(state.keymap(), open))
        }
        false => None,
    };
    if let Some(text) = empty {
        buf.set_stringn(
            area.x + 1,
            area.y,
            fit(&text, width - 1),
            width - 1,
            theme.dim(),
        );
        return;
    }
    let items = items(state, shown, selected, width, theme);
    let rows = |i: usize| items[i].len() + 1;
    let at_selected = position(shown, selected);
    let window = Window::new(at_selected, items.len(), area.height.into(), rows);
    for (i, at) in window.items(rows) {
        for (k, row) in items[i].iter().enumerate() {
            let y = area.y + (at + k) as u16;
            if y >= area.bottom() {
                return;
            }
            if i == at_selected && row.marked {
                buf.set_string(area.x, y, "▌", theme.current());
            }
            let mut x = area.x + 2;
            for (text, style) in &row.spans {
                let room = usize::from(area.right().saturating_sub(x));
                x = buf.set_stringn(x, y, text, room, *style).0;
            }
        }
    }
}

/// Where `row` of the marks is among the `shown` ones (the next shown
/// after it when it is hidden, as when a note just edited no longer
/// matches).
fn position(shown: &[usize], row: usize) -> usize {
    shown
        .iter()
        .position(|&r| r >= row)
        .unwrap_or(shown.len().saturating_sub(1))
}

/// The rows of each shown bookmark at this list width, the heading above
/// the first detached one included.
fn items(
    state: &State,
    shown: &[usize],
    selected: usize,
    width: usize,
    theme: Theme,
) -> Vec<Vec<Row>> {
    let changed = hints::changed_tag(state.keymap());
    let marks = state.marks();
    let mut items: Vec<Vec<Row>> = shown
        .iter()
        .map(|&i| {
            let m = &marks[i];
            let mut rows = item(m, i == selected, width - 2, theme, &changed);
            if !m.bookmark.codes.is_empty() {
                let at = rows.len() - usize::from(!m.citation.note.is_empty());
                rows.insert(at, codes_row(state, &m.bookmark.codes, width - 2, theme));
            }
            rows
        })
        .collect();
    if let Some(first) = shown.iter().position(|&i| marks[i].place.is_none()) {
        let heading = Row::new(fit(DETACHED, width - 2), theme.header(false));
        let heading = Row {
            marked: false,
            ..heading
        };
        items[first].insert(0, heading);
    }
    items
}

/// The bookmark (a row of the marks) drawn at `(x, y)`, the list open
/// over `area`.
pub fn hit(state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let Some(&Overlay::Bookmarks { selected }) = state.overlay() else {
        return None;
    };
    let selected = quotes::selected(state).unwrap_or(selected);
    let (_, list) = geometry(area, footer_rows(state, false));
    let shown = shown(state);
    if !list.contains((x, y).into()) || list.width < 4 || shown.is_empty() {
        return None;
    }
    let theme = Theme { color: false };
    let items = items(state, &shown, selected, usize::from(list.width), theme);
    let rows = |i: usize| items[i].len() + 1;
    let window = Window::new(
        position(&shown, selected),
        items.len(),
        list.height.into(),
        rows,
    );
    // The blank row after a bookmark, and the heading above the detached
    // ones, belong to no bookmark: only rows drawn with its bar do.
    let (i, k) = window.hit(usize::from(y - list.y), rows)?;
    items[i]
        .get(k)
        .is_some_and(|r| r.marked)
        .then_some(shown[i])
}

/// One line of the list, in pieces of their own style; `marked` lines
/// get the selection bar.
struct Row {
    spans: Vec<(String, Style)>,
    marked: bool,
}

impl Row {
    fn new(text: String, style: Style) -> Row {
        Row {
            spans: vec![(text, style)],
            marked: true,
        }
    }
}

/// A bookmark's codes, `#pricing/discounts #timing`, each in its colour,
/// cut to `width` with `…`.
fn codes_row(state: &State, codes: &[String], width: usize, theme: Theme) -> Row {
    let coding = state.coding();
    let mut spans = Vec::new();
    let mut left = width;
    for (k, id) in codes.iter().enumerate() {
        let path = coding.path(id).unwrap_or_else(|| "?".into());
        let text = format!("{}#{path}", if k == 0 { "" } else { " " });
        let shown = fit(&text, left);
        left = left.saturating_sub(shown.width());
        let cut = shown != crate::text::sanitise(&text);
        spans.push((shown, theme.code(coding.colour(id))));
        if cut || left == 0 {
            break;
        }
    }
    Row {
        spans,
        marked: true,
    }
}

/// A bookmark's lines: where it is, the quote, the words there now if they
/// changed, the note.
/// `changed` is the tag of a changed quote, naming the key that accepts it.
fn item(m: &Mark, selected: bool, width: usize, theme: Theme, changed: &str) -> Vec<Row> {
    let c = &m.citation;
    let who = c.speaker.as_deref().unwrap_or("narration");
    let status = match c.status {
        Status::Changed => changed,
        Status::Detached => " · detached, as saved",
        Status::Exact | Status::Moved => "",
    };
    let head = format!("{} · {who} · {}{status}", c.section.label, c.place());
    let head_style = match c.status {
        Status::Changed | Status::Detached => theme.warning(),
        Status::Exact | Status::Moved => theme.claim_tag(),
    };
    let row = Row::new;
    let mut rows = vec![row(fit(&head, width), head_style)];
    let style = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    let saved = if c.current.is_some() { "was: " } else { "" };
    rows.extend(
        quote_rows(saved, &c.quote, width)
            .into_iter()
            .map(|l| row(l, style)),
    );
    if let Some(now) = &c.current {
        rows.extend(
            quote_rows("now: ", now, width)
                .into_iter()
                .map(|l| row(l, style)),
        );
    }
    if !c.note.is_empty() {
        rows.push(row(fit(&format!("✎ {}", c.note), width), theme.narration()));
    }
    rows
}

/// A quote wrapped to at most [`QUOTE_LINES`] lines, after a `prefix`.
fn quote_rows(prefix: &str, quote: &str, width: usize) -> Vec<String> {
    // Store text never went through the decoder: sanitise before measuring.
    let joined = crate::text::one_line(quote);
    let quote = format!("{prefix}{}", crate::text::sanitise(&joined));
    let ranges = wrap::wrap(&quote, width);
    let more = ranges.len() > QUOTE_LINES;
    ranges
        .into_iter()
        .take(QUOTE_LINES)
        .enumerate()
        .map(|(k, r)| match k + 1 == QUOTE_LINES && more {
            true => fit(&format!("{}…", &quote[r]), width),
            false => quote[r].to_string(),
        })
        .collect()
}
