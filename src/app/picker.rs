//! The code picker's handlers (`C`): on the current sentence, the
//! selection, or the bookmark selected in the list; a filter line that
//! narrows the codes by a fuzzy match on their paths (the most recent
//! first while it is empty), `Enter` to apply the selected code, take it
//! off, or create the code typed, `1`–`9` for the first nine codes while
//! the filter is empty, and `Tab` for the whole turn. What applying does
//! to the quote and the codebook is `picker/apply.rs`.

use super::action::{Action, EditKey, Effect, Target as Clicked};
use super::coding::{Coding, score};
use super::line_edit::{Edited, LineEdit};
use super::quotes;
use super::state::{Overlay, State};

mod apply;
pub use apply::{Resolved, resolve};

/// The picker while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The filter.
    pub line: LineEdit,
    /// The selected row of [`rows`].
    pub selected: usize,
    pub target: Target,
    /// `Tab`: code the whole turn the target's sentences are in.
    pub whole_turn: bool,
}

/// What the picker codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The current sentence: the bookmark over it, else a new one.
    Sentence(usize),
    /// The selection, sentences `first..=last`: the bookmark quoting
    /// exactly them, else a new one.
    Selection(usize, usize),
    /// A bookmark chosen in the list, by id.
    Bookmark(String),
}

/// A row of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// `+ create "text"`: the filter names no code.
    Create(String),
    /// A code, by id.
    Code(String),
}

/// `C` while reading: the selection, else the current sentence.
pub fn open(state: &mut State) {
    let target = match state.selected_range() {
        Some((first, last)) => Target::Selection(first, last),
        None => Target::Sentence(state.cursor()),
    };
    open_on(state, target);
}

/// `C` in the bookmarks list: the selected bookmark.
pub fn open_on_bookmark(state: &mut State) {
    if let Some(i) = quotes::selected(state) {
        let id = state.marks.list()[i].bookmark.id.clone();
        open_on(state, Target::Bookmark(id));
    }
}

fn open_on(state: &mut State, target: Target) {
    state.open(Overlay::Picker(Picker {
        line: LineEdit::default(),
        selected: 0,
        target,
        whole_turn: false,
    }));
}

/// The picker, if it is open.
pub fn picker(state: &State) -> Option<&Picker> {
    match state.overlay() {
        Some(Overlay::Picker(p)) => Some(p),
        _ => None,
    }
}

fn picker_mut(state: &mut State) -> Option<&mut Picker> {
    match state.overlay_mut() {
        Some(Overlay::Picker(p)) => Some(p),
        _ => None,
    }
}

/// The keys of the open picker.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Edit(key) => filter_key(state, key),
        Action::SelectDown => select(state, 1),
        Action::SelectUp => select(state, -1),
        Action::ApplyCode => return apply::apply(state, None),
        Action::Click(Clicked::Code(row)) => return apply::apply(state, Some(row)),
        Action::CodeNth(n) => return nth(state, n),
        Action::CodeTurn => whole_turn(state),
        Action::CloseOverlay => close(state),
        _ => {}
    }
    None
}

/// The picker's rows for its filter now.
pub fn rows(state: &State) -> Vec<Row> {
    picker(state).map_or_else(Vec::new, |p| rows_for(state.coding(), p.line.text.trim()))
}

/// The rows for `filter`: every code, the most recent first, while it is
/// empty; else the codes it matches, best first (the most recent first
/// among equals), after `+ create` when it names no code and could.
pub fn rows_for(coding: &Coding, filter: &str) -> Vec<Row> {
    let listed = coding.listed();
    if filter.is_empty() {
        return listed.iter().map(|c| Row::Code(c.id.clone())).collect();
    }
    let mut scored: Vec<_> = listed
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((score(&coding.path(&c.id)?, filter)?, i, &c.id)))
        .collect();
    scored.sort();
    let book = coding.book();
    let creatable =
        book.find(filter).is_none() && book.plan_create(filter, String::new(), String::new).is_ok();
    let create = creatable.then(|| Row::Create(filter.to_string()));
    create
        .into_iter()
        .chain(scored.into_iter().map(|(_, _, id)| Row::Code(id.clone())))
        .collect()
}

/// The row selected as the filter changes: the best match if there is
/// one, else `+ create`. Enter creates a code only when no code matches or
/// the create row is chosen, so a few letters of a code never make a new one.
fn first_choice(rows: &[Row]) -> usize {
    match rows {
        [Row::Create(_), Row::Code(_), ..] => 1,
        _ => 0,
    }
}

/// A key typed into the filter. Enter and Esc come as the picker's own
/// actions; as text keys (unbound) they do nothing.
fn filter_key(state: &mut State, key: EditKey) {
    let Some(p) = picker_mut(state) else {
        return;
    };
    match p.line.apply(key) {
        Edited::Changed => {
            let rows = rows(state);
            if let Some(p) = picker_mut(state) {
                p.selected = first_choice(&rows);
            }
        }
        Edited::Other(EditKey::Down) => select(state, 1),
        Edited::Other(EditKey::Up) => select(state, -1),
        _ => {}
    }
}

fn select(state: &mut State, n: isize) {
    let max = rows(state).len().saturating_sub(1);
    if let Some(p) = picker_mut(state) {
        p.selected = p.selected.saturating_add_signed(n).min(max);
    }
}

/// `1`–`9` while the filter is empty: the Nth code listed. Once the
/// filter has text the keys type (`tty::keys`), so here they do nothing.
fn nth(state: &mut State, n: u8) -> Option<Effect> {
    if !picker(state)?.line.text.is_empty() {
        return None;
    }
    let count = rows(state).len();
    let row = usize::from(n).checked_sub(1)?;
    if row >= count {
        state.say(match count {
            0 => "no codes yet: type a name to make one".to_string(),
            1 => "only one code is listed".to_string(),
            _ => format!("only {count} codes are listed"),
        });
        return None;
    }
    apply::apply(state, Some(row))
}

/// `Tab`: the whole turn, or the sentence or selection again. A bookmark
/// from the list is coded as it is.
fn whole_turn(state: &mut State) {
    match picker_mut(state) {
        Some(p) if !matches!(p.target, Target::Bookmark(_)) => p.whole_turn = !p.whole_turn,
        Some(_) => state.say("a bookmark from the list is coded as it is"),
        None => {}
    }
}

/// Close the picker: back to the bookmarks list if it came from there.
pub fn close(state: &mut State) {
    if let Some(Overlay::Picker(p)) = state.close()
        && let Target::Bookmark(id) = p.target
    {
        let selected = state.marks.position(&id).unwrap_or(0);
        state.open(Overlay::Bookmarks { selected });
    }
}

/// What the title calls the target, and what `Tab` would make it.
pub fn target_names(state: &State, p: &Picker) -> (&'static str, Option<&'static str>) {
    let base = match p.target {
        Target::Bookmark(_) => return ("bookmark", None),
        Target::Sentence(s) if state.marks.at(&state.opened, s).is_some() => "bookmark",
        Target::Sentence(_) => "sentence",
        Target::Selection(..) => "selection",
    };
    match p.whole_turn {
        true => ("whole turn", Some(base)),
        false => (base, Some("whole turn")),
    }
}

/// The ids of the codes the target has now (a ✓ in the picker).
pub fn target_codes<'a>(state: &'a State, p: &Picker) -> &'a [String] {
    match resolve(state, p) {
        Resolved::Mark(i) => &state.marks.list()[i].bookmark.codes,
        _ => &[],
    }
}
