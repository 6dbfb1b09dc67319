//! The cross-shelf search's results as they arrive, file by file: grouped
//! by transcript (a header row, then its hits), a selection over those
//! rows, whether the search is done, and which file the reader was last
//! opened on, for `n`/`N` going on to the next or previous one.

use std::path::PathBuf;

use crate::app::list::Selected;
use crate::shelf::ShelfHit;

/// One row of the results: a transcript's header or one of its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    File(usize),
    Hit(usize, usize),
}

/// Hits kept of one file: its first ones, enough to read on in the reader
/// (which finds them all again); the rest are counted.
pub const KEPT_PER_FILE: usize = 100;

/// Hits kept of one search in all: past them each file keeps its first
/// hit only (what `Enter` and `n` open at), so a word in every file of a
/// large shelf costs memory by this, not by the shelf.
pub const KEPT_IN_ALL: usize = 5_000;

/// How many of a file's hits to keep when `kept` are kept already: at
/// least its first and its last, which `n` and `N` open at.
pub fn keep(kept: usize) -> usize {
    KEPT_PER_FILE.min(KEPT_IN_ALL.saturating_sub(kept)).max(2)
}

/// A file's hits cut to `keep`: the first ones and the last, so `N` from
/// the next file opens at this one's real last hit.
pub fn cut(hits: &mut Vec<ShelfHit>, keep: usize) {
    if hits.len() > keep.max(2) {
        let last = hits.pop();
        hits.truncate(keep.max(2) - 1);
        hits.extend(last);
    }
}

/// The hits of one search, grouped by file in the order they came.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Which search these are: hits of an older one are dropped.
    id: u64,
    files: Vec<(PathBuf, Vec<ShelfHit>)>,
    /// Each file's number of hits, kept or not.
    totals: Vec<usize>,
    /// The rows, kept as files come: a frame and a key need not count them.
    items: Vec<Item>,
    count: usize,
    done: bool,
    selected: Selected,
    /// The file the reader was opened on from here.
    opened: Option<usize>,
}

impl Results {
    pub fn new(id: u64) -> Results {
        Results {
            id,
            ..Results::default()
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn files(&self) -> &[(PathBuf, Vec<ShelfHit>)] {
        &self.files
    }

    pub fn done(&self) -> bool {
        self.done
    }

    /// Hits so far, in all files.
    pub fn count(&self) -> usize {
        self.count
    }

    /// File `f`'s number of hits, those not kept too.
    pub fn total(&self, f: usize) -> usize {
        self.totals.get(f).copied().unwrap_or(0)
    }

    /// Every row: each file's header, then its hits.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn selected(&self) -> usize {
        self.selected.get()
    }

    pub fn select(&mut self, n: isize) {
        self.selected.step(n, self.items.len());
    }

    pub fn select_at(&mut self, i: usize) {
        self.selected.set(i, self.items.len());
    }

    /// A file's hits arrived. A file with none adds no row; the selection
    /// stays on its row (rows only ever come after it).
    pub fn add(&mut self, path: PathBuf, mut hits: Vec<ShelfHit>, total: usize) {
        if hits.is_empty() {
            return;
        }
        let f = self.files.len();
        let total = total.max(hits.len());
        self.count += total;
        self.totals.push(total);
        cut(&mut hits, KEPT_PER_FILE);
        self.items.push(Item::File(f));
        self.items.extend((0..hits.len()).map(|h| Item::Hit(f, h)));
        self.files.push((path, hits));
    }

    pub fn finish(&mut self) {
        self.done = true;
    }

    /// The hit `Enter` opens: the selected one, or a header's first.
    pub fn chosen(&self) -> Option<(usize, usize)> {
        match self.items.get(self.selected())? {
            Item::File(f) => Some((*f, 0)),
            Item::Hit(f, h) => Some((*f, *h)),
        }
    }

    pub fn hit(&self, file: usize, hit: usize) -> Option<&ShelfHit> {
        self.files.get(file)?.1.get(hit)
    }

    /// The reader is opened on `file` at `hit`: the selection goes there.
    pub fn open(&mut self, file: usize, hit: usize) {
        self.opened = Some(file);
        let at = self.items.iter().position(|i| *i == Item::Hit(file, hit));
        if let Some(at) = at {
            self.select_at(at);
        }
    }

    /// The file after (or before) the one last opened, and the hit to
    /// open it at: its first (or its last).
    pub fn onward(&self, forward: bool) -> Option<(usize, usize)> {
        let from = self.opened?;
        let file = match forward {
            true => from + 1,
            false => from.checked_sub(1)?,
        };
        let hits = &self.files.get(file)?.1;
        Some((file, if forward { 0 } else { hits.len() - 1 }))
    }
}
