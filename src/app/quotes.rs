//! The quote half of `update`: selecting sentences, bookmarking, the
//! bookmarks list and its note editor, accepting a changed quote's new
//! words, and copying with attribution. Pure: saving and copying are
//! returned as effects. Quotes are bounded by [`MAX_QUOTE_CHARS`]. The
//! list's query line is [`query_line`].

pub mod query_line;

use super::action::{EditKey, Effect};
use super::hints;
use super::line_edit::{Edited, LineEdit};
use super::marks;
use super::state::{Overlay, State};
use crate::store::anchor::span_text;
use crate::store::bookmarks::Bookmark;
use crate::store::cite::cite_span;
use crate::store::record::MAX_QUOTE_CHARS;
use crate::transcript::address::{Address, Place, Spot};

/// `m`: bookmark the selection or the current sentence, or remove the
/// bookmark under the cursor.
pub fn toggle(state: &mut State) -> Option<Effect> {
    if let Some((first, last)) = state.marks.take_selection() {
        return add(state, first, last);
    }
    match state.marks.at(&state.opened, state.cursor()) {
        Some(i) => {
            let id = state.marks.remove(i);
            state.say(hints::removed(state.keymap()));
            Some(Effect::RemoveBookmark(id))
        }
        None => add(state, state.cursor(), state.cursor()),
    }
}

fn add(state: &mut State, first: usize, last: usize) -> Option<Effect> {
    let bookmark = new_bookmark(state, first, last)?;
    state.marks.insert(&state.opened, bookmark.clone());
    let n = last - first + 1;
    state.say(if n == 1 {
        "bookmarked".into()
    } else {
        format!("bookmarked {n} sentences")
    });
    Some(Effect::AddBookmark(Box::new(bookmark)))
}

/// A bookmark of sentences `first..=last`, not placed yet; `None`, with
/// a word in the status line, for a quote longer than a bookmark keeps.
pub fn new_bookmark(state: &mut State, first: usize, last: usize) -> Option<Bookmark> {
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    let span = marks::span_of(doc, flow, first, last)?;
    let chars = span_text(doc, &span)?.chars().count();
    if chars > MAX_QUOTE_CHARS {
        state.say(format!(
            "not bookmarked: the quote has {chars} characters, more than the {MAX_QUOTE_CHARS} a bookmark keeps; select less"
        ));
        return None;
    }
    // The id, time and hash come from the state, so `m` reads nothing from
    // the world and costs no pass over the document.
    let origin = state.marks.next_origin(state.opened.hash());
    Bookmark::new(state.opened.doc(), span, "", origin)
}

/// `v`: select sentences from the current one.
pub fn start_selection(state: &mut State) {
    state.marks.start_selection(state.cursor());
    state.say(hints::selecting(state.keymap()));
}

/// `j`/`k`: the next or previous sentence. While selecting, this extends
/// the selection, which keeps to one speaker: it may cross turns only
/// where the same speaker goes on.
pub fn step(state: &mut State, forward: bool) {
    let cursor = state.cursor();
    let target = match forward {
        true => cursor.saturating_add(1).min(state.opened.last_sentence()),
        false => cursor.saturating_sub(1),
    };
    let Some(anchor) = state.marks.selection_anchor() else {
        state.move_to(target);
        return;
    };
    if state.opened.speaker_of(anchor) != state.opened.speaker_of(target) {
        state.say("a selection keeps to one speaker");
        return;
    }
    state.move_to(target);
    state.marks.extend(state.cursor());
}

/// `y`: the selection or the current sentence, with its citation. A quote
/// longer than [`MAX_QUOTE_CHARS`] is cut there, and the copy says so.
pub fn copy(state: &mut State) -> Option<Effect> {
    let cursor = state.cursor();
    let (first, last) = state.marks.take_selection().unwrap_or((cursor, cursor));
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    let span = marks::span_of(doc, flow, first, last)?;
    let quote = span_text(doc, &span)?;
    let total = quote.chars().count();
    let cut = total > MAX_QUOTE_CHARS;
    let quote = match cut {
        true => quote.chars().take(MAX_QUOTE_CHARS).chain(['…']).collect(),
        false => quote,
    };
    let citation = cite_span(doc, &span, &quote)?;
    let mut text = marks::attribution(&citation);
    if cut {
        text.push_str(&format!(" [{}]", cut_notice(total)));
        state.say(cut_notice(total));
    }
    Some(Effect::Copy(text))
}

/// `Y`: the address of the current sentence, `FILE@§S.tT` (its turn; see
/// [`crate::transcript::address`]).
pub fn copy_address(state: &mut State) -> Option<Effect> {
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    let a = marks::sentence_anchor(doc, flow, state.cursor())?;
    let spot = Spot {
        section: a.section,
        turn: a.turn,
        paragraph: a.paragraph,
        byte: 0,
    };
    let address = Address {
        file: state.opened.address_file().to_string(),
        place: Place::of(spot),
    };
    Some(Effect::Copy(address.to_string()))
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
    let chars = if n == 1 { "character" } else { "characters" };
    match cut {
        Some(note) => format!("copied {n} {chars} ({note}): {shown}"),
        None => format!("copied {n} {chars}: {shown}"),
    }
}

/// `'`/`` ` ``: the next or previous bookmark.
pub fn neighbour(state: &mut State, forward: bool) {
    match state.marks.neighbour(state.cursor(), forward) {
        Some(s) => state.jump_to(s),
        None => state.say("no more bookmarks this way"),
    }
}

/// Open the list on the bookmark under the cursor, else the next one (of
/// those the filter shows). The filter stays; its line opens closed.
pub fn open_list(state: &mut State) {
    let cursor = state.cursor();
    let under = state.marks.at(&state.opened, cursor);
    let selected = under.unwrap_or_else(|| state.marks.first_from(cursor));
    state.marks.filter_mut().close();
    state.open(Overlay::Bookmarks { selected });
}

/// The row selected in the bookmarks list: a row of the marks that the
/// filter shows (the nearest shown to the row the overlay holds, when the
/// filter hides that one); none when the list shows nothing.
pub fn selected(state: &State) -> Option<usize> {
    let Some(&Overlay::Bookmarks { selected }) = state.overlay() else {
        return None;
    };
    let (marks, book) = (state.marks.list(), state.coding.book());
    state.marks.filter().nearest(marks, book, selected)
}

/// Select row `row` of the list.
fn select_row(state: &mut State, row: usize) {
    let max = state.marks.len().saturating_sub(1);
    if let Some(Overlay::Bookmarks { selected }) = state.overlay_mut() {
        *selected = row.min(max);
    }
}

/// Move the selection `n` rows of those the filter shows.
pub fn select(state: &mut State, n: isize) {
    let Some(i) = selected(state) else {
        return;
    };
    let (marks, book) = (state.marks.list(), state.coding.book());
    if let Some(row) = state.marks.filter().step(marks, book, i, n) {
        select_row(state, row);
    }
}

/// Enter, or a click on row `row`: go to the bookmark.
pub fn activate(state: &mut State, row: Option<usize>) {
    if let Some(row) = row {
        select_row(state, row);
    }
    let place = selected(state).and_then(|i| state.marks.get(i)?.place);
    match place {
        Some(p) => {
            state.close();
            state.jump_to(p.sentence);
        }
        None => state.say("this bookmark's text is gone from the document"),
    }
}

/// `d` in the list.
pub fn delete(state: &mut State) -> Option<Effect> {
    let i = selected(state)?;
    let id = state.marks.remove(i);
    select_row(state, i);
    state.say(hints::deleted(state.keymap()));
    Some(Effect::RemoveBookmark(id))
}

/// `u` in the list.
pub fn undo(state: &mut State) -> Option<Effect> {
    let Some(bookmark) = state.marks.take_deleted() else {
        state.say("nothing to undo");
        return None;
    };
    let i = state.marks.insert(&state.opened, bookmark.clone());
    state.open(Overlay::Bookmarks { selected: i });
    state.say(match selected(state) == Some(i) {
        true => "bookmark restored",
        false => "bookmark restored; the list's filter hides it",
    });
    Some(Effect::RestoreBookmark(Box::new(bookmark)))
}

/// Another instance changed the bookmarks: take its list, keeping the
/// list's selection and an open note editor on the same bookmark (by id:
/// its place in the list may have moved). A bookmark being edited that was
/// deleted elsewhere closes the editor, with a word, rather than saving
/// the note onto whichever bookmark took its place.
pub fn replace_all(state: &mut State, list: Vec<crate::store::Bookmark>) {
    let open = match state.overlay() {
        Some(Overlay::Bookmarks { .. }) => selected(state),
        Some(Overlay::Note { mark, .. }) => Some(*mark),
        _ => None,
    };
    let id = open
        .and_then(|i| state.marks.get(i))
        .map(|m| m.bookmark.id.clone());
    state.marks.set_all(&state.opened, list);
    let Some(id) = id else {
        return;
    };
    let found = state.marks.position(&id);
    let max = state.marks.len().saturating_sub(1);
    match (state.overlay_mut(), found) {
        (Some(Overlay::Bookmarks { selected }), Some(i)) => *selected = i,
        (Some(Overlay::Bookmarks { selected }), None) => *selected = (*selected).min(max),
        (Some(Overlay::Note { mark, .. }), Some(i)) => *mark = i,
        (Some(Overlay::Note { .. }), None) => {
            state.open(Overlay::Bookmarks { selected: 0 });
            state.warn("that bookmark was deleted in another window; note not saved");
        }
        _ => {}
    }
}

/// `e` in the list.
pub fn edit(state: &mut State) {
    if let Some(i) = selected(state) {
        let line = LineEdit::new(state.marks.list()[i].bookmark.note.clone());
        state.open(Overlay::Note { mark: i, line });
    }
}

/// A key in the note editor.
pub fn edit_key(state: &mut State, key: EditKey) -> Option<Effect> {
    let Some(Overlay::Note { mark, line }) = state.overlay_mut() else {
        return None;
    };
    let mark = *mark;
    match line.apply(key) {
        Edited::Cancel => state.open(Overlay::Bookmarks { selected: mark }),
        Edited::Submit => {
            let note = line.text.trim().to_string();
            state.open(Overlay::Bookmarks { selected: mark });
            let id = state.marks.set_note(mark, note.clone())?;
            state.say("note saved");
            return Some(Effect::SetNote { id, note });
        }
        _ => {}
    }
    None
}

/// `a` in the list: a changed quote takes the words the document has now.
/// Keeping the saved words needs nothing: they stay until accepted.
pub fn accept(state: &mut State) -> Option<Effect> {
    let i = selected(state)?;
    let mark = &state.marks.list()[i];
    let (Some(span), Some(now)) = (mark.citation.span, &mark.citation.current) else {
        state.say("only a changed quote has new words to accept");
        return None;
    };
    let quote = span_text(state.doc(), &span).unwrap_or_else(|| now.clone());
    let hash = state.opened.hash().to_string();
    let mut bookmark = mark.bookmark.clone();
    (bookmark.start, bookmark.end) = (span.start, span.end);
    bookmark.quote = quote.clone();
    bookmark.doc_hash = hash.clone();
    let id = bookmark.id.clone();
    let at = state.marks.replace(&state.opened, i, bookmark);
    state.open(Overlay::Bookmarks { selected: at });
    state.say("bookmark now quotes the new words");
    Some(Effect::AcceptQuote {
        id,
        span,
        quote,
        doc_hash: hash,
    })
}
