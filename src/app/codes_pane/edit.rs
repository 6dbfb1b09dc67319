//! Editing the codebook from the code overview: the line editor's keys,
//! and on `Enter` the change it makes (rename, recolour, describe, move, a
//! new code), checked by the codebook's own rules and applied here at once,
//! then handed to the shell to save. A change the book refuses leaves the
//! editor open with the reason on one line; a name longer than MAXQDA
//! keeps is made, with a warning.

use super::{EditKind, Editing, pane_mut};
use crate::app::action::{EditKey, Effect};
use crate::app::coding::{Coding, maxqda_warning, too_long_for_maxqda, typed_colour};
use crate::app::line_edit::Edited;
use crate::app::state::State;
use crate::store::codes::{CodeChange, CodeError};

/// A key typed into the editor.
pub fn key(state: &mut State, key: EditKey) -> Option<Effect> {
    let p = pane_mut(state)?;
    let editing = p.editing.as_mut()?;
    match editing.line.apply(key) {
        Edited::Cancel => p.editing = None,
        Edited::Submit => return submit(state),
        Edited::Changed => p.error = None,
        _ => {}
    }
    None
}

/// What an edit did: the changes to save, the code to select after, and
/// what the status line says.
#[derive(Debug, PartialEq)]
struct Done {
    changes: Vec<CodeChange>,
    select: String,
    said: String,
}

/// `Enter`: make the change, or say what is wrong with it.
fn submit(state: &mut State) -> Option<Effect> {
    let editing = pane_mut(state)?.editing.clone()?;
    let done = make(&mut state.coding, &editing);
    let p = pane_mut(state)?;
    let done = match done {
        Ok(done) => done,
        Err(why) => {
            p.error = Some(why);
            return None;
        }
    };
    p.editing = None;
    p.selected = Some(done.select);
    if done.changes.is_empty() {
        return None;
    }
    match too_long_for_maxqda(&done.changes) {
        Some(chars) => state.warn(maxqda_warning(&done.said, chars)),
        None => state.say(done.said),
    }
    Some(Effect::ChangeCodes(done.changes))
}

/// The change `editing` asks for, applied to the reader's book.
fn make(coding: &mut Coding, editing: &Editing) -> Result<Done, String> {
    let text = editing.line.text.trim();
    let Some(id) = editing.code.clone() else {
        return create(coding, text);
    };
    let before = coding.book().get(&id).cloned();
    let old = coding.path(&id).unwrap_or_default();
    let change = match editing.kind {
        EditKind::Rename => CodeChange::Rename {
            id: id.clone(),
            name: text.to_string(),
        },
        EditKind::Recolor => CodeChange::Recolor {
            id: id.clone(),
            color: typed_colour(text)?,
        },
        EditKind::Describe => CodeChange::Describe {
            id: id.clone(),
            description: text.to_string(),
        },
        EditKind::Move => CodeChange::Reparent {
            id: id.clone(),
            parent: parent(coding, &id, text)?,
        },
        EditKind::New => return create(coding, text),
    };
    coding.change(&change).map_err(|e| e.to_string())?;
    let unchanged = coding.book().get(&id).cloned() == before;
    let said = said(coding, &change, &old);
    Ok(Done {
        changes: if unchanged { Vec::new() } else { vec![change] },
        select: id,
        said,
    })
}

/// A new code at `path` (its parent too, if that is new).
fn create(coding: &mut Coding, path: &str) -> Result<Done, String> {
    let (id, changes) = coding.create(path).map_err(|e| e.to_string())?;
    let said = format!("made {}", coding.path(&id).unwrap_or_default());
    Ok(Done {
        changes,
        select: id,
        said,
    })
}

/// The parent a move names: `None` for the top, else a code of the book.
/// Nesting is the book's to refuse, but under itself is said plainly.
fn parent(coding: &Coding, id: &str, text: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let code = coding.book().find(text).ok_or_else(|| {
        let e = CodeError::Missing(text.to_string());
        e.to_string()
    })?;
    if code.id == id {
        return Err("a code cannot go under itself".into());
    }
    Ok(Some(code.id.clone()))
}

/// The status line after `change`: `renamed pricing to prices`.
fn said(coding: &Coding, change: &CodeChange, old: &str) -> String {
    let path = |id: &str| coding.path(id).unwrap_or_default();
    match change {
        CodeChange::Rename { id, .. } => format!("renamed {old} to {}", path(id)),
        CodeChange::Recolor { color: Some(c), .. } => format!("{old}: colour {c}"),
        CodeChange::Recolor { color: None, .. } => {
            format!("{old}: own colour cleared (the palette's by its place)")
        }
        CodeChange::Describe { description, .. } if description.is_empty() => {
            format!("{old}: description cleared")
        }
        CodeChange::Describe { .. } => format!("{old}: description saved"),
        CodeChange::Reparent {
            id,
            parent: Some(p),
        } => format!("moved {old} under {}: {}", path(p), path(id)),
        CodeChange::Reparent { id, parent: None } => format!("{} is a top code now", path(id)),
        CodeChange::Create { .. } | CodeChange::Used { .. } => String::new(),
    }
}
