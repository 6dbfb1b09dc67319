//! The help's one layout, used by the widget to draw and by `update` to
//! bound the scroll: one column, or two on a screen at least
//! [`TWO_COLUMNS_FROM`] wide when one would not fit its height. Two
//! columns split at a layer's heading (or the middle), with the widths
//! shared so both columns are as short as they can be; a description
//! too long for its column wraps under itself, and if the columns still
//! do not fit the height the blank rows between layers go.

use unicode_width::UnicodeWidthStr;

use super::{Entry, KEYS_WIDTH, entries};
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
    let entries = entries(keymap);
    let (w, inner_h) = (usize::from(width), usize::from(height).saturating_sub(2));
    let natural = entries.iter().map(|e| e.text().width()).max().unwrap_or(0);
    let one = natural.min(w.saturating_sub(FRAME));
    let single = column(&entries, one);
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

/// The best two columns in `budget` columns: for each place to split and
/// each way to share the width, the shortest taller column; with the
/// blanks between layers if that fits `height`, else without.
fn two_columns(
    entries: &[Entry],
    budget: usize,
    height: usize,
) -> Vec<(Vec<(String, bool)>, usize)> {
    let no_blanks: Vec<Entry> = entries.iter().filter(|e| !is_blank(e)).cloned().collect();
    let mut best = None;
    for list in [entries, &no_blanks[..]] {
        let mut found: Option<(usize, usize, usize)> = None;
        for at in splits(list) {
            let (left, right) = halves(list, at);
            let half = budget / 2;
            for lw in half.saturating_sub(20)..=(half + 20).min(budget) {
                let tall = column(left, lw).len().max(column(right, budget - lw).len());
                if found.is_none_or(|(t, _, _)| tall < t) {
                    found = Some((tall, at, lw));
                }
            }
        }
        let Some((tall, at, lw)) = found else {
            continue;
        };
        let (left, right) = halves(list, at);
        best = Some(vec![
            (column(left, lw), lw),
            (column(right, budget - lw), budget - lw),
        ]);
        if tall <= height {
            break;
        }
    }
    best.unwrap_or_default()
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
fn halves(list: &[Entry], at: usize) -> (&[Entry], &[Entry]) {
    let (mut left, mut right) = list.split_at(at);
    while left.last().is_some_and(is_blank) {
        left = &left[..left.len() - 1];
    }
    while right.first().is_some_and(is_blank) {
        right = &right[1..];
    }
    (left, right)
}

/// A column of `width`: each entry on its row, a description too long for
/// it wrapped at spaces under where it starts.
fn column(entries: &[Entry], width: usize) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for e in entries {
        let text = e.text();
        let room = width.saturating_sub(DESC_AT);
        if text.width() <= width || e.heading || e.keys.width() > KEYS_WIDTH || room < 10 {
            out.push((fit(&text, width), e.heading));
            continue;
        }
        let mut line = String::new();
        let mut first = true;
        for word in e.desc.split(' ') {
            if !line.is_empty() && line.width() + 1 + word.width() > room {
                out.push((row(e, &line, first, width), false));
                line.clear();
                first = false;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push((row(e, &line, first, width), false));
    }
    out
}

/// One row of a wrapped entry: the first with its keys, the rest indented.
fn row(e: &Entry, desc: &str, first: bool, width: usize) -> String {
    let text = if first {
        Entry {
            desc: desc.to_string(),
            ..e.clone()
        }
        .text()
    } else {
        format!("{}{desc}", " ".repeat(DESC_AT))
    };
    fit(&text, width)
}
