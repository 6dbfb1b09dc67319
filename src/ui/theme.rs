//! Styles, with and without colour. Under `NO_COLOR` every distinction is
//! kept with modifiers (bold, italic, underline, reverse) instead.

use ratatui::style::{Color, Modifier, Style};

mod highlight;

use crate::app::coding::PALETTE;

pub use highlight::{Layer, Layers};

/// The bookmark's mark in the gutter: readable on black and on white.
const GUTTER: Color = Color::Rgb(208, 0, 208);
/// A changed bookmark's mark: another colour, as readable.
const CHANGED_GUTTER: Color = Color::Rgb(235, 0, 0);

/// Colours for codes without one of their own, by their place in the
/// codebook: the app's [`PALETTE`], whose names `c` in the code overview
/// takes.
pub const CODE_COLORS: [Color; 8] = {
    let mut out = [Color::Reset; 8];
    let mut i = 0;
    while i < PALETTE.len() {
        let (_, (r, g, b)) = PALETTE[i];
        out[i] = Color::Rgb(r, g, b);
        i += 1;
    }
    out
};

/// A code the codebook does not have (another machine's, or not saved):
/// a grey as readable as the palette.
const UNKNOWN_CODE: Color = Color::Rgb(118, 118, 118);

/// A code's colour: its own `#RRGGBB`, else the palette's for its place
/// in the codebook.
pub fn code_color(own: Option<&str>, index: usize) -> Color {
    let rgb = own.and_then(|hex| {
        let hex = hex.strip_prefix('#')?;
        let n = u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.len() == 6)?;
        Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8))
    });
    rgb.unwrap_or(CODE_COLORS[index % CODE_COLORS.len()])
}

/// Distinct, readable on dark and light backgrounds; speakers cycle through them.
const SPEAKER_COLORS: [Color; 6] = [
    Color::Cyan,
    Color::Yellow,
    Color::Magenta,
    Color::Green,
    Color::LightBlue,
    Color::LightRed,
];

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn speaker(self, index: usize) -> Style {
        self.fg(SPEAKER_COLORS[index % SPEAKER_COLORS.len()])
            .add_modifier(Modifier::BOLD)
    }

    pub fn narration(self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::ITALIC)
    }

    pub fn banner(self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    pub fn rule(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The current sentence.
    pub fn cursor(self) -> Style {
        self.marked(Style::new(), Layers::of(Layer::Cursor))
    }

    /// Claims inline in the dialogue: underlined, which survives `NO_COLOR`.
    pub fn claim(self) -> Style {
        self.marked(Style::new(), Layers::of(Layer::Claim))
    }

    /// Bookmarked text.
    pub fn bookmark(self) -> Style {
        self.marked(Style::new(), Layers::of(Layer::Bookmark))
    }

    /// A bookmark's mark in the gutter.
    pub fn gutter(self) -> Style {
        self.fg(GUTTER).add_modifier(Modifier::BOLD)
    }

    /// A changed bookmark's mark in the gutter: another colour than
    /// [`Theme::gutter`] (and another symbol, for `NO_COLOR`).
    pub fn changed_gutter(self) -> Style {
        self.fg(CHANGED_GUTTER).add_modifier(Modifier::BOLD)
    }

    /// A code, in the gutter, the bookmarks list and the picker: its
    /// colour (`colour` as [`crate::app::coding::Coding::colour`] gives
    /// it; a code the book lacks is grey), bold; without colour, bold only
    /// (the gutter then shows a symbol of its own).
    pub fn code(self, colour: Option<(Option<&str>, usize)>) -> Style {
        let fg = match colour {
            Some((own, index)) => code_color(own, index),
            None => UNKNOWN_CODE,
        };
        self.fg(fg).add_modifier(Modifier::BOLD)
    }

    /// Sentences in a selection (`v`) other than the current one.
    pub fn selection(self) -> Style {
        self.marked(Style::new(), Layers::of(Layer::Selection))
    }

    /// Search matches as a list pane shows them (match counts); the
    /// dialogue's text combines them with its other marks ([`Theme::marked`]).
    pub fn search_match(self) -> Style {
        if self.color {
            self.marked(Style::new(), Layers::of(Layer::Match))
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// The current search match, and the `›` beside its line.
    pub fn search_current(self) -> Style {
        self.marked(Style::new(), Layers::of(Layer::Current))
    }

    pub fn claim_tag(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn header(self, focused: bool) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            s.add_modifier(Modifier::UNDERLINED)
        } else {
            s
        }
    }

    /// The row being read in a list pane.
    pub fn current(self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    /// The selected row of the focused list pane.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn status(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(40, 40, 40)).fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A claim's status in the sidebar: coloured where colour says
    /// something (a verdict, a want); the word is there without colour.
    pub fn claim_status(self, s: crate::store::ledger::Status) -> Style {
        use crate::store::ledger::Status;
        match s {
            Status::Checked => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Status::Disputed => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Status::False => self.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Status::NeedsSource => self.fg(Color::LightMagenta),
            Status::Unchecked | Status::NotAClaim => self.dim(),
        }
    }

    pub fn warning(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
}
