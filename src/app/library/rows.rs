//! The library's rows: one per file found, with what is known of it (its
//! summary, its counts of bookmarks and codes), and the order they are
//! shown in: sorted by a column either way, filtered by words typed.

use std::cmp::Ordering;
use std::path::PathBuf;

use crate::shelf::Counts;
use crate::shelf::Summary;

/// A column of the library, in the order the widget draws them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    Date,
    Format,
    Speakers,
    Turns,
    Duration,
    Bookmarks,
    Codes,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Title,
        Column::Date,
        Column::Format,
        Column::Speakers,
        Column::Turns,
        Column::Duration,
        Column::Bookmarks,
        Column::Codes,
    ];

    /// The header's name of the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Title => "title",
            Column::Date => "date",
            Column::Format => "format",
            Column::Speakers => "speakers",
            Column::Turns => "turns",
            Column::Duration => "length",
            Column::Bookmarks => "marks",
            Column::Codes => "codes",
        }
    }
}

/// A file of the shelf and what is known of it so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub path: PathBuf,
    /// The path as shown: relative to the root it was found under.
    pub shown: String,
    pub summary: Summary,
    /// Counted from the store once the summary is complete.
    pub counts: Option<Counts>,
}

impl Row {
    /// Not a transcript: listed greyed, with why.
    pub fn problem(&self) -> Option<&str> {
        self.summary.problem.as_deref()
    }

    /// Whether every word of `filter` is in the title, the path or a
    /// speaker's name: case-insensitive unless a word has a capital
    /// (smart case, as the reader's search).
    pub fn admits(&self, filter: &str) -> bool {
        let fields = [self.summary.title.as_str(), self.shown.as_str()];
        let speakers = self.summary.speakers.iter().map(String::as_str);
        let hay: Vec<&str> = fields.into_iter().chain(speakers).collect();
        filter.split_whitespace().all(|word| {
            let sensitive = word.chars().any(char::is_uppercase);
            hay.iter().any(|h| match sensitive {
                true => h.contains(word),
                false => h.to_lowercase().contains(&word.to_lowercase()),
            })
        })
    }

    fn bookmarks(&self) -> usize {
        self.counts.as_ref().map_or(0, |c| c.bookmarks)
    }

    fn codes(&self) -> usize {
        self.counts.as_ref().map_or(0, |c| c.codes)
    }
}

/// Unknown values (no date, no duration) after every known one, either
/// way round; `Equal` when both or neither are known.
fn unknown_last<T>(a: &Option<T>, b: &Option<T>) -> Ordering {
    match (a, b) {
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// How two rows compare by `column`, ties by path; `descending` is the
/// exact reverse, except that unknown values stay last.
pub fn compare(a: &Row, b: &Row, column: Column, descending: bool) -> Ordering {
    let (x, y) = (&a.summary, &b.summary);
    let unknown = match column {
        Column::Date => unknown_last(&x.date, &y.date),
        Column::Duration => unknown_last(&x.duration, &y.duration),
        _ => Ordering::Equal,
    };
    if unknown != Ordering::Equal {
        return unknown;
    }
    let by = match column {
        Column::Title => fold(&x.title).cmp(&fold(&y.title)),
        Column::Date => x.date.cmp(&y.date),
        Column::Format => x.format.cmp(&y.format),
        Column::Speakers => (x.speakers.len(), &x.speakers).cmp(&(y.speakers.len(), &y.speakers)),
        Column::Turns => x.turns.cmp(&y.turns),
        Column::Duration => x.duration.cmp(&y.duration),
        Column::Bookmarks => a.bookmarks().cmp(&b.bookmarks()),
        Column::Codes => a.codes().cmp(&b.codes()),
    };
    let by = by.then_with(|| a.path.cmp(&b.path));
    if descending { by.reverse() } else { by }
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// The rows shown, as indices into `rows`: those the filter admits, in
/// the sort's order (path order without one).
pub fn order(rows: &[Row], sort: Option<(Column, bool)>, filter: &str) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].admits(filter))
        .collect();
    match sort {
        Some((column, descending)) => {
            shown.sort_by(|&i, &j| compare(&rows[i], &rows[j], column, descending));
        }
        None => shown.sort_by(|&i, &j| rows[i].path.cmp(&rows[j].path)),
    }
    shown
}
