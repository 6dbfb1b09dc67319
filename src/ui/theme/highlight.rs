//! How the marks on the dialogue's text combine: a stretch under several
//! (a bookmark in the current sentence, a match inside it) gets one style
//! made for that set, so each combination looks different from its parts,
//! in colour and without.
//!
//! In colour every highlight with a background sets its foreground too, so
//! it reads the same on dark and light terminals (the contrast of each is
//! checked in `tests/highlights.rs`). The current sentence and the selection
//! keep their background over a bookmark, which shows through as the
//! bookmark's colour in the text, bold; a match shows over all of them.
//! Without colour: the current sentence is reversed (bold over a bookmark),
//! the selection underlined italic, a bookmark bold, a claim underlined; a
//! match reverses what is around it (plain inside the reversed current
//! sentence, reversed outside it) and is underlined, the current one bold.

use ratatui::style::{Color, Modifier, Style};

use super::Theme;

/// A kind of mark on the dialogue's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Stage directions and inline timestamps: `[laughter]`.
    Dim,
    Claim,
    Bookmark,
    /// A bookmark whose words changed since it was made.
    Changed,
    /// The selection being made (`v`).
    Selection,
    /// The current sentence.
    Cursor,
    Match,
    /// The current search match.
    Current,
}

impl Layer {
    pub const ALL: [Layer; 8] = [
        Layer::Dim,
        Layer::Claim,
        Layer::Bookmark,
        Layer::Changed,
        Layer::Selection,
        Layer::Cursor,
        Layer::Match,
        Layer::Current,
    ];
}

/// The set of marks on a stretch of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Layers(u8);

impl Layers {
    pub fn of(layer: Layer) -> Layers {
        Layers::default().with(layer)
    }

    pub fn with(self, layer: Layer) -> Layers {
        Layers(self.0 | 1 << layer as u8)
    }

    pub fn has(self, layer: Layer) -> bool {
        self.0 & 1 << layer as u8 != 0
    }
}

/// Light text on the dark highlights.
const LIGHT: Color = Color::Rgb(255, 255, 255);
/// Dark text on the bright ones (matches).
const DARK: Color = Color::Rgb(0, 0, 0);
const CURSOR_BG: Color = Color::Rgb(58, 58, 90);
const SELECTION_BG: Color = Color::Rgb(0, 85, 85);
const BOOKMARK_BG: Color = Color::Rgb(100, 60, 0);
const CHANGED_BG: Color = Color::Rgb(120, 30, 60);
const BOOKMARK_TEXT: Color = Color::Rgb(255, 236, 200);
/// A bookmark under the current sentence or the selection: its colour in
/// the text.
const BOOKMARK_FG: Color = Color::Rgb(255, 200, 120);
const CHANGED_FG: Color = Color::Rgb(255, 190, 200);
const MATCH_BG: Color = Color::Rgb(220, 200, 60);
const CURRENT_BG: Color = Color::Rgb(255, 135, 0);
/// Claims have no background: a green readable on black and on white.
const CLAIM_FG: Color = Color::Rgb(0, 136, 50);
const DIM_FG: Color = Color::DarkGray;

impl Theme {
    /// The style of text in `base` under the marks `layers`.
    pub fn marked(self, base: Style, layers: Layers) -> Style {
        let over = if self.color {
            colored(layers)
        } else {
            plain(layers)
        };
        base.patch(over)
    }
}

fn colored(l: Layers) -> Style {
    let claim = |s: Style| match l.has(Layer::Claim) {
        true => s.add_modifier(Modifier::UNDERLINED),
        false => s,
    };
    if l.has(Layer::Current) {
        return claim(Style::new().bg(CURRENT_BG).fg(DARK)).add_modifier(Modifier::BOLD);
    }
    if l.has(Layer::Match) {
        return claim(Style::new().bg(MATCH_BG).fg(DARK));
    }
    let block = if l.has(Layer::Cursor) {
        Some(CURSOR_BG)
    } else if l.has(Layer::Selection) {
        Some(SELECTION_BG)
    } else {
        None
    };
    let bookmark = l.has(Layer::Bookmark) || l.has(Layer::Changed);
    let style = match (block, bookmark) {
        (Some(bg), true) => {
            let fg = match l.has(Layer::Changed) {
                true => CHANGED_FG,
                false => BOOKMARK_FG,
            };
            Style::new().bg(bg).fg(fg).add_modifier(Modifier::BOLD)
        }
        (Some(bg), false) => Style::new().bg(bg).fg(LIGHT),
        (None, true) => {
            let bg = match l.has(Layer::Changed) {
                true => CHANGED_BG,
                false => BOOKMARK_BG,
            };
            Style::new().bg(bg).fg(BOOKMARK_TEXT)
        }
        (None, false) if l.has(Layer::Claim) => Style::new().fg(CLAIM_FG),
        (None, false) if l.has(Layer::Dim) => Style::new().fg(DIM_FG),
        (None, false) => Style::new(),
    };
    claim(style)
}

fn plain(l: Layers) -> Style {
    use Modifier as M;
    let cursor = l.has(Layer::Cursor);
    if l.has(Layer::Match) || l.has(Layer::Current) {
        // The opposite of what is around it, so it shows inside the
        // reversed current sentence as outside it.
        let mut m = M::UNDERLINED;
        if !cursor {
            m |= M::REVERSED;
        }
        if l.has(Layer::Current) {
            m |= M::BOLD;
        }
        return Style::new().add_modifier(m);
    }
    let mut m = M::empty();
    if l.has(Layer::Claim) {
        m |= M::UNDERLINED;
    }
    if l.has(Layer::Bookmark) || l.has(Layer::Changed) {
        m |= M::BOLD;
    }
    if cursor {
        m |= M::REVERSED;
    } else if l.has(Layer::Selection) {
        m |= M::UNDERLINED | M::ITALIC;
    } else if m.is_empty() && l.has(Layer::Dim) {
        m |= M::DIM;
    }
    Style::new().add_modifier(m)
}
