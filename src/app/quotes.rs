//! The quote half of `update`: selecting sentences, bookmarking, the
//! bookmarks list and its note editor, and copying with attribution. Pure:
//! saving and copying are returned as effects.

use super::action::{EditKey, Effect};
use super::line_edit::{Edited, LineEdit};
use super::marks::{self, Mark};
use super::state::{Overlay, State};
use crate::store::anchor::span_text;
use crate::store::bookmarks::Bookmark;

/// `m`: bookmark the selection or the current sentence, or remove the
/// bookmark under the cursor.
pub fn toggle(state: &mut State) -> Option<Effect> {
    if let Some((first, last)) = state.selected_range() {
        state.selection = None;
        return add(state, first, last);
    }
    match state.mark_at(state.cursor) {
        Some(i) => {
            let mark = state.marks.remove(i);
            let id = mark.bookmark.id.clone();
            state.deleted = Some(mark.bookmark);
            state.message = Some("bookmark removed (' then u brings it back)".into());
            Some(Effect::RemoveBookmark(id))
        }
        None => add(state, state.cursor, state.cursor),
    }
}

fn add(state: &mut State, first: usize, last: usize) -> Option<Effect> {
    let span = marks::span_of(&state.doc, &state.flow, first, last)?;
    let bookmark = Bookmark::new(&state.doc, span, "")?;
    insert(state, bookmark.clone());
    let n = last - first + 1;
    state.message = Some(if n == 1 {
        "bookmarked".into()
    } else {
        format!("bookmarked {n} sentences")
    });
    Some(Effect::AddBookmark(Box::new(bookmark)))
}

fn insert(state: &mut State, bookmark: Bookmark) -> usize {
    let place = marks::place(&state.doc, &state.flow, &bookmark.span());
    let id = bookmark.id.clone();
    state.marks.push(Mark { bookmark, place });
    marks::sort(&mut state.marks);
    state
        .marks
        .iter()
        .position(|m| m.bookmark.id == id)
        .unwrap_or(0)
}

/// `j`/`k` while selecting: a selection keeps to one speaker, so it may
/// cross turns only where the same speaker goes on.
pub fn may_extend_to(state: &State, target: usize) -> bool {
    match state.selection {
        Some(anchor) => state.speaker_of(anchor) == state.speaker_of(target),
        None => true,
    }
}

/// `y`: the selection or the current sentence, with speaker and section.
pub fn copy(state: &mut State) -> Option<Effect> {
    let (first, last) = state
        .selected_range()
        .unwrap_or((state.cursor, state.cursor));
    state.selection = None;
    let span = marks::span_of(&state.doc, &state.flow, first, last)?;
    let quote = span_text(&state.doc, &span)?;
    let text = marks::attribution(
        &state.doc,
        &quote,
        state.speaker_of(first),
        state.flow.section_of(first),
    );
    Some(Effect::Copy(text))
}

/// The placed bookmark after (or before) the cursor.
pub fn neighbour(state: &State, forward: bool) -> Option<usize> {
    let placed = state
        .marks
        .iter()
        .filter_map(|m| m.place.map(|p| p.sentence));
    if forward {
        placed.filter(|&s| s > state.cursor).min()
    } else {
        placed.filter(|&s| s < state.cursor).max()
    }
}

pub fn open_list(state: &mut State) {
    let selected = state
        .marks
        .iter()
        .position(|m| m.place.is_some_and(|p| p.sentence >= state.cursor))
        .unwrap_or(0);
    state.overlay = Some(Overlay::Bookmarks { selected });
}

/// The mark selected in the bookmarks list.
pub fn selected(state: &State) -> Option<usize> {
    match state.overlay {
        Some(Overlay::Bookmarks { selected }) if selected < state.marks.len() => Some(selected),
        _ => None,
    }
}

pub fn select(state: &mut State, n: isize) {
    if let Some(Overlay::Bookmarks { selected }) = &mut state.overlay {
        let max = state.marks.len().saturating_sub(1);
        *selected = selected.saturating_add_signed(n).min(max);
    }
}

/// `d` in the list.
pub fn delete(state: &mut State) -> Option<Effect> {
    let i = selected(state)?;
    let mark = state.marks.remove(i);
    let id = mark.bookmark.id.clone();
    state.deleted = Some(mark.bookmark);
    state.overlay = Some(Overlay::Bookmarks {
        selected: i.min(state.marks.len().saturating_sub(1)),
    });
    state.message = Some("bookmark deleted (u undoes)".into());
    Some(Effect::RemoveBookmark(id))
}

/// `u` in the list.
pub fn undo(state: &mut State) -> Option<Effect> {
    let Some(bookmark) = state.deleted.take() else {
        state.message = Some("nothing to undo".into());
        return None;
    };
    let i = insert(state, bookmark.clone());
    state.overlay = Some(Overlay::Bookmarks { selected: i });
    state.message = Some("bookmark restored".into());
    Some(Effect::RestoreBookmark(Box::new(bookmark)))
}

/// `e` in the list.
pub fn edit(state: &mut State) {
    if let Some(i) = selected(state) {
        let line = LineEdit::new(state.marks[i].bookmark.note.clone());
        state.overlay = Some(Overlay::Note { mark: i, line });
    }
}

/// A key in the note editor.
pub fn edit_key(state: &mut State, key: EditKey) -> Option<Effect> {
    let Some(Overlay::Note { mark, line }) = &mut state.overlay else {
        return None;
    };
    let mark = *mark;
    match line.apply(key) {
        Edited::Cancel => state.overlay = Some(Overlay::Bookmarks { selected: mark }),
        Edited::Submit => {
            let note = line.text.trim().to_string();
            state.overlay = Some(Overlay::Bookmarks { selected: mark });
            let m = state.marks.get_mut(mark)?;
            m.bookmark.note = note.clone();
            state.message = Some("note saved".into());
            return Some(Effect::SetNote {
                id: m.bookmark.id.clone(),
                note,
            });
        }
        _ => {}
    }
    None
}
