//! A rectangle of terminal cells, owned by the app so the state can say
//! where panes are without depending on the drawing library; `ui` converts
//! it to and from ratatui's `Rect`.

/// Cells `x..x + width` by `y..y + height`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Area {
        Area {
            x,
            y,
            width,
            height,
        }
    }

    /// No cells: a hidden pane.
    pub const fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }

    /// Whether the cell at column `x`, row `y` is inside (edges saturate at
    /// the end of the `u16` range, as ratatui's do).
    /// Whether the two share a cell (a side pane drawn over the dialogue).
    pub const fn overlaps(&self, other: &Area) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    pub const fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x
            && x < self.x.saturating_add(self.width)
            && y >= self.y
            && y < self.y.saturating_add(self.height)
    }
}
