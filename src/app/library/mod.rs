//! The library (`tread DIR`, or several files): a screen of its own, not a
//! pane of the reader. One row per file found, sorted and filtered; the
//! cross-shelf search's results; and the messages it takes (`Shelved`:
//! what the shell's background work found) and the orders it gives the
//! shell (`Order`: open a transcript, start or stop a search). Pure and
//! deterministic like the reader: the shell owns the threads and the clock.

use std::path::PathBuf;

use super::keymap::Keymap;
use super::line_edit::LineEdit;
use super::list::Selected;
use super::status::Message;
use crate::shelf::{Counts, ShelfHit, ShelfQuery};
use crate::store::anchor::Anchor;

pub mod hints;
pub mod link;
mod results;
mod rows;
mod update;

pub use link::Link;
pub use results::{Item, Results, keep as keep_hits};
pub use rows::{Column, Row};
pub use update::update;

/// What the library is showing and where typing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Rows,
    /// The filter line is open (`f`): each key filters the rows.
    Filter(LineEdit),
    /// The search line is open (`/`): each key searches again.
    Query,
    /// The search's results, taking list keys.
    Results,
    /// The help, over the mode it was opened from.
    Help {
        scroll: usize,
        under: Box<Mode>,
    },
}

/// What the shell's background work found, and what the reader asked
/// when it closed.
#[derive(Debug, Clone, PartialEq)]
pub enum Shelved {
    /// A file's row, new or better known (its full summary).
    Row(Box<Row>),
    /// A row's counts of bookmarks and codes.
    Counts(PathBuf, Counts),
    /// Full summaries read so far, of how many.
    Progress(usize, usize),
    /// The hits of search `id` in one file (none: the file was searched):
    /// the first few ([`results::keep`]) and how many there were. Made
    /// by [`Shelved::hits`], which cuts them before they are sent, so a
    /// common word costs memory by the hits shown, not by the shelf.
    Hits {
        id: u64,
        path: PathBuf,
        kept: Vec<ShelfHit>,
        total: usize,
    },
    /// Search `id` has searched every file.
    Searched(u64),
    /// The reader opened from here closed, asking for this.
    Returned(super::action::Leave),
    Status(Message),
}

/// Everything the library's `update` takes.
#[derive(Debug, Clone, PartialEq)]
pub enum LibMsg {
    Action(super::Action),
    Shelved(Shelved),
    /// The rows the list has on screen, for paging and its window.
    Height(usize),
}

impl From<super::Action> for LibMsg {
    fn from(a: super::Action) -> LibMsg {
        LibMsg::Action(a)
    }
}

impl From<Shelved> for LibMsg {
    fn from(s: Shelved) -> LibMsg {
        LibMsg::Shelved(s)
    }
}

/// A transcript to open in the reader, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub path: PathBuf,
    /// Where to open it (a hit's place); `None`: where it was left.
    pub at: Option<Anchor>,
    pub link: Link,
}

/// What the library asks of the shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Order {
    Open(Box<Opening>),
    /// Search `paths`, in order, for `query` (what [`ShelfQuery::parse`]
    /// took), as search `id`; any search before it is stopped.
    Search {
        id: u64,
        query: String,
        paths: Vec<PathBuf>,
    },
    StopSearch,
    Suspend,
    Quit,
}

/// The search line: its text, the query it parsed to, or why not.
#[derive(Debug, Clone, Default)]
struct QueryLine {
    line: LineEdit,
    parsed: Option<ShelfQuery>,
    error: Option<String>,
}

/// The rows shown: the filter's, in the sort's order, and the selection
/// among them, kept on the same file when the order changes.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shown {
    order: Vec<usize>,
    sort: Option<(Column, bool)>,
    filter: String,
    selected: Selected,
}

#[derive(Debug, Clone)]
pub struct Library {
    rows: Vec<Row>,
    shown: Shown,
    query: QueryLine,
    mode: Mode,
    height: usize,
    results: Option<Results>,
    /// Searches ordered so far: the next one's id.
    searches: u64,
    progress: (usize, usize),
    status: Option<Message>,
    settings: (Keymap, bool),
}

impl Library {
    /// The library on `rows` (what a file's head told, in path order).
    pub fn new(rows: Vec<Row>, keymap: Keymap, color: bool) -> Library {
        let mut lib = Library {
            rows,
            shown: Shown::default(),
            query: QueryLine::default(),
            mode: Mode::Rows,
            height: 20,
            results: None,
            searches: 0,
            progress: (0, 0),
            status: None,
            settings: (keymap, color),
        };
        lib.reorder();
        lib
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows shown, in order, as indices into [`Library::rows`].
    pub fn order(&self) -> &[usize] {
        &self.shown.order
    }

    /// The selected row's place in [`Library::order`].
    pub fn selected(&self) -> usize {
        self.shown.selected.get()
    }

    /// The selected file, if any row is shown.
    pub fn selected_row(&self) -> Option<&Row> {
        let i = *self.shown.order.get(self.selected())?;
        self.rows.get(i)
    }

    pub fn sort(&self) -> Option<(Column, bool)> {
        self.shown.sort
    }

    pub fn filter(&self) -> &str {
        &self.shown.filter
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The search line's text and, if it does not parse, why.
    pub fn query(&self) -> (&LineEdit, Option<&str>) {
        (&self.query.line, self.query.error.as_deref())
    }

    pub fn results(&self) -> Option<&Results> {
        self.results.as_ref()
    }

    /// Full summaries read so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        self.progress
    }

    pub fn status(&self) -> Option<&Message> {
        self.status.as_ref()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.settings.0
    }

    pub fn color(&self) -> bool {
        self.settings.1
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Rows that are not transcripts.
    pub fn problems(&self) -> usize {
        self.rows.iter().filter(|r| r.problem().is_some()).count()
    }

    /// Sort and filter again, the selection staying on the same file
    /// (or the first row, if the filter hides it).
    fn reorder(&mut self) {
        let was = self.shown.order.get(self.selected()).copied();
        let shown = &mut self.shown;
        shown.order = rows::order(&self.rows, shown.sort, &shown.filter);
        let at = was.and_then(|w| shown.order.iter().position(|&i| i == w));
        shown.selected.set(at.unwrap_or(0), shown.order.len());
    }
}

#[cfg(test)]
mod tests;

impl Shelved {
    /// A file's hits for search `id`, cut to those a file keeps.
    pub fn hits(id: u64, path: PathBuf, hits: Vec<ShelfHit>) -> Shelved {
        Shelved::cut(id, path, hits, results::KEPT_PER_FILE)
    }

    /// A file's hits for search `id`, cut to the first `keep`
    /// ([`keep_hits`] of those the search kept before).
    pub fn cut(id: u64, path: PathBuf, mut hits: Vec<ShelfHit>, keep: usize) -> Shelved {
        let total = hits.len();
        results::cut(&mut hits, keep);
        hits.shrink_to_fit();
        Shelved::Hits {
            id,
            path,
            kept: hits,
            total,
        }
    }
}
