//! Styles, with and without colour. Under `NO_COLOR` every distinction is
//! kept with modifiers (bold, italic, underline, reverse) instead.

use ratatui::style::{Color, Modifier, Style};

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
        if self.color {
            Style::new().bg(Color::Rgb(58, 58, 90)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Claims inline in the dialogue: underlined, which survives `NO_COLOR`.
    pub fn claim(self) -> Style {
        self.fg(Color::LightGreen)
            .add_modifier(Modifier::UNDERLINED)
    }

    /// Bookmarked text, and its mark in the gutter.
    pub fn bookmark(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(70, 50, 20))
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn gutter(self) -> Style {
        self.fg(Color::LightMagenta).add_modifier(Modifier::BOLD)
    }

    /// Sentences in a selection (`v`) other than the current one.
    pub fn selection(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(45, 70, 90)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Search matches; the current one stands out from the rest.
    pub fn search_match(self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(110, 95, 20)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn search_current(self) -> Style {
        if self.color {
            Style::new().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
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

    pub fn warning(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
}
