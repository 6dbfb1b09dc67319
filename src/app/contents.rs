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
}

impl Contents {
    pub fn new(sections: usize) -> Contents {
        Contents {
            len: sections,
            ..Contents::default()
        }
    }

    pub fn shown(&self) -> Visibility {
        self.shown
    }

    pub fn toggle(&mut self, showing: bool) {
        self.shown = self.shown.toggled(showing);
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
}
