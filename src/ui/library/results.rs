//! The cross-shelf search's results: a header row per transcript (its
//! path and its number of hits), then each hit with its section, speaker,
//! time and text, the match highlighted; the count so far and whether the
//! search is still going.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::super::{fit, put};
use crate::app::library::{Item, Library, Mode, Results};
use crate::app::list::Window;
use crate::shelf::ShelfHit;

/// `12 hits in 3 transcripts · searching…`.
pub fn count(r: &Results) -> String {
    let hits = match r.count() {
        1 => "1 hit".to_string(),
        n => format!("{n} hits"),
    };
    let files = match r.files().len() {
        1 => "1 transcript".to_string(),
        n => format!("{n} transcripts"),
    };
    let more = if r.done() { "" } else { " · searching…" };
    format!("{hits} in {files}{more}")
}

/// The row above the results: what was searched for and how far it is.
pub fn title(buf: &mut Buffer, area: Rect, lib: &Library, r: &Results, theme: Theme) {
    let text = format!("search {} · {}", lib.query().0.text, count(r));
    put(
        buf,
        area.x,
        area.y,
        &text,
        usize::from(area.width),
        theme.header(true),
    );
}

/// The results around the selection.
pub fn draw(buf: &mut Buffer, area: Rect, lib: &Library, r: &Results, theme: Theme) {
    let items = r.items();
    if items.is_empty() {
        let text = if r.done() { "no hits" } else { "searching…" };
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
    let focused = matches!(lib.mode(), Mode::Results);
    let window = Window::new(r.selected(), items.len(), usize::from(area.height), |_| 1);
    for (i, at) in window.items(|_| 1) {
        let row = Rect {
            y: area.y + at as u16,
            height: 1,
            ..area
        };
        match items[i] {
            Item::File(f) => file_row(buf, row, lib, r, f, theme),
            Item::Hit(f, h) => hit_row(buf, row, &r.files()[f].1[h], theme),
        }
        if focused && i == r.selected() {
            buf.set_style(row, theme.selected());
        }
    }
}

/// A transcript's header: its path as the library shows it, and its hits.
fn file_row(buf: &mut Buffer, row: Rect, lib: &Library, r: &Results, f: usize, theme: Theme) {
    let (path, hits) = &r.files()[f];
    let shown = (lib.rows().iter().find(|x| &x.path == path))
        .map_or_else(|| path.display().to_string(), |x| x.shown.clone());
    let n = match (r.total(f), hits.len()) {
        (1, _) => "1 hit".to_string(),
        (n, kept) if kept < n => format!("{n} hits, {kept} listed"),
        (n, _) => format!("{n} hits"),
    };
    let text = format!("{shown} ({n})");
    put(
        buf,
        row.x,
        row.y,
        &text,
        usize::from(row.width),
        theme.header(false),
    );
}

/// `  §3 Anna 12:04  …text with the match…`, the match highlighted and
/// kept in sight when the text is longer than the row.
fn hit_row(buf: &mut Buffer, row: Rect, hit: &ShelfHit, theme: Theme) {
    let time = hit.clock.as_ref().map(|c| format!(" {c}"));
    let head = format!(
        "  §{} {}{}  ",
        hit.section,
        hit.speaker.as_deref().unwrap_or("narration"),
        time.unwrap_or_default()
    );
    let width = usize::from(row.width);
    let head = fit(&head, width / 2);
    let x = put(buf, row.x, row.y, &head, width, theme.dim());
    let room = width.saturating_sub(head.width());
    let text = &hit.text;
    let range = clamp(text, hit.range.clone());
    // Start a little before the match, so it is on the row.
    let before = &text[..range.start];
    let lead = crate::text::sanitise(before);
    let keep = room / 3;
    let start = match lead.width() > keep {
        true => skip_to_width(before, lead.width() - keep),
        false => 0,
    };
    let pre = if start > 0 { "…" } else { "" };
    let pieces = [
        (format!("{pre}{}", &text[start..range.start]), Style::new()),
        (text[range.clone()].to_string(), theme.search_current()),
        (text[range.end..].to_string(), Style::new()),
    ];
    let mut x = x;
    let end = row.x + row.width;
    for (piece, style) in pieces {
        let left = usize::from(end.saturating_sub(x));
        if left == 0 {
            break;
        }
        let piece = fit(&piece, left);
        x = put(buf, x, row.y, &piece, left, style);
    }
}

/// `range` inside `text` and on its character boundaries.
fn clamp(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (fix(range.start), fix(range.end));
    start..end.max(start)
}

/// The byte offset in `s` after about `cells` columns of it.
fn skip_to_width(s: &str, cells: usize) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= cells {
            return i;
        }
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    s.len()
}
