//! The one list view every list pane and overlay uses: a selection kept
//! inside the list, and which items a pane of some height shows around it.
//! Drawing and mouse hit-testing both ask [`Window`], so what is clicked is
//! what was drawn, and every list scrolls the same way (the selection
//! centred, no blank rows after the last item when the list is longer
//! than the pane).

/// The selected item of a list; never past its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selected(usize);

impl Selected {
    pub fn get(self) -> usize {
        self.0
    }

    /// Move by `n` items, stopping at either end.
    pub fn step(&mut self, n: isize, len: usize) {
        self.set(self.0.saturating_add_signed(n), len);
    }

    /// Select item `i`, or the last one when `i` is past the end.
    pub fn set(&mut self, i: usize, len: usize) {
        self.0 = i.min(len.saturating_sub(1));
    }
}

/// The items a pane of `height` rows shows: from `first` on, each taking
/// `rows(i)` rows (gaps included), the last possibly cut by the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    len: usize,
    height: usize,
}

impl Window {
    /// The window around `selected`: it starts far enough back that the
    /// selected item sits mid-pane, or that the list's end fills the pane.
    pub fn new(
        selected: usize,
        len: usize,
        height: usize,
        rows: impl Fn(usize) -> usize,
    ) -> Window {
        let window = |first| Window { first, len, height };
        if len == 0 || height == 0 {
            return window(0);
        }
        let sel = selected.min(len - 1);
        let mut below = 0;
        for i in sel..len {
            below += rows(i);
            if below >= height {
                break;
            }
        }
        let budget = (height / 2).max(height.saturating_sub(below));
        let (mut first, mut above) = (sel, 0);
        while first > 0 && above + rows(first - 1) <= budget {
            above += rows(first - 1);
            first -= 1;
        }
        window(first)
    }

    /// Each shown item with the row, from the pane's top, it starts on.
    pub fn items(self, rows: impl Fn(usize) -> usize) -> impl Iterator<Item = (usize, usize)> {
        let mut y = 0;
        (self.first..self.len).map_while(move |i| {
            let at = y;
            y += rows(i);
            (at < self.height).then_some((i, at))
        })
    }

    /// The item drawn on `row` of the pane, and the row within it, if
    /// any. The widget decides which of an item's rows take a click (not
    /// the blank gap after it, nor a heading drawn with it).
    pub fn hit(self, row: usize, rows: impl Fn(usize) -> usize) -> Option<(usize, usize)> {
        if row >= self.height {
            return None;
        }
        let mut last = None;
        for (i, at) in self.items(&rows) {
            if at > row {
                break;
            }
            last = (row < at + rows(i)).then_some((i, row - at));
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(_: usize) -> usize {
        1
    }

    #[test]
    fn a_selection_stays_inside_the_list() {
        let mut s = Selected::default();
        s.step(-1, 5);
        assert_eq!(s.get(), 0);
        s.step(10, 5);
        assert_eq!(s.get(), 4);
        s.set(9, 3);
        assert_eq!(s.get(), 2);
        s.step(1, 0);
        assert_eq!(s.get(), 0);
    }

    #[test]
    fn single_row_items_centre_the_selection_and_fill_at_the_end() {
        assert_eq!(Window::new(3, 5, 10, one).first, 0, "fits");
        assert_eq!(Window::new(14, 20, 10, one).first, 9, "centred");
        assert_eq!(Window::new(18, 20, 10, one).first, 10, "end fills the pane");
        assert_eq!(Window::new(2, 20, 10, one).first, 0);
        assert_eq!(Window::new(0, 0, 10, one).first, 0);
    }

    #[test]
    fn tall_items_keep_the_selected_one_in_view() {
        let rows = |i: usize| if i.is_multiple_of(2) { 4 } else { 2 };
        for sel in 0..30 {
            let w = Window::new(sel, 30, 9, rows);
            let shown: Vec<_> = w.items(rows).map(|(i, _)| i).collect();
            assert!(shown.contains(&sel), "{sel} in {shown:?}");
        }
    }

    #[test]
    fn hits_are_the_rows_items_are_drawn_on() {
        let rows = |i: usize| i + 1;
        let w = Window::new(0, 4, 8, rows);
        let hits: Vec<_> = (0..9).map(|r| w.hit(r, rows).map(|(i, _)| i)).collect();
        assert_eq!(
            hits,
            [
                Some(0),
                Some(1),
                Some(1),
                Some(2),
                Some(2),
                Some(2),
                Some(3),
                Some(3),
                None
            ]
        );
        let w = Window::new(19, 20, 10, one);
        assert_eq!(w.hit(0, one), Some((10, 0)));
        assert_eq!(w.hit(9, one), Some((19, 0)));
        let w = Window::new(0, 4, 8, rows);
        assert_eq!(w.hit(5, rows), Some((2, 2)), "the third row of item 2");
        assert_eq!(w.hit(10, one), None);
    }
}
