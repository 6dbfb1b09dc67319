//! The search half of `update`: the query line with incremental search
//! from the view, `n`/`N` with wrap-around, and the count growing in the
//! background a slice at a time so no frame waits for a big document.

use super::action::EditKey;
use super::hints;
use super::line_edit::{Edited, LineEdit};
use super::state::{Anchor, Overlay, State};
use super::update::move_cursor;
use crate::transcript::search::{Hit, Lookup, Matcher, Pos, Search};

/// Bytes scanned per key typed before drawing; the rest follows in ticks.
const KEYSTROKE_BUDGET: usize = 1 << 20;
/// Bytes scanned per idle tick (about a millisecond).
const TICK_BUDGET: usize = 512 << 10;

/// The query line while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub line: LineEdit,
    pub regex: bool,
    /// Index into `State::history` while browsing it with ↑/↓.
    pub recalled: Option<usize>,
    /// Where the reader was, for Esc.
    pub origin: (usize, Anchor),
}

/// A search and where it stands.
#[derive(Debug, Clone)]
pub struct Find {
    pub search: Search,
    pub current: Option<Hit>,
    /// Matches per section, once the count is complete.
    pub section_counts: Vec<usize>,
}

impl Find {
    /// `match 3/17`, with `+` while the count is still growing.
    pub fn status(&self) -> String {
        let total = self.search.count();
        let more = if self.search.is_done() { "" } else { "+" };
        match self.current.and_then(|h| self.search.index_of(&h)) {
            Some(i) => format!("match {}/{total}{more}", i + 1),
            None if total == 0 && self.search.is_done() => "no match".into(),
            None => format!("{total}{more} matches"),
        }
    }
}

/// `/`: open the query line.
pub fn open(state: &mut State) {
    state.overlay = Some(Overlay::Query(Query {
        line: LineEdit::default(),
        regex: false,
        recalled: None,
        origin: (state.cursor, state.top),
    }));
}

/// A key in the query line.
pub fn key(state: &mut State, key: EditKey) {
    let Some(Overlay::Query(q)) = &mut state.overlay else {
        return;
    };
    match q.line.apply(key) {
        Edited::Changed => restart(state),
        Edited::Moved => {}
        Edited::Other(EditKey::ToggleRegex) => {
            q.regex = !q.regex;
            restart(state);
        }
        Edited::Other(k @ (EditKey::Up | EditKey::Down)) => {
            let n = state.history.len();
            let recalled = match (q.recalled, k) {
                (None, EditKey::Up) if n > 0 => Some(n - 1),
                (Some(i), EditKey::Up) => Some(i.saturating_sub(1)),
                (Some(i), EditKey::Down) if i + 1 < n => Some(i + 1),
                _ => None,
            };
            q.recalled = recalled;
            q.line = LineEdit::new(recalled.map_or_else(String::new, |i| state.history[i].clone()));
            restart(state);
        }
        Edited::Other(_) => {}
        Edited::Submit => {
            let text = q.line.text.clone();
            let origin = q.origin.0;
            state.overlay = None;
            if state.cursor != origin {
                super::history::record(state, origin);
            }
            if !text.is_empty() {
                state.history.retain(|h| *h != text);
                state.history.push(text);
            }
            state.message = state.find.as_ref().map(Find::status);
        }
        Edited::Cancel => {
            let (cursor, top) = q.origin;
            state.overlay = None;
            state.find = None;
            state.message = None;
            state.top = top;
            move_cursor(state, cursor);
        }
    }
}

/// The query changed: search again from where the reader was.
fn restart(state: &mut State) {
    let Some(Overlay::Query(q)) = &state.overlay else {
        return;
    };
    let (origin, top) = q.origin;
    let matcher = Matcher::new(&q.line.text, q.regex);
    let typed = !q.line.text.is_empty();
    state.find = None;
    state.top = top;
    move_cursor(state, origin);
    let matcher = match matcher {
        Ok(m) => m,
        Err(e) => {
            // An empty query just shows nothing; a bad regex says why.
            state.message = typed.then(|| e.to_string());
            return;
        }
    };
    let para = paragraph_of(state, origin);
    let mut search = Search::new(matcher, &state.doc, para);
    let mut spent = 0;
    while search.first() == Lookup::Pending
        && spent < KEYSTROKE_BUDGET
        && !search.step(&state.doc, TICK_BUDGET)
    {
        spent += TICK_BUDGET;
    }
    let section_counts = if search.is_done() {
        search.counts_by_section()
    } else {
        Vec::new()
    };
    state.find = Some(Find {
        search,
        current: None,
        section_counts,
    });
    show_first(state);
}

/// Go to the first match at or after the origin once it is known.
fn show_first(state: &mut State) {
    let Some(find) = &state.find else {
        return;
    };
    if find.current.is_some() {
        return;
    }
    if let Lookup::Found { index, .. } = find.search.first()
        && let Some(hit) = find.search.get(index).copied()
    {
        goto(state, hit);
    }
    state.message = state.find.as_ref().map(Find::status);
}

/// Background work between key presses: grow the count.
pub fn tick(state: &mut State) {
    let Some(find) = &mut state.find else {
        return;
    };
    if find.search.step(&state.doc, TICK_BUDGET) {
        find.section_counts = find.search.counts_by_section();
    }
    show_first(state);
}

/// Whether a search still has paragraphs to scan.
pub fn busy(state: &State) -> bool {
    state.find.as_ref().is_some_and(|f| !f.search.is_done())
}

/// `n` / `N`: the next or previous match, wrapping around the document.
pub fn step(state: &mut State, forward: bool) {
    let Some(find) = &mut state.find else {
        state.message = Some(hints::no_search(&state.keymap));
        return;
    };
    let from = match find.current {
        Some(h) if forward => Pos::after(&h),
        Some(h) => h.pos(),
        None => {
            let s = state.flow.sentences.get(state.cursor);
            let para = state.flow.para_index(s.map_or(0, |s| s.block as usize));
            Pos::new(para, s.map_or(0, |s| s.start as usize))
        }
    };
    let lookup = |f: &Find| {
        if forward {
            f.search.next_from(from)
        } else {
            f.search.prev_from(from)
        }
    };
    if lookup(find) == Lookup::Pending {
        // `n` must answer now: finish the scan (tens of milliseconds at most).
        find.search.finish(&state.doc);
        find.section_counts = find.search.counts_by_section();
    }
    match lookup(find) {
        Lookup::Found { index, wrapped } => {
            let Some(hit) = find.search.get(index).copied() else {
                return;
            };
            goto(state, hit);
            let status = state.find.as_ref().map(Find::status).unwrap_or_default();
            state.message = Some(if wrapped {
                let end = if forward {
                    "bottom, went on from the top"
                } else {
                    "top, went on from the bottom"
                };
                format!("{status} · search hit {end}")
            } else {
                status
            });
        }
        Lookup::None | Lookup::Pending => state.message = Some("no match".into()),
    }
}

fn goto(state: &mut State, hit: Hit) {
    if let Some(find) = &mut state.find {
        find.current = Some(hit);
    }
    let turn = state
        .flow
        .sections
        .get(hit.section)
        .map_or(0, |s| s.first_turn as usize + hit.turn);
    let s = state.flow.sentence_in(turn, hit.paragraph, hit.start);
    move_cursor(state, s);
}

/// The flat paragraph of sentence `s`.
fn paragraph_of(state: &State, s: usize) -> usize {
    let block = state.flow.sentences.get(s).map_or(0, |s| s.block as usize);
    state.flow.para_index(block)
}
