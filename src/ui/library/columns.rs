//! The library's columns for a width: which are shown (the least useful
//! dropped first when narrow) and how wide each is, and each row's cells.

use crate::app::library::{Column, Row};
use crate::transcript::formats::clock::clock;

/// Cells between columns.
pub const GAP: u16 = 1;
/// The title column never gets narrower than this while another column
/// can be dropped instead.
const MIN_TITLE: u16 = 24;

/// A column's fixed width (the title takes what is left).
fn width(column: Column) -> u16 {
    match column {
        Column::Title => 0,
        Column::Date => 10,
        Column::Format => 8,
        Column::Speakers => 22,
        // Room for the name and the sort's mark: `turns▲`.
        Column::Turns => 6,
        Column::Duration => 7,
        Column::Bookmarks => 6,
        Column::Codes => 6,
    }
}

/// Dropped first to last as the screen narrows.
const DROP: [Column; 7] = [
    Column::Codes,
    Column::Bookmarks,
    Column::Format,
    Column::Duration,
    Column::Speakers,
    Column::Turns,
    Column::Date,
];

/// The columns shown at `total` cells, in order, each with its width.
pub fn layout(total: u16) -> Vec<(Column, u16)> {
    let mut shown: Vec<Column> = Column::ALL.to_vec();
    let rest = |shown: &[Column]| -> u16 {
        let fixed: u16 = shown.iter().map(|c| width(*c) + GAP).sum();
        total.saturating_sub(fixed)
    };
    for drop in DROP {
        if rest(&shown) >= MIN_TITLE {
            break;
        }
        shown.retain(|c| *c != drop);
    }
    let title = rest(&shown);
    shown
        .into_iter()
        .map(|c| (c, if c == Column::Title { title } else { width(c) }))
        .collect()
}

/// Whether a column's values are numbers, drawn flush right.
pub fn numeric(column: Column) -> bool {
    matches!(
        column,
        Column::Turns | Column::Duration | Column::Bookmarks | Column::Codes
    )
}

/// What a row shows in a column (unsanitised: the widget fits it).
pub fn cell(row: &Row, column: Column) -> String {
    let s = &row.summary;
    let count = |n: Option<usize>| n.map_or_else(|| "·".to_string(), |n| n.to_string());
    match column {
        Column::Title => s.title.clone(),
        Column::Date => s.date.clone().unwrap_or_default(),
        Column::Format => s.format.clone(),
        Column::Speakers => s.speakers.join(", "),
        Column::Turns if !s.complete => format!("{}+", s.turns),
        Column::Turns => s.turns.to_string(),
        Column::Duration => s
            .duration
            .map(|d| clock(d >= 3600, d as f64))
            .unwrap_or_default(),
        Column::Bookmarks => count(row.counts.as_ref().map(|c| c.bookmarks)),
        Column::Codes => count(row.counts.as_ref().map(|c| c.codes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(total: u16) -> Vec<Column> {
        layout(total).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn every_column_at_120_and_fewer_as_it_narrows() {
        assert_eq!(names(120), Column::ALL.to_vec());
        let at_80 = names(80);
        assert!(!at_80.contains(&Column::Codes) && at_80.contains(&Column::Speakers));
        assert_eq!(names(40), vec![Column::Title, Column::Date]);
        for total in [60, 80, 120] {
            let used: u16 = layout(total).iter().map(|(_, w)| w + GAP).sum();
            assert_eq!(used, total, "the title takes the rest at {total}");
        }
    }
}
