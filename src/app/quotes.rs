//! The quote half of `update`: selecting sentences, bookmarking, the
//! bookmarks list and its note editor, accepting a changed quote's new
//! words, and copying with attribution. Pure: saving and copying are
//! returned as effects. Quotes are bounded by [`MAX_QUOTE_CHARS`].

use super::action::{EditKey, Effect};
use super::hints;
use super::line_edit::{Edited, LineEdit};
use super::marks;
use super::state::{Overlay, State};
use crate::store::anchor::span_text;
use crate::store::bookmarks::Bookmark;
use crate::store::cite::{Citer, cite_span};
use crate::store::record::MAX_QUOTE_CHARS;

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
            state.message = Some(hints::removed(&state.keymap));
            Some(Effect::RemoveBookmark(id))
        }
        None => add(state, state.cursor, state.cursor),
    }
}

fn add(state: &mut State, first: usize, last: usize) -> Option<Effect> {
    let span = marks::span_of(&state.doc, &state.flow, first, last)?;
    let chars = span_text(&state.doc, &span)?.chars().count();
    if chars > MAX_QUOTE_CHARS {
        state.message = Some(format!(
            "not bookmarked: the quote has {chars} characters, more than the {MAX_QUOTE_CHARS} a bookmark keeps; select less"
        ));
        return None;
    }
    // The id, time and hash come from the state, so `m` reads nothing from
    // the world and costs no pass over the document.
    let origin = state.ids.next(&state.doc_hash);
    let bookmark = Bookmark::new(&state.doc, span, "", origin)?;
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
    let id = bookmark.id.clone();
    let mark = marks::mark(&state.doc, &state.flow, &Citer::new(&state.doc), bookmark);
    state.marks.push(mark);
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

/// `y`: the selection or the current sentence, with its citation. A quote
/// longer than [`MAX_QUOTE_CHARS`] is cut there, and the copy says so.
pub fn copy(state: &mut State) -> Option<Effect> {
    let (first, last) = state
        .selected_range()
        .unwrap_or((state.cursor, state.cursor));
    state.selection = None;
    let span = marks::span_of(&state.doc, &state.flow, first, last)?;
    let quote = span_text(&state.doc, &span)?;
    let total = quote.chars().count();
    let cut = total > MAX_QUOTE_CHARS;
    let quote = match cut {
        true => quote.chars().take(MAX_QUOTE_CHARS).chain(['…']).collect(),
        false => quote,
    };
    let citation = cite_span(&state.doc, &span, &quote)?;
    let mut text = marks::attribution(&citation);
    if cut {
        text.push_str(&format!(" [{}]", cut_notice(total)));
        state.message = Some(cut_notice(total));
    }
    Some(Effect::Copy(text))
}

/// What a cut copy says, in the copy and in the status line.
pub fn cut_notice(total: usize) -> String {
    format!("quote cut to its first {MAX_QUOTE_CHARS} of {total} characters")
}

/// The status line after a copy: how much went to the clipboard, and
/// whether the quote was cut.
pub fn copied(text: &str, shown: &str) -> String {
    let n = text.chars().count();
    // A cut copy ends in ` [quote cut to …]`, as `copy` wrote it.
    let cut = text
        .strip_suffix(']')
        .and_then(|t| t.rfind(" [quote cut to").map(|i| &t[i + 2..]));
    match cut {
        Some(note) => format!("copied {n} characters ({note}): {shown}"),
        None => format!("copied {n} characters: {shown}"),
    }
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
    state.message = Some(hints::deleted(&state.keymap));
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

/// Another instance changed the bookmarks: take its list, keeping the
/// list's selection and an open note editor on the same bookmark (by id:
/// its place in the list may have moved). A bookmark being edited that was
/// deleted elsewhere closes the editor, with a word, rather than saving
/// the note onto whichever bookmark took its place.
pub fn replace_all(state: &mut State, list: Vec<crate::store::Bookmark>) {
    let open = match &state.overlay {
        Some(Overlay::Bookmarks { selected }) => Some(*selected),
        Some(Overlay::Note { mark, .. }) => Some(*mark),
        _ => None,
    };
    let id = open
        .and_then(|i| state.marks.get(i))
        .map(|m| m.bookmark.id.clone());
    state.set_bookmarks(list);
    let Some(id) = id else {
        return;
    };
    let found = state.marks.iter().position(|m| m.bookmark.id == id);
    match (&mut state.overlay, found) {
        (Some(Overlay::Bookmarks { selected }), Some(i)) => *selected = i,
        (Some(Overlay::Bookmarks { selected }), None) => {
            *selected = (*selected).min(state.marks.len().saturating_sub(1));
        }
        (Some(Overlay::Note { mark, .. }), Some(i)) => *mark = i,
        (Some(Overlay::Note { .. }), None) => {
            state.overlay = Some(Overlay::Bookmarks { selected: 0 });
            state.message =
                Some("that bookmark was deleted in another window; note not saved".into());
        }
        _ => {}
    }
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
            m.citation.note = note.clone();
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

/// `a` in the list: a changed quote takes the words the document has now.
/// Keeping the saved words needs nothing: they stay until accepted.
pub fn accept(state: &mut State) -> Option<Effect> {
    let i = selected(state)?;
    let mark = &state.marks[i];
    let (Some(span), Some(now)) = (mark.citation.span, &mark.citation.current) else {
        state.message = Some("only a changed quote has new words to accept".into());
        return None;
    };
    let quote = span_text(&state.doc, &span).unwrap_or_else(|| now.clone());
    let hash = state.doc_hash.clone();
    let mut bookmark = mark.bookmark.clone();
    (bookmark.start, bookmark.end) = (span.start, span.end);
    bookmark.quote = quote.clone();
    bookmark.doc_hash = hash.clone();
    let id = bookmark.id.clone();
    state.marks.remove(i);
    let at = insert(state, bookmark);
    state.overlay = Some(Overlay::Bookmarks { selected: at });
    state.message = Some("bookmark now quotes the new words".into());
    Some(Effect::AcceptQuote {
        id,
        span,
        quote,
        doc_hash: hash,
    })
}
