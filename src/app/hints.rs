//! Every hint that names a key (messages, overlay titles, help), generated
//! from the live keymap so that rebinding a key changes what the hints say.
//! A hint whose action has no key is left out rather than shown wrong.

use super::action::Action;
use super::keymap::{Keymap, Layer};
use Layer::{Bookmarks, Codes, Global, Help, Picker, Speakers};

/// The key shown for `action` in `layer`.
pub fn key(keymap: &Keymap, layer: Layer, action: Action) -> Option<String> {
    keymap.key_for(layer, action).map(|k| k.to_string())
}

/// The keys of several actions joined by `sep`; `None` if any is unbound,
/// since half a hint ("j/ extend") would mislead.
fn keys(keymap: &Keymap, wanted: &[(Layer, Action)], sep: &str) -> Option<String> {
    let keys: Option<Vec<String>> = wanted.iter().map(|&(l, a)| key(keymap, l, a)).collect();
    Some(keys?.join(sep))
}

/// A hint's pieces: the keys of some actions and what they do.
pub(super) type Piece<'a> = (&'a [(Layer, Action)], &'a str);

/// `keys what` for each piece whose keys are all bound.
pub(super) fn pieces(keymap: &Keymap, parts: &[Piece]) -> Vec<String> {
    parts
        .iter()
        .filter_map(|(wanted, what)| {
            let keys = keys(keymap, wanted, "/")?;
            Some(match what.is_empty() {
                true => keys,
                false => format!("{keys} {what}"),
            })
        })
        .collect()
}

/// An overlay title: ` head · a · b `, or ` head ` when no piece is bound.
fn title(head: &str, pieces: Vec<String>) -> String {
    match pieces.is_empty() {
        true => format!(" {head} "),
        false => format!(" {head} · {} ", pieces.join(" · ")),
    }
}

/// `text (keys what)`, or `text` when a key is unbound.
fn aside(text: &str, keys: Option<String>, what: &str) -> String {
    match keys {
        Some(k) => format!("{text} ({k} {what})"),
        None => text.to_string(),
    }
}

/// After `v`: how to extend, bookmark, copy or cancel the selection.
pub fn selecting(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (
            &[
                (Global, Action::NextSentence),
                (Global, Action::PrevSentence),
            ],
            "extend",
        ),
        (&[(Global, Action::ToggleBookmark)], "bookmarks"),
        (&[(Global, Action::CopyQuote)], "copies"),
        (&[(Global, Action::CloseOverlay)], "cancels"),
    ];
    match pieces(keymap, parts) {
        p if p.is_empty() => "select".into(),
        p => format!("select: {}", p.join(", ")),
    }
}

/// The help's line for `select`: how to extend and cancel.
pub fn select_help(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (
            &[
                (Global, Action::NextSentence),
                (Global, Action::PrevSentence),
            ],
            "extend",
        ),
        (&[(Global, Action::CloseOverlay)], "cancels"),
    ];
    match pieces(keymap, parts) {
        p if p.is_empty() => "select sentences".into(),
        p => format!("select sentences ({})", p.join(", ")),
    }
}

/// `m` on a bookmark removed it: how to bring it back.
pub fn removed(keymap: &Keymap) -> String {
    let back = [
        (Global, Action::OpenBookmarks),
        (Bookmarks, Action::UndoDelete),
    ];
    aside(
        "bookmark removed",
        keys(keymap, &back, " then "),
        "brings it back",
    )
}

/// `d` in the list deleted a bookmark: how to undo.
pub fn deleted(keymap: &Keymap) -> String {
    let undo = key(keymap, Bookmarks, Action::UndoDelete);
    aside("bookmark deleted", undo, "undoes")
}

/// `n` with no search: how to start one.
pub fn no_search(keymap: &Keymap) -> String {
    match key(keymap, Global, Action::Search) {
        Some(k) => format!("no search: {k} starts one"),
        None => "no search".into(),
    }
}

/// One speaker shown: how to show everyone again (the picker, then close).
pub fn only(keymap: &Keymap, speaker: &str) -> String {
    let all = [(Global, Action::Speakers), (Speakers, Action::CloseOverlay)];
    aside(
        &format!("showing {speaker} only"),
        keys(keymap, &all, ", "),
        "shows all",
    )
}

/// The bookmarks list's title.
pub fn bookmarks_title(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (&[(Bookmarks, Action::Activate)], "jump"),
        (&[(Bookmarks, Action::EditNote)], "note"),
        (&[(Bookmarks, Action::DeleteBookmark)], "delete"),
        (&[(Bookmarks, Action::UndoDelete)], "undo"),
        (&[(Bookmarks, Action::AcceptChange)], "accept"),
        (&[(Bookmarks, Action::Code)], "code"),
        (&[(Bookmarks, Action::FilterBookmarks)], "filter"),
        (&[(Bookmarks, Action::CloseOverlay)], ""),
    ];
    title("Bookmarks", pieces(keymap, parts))
}

/// The bookmarks list's footer beside a filter in use, the line closed:
/// that it lasts, and how to change or clear it.
pub fn filter_kept(keymap: &Keymap) -> String {
    match key(keymap, Bookmarks, Action::FilterBookmarks) {
        Some(k) => format!("kept while tread runs · {k} edits, then Esc clears"),
        None => "kept while tread runs".into(),
    }
}

/// The filter hides every bookmark: how to see them again. While the line
/// is open, Esc there clears the filter (a fixed key, as in the note
/// editor).
pub fn no_matches(keymap: &Keymap, open: bool) -> String {
    let head = "no bookmark matches the filter";
    match (open, key(keymap, Bookmarks, Action::FilterBookmarks)) {
        (true, _) => format!("{head}; Esc clears it"),
        (false, Some(k)) => format!("{head}; {k} then Esc clears it"),
        (false, None) => head.into(),
    }
}

/// The empty bookmarks list: how to make one.
pub fn no_bookmarks(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (&[(Global, Action::ToggleBookmark)], "on a sentence"),
        (&[(Global, Action::StartSelection)], "to select several"),
    ];
    match pieces(keymap, parts) {
        p if p.is_empty() => "No bookmarks yet.".into(),
        p => format!("No bookmarks yet: press {}.", p.join(", or ")),
    }
}

/// The tag on a changed bookmark in the list.
pub fn changed_tag(keymap: &Keymap) -> String {
    match key(keymap, Bookmarks, Action::AcceptChange) {
        Some(k) => format!(" · changed: {k} accepts the new words"),
        None => " · changed".into(),
    }
}

/// The speaker picker's title.
pub fn speakers_title(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (&[(Speakers, Action::Activate)], ""),
        (&[(Speakers, Action::CloseOverlay)], "shows all"),
    ];
    title("Show", pieces(keymap, parts))
}

/// The code picker's title: what it codes (`sentence`, `whole turn`…),
/// what `Tab` would make that, and its keys.
pub fn picker_title(keymap: &Keymap, target: &str, other: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let (Some(other), Some(tab)) = (other, key(keymap, Picker, Action::CodeTurn)) {
        parts.push(format!("{tab}: {other}"));
    }
    let keys: &[Piece] = &[
        (&[(Picker, Action::ApplyCode)], "applies"),
        (&[(Picker, Action::CloseOverlay)], ""),
    ];
    parts.extend(pieces(keymap, keys));
    title(&format!("Code · {target}"), parts)
}

/// The code overview's keys, under its table.
pub fn codes_keys(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (&[(Codes, Action::RenameCode)], "rename"),
        (&[(Codes, Action::RecolorCode)], "colour"),
        (&[(Codes, Action::DescribeCode)], "describe"),
        (&[(Codes, Action::MoveCode)], "move"),
        (&[(Codes, Action::NewCode)], "new"),
        (&[(Codes, Action::CloseOverlay)], ""),
    ];
    pieces(keymap, parts).join(" · ")
}

/// The help overlay's title.
pub fn help_title(keymap: &Keymap) -> String {
    let parts: &[Piece] = &[
        (&[(Help, Action::CloseOverlay)], "closes"),
        (
            &[(Help, Action::SelectDown), (Help, Action::SelectUp)],
            "scroll",
        ),
        (&[(Help, Action::PageDown)], "pages"),
    ];
    title("Keys", pieces(keymap, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap(extra: &str) -> Keymap {
        let mut k = Keymap::default_keymap();
        k.merge_str(extra, "test.toml").unwrap();
        k
    }

    #[test]
    fn the_default_keys_give_the_hints_as_written() {
        let k = Keymap::default_keymap();
        assert_eq!(
            selecting(&k),
            "select: j/k extend, m bookmarks, y copies, Esc cancels"
        );
        assert_eq!(removed(&k), "bookmark removed (' then u brings it back)");
        assert_eq!(deleted(&k), "bookmark deleted (u undoes)");
        assert_eq!(no_search(&k), "no search: / starts one");
        assert_eq!(only(&k, "Ann"), "showing Ann only (s, Esc shows all)");
        assert_eq!(
            bookmarks_title(&k),
            " Bookmarks · Enter jump · e note · d delete · u undo · a accept · C code · / filter · Esc "
        );
        assert_eq!(
            help_title(&k),
            " Keys · Esc closes · j/k scroll · Space pages "
        );
        assert_eq!(speakers_title(&k), " Show · Enter · Esc shows all ");
        assert_eq!(
            picker_title(&k, "sentence", Some("whole turn")),
            " Code · sentence · Tab: whole turn · Enter applies · Esc "
        );
        assert_eq!(
            picker_title(&k, "bookmark", None),
            " Code · bookmark · Enter applies · Esc "
        );
        assert_eq!(
            no_bookmarks(&k),
            "No bookmarks yet: press m on a sentence, or v to select several."
        );
        assert_eq!(changed_tag(&k), " · changed: a accepts the new words");
        assert_eq!(
            select_help(&k),
            "select sentences (j/k extend, Esc cancels)"
        );
        assert_eq!(
            codes_keys(&k),
            "r rename · c colour · d describe · m move · n new · Esc"
        );
    }

    #[test]
    fn rebound_keys_change_the_hints() {
        let k = keymap(
            r#"
            [keys.global]
            "m" = "noop"
            "b" = "toggle-bookmark"
            "/" = "noop"
            "ctrl-f" = "search"
            "'" = "noop"
            "B" = "bookmarks"
            "s" = "noop"
            "S" = "speakers"
            [keys.bookmarks]
            "a" = "noop"
            "A" = "accept-change"
            "e" = "noop"
            "E" = "edit-note"
            "u" = "noop"
            "U" = "undo-delete"
            [keys.help]
            "esc" = "noop"
            "x" = "close-overlay"
            [keys.speakers]
            "enter" = "noop"
            "l" = "activate"
            [keys.picker]
            "tab" = "noop"
            "ctrl-t" = "code-turn"
            "enter" = "noop"
            [keys.codes]
            "r" = "noop"
            "R" = "rename-code"
            "d" = "noop"
            "#,
        );
        assert_eq!(codes_keys(&k), "R rename · c colour · m move · n new · Esc");
        assert_eq!(
            picker_title(&k, "whole turn", Some("sentence")),
            " Code · whole turn · Ctrl-t: sentence · Esc "
        );
        assert!(selecting(&k).contains("b bookmarks"), "{}", selecting(&k));
        assert_eq!(removed(&k), "bookmark removed (B then U brings it back)");
        assert_eq!(deleted(&k), "bookmark deleted (U undoes)");
        assert_eq!(no_search(&k), "no search: Ctrl-f starts one");
        assert_eq!(only(&k, "Ann"), "showing Ann only (S, Esc shows all)");
        assert_eq!(
            bookmarks_title(&k),
            " Bookmarks · Enter jump · E note · d delete · U undo · A accept · C code · / filter · Esc "
        );
        // `?` and `q` still close the help; the first one the file lists wins.
        assert_eq!(
            help_title(&k),
            " Keys · ? closes · j/k scroll · Space pages "
        );
        assert_eq!(speakers_title(&k), " Show · l · Esc shows all ");
        assert_eq!(
            no_bookmarks(&k),
            "No bookmarks yet: press b on a sentence, or v to select several."
        );
        assert_eq!(changed_tag(&k), " · changed: A accepts the new words");
    }

    #[test]
    fn an_unbound_action_is_left_out_of_its_hint() {
        let k = keymap(
            r#"
            [keys.global]
            "m" = "noop"
            "k" = "noop"
            "up" = "noop"
            "/" = "noop"
            "'" = "noop"
            [keys.bookmarks]
            "a" = "noop"
            "u" = "noop"
            "C" = "noop"
            "#,
        );
        assert_eq!(selecting(&k), "select: y copies, Esc cancels");
        assert_eq!(select_help(&k), "select sentences (Esc cancels)");
        assert_eq!(removed(&k), "bookmark removed");
        assert_eq!(deleted(&k), "bookmark deleted");
        assert_eq!(no_search(&k), "no search");
        assert_eq!(
            bookmarks_title(&k),
            " Bookmarks · Enter jump · e note · d delete · / filter · Esc "
        );
        assert_eq!(
            no_bookmarks(&k),
            "No bookmarks yet: press v to select several."
        );
        assert_eq!(changed_tag(&k), " · changed");
    }

    #[test]
    fn the_list_filters_hints_follow_its_key() {
        let k = Keymap::default_keymap();
        let kept = "kept while tread runs · / edits, then Esc clears";
        assert_eq!(filter_kept(&k), kept);
        let none = "no bookmark matches the filter";
        assert_eq!(
            no_matches(&k, false),
            format!("{none}; / then Esc clears it")
        );
        assert_eq!(no_matches(&k, true), format!("{none}; Esc clears it"));
        let k = keymap("[keys.bookmarks]\n\"/\" = \"noop\"\n\"F\" = \"filter-bookmarks\"\n");
        assert!(bookmarks_title(&k).ends_with(" · C code · F filter · Esc "));
        let kept = "kept while tread runs · F edits, then Esc clears";
        assert_eq!(filter_kept(&k), kept);
        assert_eq!(
            no_matches(&k, false),
            format!("{none}; F then Esc clears it")
        );
        let k = keymap("[keys.bookmarks]\n\"/\" = \"noop\"\n");
        assert!(bookmarks_title(&k).ends_with(" · C code · Esc "));
        assert_eq!(filter_kept(&k), "kept while tread runs");
        assert_eq!(no_matches(&k, false), none);
        // The open line's Esc is the line editor's, not a binding.
        assert_eq!(no_matches(&k, true), format!("{none}; Esc clears it"));
    }
}
