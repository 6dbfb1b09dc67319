//! A session recorded frame by frame, text and styles, as one reviewable
//! snapshot: each frame is a header, the screen rows as a terminal shows
//! them, then a style layer listing, per row, the runs of cells whose style
//! is not the default.

use std::fmt::Write;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use super::app::Reader;

/// The frames of one session so far.
#[derive(Default)]
pub struct Recorder {
    text: String,
    frames: usize,
}

impl Recorder {
    pub fn new() -> Recorder {
        Recorder::default()
    }

    /// Append the frame the reader shows now, headed by `label`.
    pub fn frame(&mut self, r: &Reader, label: &str) {
        let area = r.buffer().area;
        self.frames += 1;
        if self.frames > 1 {
            self.text.push('\n');
        }
        let (n, w, h) = (self.frames, area.width, area.height);
        writeln!(self.text, "── frame {n}: {label} ({w}×{h}) ──").unwrap();
        for y in 0..h {
            // Trailing blanks carry nothing the style layer does not show.
            let line = format!("{y:>2} {}", r.row(y));
            writeln!(self.text, "{}", line.trim_end_matches(' ')).unwrap();
        }
        self.text.push_str(&style_layer(r));
    }

    /// Everything recorded, ready for `insta::assert_snapshot!`.
    pub fn finish(self) -> String {
        self.text
    }
}

/// One line per row with a styled cell:
/// `  r5 x0..12 fg=Yellow bold; x14..20 bg=Rgb(58,58,90)`.
pub fn style_layer(r: &Reader) -> String {
    let mut out = String::new();
    for y in 0..r.buffer().area.height {
        let runs: Vec<String> = runs(r, y)
            .into_iter()
            .filter(|(_, _, style)| !style.is_empty())
            .map(|(from, to, style)| format!("x{from}..{to} {style}"))
            .collect();
        if !runs.is_empty() {
            writeln!(out, "  r{y} {}", runs.join("; ")).unwrap();
        }
    }
    out
}

/// Runs of visible cells of equal style in row `y`: `(from, to, style)`,
/// `to` exclusive, a wide character counting its two columns.
fn runs(r: &Reader, y: u16) -> Vec<(u16, u16, String)> {
    let b = r.buffer();
    let mut runs: Vec<(u16, u16, String)> = Vec::new();
    let cells: Vec<u16> = r.cells(y).collect();
    for (i, &x) in cells.iter().enumerate() {
        let end = cells.get(i + 1).copied().unwrap_or(b.area.width);
        let style = describe(&b[(x, y)]);
        match runs.last_mut() {
            Some(last) if last.2 == style => last.1 = end,
            _ => runs.push((x, end, style)),
        }
    }
    runs
}

/// A cell's style in short: colours that are set, then modifiers;
/// empty for the default style.
fn describe(cell: &Cell) -> String {
    let mut parts = Vec::new();
    for (name, color) in [
        ("fg", cell.fg),
        ("bg", cell.bg),
        ("ul", cell.underline_color),
    ] {
        if color != Color::Reset {
            parts.push(format!("{name}={}", color_name(color)));
        }
    }
    parts.extend(modifier_names(cell.modifier));
    parts.join(" ")
}

fn color_name(color: Color) -> String {
    format!("{color:?}").replace(' ', "")
}

fn modifier_names(m: Modifier) -> impl Iterator<Item = String> {
    m.iter_names().map(|(name, _)| name.to_lowercase())
}
