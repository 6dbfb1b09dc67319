//! The claims ledger's keys: a status per key on the selected claim, its
//! note and sources in the line editor, `o` opening its first source URL,
//! the status filter, and `+` making the current sentence a claim by hand.
//! Each change is shown at once and goes to the shell as
//! `Effect::Ledger`; a detected claim's first change makes its entry
//! (`Entry::for_claim`, dated by the input's clock, never read here).

use super::action::{EditKey, Effect};
use super::claims::Item;
use super::line_edit::{Edited, LineEdit};
use super::marks;
use super::state::{Overlay, State};
use crate::store::anchor::span_text;
use crate::store::ledger::{Edit, Entries, Entry, Source, Stamped, Status};
use crate::store::record::MAX_QUOTE_CHARS;

/// The line editor on a claim's note or a new source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEdit {
    /// The entry edited, if the claim has one yet.
    pub id: Option<String>,
    /// The detected claim, for making its entry at the first change.
    pub claim: Option<usize>,
    /// A source being added, rather than the note.
    pub source: bool,
    pub line: LineEdit,
}

/// What a key changes.
enum Change {
    Status(Status),
    Note(String),
    Source(String),
}

/// The ledger as the shell reports it.
pub fn report(state: &mut State, entries: Entries) {
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    state.claims.set_ledger(entries, doc, flow);
}

/// The selected claim: its entry's id and its detected claim.
fn subject(state: &mut State) -> Option<(Option<String>, Option<usize>)> {
    let Some(item) = state.claims.selected_item() else {
        state.say("no claim selected");
        return None;
    };
    let id = state.claims.entry_id(item).map(str::to_string);
    let claim = match item {
        Item::Claim(c) => Some(c),
        Item::Extra(_) => None,
    };
    Some((id, claim))
}

/// The edit that makes `change`: on the entry, or a new entry for a
/// detected claim with the change in it.
fn edit_for(
    state: &State,
    id: Option<String>,
    claim: Option<usize>,
    change: Change,
) -> Option<Edit> {
    if let Some(id) = id {
        return Some(match change {
            Change::Status(status) => Edit::Status { id, status },
            Change::Note(note) => Edit::Note { id, note },
            Change::Source(source) => Edit::AddSource { id, source },
        });
    }
    let doc = state.opened.doc();
    let c = doc.claims.get(claim?)?;
    let mut e = Entry::for_claim(doc, c, state.opened.hash(), state.claims.book().now())?;
    match change {
        Change::Status(s) => e.status = Stamped::new(s, 0),
        Change::Note(n) => e.note = Stamped::new(n, 0),
        Change::Source(text) => e.sources.push(Source {
            text,
            at: 0,
            removed: false,
        }),
    }
    Some(Edit::Add(Box::new(e)))
}

/// Show the edit and send it to the shell.
fn commit(state: &mut State, edit: Edit, claim: Option<usize>) -> Option<Effect> {
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    state.claims.edit(&edit, claim, doc, flow);
    Some(Effect::Ledger(edit))
}

/// A status key on the selected claim.
pub fn set_status(state: &mut State, status: Status) -> Option<Effect> {
    let (id, claim) = subject(state)?;
    let Some(edit) = edit_for(state, id, claim, Change::Status(status)) else {
        state.say("this claim cannot be marked: it is not in the document");
        return None;
    };
    let said = match status {
        Status::NotAClaim if !state.claims.book().shows(status) => {
            "not a claim: hidden from the list, kept in the ledger".to_string()
        }
        s => format!("claim marked {}", s.label()),
    };
    let effect = commit(state, edit, claim);
    state.say(said);
    effect
}

/// `e` (the note) or `a` (a new source) in the line editor.
pub fn open_editor(state: &mut State, source: bool) {
    let Some((id, claim)) = subject(state) else {
        return;
    };
    let note = match (&id, source) {
        (Some(id), false) => state.claims.book().entry(id).map(|e| e.note().to_string()),
        _ => None,
    };
    let line = LineEdit::new(note.unwrap_or_default());
    state.open(Overlay::Claim(ClaimEdit {
        id,
        claim,
        source,
        line,
    }));
}

/// A key in the claim's line editor.
pub fn edit_key(state: &mut State, key: EditKey) -> Option<Effect> {
    let Some(Overlay::Claim(edit)) = state.overlay_mut() else {
        return None;
    };
    match edit.line.apply(key) {
        Edited::Cancel => {
            state.close();
            None
        }
        Edited::Submit => {
            let ClaimEdit {
                id,
                claim,
                source,
                line,
            } = edit.clone();
            state.close();
            let text = line.text.trim().to_string();
            let (change, said) = match source {
                true if text.is_empty() => return None,
                true => (Change::Source(text), "source added"),
                false => (Change::Note(text), "claim note saved"),
            };
            let edit = edit_for(state, id, claim, change)?;
            let effect = commit(state, edit, claim);
            state.say(said);
            effect
        }
        _ => None,
    }
}

/// `o`: the selected claim's first source that is a web address, opened
/// by the system (the shell does not wait for it).
pub fn open_source(state: &mut State) -> Option<Effect> {
    let (id, _) = subject(state)?;
    let url = id
        .as_deref()
        .and_then(|id| state.claims.book().entry(id))
        .and_then(Entry::first_url)
        .map(str::to_string);
    match url {
        Some(url) => {
            state.say(format!("opening {url}"));
            Some(Effect::OpenUrl(url))
        }
        None => {
            state.say("this claim has no source URL to open");
            None
        }
    }
}

/// The next status filter.
pub fn cycle_filter(state: &mut State) {
    let said = state.claims.cycle_status(state.opened.doc());
    state.say(said);
}

/// `+`: the current sentence (or the selection) is a claim, added by hand.
pub fn add_claim(state: &mut State) -> Option<Effect> {
    let (first, last) = state
        .marks
        .take_selection()
        .unwrap_or((state.cursor(), state.cursor()));
    let sentences = state.claims.sentences();
    if first == last && sentences.binary_search(&first).is_ok() {
        state.say("this sentence is listed as a claim already");
        return None;
    }
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    let span = marks::span_of(doc, flow, first, last)?;
    let chars = span_text(doc, &span).map_or(0, |t| t.chars().count());
    if chars > MAX_QUOTE_CHARS {
        state.say(format!(
            "not added: {chars} characters, more than a claim keeps"
        ));
        return None;
    }
    let origin = state.marks.next_origin(state.opened.hash());
    let now = state.claims.book().now();
    let entry = Entry::by_hand(state.opened.doc(), span, origin, now)?;
    let effect = commit(state, Edit::Add(Box::new(entry)), None);
    state.say("added as a claim, by hand");
    effect
}
