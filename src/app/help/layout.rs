//! The help's one layout, used by the widget to draw and by `update` to
//! bound the scroll: one column, or two on a screen at least
//! [`TWO_COLUMNS_FROM`] wide when one would not fit its height. Two
//! columns split at a layer's heading (or the middle), with the widths
//! shared so both columns are as short as they can be; a description
//! too long for its column wraps under itself, and if the columns still
//! do not fit the height the blank rows between layers go, then
//! descriptions are cut at the column's edge rather than wrapped.

use unicode_width::UnicodeWidthStr;

use super::{Entry, KEYS_WIDTH};
use crate::app::keymap::Keymap;
use crate::text::fit;

/// The narrowest screen the help flows into two columns on.
pub const TWO_COLUMNS_FROM: u16 = 100;
/// Columns between the two columns.
const COLUMN_GAP: usize = 3;
/// The popup's borders and the blank column inside each.
const FRAME: usize = 4;
/// Where a description starts: the indent, the keys column and a space.
const DESC_AT: usize = KEYS_WIDTH + 3;

/// The help laid out for a screen: its rows (each with a cell per column,
/// a cell's text already cut to the column), the popup's size and where
/// the second column starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Rows of cells, left column first; `true` marks a heading.
    pub rows: Vec<Vec<(String, bool)>>,
    /// The popup's width and height, borders included, within the screen.
    pub width: u16,
    pub height: u16,
    /// Columns from the popup's text start to the second column.
    pub column_offset: u16,
}

impl Layout {
    /// Rows inside the borders.
    pub fn inner_height(&self) -> usize {
        usize::from(self.height).saturating_sub(2)
    }

    /// The furthest the rows scroll: the last row at the popup's bottom.
    pub fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.inner_height())
    }
}

/// The help's rows placed for a `width`×`height` area (the screen above
/// the status line).
pub fn layout(keymap: &Keymap, width: u16, height: u16) -> Layout {
    layout_on(keymap, super::Screen::Reader, width, height)
}

/// [`layout`] of the help of one screen.
pub fn layout_on(keymap: &Keymap, screen: super::Screen, width: u16, height: u16) -> Layout {
    let entries = super::entries_on(keymap, screen);
    let (w, inner_h) = (usize::from(width), usize::from(height).saturating_sub(2));
    let natural = entries.iter().map(|e| e.text().width()).max().unwrap_or(0);
    let one = natural.min(w.saturating_sub(FRAME));
    let single = column(&entries, one, false);
    let columns = if width < TWO_COLUMNS_FROM || single.len() <= inner_h {
        vec![(single, one)]
    } else {
        two_columns(&entries, w - FRAME - COLUMN_GAP, inner_h)
    };
    let depth = columns.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let rows = (0..depth)
        .map(|r| {
            let cell = |(c, _): &(Vec<(String, bool)>, usize)| c.get(r).cloned();
            columns
                .iter()
                .map(|c| cell(c).unwrap_or_default())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns.iter().map(|(_, w)| *w).collect();
    let inner_w = widths.iter().sum::<usize>() + COLUMN_GAP * (widths.len() - 1);
    Layout {
        rows,
        width: to_u16(inner_w + FRAME).min(width),
        height: to_u16(depth + 2).min(height),
        column_offset: to_u16(widths[0] + COLUMN_GAP),
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The best two columns in `budget` columns: of each place to split and
/// each way to share the width, the one that overflows `height` least,
/// then wraps or cuts fewest descriptions, then has the shorter taller
/// column; with the blanks between layers if that fits, else without;
/// and if wrapping descriptions leaves some not whole, with descriptions
/// cut at the column's edge instead where that leaves fewer so (a wide
/// column cut shows more than a narrow one cut where wrapping overflows),
/// again with the blanks if they fit.
fn two_columns(
    entries: &[Entry],
    budget: usize,
    height: usize,
) -> Vec<(Vec<(String, bool)>, usize)> {
    let no_blanks: Vec<Entry> = entries.iter().filter(|e| !is_blank(e)).cloned().collect();
    let mut best: Option<((usize, usize), Vec<_>)> = None;
    for (list, cut) in [
        (entries, false),
        (&no_blanks[..], false),
        (entries, true),
        (&no_blanks[..], true),
    ] {
        let Some(((over, damage, _), at, lw)) = best_split(list, budget, height, cut) else {
            continue;
        };
        if best.as_ref().is_some_and(|(s, _)| *s <= (over, damage)) {
            continue;
        }
        let (left, right) = halves(list, at);
        let (left, right) = (&list[left], &list[right]);
        let columns = vec![
            (column(left, lw, cut), lw),
            (column(right, budget - lw, cut), budget - lw),
        ];
        best = Some(((over, damage), columns));
        if (over, damage) == (0, 0) {
            break;
        }
    }
    best.map(|(_, c)| c).unwrap_or_default()
}

/// The score, the split and the left column's width of the best two
/// columns of `list` (see [`two_columns`]).
fn best_split(
    list: &[Entry],
    budget: usize,
    height: usize,
    cut: bool,
) -> Option<((usize, usize, usize), usize, usize)> {
    let m = Measure::new(list, budget, cut);
    let mut found: Option<((usize, usize, usize), usize, usize)> = None;
    for at in splits(list) {
        let (left, right) = halves(list, at);
        for lw in 1..budget {
            let rw = budget - lw;
            let tall = m.rows(&left, lw).max(m.rows(&right, rw));
            let damage = m.damage(&left, lw) + m.damage(&right, rw);
            let score = (tall.saturating_sub(height), damage, tall);
            if found.is_none_or(|(s, _, _)| score < s) {
                found = Some((score, at, lw));
            }
        }
    }
    found
}

/// For each width up to a budget, the rows each entry takes and whether it
/// shows whole on one row, summed from the start so a range costs two
/// look-ups (the search above tries thousands of ranges and widths).
struct Measure {
    /// `rows[w][i]`: rows entries `..i` take in a column `w` wide.
    rows: Vec<Vec<usize>>,
    /// `damage[w][i]`: how many of entries `..i` do not fit one row.
    damage: Vec<Vec<usize>>,
}

impl Measure {
    fn new(list: &[Entry], budget: usize, cut: bool) -> Measure {
        let texts: Vec<usize> = list.iter().map(|e| e.text().width()).collect();
        let sums = |f: &dyn Fn(usize, usize) -> usize| -> Vec<Vec<usize>> {
            (0..=budget)
                .map(|w| {
                    let mut acc = vec![0];
                    for i in 0..list.len() {
                        acc.push(acc[i] + f(i, w));
                    }
                    acc
                })
                .collect()
        };
        Measure {
            rows: sums(&|i, w| height(&list[i], texts[i], w, cut)),
            damage: sums(&|i, w| usize::from(texts[i] > w)),
        }
    }

    fn rows(&self, r: &std::ops::Range<usize>, w: usize) -> usize {
        self.rows[w][r.end] - self.rows[w][r.start]
    }

    fn damage(&self, r: &std::ops::Range<usize>, w: usize) -> usize {
        self.damage[w][r.end] - self.damage[w][r.start]
    }
}

/// The rows [`column`] gives `e` (whose text is `text` wide) in `width`.
fn height(e: &Entry, text: usize, width: usize, cut: bool) -> usize {
    if e.heading || (text <= width && e.keys.width() <= KEYS_WIDTH) {
        return 1;
    }
    entry_rows(e, width, cut).len()
}

fn is_blank(e: &Entry) -> bool {
    !e.heading && e.keys.is_empty() && e.desc.is_empty()
}

/// Where a second column may start: at each heading but the first, and
/// at the middle.
fn splits(list: &[Entry]) -> Vec<usize> {
    let mut at: Vec<usize> = (1..list.len()).filter(|&i| list[i].heading).collect();
    at.push(list.len().div_ceil(2));
    at
}

/// The entries before and from `at`, without a blank at either edge.
fn halves(list: &[Entry], at: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let (mut end, mut start) = (at, at);
    while end > 0 && is_blank(&list[end - 1]) {
        end -= 1;
    }
    while start < list.len() && is_blank(&list[start]) {
        start += 1;
    }
    (0..end, start..list.len())
}

/// A column of `width`: each entry on its row; keys too many for their
/// column wrap at spaces under themselves, and a description too long
/// for the column wraps at spaces under where it starts (or is `cut`).
fn column(entries: &[Entry], width: usize, cut: bool) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for e in entries {
        let text = e.text();
        if e.heading || (text.width() <= width && e.keys.width() <= KEYS_WIDTH) {
            out.push((fit(&text, width), e.heading));
        } else {
            out.extend(entry_rows(e, width, cut).into_iter().map(|r| (r, false)));
        }
    }
    out
}

/// An entry that does not fit one row of `width`, as rows: its keys
/// wrapped in the keys column, its description wrapped beside them (or
/// cut, where the column leaves too little room to wrap in or the layout
/// asks for it).
fn entry_rows(e: &Entry, width: usize, cut: bool) -> Vec<String> {
    let room = width.saturating_sub(DESC_AT);
    let keys = wrap_words(&e.keys, KEYS_WIDTH);
    let desc = if cut || room < 10 {
        vec![e.desc.clone()]
    } else {
        wrap_words(&e.desc, room)
    };
    (0..keys.len().max(desc.len()))
        .map(|i| {
            let k = keys.get(i).map_or("", String::as_str);
            let d = desc.get(i).map_or("", String::as_str);
            let text = Entry {
                keys: k.to_string(),
                desc: d.to_string(),
                heading: false,
            };
            fit(&text.padded(), width)
        })
        .collect()
}

/// `text` in lines of at most `width` columns, broken at spaces (a word
/// wider than that has a line of its own, cut later by `fit`).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
