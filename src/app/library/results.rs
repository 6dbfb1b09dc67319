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

/// The hits of one search, grouped by file in the order they came.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Which search these are: hits of an older one are dropped.
    id: u64,
    files: Vec<(PathBuf, Vec<ShelfHit>)>,
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
        self.files.iter().map(|(_, h)| h.len()).sum()
    }

    /// Every row: each file's header, then its hits.
    pub fn items(&self) -> Vec<Item> {
        let mut out = Vec::with_capacity(self.files.len() + self.count());
        for (f, (_, hits)) in self.files.iter().enumerate() {
            out.push(Item::File(f));
            out.extend((0..hits.len()).map(|h| Item::Hit(f, h)));
        }
        out
    }

    pub fn selected(&self) -> usize {
        self.selected.get()
    }

    pub fn select(&mut self, n: isize) {
        let len = self.items().len();
        self.selected.step(n, len);
    }

    pub fn select_at(&mut self, i: usize) {
        let len = self.items().len();
        self.selected.set(i, len);
    }

    /// A file's hits arrived. A file with none adds no row; the selection
    /// stays on its row (rows only ever come after it).
    pub fn add(&mut self, path: PathBuf, hits: Vec<ShelfHit>) {
        if !hits.is_empty() {
            self.files.push((path, hits));
        }
    }

    pub fn finish(&mut self) {
        self.done = true;
    }

    /// The hit `Enter` opens: the selected one, or a header's first.
    pub fn chosen(&self) -> Option<(usize, usize)> {
        match self.items().get(self.selected())? {
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
        let at = self.items().iter().position(|i| *i == Item::Hit(file, hit));
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
