//! The claims sidebar: its kind filter and order, the list they give, its
//! selection, and each claim's sentence. The list is rebuilt by the
//! methods that change the filter or the order, so it can never be stale.
//! The list's items are the detected claims (indices into `doc.claims`)
//! and, after them, the ledger's entries that match none ([`book`]).

mod book;
#[cfg(test)]
mod tests;
pub use book::{Book, Extra};

use super::contents::Visibility;
use super::flow::Flow;
use super::list::Selected;
use crate::store::ledger::{Edit, Entries, Status};
use crate::transcript::{ClaimKind, Document};

/// An item of the list: a detected claim, or a ledger entry the detector
/// does not find (an index into [`Book::extra`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Claim(usize),
    Extra(usize),
}

pub struct ClaimsPane {
    shown: Visibility,
    selected: Selected,
    by_score: bool,
    filter: Option<ClaimKind>,
    /// The sentence of each claim in `doc.claims` (non-decreasing).
    sentence: Vec<usize>,
    /// Claims shown, after the kind and status filters and in the chosen
    /// order: indices into `doc.claims`, then `doc.claims.len() + j` for
    /// the ledger's extra row `j`.
    view: Vec<usize>,
    /// The filtered claims in document order, for finding the nearest one.
    in_order: Vec<usize>,
    /// Position of each item in `view`, `usize::MAX` if filtered out.
    rank: Vec<usize>,
    /// The ledger: each claim's status, the filter by status, progress.
    book: Book,
}

impl ClaimsPane {
    pub fn new(doc: &Document, flow: &Flow) -> ClaimsPane {
        let mut pane = ClaimsPane {
            shown: Visibility::Auto,
            selected: Selected::default(),
            by_score: false,
            filter: None,
            sentence: Vec::new(),
            view: Vec::new(),
            in_order: Vec::new(),
            rank: Vec::new(),
            book: Book::default(),
        };
        pane.renew(doc, flow);
        pane
    }

    /// The claims of a new version of the document, listed with the same
    /// filter and order; the selection stays on its row where it can.
    pub fn renew(&mut self, doc: &Document, flow: &Flow) {
        self.sentence = doc
            .claims
            .iter()
            .map(|c| {
                let turn = flow
                    .sections
                    .get(c.section)
                    .map_or(0, |s| s.first_turn as usize + c.turn);
                flow.sentence_in(turn, c.paragraph, c.start)
            })
            .collect();
        self.book.renew(doc, flow);
        self.rebuild(doc);
    }

    /// The ledger as the shell has it now.
    pub fn set_ledger(&mut self, entries: Entries, doc: &Document, flow: &Flow) {
        self.book.set_entries(entries, doc, flow);
        self.rebuild(doc);
    }

    /// An edit made here, shown before the shell saves it; `claim` is the
    /// detected claim a new entry is for.
    pub fn edit(&mut self, edit: &Edit, claim: Option<usize>, doc: &Document, flow: &Flow) {
        self.book.apply(edit, claim, doc, flow);
        self.rebuild(doc);
    }

    pub fn book(&self) -> &Book {
        &self.book
    }

    pub fn set_now(&mut self, now_secs: u64) {
        self.book.set_now(now_secs.saturating_mul(1000));
    }

    /// The next status filter; says which.
    pub fn cycle_status(&mut self, doc: &Document) -> String {
        let said = self.book.cycle();
        self.selected = Selected::default();
        self.rebuild(doc);
        said
    }

    /// What row `i` of the list is.
    pub fn item(&self, i: usize) -> Option<Item> {
        let v = *self.view.get(i)?;
        let n = self.sentence.len();
        Some(if v < n {
            Item::Claim(v)
        } else {
            Item::Extra(v - n)
        })
    }

    /// The selected row's item.
    pub fn selected_item(&self) -> Option<Item> {
        self.item(self.selected.get())
    }

    /// The status of an item.
    pub fn status_of(&self, item: Item) -> Status {
        match item {
            Item::Claim(c) => self.book.of_claim(c).1,
            Item::Extra(j) => self
                .book
                .extra()
                .get(j)
                .map_or(Status::Unchecked, |e| e.status),
        }
    }

    /// The ledger entry of an item, if the user touched it.
    pub fn entry_id(&self, item: Item) -> Option<&str> {
        match item {
            Item::Claim(c) => self.book.of_claim(c).0,
            Item::Extra(j) => self.book.extra().get(j).map(|e| e.id.as_str()),
        }
    }

    /// The sentence an item starts in (an extra one found nowhere: none).
    fn item_sentence(&self, v: usize) -> Option<usize> {
        let n = self.sentence.len();
        match v < n {
            true => self.sentence.get(v).copied(),
            false => self.book.extra().get(v - n)?.sentence,
        }
    }

    pub fn shown(&self) -> Visibility {
        self.shown
    }

    pub fn toggle(&mut self, showing: bool) {
        self.shown = self.shown.toggled(showing);
    }

    /// Back to showing only where there is room.
    pub fn unforce(&mut self) {
        self.shown = Visibility::Auto;
    }

    /// The claims listed, as indices into `doc.claims`.
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The selected row of the list.
    pub fn selected(&self) -> usize {
        self.selected.get()
    }

    pub fn by_score(&self) -> bool {
        self.by_score
    }

    pub fn filter(&self) -> Option<ClaimKind> {
        self.filter
    }

    /// The sentence of claim `c` (an index into `doc.claims`).
    pub fn sentence_of(&self, c: usize) -> Option<usize> {
        self.sentence.get(c).copied()
    }

    /// The sentence of each claim in `doc.claims`, in document order.
    pub fn sentences(&self) -> &[usize] {
        &self.sentence
    }

    /// The sentence of the selected claim.
    pub fn selected_sentence(&self) -> Option<usize> {
        self.item_sentence(*self.view.get(self.selected.get())?)
    }

    pub fn select(&mut self, n: isize) {
        self.selected.step(n, self.view.len());
    }

    pub fn select_at(&mut self, i: usize) {
        self.selected.set(i, self.view.len());
    }

    /// Unfocused, the selection follows the reader to the nearest claim.
    pub fn follow(&mut self, cursor: usize) {
        if let Some(i) = self.nearest(cursor) {
            self.selected.set(i, self.view.len());
        }
    }

    /// The first claim (of any kind) after sentence `cursor`.
    pub fn after(&self, cursor: usize) -> Option<usize> {
        let next = self.sentence.partition_point(|&s| s <= cursor);
        self.sentence.get(next).copied()
    }

    /// The last claim (of any kind) before sentence `cursor`.
    pub fn before(&self, cursor: usize) -> Option<usize> {
        let before = self.sentence.partition_point(|&s| s < cursor);
        self.sentence.get(before.checked_sub(1)?).copied()
    }

    /// Order by score, or back to document order; says which.
    pub fn toggle_order(&mut self, doc: &Document) -> &'static str {
        self.by_score = !self.by_score;
        self.selected = Selected::default();
        self.rebuild(doc);
        match self.by_score {
            true => "claims by score",
            false => "claims in document order",
        }
    }

    /// The next kind filter: all, statistics, forecasts, comparisons.
    pub fn cycle_filter(&mut self, doc: &Document) -> String {
        self.filter = match self.filter {
            None => Some(ClaimKind::Statistic),
            Some(ClaimKind::Statistic) => Some(ClaimKind::Forecast),
            Some(ClaimKind::Forecast) => Some(ClaimKind::Comparison),
            Some(ClaimKind::Comparison) => None,
        };
        self.selected = Selected::default();
        self.rebuild(doc);
        format!("claims: {}", self.filter.map_or("all", ClaimKind::as_str))
    }

    fn rebuild(&mut self, doc: &Document) {
        let claims = &doc.claims;
        let (book, n) = (&self.book, claims.len());
        let detected = (0..n).filter(|&i| {
            self.filter.is_none_or(|k| claims[i].kind == k) && book.shows(book.of_claim(i).1)
        });
        // Entries the detector does not find have no kind of today's: they
        // are listed under every kind only.
        let extra = (book.extra().iter().enumerate())
            .filter(|(_, e)| self.filter.is_none() && book.shows(e.status))
            .map(|(j, _)| n + j);
        let mut in_order: Vec<usize> = detected.chain(extra).collect();
        if !book.extra().is_empty() {
            in_order.sort_by_key(|&v| (self.item_sentence(v).unwrap_or(usize::MAX), v));
        }
        let mut view = in_order.clone();
        if self.by_score {
            let score = |v: usize| claims.get(v).map_or(0.0, |c| c.score);
            view.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
        }
        self.rank = vec![usize::MAX; n + book.extra().len()];
        for (pos, &c) in view.iter().enumerate() {
            self.rank[c] = pos;
        }
        self.in_order = in_order;
        self.view = view;
        let i = self.selected.get();
        self.selected.set(i, self.view.len());
    }

    /// Row in the list of the shown claim nearest sentence `cursor`: the
    /// first at or after it, else the last before it. O(log n).
    pub fn nearest(&self, cursor: usize) -> Option<usize> {
        let order = &self.in_order;
        let at = |v: usize| self.item_sentence(v).unwrap_or(usize::MAX);
        let i = order.partition_point(|&c| at(c) < cursor);
        let c = order.get(i).or_else(|| order.last())?;
        Some(self.rank[*c])
    }
}
