//! The code overview (`#`): the codebook as a tree, each code with its
//! quotes in this document, in all and per speaker (the store's
//! [`overview`] on the marks: the reader has this document's bookmarks
//! only), a code selected, and editing the codebook from there: rename,
//! recolour, describe, move under another code, a new code
//! (`codes_pane/edit.rs`). Each edit changes the reader's book at once and
//! goes to the shell as [`Effect::ChangeCodes`]; the shell's answer, the
//! book as saved, replaces it.

use super::action::{Action, Effect};
use super::line_edit::LineEdit;
use super::state::{Overlay, State};
use crate::store::overview::{Overview, overview};

mod edit;

/// The overview while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodesPane {
    /// The selected code, by id: it stays selected when an edit moves it
    /// in the tree or the book as saved comes back in another order.
    selected: Option<String>,
    editing: Option<Editing>,
    /// What was wrong with the last edit, until the next key.
    error: Option<String>,
}

/// An edit being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Editing {
    kind: EditKind,
    line: LineEdit,
    /// The code edited; `None` for a new code.
    code: Option<String>,
}

/// What the line editor is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    Rename,
    Recolor,
    Describe,
    Move,
    New,
}

impl EditKind {
    /// The editor's prompt.
    pub fn prompt(self) -> &'static str {
        match self {
            EditKind::Rename => "rename: ",
            EditKind::Recolor => "colour: ",
            EditKind::Describe => "description: ",
            EditKind::Move => "move under: ",
            EditKind::New => "new code: ",
        }
    }

    /// What the editor takes, for the line under it.
    pub fn help(self) -> &'static str {
        match self {
            EditKind::Rename => "the code's own name",
            EditKind::Recolor => {
                "#RRGGBB or blue, orange, green, purple, teal, pink, olive, violet; empty clears"
            }
            EditKind::Describe => "one line; empty clears",
            EditKind::Move => "the parent's name; empty makes it a top code",
            EditKind::New => "a name, or parent/name to nest it",
        }
    }
}

impl CodesPane {
    /// The selected code's id, if one is.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// The edit being typed: what for, and the line.
    pub fn editing(&self) -> Option<(EditKind, &LineEdit)> {
        self.editing.as_ref().map(|e| (e.kind, &e.line))
    }

    /// What was wrong with the last edit.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// The overview, if it is open.
pub fn pane(state: &State) -> Option<&CodesPane> {
    match state.overlay() {
        Some(Overlay::Codes(p)) => Some(p),
        _ => None,
    }
}

fn pane_mut(state: &mut State) -> Option<&mut CodesPane> {
    match state.overlay_mut() {
        Some(Overlay::Codes(p)) => Some(p),
        _ => None,
    }
}

/// The table the overview shows: every code of the book in tree order
/// with this document's quotes under it, the uncoded ones last.
pub fn table(state: &State) -> Overview {
    let quotes = (state.marks().iter())
        .map(|m| (&m.bookmark, m.citation.clone()))
        .collect();
    overview(state.coding().book(), &[(state.opened().name(), quotes)])
}

/// The row of [`table`] selected: the selected code's, else the first.
pub fn selected_row(pane: &CodesPane, table: &Overview) -> usize {
    let at = |id: &str| table.rows.iter().position(|r| r.id == id);
    pane.selected.as_deref().and_then(at).unwrap_or(0)
}

/// `#`: open the overview on a code of the quote under the cursor, else
/// on the first code.
pub fn open(state: &mut State) {
    let book = state.coding().book();
    let here = (state.cursor_codes().into_iter()).find(|id| book.get(id).is_some());
    let selected = here
        .map(str::to_string)
        .or_else(|| table(state).rows.first().map(|r| r.id.clone()));
    state.open(Overlay::Codes(CodesPane {
        selected,
        ..CodesPane::default()
    }));
}

/// The keys of the open overview: its line editor's while an edit is
/// typed, else its own.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let p = pane_mut(state)?;
    if p.editing.is_some() {
        return match action {
            Action::Edit(key) => edit::key(state, key),
            _ => None,
        };
    }
    p.error = None;
    match action {
        Action::SelectDown => select(state, 1),
        Action::SelectUp => select(state, -1),
        Action::RenameCode => start(state, EditKind::Rename),
        Action::RecolorCode => start(state, EditKind::Recolor),
        Action::DescribeCode => start(state, EditKind::Describe),
        Action::MoveCode => start(state, EditKind::Move),
        Action::NewCode => start(state, EditKind::New),
        Action::CloseOverlay | Action::Codes => {
            state.close();
        }
        _ => {}
    }
    None
}

/// Move the selection by `n` codes, stopping at either end.
fn select(state: &mut State, n: isize) {
    let table = table(state);
    let Some(p) = pane(state) else {
        return;
    };
    let max = table.rows.len().saturating_sub(1);
    let at = selected_row(p, &table).saturating_add_signed(n).min(max);
    let id = table.rows.get(at).map(|r| r.id.clone());
    if let Some(p) = pane_mut(state) {
        p.selected = id;
    }
}

/// Open the line editor for `kind` on the selected code, prefilled with
/// what the code has now; a new code needs none selected.
fn start(state: &mut State, kind: EditKind) {
    let book = state.coding().book();
    let code = pane(state)
        .and_then(|p| p.selected.as_deref())
        .and_then(|id| book.get(id));
    let text = match (kind, code) {
        (EditKind::New, _) => String::new(),
        (_, None) => {
            let why = match table(state).rows.is_empty() {
                true => "no codes yet: make one first",
                false => "that code is not in the codebook (made on another machine?)",
            };
            if let Some(p) = pane_mut(state) {
                p.error = Some(why.to_string());
            }
            return;
        }
        (EditKind::Rename, Some(c)) => c.name.clone(),
        (EditKind::Recolor, Some(c)) => c.color.clone().unwrap_or_default(),
        (EditKind::Describe, Some(c)) => c.description.clone(),
        (EditKind::Move, Some(c)) => (c.parent.as_deref())
            .and_then(|p| book.path(p))
            .unwrap_or_default(),
    };
    let code = code.filter(|_| kind != EditKind::New).map(|c| c.id.clone());
    if let Some(p) = pane_mut(state) {
        p.editing = Some(Editing {
            kind,
            line: LineEdit::new(text),
            code,
        });
    }
}

#[cfg(test)]
mod tests;
