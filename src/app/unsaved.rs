//! The prompt shown when the reader is asked to quit while some bookmark
//! or codebook changes could not be saved: try again, write them to a file
//! the user names, or quit and leave them in a recovery file. Nothing is
//! dropped without the user choosing where it goes.

use super::action::{Action, EditKey, Effect};
use super::line_edit::{Edited, LineEdit};
use super::state::{Overlay, State};

/// Changes the shell could not save yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending {
    pub bookmarks: usize,
    pub codes: usize,
    /// Changes to the claims ledger.
    pub claims: usize,
}

impl Pending {
    pub fn is_empty(self) -> bool {
        self.bookmarks == 0 && self.codes == 0 && self.claims == 0
    }

    /// `2 bookmark changes and 1 codebook change`, naming only what is there.
    pub fn describe(self) -> String {
        let part = |n: usize, what: &str| {
            (n > 0).then(|| format!("{n} {what} {}", if n == 1 { "change" } else { "changes" }))
        };
        let parts: Vec<String> = [
            part(self.bookmarks, "bookmark"),
            part(self.codes, "codebook"),
            part(self.claims, "claims ledger"),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.as_slice() {
            [] => "no changes".to_string(),
            parts => parts.join(" and "),
        }
    }

    /// `is` or `are`, for the changes described.
    pub fn verb(self) -> &'static str {
        if self.bookmarks + self.codes + self.claims == 1 {
            "is"
        } else {
            "are"
        }
    }
}

/// The shell reported changes it still cannot save: ask.
pub fn open(state: &mut State, count: Pending) {
    state.open(Overlay::Unsaved { count, path: None });
}

/// An action while the prompt is open. Everything else is ignored: the
/// prompt is modal, so a stray key cannot quit past it.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let suggested = match state.overlay() {
        Some(Overlay::Unsaved { count, .. }) if count.bookmarks == 0 => {
            suggested_file(state.opened.name(), "unsaved-codes.qdc")
        }
        _ => suggested_file(state.opened.name(), "unsaved-bookmarks.json"),
    };
    let Some(Overlay::Unsaved { count, path }) = state.overlay_mut() else {
        return None;
    };
    let count = *count;
    match (path.as_mut(), action) {
        (Some(line), Action::Edit(key)) => {
            let result = line_result(line, key);
            return edit(state, result, count);
        }
        (None, Action::RetrySave) => return Some(Effect::RetrySave),
        (None, Action::WriteUnsaved) => *path = Some(LineEdit::new(suggested)),
        (None, Action::QuitUnsaved) => return Some(Effect::QuitUnsaved),
        (None, Action::CloseOverlay) => {
            state.close();
            state.warn(format!(
                "{} {} still unsaved; saving is retried while you read",
                count.describe(),
                count.verb()
            ));
        }
        (Some(_), Action::CloseOverlay) => *path = None,
        _ => {}
    }
    None
}

/// What a key did to the file-name line, and the name if it was submitted.
fn line_result(line: &mut LineEdit, key: EditKey) -> (Edited, String) {
    let edited = line.apply(key);
    (edited, line.text.trim().to_string())
}

fn edit(state: &mut State, (edited, name): (Edited, String), count: Pending) -> Option<Effect> {
    match edited {
        Edited::Submit if name.is_empty() => {
            state.say("name a file to write the changes to");
            None
        }
        Edited::Submit => {
            state.open(Overlay::Unsaved { count, path: None });
            Some(Effect::WriteUnsaved(name))
        }
        Edited::Cancel => {
            state.open(Overlay::Unsaved { count, path: None });
            None
        }
        _ => None,
    }
}

/// `changes` or `change`.
pub fn changes(count: usize) -> &'static str {
    if count == 1 {
        "change is"
    } else {
        "changes are"
    }
}

/// A file name in the working directory, after the document.
fn suggested_file(name: &str, suffix: &str) -> String {
    let stem: String = name
        .rsplit_once('.')
        .map_or(name, |(s, _)| s)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}.{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::transcript::{LoadOptions, load};

    fn state() -> State {
        let doc = load(b"A: one. Two.", &LoadOptions::default()).unwrap();
        let mut s = State::new(doc, "talk.txt", Keymap::default_keymap());
        open(
            &mut s,
            Pending {
                bookmarks: 2,
                ..Pending::default()
            },
        );
        s
    }

    fn typed(s: &mut State, text: &str) -> Option<Effect> {
        text.chars()
            .map(|c| handle(s, Action::Edit(EditKey::Char(c))))
            .last()
            .flatten()
    }

    #[test]
    fn retry_and_quit_anyway_are_effects() {
        let mut s = state();
        assert_eq!(handle(&mut s, Action::RetrySave), Some(Effect::RetrySave));
        assert_eq!(
            handle(&mut s, Action::QuitUnsaved),
            Some(Effect::QuitUnsaved)
        );
        assert_eq!(
            handle(&mut s, Action::Quit),
            None,
            "modal: q does not quit past it"
        );
    }

    #[test]
    fn writing_asks_for_a_file_name_with_a_suggestion() {
        let mut s = state();
        assert_eq!(handle(&mut s, Action::WriteUnsaved), None);
        let Some(Overlay::Unsaved {
            path: Some(line), ..
        }) = s.overlay()
        else {
            panic!("{:?}", s.overlay());
        };
        assert_eq!(line.text, "talk.unsaved-bookmarks.json");
        for _ in 0..line.text.chars().count() {
            handle(&mut s, Action::Edit(EditKey::Backspace));
        }
        assert_eq!(handle(&mut s, Action::Edit(EditKey::Submit)), None);
        assert!(s.message().unwrap().contains("name a file"));
        typed(&mut s, "/tmp/keep.json");
        let done = handle(&mut s, Action::Edit(EditKey::Submit));
        assert_eq!(done, Some(Effect::WriteUnsaved("/tmp/keep.json".into())));
        assert!(matches!(
            s.overlay(),
            Some(Overlay::Unsaved {
                count: Pending {
                    bookmarks: 2,
                    codes: 0,
                    claims: 0,
                },
                path: None
            })
        ));
    }

    #[test]
    fn escape_goes_back_to_reading_and_says_what_is_unsaved() {
        let mut s = state();
        handle(&mut s, Action::WriteUnsaved);
        handle(&mut s, Action::CloseOverlay);
        assert!(matches!(
            s.overlay(),
            Some(Overlay::Unsaved { path: None, .. })
        ));
        handle(&mut s, Action::CloseOverlay);
        assert!(s.overlay().is_none());
        assert!(
            s.message()
                .unwrap()
                .starts_with("2 bookmark changes are still unsaved")
        );
    }

    #[test]
    fn codebook_changes_are_named_and_suggest_a_codebook_file() {
        let mut s = state();
        let only_codes = Pending {
            codes: 1,
            ..Pending::default()
        };
        assert_eq!(only_codes.describe(), "1 codebook change");
        let both = Pending {
            bookmarks: 2,
            codes: 1,
            claims: 0,
        };
        assert_eq!(both.describe(), "2 bookmark changes and 1 codebook change");
        open(&mut s, only_codes);
        handle(&mut s, Action::WriteUnsaved);
        let Some(Overlay::Unsaved {
            path: Some(line), ..
        }) = s.overlay()
        else {
            panic!("{:?}", s.overlay());
        };
        assert_eq!(line.text, "talk.unsaved-codes.qdc");
        handle(&mut s, Action::CloseOverlay);
        handle(&mut s, Action::CloseOverlay);
        assert_eq!(
            s.message(),
            Some("1 codebook change is still unsaved; saving is retried while you read")
        );
    }
}
