//! The README's screenshot, `assets/screenshot.svg`, drawn by the real app:
//! the bundled sample at 120×40 on a `TestBackend`, written as an SVG grid
//! of the frame's cells. The test fails when the committed file differs
//! from what the app draws now; `UPDATE_SCREENSHOT=1` rewrites it.

mod support;

use std::fmt::Write;
use std::path::PathBuf;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use support::app::Reader;
use tread::tty::run::Exit;
use unicode_width::UnicodeWidthStr;

/// Width and height of one cell, and the font size, in SVG pixels: a
/// monospace advance is about 0.6 em, so 15px text fills a 9px column.
const CELL_W: usize = 9;
const CELL_H: usize = 18;
const FONT_PX: usize = 15;
/// Where the baseline sits in a row.
const BASELINE: usize = 14;

/// The terminal's own colours, for `Color::Reset`.
const DEFAULT_FG: &str = "#d0d0d0";
const DEFAULT_BG: &str = "#16181d";

/// The 16 named colours of a fixed dark palette, in ANSI order (the order
/// of `Color::Indexed(0..16)` too).
const PALETTE: [&str; 16] = [
    "#1d1f21", "#cc6666", "#b5bd68", "#e6c07b", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
    "#707880", "#ff7b7b", "#c3e88d", "#ffe58f", "#82aaff", "#e0a3f5", "#a3f7ff", "#ffffff",
];

#[test]
fn the_committed_screenshot_is_what_the_app_draws() {
    let svg = render(&first_view());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/screenshot.svg");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        std::fs::write(&path, &svg).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != svg {
        let line = first_difference(&committed, &svg);
        panic!(
            "assets/screenshot.svg differs from what the app draws now (first at line {line}); \
             if the change is intended, rewrite it with \
             `UPDATE_SCREENSHOT=1 cargo test --test screenshot` and commit it"
        );
    }
}

/// The view the screenshot shows: the sample opened, then `]` once, so
/// the first numbered section is on screen with its claims underlined in
/// the dialogue and listed on the right.
fn first_view() -> Buffer {
    let mut r = Reader::new(120, 40);
    assert_eq!(r.keys("]"), Exit::EventsEnded);
    r.buffer().clone()
}

fn first_difference(a: &str, b: &str) -> usize {
    let mut lines = a.lines().zip(b.lines());
    lines
        .position(|(x, y)| x != y)
        .map_or_else(|| a.lines().count().min(b.lines().count()) + 1, |i| i + 1)
}

/// How a run of cells looks: colours resolved to hex (reversal applied),
/// and the modifiers an SVG can show.
#[derive(Clone, PartialEq, Eq)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    italic: bool,
    underline: bool,
    dim: bool,
}

impl Look {
    fn of(cell: &Cell) -> Look {
        let m = cell.modifier;
        let mut fg = hex(cell.fg, DEFAULT_FG);
        let mut bg = hex(cell.bg, DEFAULT_BG);
        if m.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        Look {
            fg,
            bg,
            bold: m.contains(Modifier::BOLD),
            italic: m.contains(Modifier::ITALIC),
            underline: m.contains(Modifier::UNDERLINED),
            dim: m.contains(Modifier::DIM),
        }
    }

    /// The CSS of its text.
    fn css(&self) -> String {
        let mut css = format!("fill:{}", self.fg);
        if self.bold {
            css.push_str(";font-weight:bold");
        }
        if self.italic {
            css.push_str(";font-style:italic");
        }
        if self.underline {
            css.push_str(";text-decoration:underline");
        }
        if self.dim {
            css.push_str(";fill-opacity:0.6");
        }
        css
    }
}

/// A colour as hex; `Reset` is the terminal's default, `default`.
fn hex(color: Color, default: &str) -> String {
    let named = |i: usize| PALETTE[i].to_string();
    match color {
        Color::Reset => default.to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => indexed(i),
    }
}

/// xterm's 256 colours: the 16 named, a 6×6×6 cube, then 24 greys.
fn indexed(i: u8) -> String {
    match i {
        0..16 => PALETTE[usize::from(i)].to_string(),
        16..232 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let v = i - 16;
            let (r, g, b) = (level(v / 36), level(v / 6 % 6), level(v % 6));
            format!("#{r:02x}{g:02x}{b:02x}")
        }
        232.. => {
            let grey = 8 + 10 * (i - 232);
            format!("#{grey:02x}{grey:02x}{grey:02x}")
        }
    }
}

/// A run of visible cells of one look on one row: its first column, its
/// width in columns (a wide character counts two) and its text.
struct Run {
    x: usize,
    cols: usize,
    text: String,
    look: Look,
}

/// The runs of row `y`. The cell after a wide character is covered by it
/// and skipped, as a terminal shows it.
fn runs(buf: &Buffer, y: u16) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        let cols = cell.symbol().width().max(1);
        let look = Look::of(cell);
        let symbol = if cell.symbol().is_empty() {
            " "
        } else {
            cell.symbol()
        };
        match runs.last_mut() {
            Some(run) if run.look == look => {
                run.cols += cols;
                run.text.push_str(symbol);
            }
            _ => runs.push(Run {
                x: usize::from(x),
                cols,
                text: symbol.to_string(),
                look,
            }),
        }
        x += cols as u16;
    }
    runs
}

/// The frame as an SVG: a background, a `<rect>` per run whose background
/// is not the default, and a `<text>` per run with something to show,
/// styled by a class per distinct look (in order of first use, so the file
/// is the same for the same frame).
fn render(buf: &Buffer) -> String {
    let Rect { width, height, .. } = buf.area;
    let (w, h) = (usize::from(width) * CELL_W, usize::from(height) * CELL_H);
    let mut looks: Vec<Look> = Vec::new();
    let mut body = String::new();
    for y in 0..height {
        for run in runs(buf, y) {
            draw_run(&mut body, &mut looks, usize::from(y), run);
        }
    }
    let mut svg = String::new();
    writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" xml:space=\"preserve\">"
    )
    .unwrap();
    svg.push_str("<style>text{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC',");
    writeln!(
        svg,
        "'Sarasa Mono SC',monospace;font-size:{FONT_PX}px;white-space:pre}}"
    )
    .unwrap();
    for (i, look) in looks.iter().enumerate() {
        writeln!(svg, ".s{i}{{{}}}", look.css()).unwrap();
    }
    svg.push_str("</style>\n");
    writeln!(
        svg,
        "<rect width=\"{w}\" height=\"{h}\" fill=\"{DEFAULT_BG}\"/>"
    )
    .unwrap();
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    svg
}

/// One run: its background, then its text, trimmed of blanks that show
/// nothing (a blank that is underlined shows its line).
fn draw_run(out: &mut String, looks: &mut Vec<Look>, y: usize, run: Run) {
    let top = y * CELL_H;
    if run.look.bg != DEFAULT_BG {
        let (x, w, bg) = (run.x * CELL_W, run.cols * CELL_W, &run.look.bg);
        writeln!(
            out,
            "<rect x=\"{x}\" y=\"{top}\" width=\"{w}\" height=\"{CELL_H}\" fill=\"{bg}\"/>"
        )
        .unwrap();
    }
    let (lead, text) = if run.look.underline {
        (0, run.text.as_str())
    } else {
        let trimmed = run.text.trim_start_matches(' ');
        (
            run.text.len() - trimmed.len(),
            trimmed.trim_end_matches(' '),
        )
    };
    if text.is_empty() {
        return;
    }
    let class = match looks.iter().position(|l| *l == run.look) {
        Some(i) => i,
        None => {
            looks.push(run.look.clone());
            looks.len() - 1
        }
    };
    let x = (run.x + lead) * CELL_W;
    let length = text.width() * CELL_W;
    let base = top + BASELINE;
    writeln!(
        out,
        "<text x=\"{x}\" y=\"{base}\" class=\"s{class}\" textLength=\"{length}\" \
         lengthAdjust=\"spacingAndGlyphs\">{}</text>",
        escape(text)
    )
    .unwrap();
}

/// Text made safe inside an XML element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

// The writer on small frames made by hand.

fn buffer(lines: &[&str]) -> Buffer {
    Buffer::with_lines(lines.iter().copied())
}

#[test]
fn text_is_escaped_and_blanks_are_not_drawn() {
    let svg = render(&buffer(&["a<b & c>d   "]));
    assert!(svg.contains(">a&lt;b &amp; c&gt;d</text>"), "{svg}");
    assert_eq!(svg.matches("<text").count(), 1, "{svg}");
    assert!(svg.contains("textLength=\"81\""), "nine columns: {svg}");
}

#[test]
fn a_wide_character_spans_two_columns() {
    let svg = render(&buffer(&["中x"]));
    assert!(svg.contains(">中x</text>"), "{svg}");
    assert!(
        svg.contains(&format!("textLength=\"{}\"", 3 * CELL_W)),
        "{svg}"
    );
}

#[test]
fn each_style_run_is_one_text_with_its_colours() {
    let mut buf = buffer(&["ab cd ef"]);
    buf[(3, 0)].set_fg(Color::Rgb(1, 2, 3)).set_bg(Color::Blue);
    buf[(4, 0)].set_fg(Color::Rgb(1, 2, 3)).set_bg(Color::Blue);
    buf[(6, 0)].modifier = Modifier::REVERSED | Modifier::BOLD;
    let svg = render(&buf);
    assert_eq!(svg.matches("<text").count(), 4, "{svg}");
    assert!(svg.contains(".s1{fill:#010203}"), "{svg}");
    assert!(
        svg.contains(&format!("x=\"{}\" y=\"0\" width=\"18\"", 3 * CELL_W)),
        "{svg}"
    );
    assert!(svg.contains(&format!("fill=\"{}\"", PALETTE[4])), "{svg}");
    let reversed = format!(".s2{{fill:{DEFAULT_BG};font-weight:bold}}");
    assert!(svg.contains(&reversed), "{svg}");
}

#[test]
fn indexed_colours_follow_xterm() {
    assert_eq!(indexed(9), PALETTE[9]);
    assert_eq!(indexed(16), "#000000");
    assert_eq!(indexed(231), "#ffffff");
    assert_eq!(indexed(196), "#ff0000");
    assert_eq!(indexed(232), "#080808");
    assert_eq!(indexed(255), "#eeeeee");
}
