//! The contents pane: whether it shows and which section its list has
//! selected. Unfocused, the selection follows the section being read.

use super::list::Selected;

/// Whether a side pane shows. `Auto` shows it only when there is room;
/// `Shown` overlays it on the dialogue when there is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    #[default]
    Auto,
    Shown,
    Hidden,
}

impl Visibility {
    /// The pane's toggle key: hide it if it shows now, else show it.
    pub fn toggled(self, showing: bool) -> Visibility {
        match self {
            Visibility::Auto if showing => Visibility::Hidden,
            Visibility::Auto | Visibility::Hidden => Visibility::Shown,
            Visibility::Shown => Visibility::Hidden,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Contents {
    shown: Visibility,
    selected: Selected,
    /// Sections in the list.
    len: usize,
    /// Digits typed in a row (`1` `2`): the number they make so far.
    typed: Option<usize>,
}

impl Contents {
    pub fn new(sections: usize) -> Contents {
        Contents {
            len: sections,
            ..Contents::default()
        }
    }

    /// The document now has `sections` sections: the selection stays
    /// where it was, or on the last one.
    pub fn resize(&mut self, sections: usize) {
        self.len = sections;
        self.typed = None;
        self.select_at(self.selected().min(sections.saturating_sub(1)));
    }

    pub fn shown(&self) -> Visibility {
        self.shown
    }

    pub fn toggle(&mut self, showing: bool) {
        self.shown = self.shown.toggled(showing);
    }

    /// Back to showing only where there is room (after a pane forced over
    /// the dialogue has done its job).
    pub fn unforce(&mut self) {
        self.shown = Visibility::Auto;
    }

    /// The section selected in the list.
    pub fn selected(&self) -> usize {
        self.selected.get()
    }

    pub fn select(&mut self, n: isize) {
        self.selected.step(n, self.len);
    }

    pub fn select_at(&mut self, i: usize) {
        self.selected.set(i, self.len);
    }

    /// A digit typed: the number the digits typed in a row make, or the
    /// digit alone when that number would be past the sections listed
    /// (`count`), so `1` `5` in a list of twelve is section 5.
    pub fn type_digit(&mut self, digit: usize, count: usize) -> usize {
        let joined = self.typed.map(|n| n * 10 + digit);
        let n = joined.filter(|&n| n <= count).unwrap_or(digit);
        self.typed = Some(n);
        n
    }

    /// Any other key ends the number being typed.
    pub fn forget_typed(&mut self) {
        self.typed = None;
    }
}
