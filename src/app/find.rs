//! The finder: the search whose matches are shown and the search history
//! (earlier queries of the session); and its handlers: the query line
//! with incremental search from the view, `n`/`N` with wrap-around, and
//! the count growing in the background a slice at a time so no frame
//! waits for a big document.

use super::action::{EditKey, Effect, Leave};
use super::flow::FlowPos;
use super::hints;
use super::line_edit::{Edited, LineEdit};
use super::state::{Overlay, State};
use crate::transcript::Document;
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
    /// Index into the search history while browsing it with ↑/↓.
    pub recalled: Option<usize>,
    /// Where the reader was (cursor and top line), for Esc.
    pub origin: (usize, FlowPos),
}

/// A query of the search history: its text and whether it was a regex,
/// so recalling it with ↑ searches the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    pub text: String,
    pub regex: bool,
}

/// The finder part: the current search and the search history.
#[derive(Debug, Default)]
pub struct Finder {
    find: Option<Find>,
    /// Earlier queries of this session, oldest first.
    queries: Vec<Recalled>,
}

impl Finder {
    /// The search whose matches are shown and reached with `n`/`N`.
    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    pub fn queries(&self) -> &[Recalled] {
        &self.queries
    }

    /// Whether a search still has paragraphs to scan.
    pub fn busy(&self) -> bool {
        self.find.as_ref().is_some_and(|f| !f.search.is_done())
    }

    /// Drop the search; whether there was one.
    pub fn clear(&mut self) -> bool {
        self.find.take().is_some()
    }

    /// The same search over a new version of the document, counted again
    /// from the start; the current match is forgotten (its place may not
    /// be the same text any more).
    pub fn restart(&mut self, doc: &Document) {
        if let Some(find) = &mut self.find {
            // Search::new clamps the origin to the new document.
            let origin = find.search.origin();
            find.search = Search::new(find.search.matcher().clone(), doc, origin);
            find.current = None;
            find.section_counts = Vec::new();
        }
    }

    fn remember(&mut self, query: Recalled) {
        if !query.text.is_empty() {
            self.queries.retain(|h| h.text != query.text);
            self.queries.push(query);
        }
    }
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
            None if total == 1 && more.is_empty() => "1 match".into(),
            None => format!("{total}{more} matches"),
        }
    }
}

/// `/`: open the query line.
pub fn open(state: &mut State) {
    let origin = (state.cursor(), state.top());
    state.open(Overlay::Query(Query {
        line: LineEdit::default(),
        regex: false,
        recalled: None,
        origin,
    }));
}

/// A key in the query line.
pub fn key(state: &mut State, key: EditKey) {
    let queries = state.finder.queries.clone();
    let Some(Overlay::Query(q)) = state.overlay_mut() else {
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
            let n = queries.len();
            let recalled = match (q.recalled, k) {
                (None, EditKey::Up) if n > 0 => Some(n - 1),
                (Some(i), EditKey::Up) => Some(i.saturating_sub(1)),
                (Some(i), EditKey::Down) if i + 1 < n => Some(i + 1),
                _ => None,
            };
            q.recalled = recalled;
            let entry = recalled.map(|i| &queries[i]);
            q.line = LineEdit::new(entry.map_or_else(String::new, |e| e.text.clone()));
            // Back past the newest entry: an empty line, searching as typed.
            if let Some(e) = entry {
                q.regex = e.regex;
            }
            restart(state);
        }
        Edited::Other(_) => {}
        Edited::Submit => {
            let text = Recalled {
                text: q.line.text.clone(),
                regex: q.regex,
            };
            let origin = q.origin.0;
            state.close();
            if state.cursor() != origin {
                state.jumps.record(origin);
            }
            state.finder.remember(text);
            state.set_message(state.finder.find().map(Find::status));
        }
        Edited::Cancel => {
            let origin = q.origin;
            state.close();
            state.finder.clear();
            state.set_message(None);
            state.view.restore(&state.opened, origin);
            state.sync_lists();
        }
    }
}

/// A search given at start (a hit of the library's search): its matches
/// shown, the first at or after the cursor current, kept as if typed and
/// submitted so `n`/`N` go on from it.
pub fn begin(state: &mut State, text: &str, regex: bool) {
    let Ok(matcher) = Matcher::new(text, regex) else {
        return;
    };
    let para = paragraph_of(state, state.cursor());
    let mut search = Search::new(matcher, state.doc(), para);
    search.finish(state.doc());
    let section_counts = search.counts_by_section();
    state.finder.find = Some(Find {
        search,
        current: None,
        section_counts,
    });
    state.finder.remember(Recalled {
        text: text.to_string(),
        regex,
    });
    show_first(state);
}

/// The query changed: search again from where the reader was.
fn restart(state: &mut State) {
    let Some(Overlay::Query(q)) = state.overlay() else {
        return;
    };
    let origin = q.origin;
    let matcher = Matcher::new(&q.line.text, q.regex);
    let typed = !q.line.text.is_empty();
    state.finder.clear();
    state.view.restore(&state.opened, origin);
    state.sync_lists();
    let matcher = match matcher {
        Ok(m) => m,
        Err(e) => {
            // An empty query just shows nothing; a bad regex says why.
            match typed {
                true => state.warn(e.to_string()),
                false => state.set_message(None),
            }
            return;
        }
    };
    let para = paragraph_of(state, origin.0);
    let doc = state.doc();
    let mut search = Search::new(matcher, doc, para);
    let mut spent = 0;
    while search.first() == Lookup::Pending
        && spent < KEYSTROKE_BUDGET
        && !search.step(doc, TICK_BUDGET)
    {
        spent += TICK_BUDGET;
    }
    let section_counts = if search.is_done() {
        search.counts_by_section()
    } else {
        Vec::new()
    };
    state.finder.find = Some(Find {
        search,
        current: None,
        section_counts,
    });
    show_first(state);
}

/// Go to the first match at or after the origin once it is known.
fn show_first(state: &mut State) {
    let Some(find) = state.finder.find() else {
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
    state.set_message(state.finder.find().map(Find::status));
}

/// Background work between key presses: grow the count. A status line
/// that shows the count (`match 1/33+`, said when the query was kept with
/// Enter) follows it, so it does not stay stale until the next key.
pub fn tick(state: &mut State) {
    let Some(find) = &mut state.finder.find else {
        return;
    };
    if find.search.is_done() {
        return show_first(state);
    }
    let before = find.status();
    if find.search.step(state.opened.doc(), TICK_BUDGET) {
        find.section_counts = find.search.counts_by_section();
    }
    let shown = state.message() == Some(before.as_str());
    show_first(state);
    if shown {
        state.set_message(state.finder.find().map(Find::status));
    }
}

/// `n` / `N`: the next or previous match, wrapping around the document;
/// in a reader opened at a hit of the library's search, past the last
/// (first) match it asks the library for the next (previous) transcript.
pub fn step(state: &mut State, forward: bool) -> Option<Effect> {
    let cursor = state.cursor();
    let onward = state.link().is_some_and(|l| l.onward);
    let (opened, finder) = (&state.opened, &mut state.finder);
    let Some(find) = &mut finder.find else {
        state.say(hints::no_search(state.keymap()));
        return None;
    };
    let flow = opened.flow();
    let from = match find.current {
        Some(h) if forward => Pos::after(&h),
        Some(h) => h.pos(),
        None => {
            let s = flow.sentences.get(cursor);
            let para = flow.para_index(s.map_or(0, |s| s.block as usize));
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
        find.search.finish(opened.doc());
        find.section_counts = find.search.counts_by_section();
    }
    match lookup(find) {
        Lookup::Found { wrapped: true, .. } if onward => {
            return Some(Effect::Leave(match forward {
                true => Leave::Next,
                false => Leave::Prev,
            }));
        }
        Lookup::Found { index, wrapped } => {
            let hit = find.search.get(index).copied()?;
            state.jump(|state| goto(state, hit));
            let status = state.finder.find().map(Find::status).unwrap_or_default();
            state.say(if wrapped {
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
        Lookup::None | Lookup::Pending => state.say("no match"),
    }
    None
}

fn goto(state: &mut State, hit: Hit) {
    if let Some(find) = &mut state.finder.find {
        find.current = Some(hit);
    }
    let turn = state
        .flow()
        .sections
        .get(hit.section)
        .map_or(0, |s| s.first_turn as usize + hit.turn);
    let s = state.flow().sentence_in(turn, hit.paragraph, hit.start);
    state.move_to(s);
}

/// The flat paragraph of sentence `s`.
fn paragraph_of(state: &State, s: usize) -> usize {
    let flow = state.flow();
    let block = flow.sentences.get(s).map_or(0, |s| s.block as usize);
    flow.para_index(block)
}
