//! The claims sidebar: its kind filter and order, the list they give, its
//! selection, and each claim's sentence. The list is rebuilt by the
//! methods that change the filter or the order, so it can never be stale.

use super::contents::Visibility;
use super::flow::Flow;
use super::list::Selected;
use crate::transcript::{ClaimKind, Document};

pub struct ClaimsPane {
    shown: Visibility,
    selected: Selected,
    by_score: bool,
    filter: Option<ClaimKind>,
    /// The sentence of each claim in `doc.claims` (non-decreasing).
    sentence: Vec<usize>,
    /// Claims shown, as indices into `doc.claims`, after the kind filter
    /// and in the chosen order.
    view: Vec<usize>,
    /// The filtered claims in document order, for finding the nearest one.
    in_order: Vec<usize>,
    /// Position of each claim in `view`, `usize::MAX` if filtered out.
    rank: Vec<usize>,
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
        self.rebuild(doc);
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
        self.sentence_of(*self.view.get(self.selected.get())?)
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
        self.in_order = (0..claims.len())
            .filter(|&i| self.filter.is_none_or(|k| claims[i].kind == k))
            .collect();
        let mut view = self.in_order.clone();
        if self.by_score {
            view.sort_by(|&a, &b| claims[b].score.total_cmp(&claims[a].score).then(a.cmp(&b)));
        }
        self.rank = vec![usize::MAX; claims.len()];
        for (pos, &c) in view.iter().enumerate() {
            self.rank[c] = pos;
        }
        self.view = view;
        let i = self.selected.get();
        self.selected.set(i, self.view.len());
    }

    /// Row in the list of the shown claim nearest sentence `cursor`: the
    /// first at or after it, else the last before it. O(log n).
    pub fn nearest(&self, cursor: usize) -> Option<usize> {
        let order = &self.in_order;
        let i = order.partition_point(|&c| self.sentence[c] < cursor);
        let c = order.get(i).or_else(|| order.last())?;
        Some(self.rank[*c])
    }
}
