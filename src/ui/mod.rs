//! Drawing: one widget per pane, all drawn from `&State`; [`put`] and
//! [`fit`] (from [`crate::text`]), the sanitising helpers every widget draws
//! its text with.

pub mod analytics;
pub mod bookmarks;
pub mod claims;
pub mod codes;
pub mod dialogue;
pub mod help;
pub mod hit;
pub mod layout;
pub mod library;
pub mod picker;
pub mod speakers;
pub mod status;
pub mod theme;
pub mod toc;
pub mod unsaved;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::state::{Overlay, State};
use crate::text;
/// Sanitise and cut to a width: pure text, so it lives in [`crate::text`];
/// widgets keep calling it as `ui::fit` beside [`put`].
pub use crate::text::fit;
use theme::Theme;

/// Draw a whole frame. Layout comes from `state.viewport()`, which the run loop
/// keeps in step with the terminal size.
pub fn render(frame: &mut Frame, state: &State) {
    let area = frame.area();
    let theme = Theme {
        color: state.color(),
    };
    if layout::too_small(area) {
        frame.render_widget(Paragraph::new("terminal too small"), area);
        return;
    }
    render_panes(frame, state, theme);
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    // The search line and the claim's line editor take the status line's
    // place while open.
    if !matches!(state.overlay(), Some(Overlay::Query(_) | Overlay::Claim(_))) {
        frame.render_widget(status::Status { state, theme }, status);
    }
    let above_status = Rect {
        height: area.height - 1,
        ..area
    };
    render_overlay(frame, state, theme, above_status, status);
}

/// The dialogue, then the contents and claims panes where the viewport has
/// them, over the dialogue when they overlay it.
fn render_panes(frame: &mut Frame, state: &State, theme: Theme) {
    let vp = state.viewport();
    let (dialogue, toc, claims) = (vp.dialogue.into(), vp.contents.into(), vp.claims.into());
    frame.render_widget(dialogue::Dialogue { state, theme }, dialogue);
    let (toc_over, claims_over) = layout::overlays(&vp);
    if !vp.contents.is_empty() {
        if toc_over {
            frame.render_widget(Clear, toc);
        }
        frame.render_widget(toc::Toc { state, theme }, toc);
    }
    if !vp.claims.is_empty() {
        if claims_over {
            clear_left_edge(frame.buffer_mut(), claims);
            frame.render_widget(Clear, claims);
        }
        frame.render_widget(claims::Claims { state, theme }, claims);
    }
}

/// The open overlay, if any: drawn in `above_status`, or for the search line
/// in `status`, with the terminal's cursor placed in the query.
fn render_overlay(
    frame: &mut Frame,
    state: &State,
    theme: Theme,
    above_status: Rect,
    status: Rect,
) {
    match state.overlay() {
        Some(Overlay::Help { scroll }) => {
            let help = help::Help {
                keymap: state.keymap(),
                scroll: *scroll,
                theme,
                screen: crate::app::help::Screen::Reader,
            };
            frame.render_widget(help, above_status);
        }
        Some(Overlay::Bookmarks { .. } | Overlay::Note { .. }) => {
            bookmarks::render(frame, above_status, state, theme);
        }
        Some(Overlay::Picker(_)) => picker::render(frame, above_status, state, theme),
        Some(Overlay::Codes(_)) => codes::render(frame, above_status, state, theme),
        Some(Overlay::Analytics { .. }) => analytics::render(frame, above_status, state, theme),
        Some(Overlay::Speakers { selected }) => {
            let picker = speakers::Picker {
                state,
                selected: *selected,
                theme,
            };
            frame.render_widget(picker, above_status);
        }
        Some(Overlay::Unsaved { count, path }) => {
            let prompt = unsaved::Prompt {
                count: *count,
                path: path.as_ref(),
                keymap: state.keymap(),
                theme,
            };
            prompt.render(frame, above_status);
        }
        Some(Overlay::Claim(edit)) => {
            let prompt = if edit.source { "source: " } else { "note: " };
            let buf = frame.buffer_mut();
            buf.set_style(status, ratatui::style::Style::reset());
            let x = status::edit_line(buf, status, prompt, &edit.line, theme);
            frame.set_cursor_position(ratatui::layout::Position::new(x, status.y));
        }
        Some(Overlay::Query(query)) => {
            let x = status::query_line(frame.buffer_mut(), status, state, query, theme);
            frame.set_cursor_position(ratatui::layout::Position::new(x, status.y));
        }
        None => {}
    }
}

/// Draw `s` at `(x, y)` in at most `width` columns, sanitised: how widgets
/// draw any text but the dialogue's paragraphs (clean from the decoder, and
/// the hot path). Store text, messages, file names and the config's key
/// names reach the terminal only through here or [`fit`]. Returns the
/// column after the text.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, width: usize, style: Style) -> u16 {
    buf.set_stringn(x, y, text::sanitise(s), width, style).0
}

/// A popup of at most `w`×`h` centred in `area`, with the cells under it
/// cleared (see [`clear_left_edge`]).
pub fn popup(buf: &mut Buffer, area: Rect, w: u16, h: u16) -> Rect {
    let popup = centred(area, w, h);
    clear_left_edge(buf, popup);
    Clear.render(popup, buf);
    popup
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A wide character just left of an overlay would cover the overlay's first
/// column on the terminal (ratatui skips the cell it spans), so blank it.
pub fn clear_left_edge(buf: &mut Buffer, overlay: Rect) {
    let Some(x) = overlay.x.checked_sub(1) else {
        return;
    };
    for y in overlay.top()..overlay.bottom() {
        if let Some(cell) = buf.cell_mut((x, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}
