//! The query line through `update`: the list filters as a query is typed,
//! and every key of the list then acts on the bookmark the user sees
//! selected (a row of the marks): select down and up step over hidden
//! rows, and Enter, a click, `d`, `e` and `C` reach the right mark.

use crate::app::action::{Action, EditKey, Effect, Target};
use crate::app::keymap::Keymap;
use crate::app::marks::filter::tests::{panel_book, panel_bookmarks, panel_doc};
use crate::app::quotes::selected;
use crate::app::state::{Overlay, State};
use crate::app::{Startup, update};

/// The panel with its five bookmarks open in the list.
fn listed() -> State {
    let doc = panel_doc();
    let book = panel_book();
    let mut up = Startup::new(&doc);
    up.bookmarks = panel_bookmarks(&doc, &book);
    up.codebook = book;
    let mut s = State::start(doc, "panel.txt", Keymap::default_keymap(), up);
    update(&mut s, Action::OpenBookmarks);
    s
}

/// `/`, the query typed a key per character, Enter.
fn filter(s: &mut State, query: &str) {
    update(s, Action::FilterBookmarks);
    for c in query.chars() {
        update(s, Action::Edit(EditKey::Char(c)));
    }
    update(s, Action::Edit(EditKey::Submit));
}

/// The id of the bookmark selected in the list.
fn picked(s: &State) -> String {
    s.marks()[selected(s).unwrap()].bookmark.id.clone()
}

#[test]
fn the_list_filters_as_the_query_is_typed_and_keeps_it_on_enter() {
    let mut s = listed();
    assert_eq!(picked(&s), "b0");
    update(&mut s, Action::FilterBookmarks);
    assert!(s.bookmark_filter().is_open());
    for c in "spk:张".chars() {
        update(&mut s, Action::Edit(EditKey::Char(c)));
    }
    // A name matches by whole words: nothing yet.
    assert_eq!(selected(&s), None);
    update(&mut s, Action::Edit(EditKey::Char('伟')));
    // Ana's quote is hidden: the first one shown is selected.
    assert_eq!(picked(&s), "b1");
    update(&mut s, Action::Edit(EditKey::Submit));
    assert!(!s.bookmark_filter().is_open());
    assert_eq!(s.bookmark_filter().text(), "spk:张伟");
    assert!(matches!(s.overlay(), Some(Overlay::Bookmarks { .. })));
    assert_eq!(s.message(), None);
}

#[test]
fn select_down_and_up_step_over_hidden_rows() {
    let mut s = listed();
    filter(&mut s, "spk:张伟");
    update(&mut s, Action::SelectDown);
    assert_eq!(picked(&s), "b3");
    update(&mut s, Action::SelectDown);
    assert_eq!(picked(&s), "b3", "the last shown row stays");
    update(&mut s, Action::SelectUp);
    assert_eq!(picked(&s), "b1");
    // Up and Down in the open line move the list too.
    update(&mut s, Action::FilterBookmarks);
    update(&mut s, Action::Edit(EditKey::Down));
    assert_eq!(picked(&s), "b3");
    assert!(s.bookmark_filter().is_open());
}

#[test]
fn enter_and_a_click_go_to_the_mark_shown() {
    let mut s = listed();
    filter(&mut s, "spk:张伟");
    update(&mut s, Action::SelectDown);
    let fourth = s.marks()[3].place.unwrap().sentence;
    update(&mut s, Action::Activate);
    assert_eq!((s.overlay(), s.cursor()), (None, fourth));
    // Reopened, the list keeps the filter, its line closed; a click names
    // a row of the marks, as the widget maps it.
    update(&mut s, Action::OpenBookmarks);
    assert_eq!(s.bookmark_filter().text(), "spk:张伟");
    assert!(!s.bookmark_filter().is_open());
    let second = s.marks()[1].place.unwrap().sentence;
    update(&mut s, Action::Click(Target::Bookmark(1)));
    assert_eq!((s.overlay(), s.cursor()), (None, second));
}

#[test]
fn delete_edit_and_code_act_on_the_selected_mark() {
    let mut s = listed();
    filter(&mut s, "code:timing");
    assert_eq!(picked(&s), "b2");
    update(&mut s, Action::SelectDown);
    update(&mut s, Action::EditNote);
    assert!(
        matches!(s.overlay(), Some(Overlay::Note { mark: 3, line }) if line.text.starts_with("follow up"))
    );
    update(&mut s, Action::Edit(EditKey::Cancel));
    assert_eq!(picked(&s), "b3");
    update(&mut s, Action::Code);
    let Some(Overlay::Picker(p)) = s.overlay() else {
        panic!("{:?}", s.overlay());
    };
    assert_eq!(p.target, crate::app::picker::Target::Bookmark("b3".into()));
    update(&mut s, Action::CloseOverlay);
    assert_eq!(picked(&s), "b3");
    let effect = update(&mut s, Action::DeleteBookmark);
    assert_eq!(effect, Some(Effect::RemoveBookmark("b3".into())));
    // The next shown is gone too (Ana's thanks is hidden): the one before.
    assert_eq!(picked(&s), "b2");
    let effect = update(&mut s, Action::DeleteBookmark);
    assert_eq!(effect, Some(Effect::RemoveBookmark("b2".into())));
    // Nothing shown: the keys of the list act on nothing.
    assert_eq!(selected(&s), None);
    assert_eq!(update(&mut s, Action::DeleteBookmark), None);
    assert_eq!(s.marks().len(), 3);
    // Undo brings back the last one deleted, shown by the filter.
    update(&mut s, Action::UndoDelete);
    assert_eq!(
        (picked(&s).as_str(), s.message()),
        ("b2", Some("bookmark restored"))
    );
}

#[test]
fn a_bad_query_keeps_the_last_filter_and_enter_keeps_the_line_open() {
    let mut s = listed();
    filter(&mut s, "code:timing");
    update(&mut s, Action::FilterBookmarks);
    for c in " \"open".chars() {
        update(&mut s, Action::Edit(EditKey::Char(c)));
    }
    let error = "unbalanced quote in the query";
    assert_eq!(s.bookmark_filter().error(), Some(error));
    assert_eq!(picked(&s), "b2");
    update(&mut s, Action::Edit(EditKey::Submit));
    assert_eq!(s.bookmark_filter().text(), "code:timing");
    assert!(s.bookmark_filter().is_open(), "what was typed stays");
    let said = format!("{error}: fix the query, or Esc clears the filter");
    assert_eq!(s.message(), Some(said.as_str()));
}

#[test]
fn a_filter_that_hides_everything_says_how_to_clear_it_and_esc_does() {
    let mut s = listed();
    update(&mut s, Action::FilterBookmarks);
    for c in "spk:ana code:timing".chars() {
        update(&mut s, Action::Edit(EditKey::Char(c)));
    }
    assert_eq!(selected(&s), None);
    assert_eq!(
        s.message(),
        Some("no bookmark matches the filter; Esc clears it")
    );
    update(&mut s, Action::Edit(EditKey::Submit));
    assert_eq!(
        s.message(),
        Some("no bookmark matches the filter; / then Esc clears it")
    );
    update(&mut s, Action::FilterBookmarks);
    update(&mut s, Action::Edit(EditKey::Cancel));
    assert!(!s.bookmark_filter().is_set());
    assert_eq!(picked(&s), "b0");
}
