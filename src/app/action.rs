//! What can happen to the app (`Action`) and what the app asks the shell to do (`Effect`).

use std::fmt;
use std::str::FromStr;

use super::status::Message;
use crate::store::anchor::Span;
use crate::store::bookmarks::Bookmark;

/// The panes of the reader, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Contents,
    Dialogue,
    Claims,
}

impl Pane {
    pub fn name(self) -> &'static str {
        match self {
            Pane::Contents => "contents",
            Pane::Dialogue => "dialogue",
            Pane::Claims => "claims",
        }
    }
}

/// An item of a list pane or overlay, by its index in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A section in the contents pane.
    Section(usize),
    /// A row of the claims pane.
    Claim(usize),
    /// A row of the bookmarks list.
    Bookmark(usize),
    /// A row of the speaker picker (0 is "all").
    Speaker(usize),
}

/// Everything `update` understands. Keyboard actions have a kebab-case name
/// used in keymap files; the rest come from the mouse and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextSentence,
    PrevSentence,
    NextTurn,
    PrevTurn,
    NextSection,
    PrevSection,
    /// Jump to the Nth numbered section; 0 is the preamble.
    GotoSection(u8),
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    ToggleToc,
    ToggleClaims,
    /// Show or hide turn start times (formats with timestamps).
    ToggleTimes,
    /// One line per turn, the name beside the text.
    ToggleCompact,
    /// Scroll the dialogue a line (`Ctrl-e`/`Ctrl-y`, Enter and `e` as in less).
    ScrollDown,
    ScrollUp,
    /// The cursor to the first or last sentence on screen (`H`, `L`).
    ViewTop,
    ViewBottom,
    /// Move the selection in the focused list pane.
    SelectDown,
    SelectUp,
    /// Enter in a list pane: jump to what is selected.
    Activate,
    NextClaim,
    PrevClaim,
    SortClaims,
    FilterClaims,
    /// `m`: bookmark the current sentence or the selection, or remove the
    /// bookmark under the cursor.
    ToggleBookmark,
    /// `v`: start selecting sentences from the current one.
    StartSelection,
    OpenBookmarks,
    NextBookmark,
    PrevBookmark,
    /// `y`: copy the current quote or the selection, with attribution.
    CopyQuote,
    EditNote,
    DeleteBookmark,
    UndoDelete,
    /// `a` in the bookmarks list: a changed quote takes the words the
    /// document has now.
    AcceptChange,
    /// A key typed into the note editor or the search line.
    Edit(EditKey),
    /// `/`: open the search line.
    Search,
    NextMatch,
    PrevMatch,
    /// Idle time: let background work (the search count) go on.
    Tick,
    JumpBack,
    JumpForward,
    /// `s`: the speaker picker, to show one speaker only.
    Speakers,
    /// `w` / `W`: the next or previous turn of the current speaker.
    NextSpeakerTurn,
    PrevSpeakerTurn,
    Help,
    CloseOverlay,
    Suspend,
    Quit,
    /// In the unsaved prompt: try saving again.
    RetrySave,
    /// In the unsaved prompt: name a file to write the unsaved changes to.
    WriteUnsaved,
    /// In the unsaved prompt: quit, leaving the changes in a recovery file.
    QuitUnsaved,
    /// The shell could not save `n` bookmark changes at quit: ask.
    Unsaved(usize),
    /// Explicitly unbinds a key in a user keymap.
    Noop,
    /// A key bound to nothing where it was pressed: said in the status line.
    Unbound(super::keymap::Key),
    /// Mouse wheel over a pane: positive is down.
    Scroll(Pane, i16),
    /// A mouse click on an item of a list, as the widget that drew the
    /// list hit-tests it ([`super::list::Window::hit`]).
    Click(Target),
    /// The terminal was resized or a frame laid out the panes anew.
    Viewport(super::view::Viewport),
    /// The time the next input came, in seconds since the epoch: the run
    /// loop reads the clock so that `update` dates bookmarks without doing so.
    Clock(u64),
}

/// What the shell reports back to the app: the answer to an effect, or what
/// an idle moment found. Kept out of [`Action`], which keymaps and the help
/// table copy freely, because it carries text and bookmarks.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// The status line's message from now on (`None` clears it), of the
    /// kind the shell says: a success is information, a failure a warning.
    Status(Option<Message>),
    /// The bookmarks as the store now has them (other instances changed them).
    Bookmarks(Vec<Bookmark>),
}

/// Everything `update` takes: an action, or a report from the shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Action(Action),
    Report(Report),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

impl From<Report> for Msg {
    fn from(r: Report) -> Msg {
        Msg::Report(r)
    }
}

/// Keys of the one-line note editor, which takes text rather than bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// History in the search line.
    Up,
    Down,
    /// Ctrl-r in the search line: regular expression on or off.
    ToggleRegex,
    Submit,
    Cancel,
}

/// Side effects `update` asks the run loop to perform.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Try again to save bookmark changes that could not be saved.
    RetrySave,
    /// Write the unsaved bookmark changes to this file, then quit.
    WriteUnsaved(String),
    /// Quit though changes are unsaved (they go to a recovery file).
    QuitUnsaved,
    Suspend,
    AddBookmark(Box<Bookmark>),
    RemoveBookmark(String),
    RestoreBookmark(Box<Bookmark>),
    SetNote {
        id: String,
        note: String,
    },
    /// A changed bookmark now holds `quote`, found at `span` of the document
    /// whose hash is `doc_hash` (`Store::accept`).
    AcceptQuote {
        id: String,
        span: Span,
        quote: String,
        doc_hash: String,
    },
    /// Put text on the clipboard (OSC 52).
    Copy(String),
}

/// Keyboard actions with their names and help text, in help-overlay order.
pub const NAMED: &[(Action, &str, &str)] = &[
    (Action::NextSentence, "next-sentence", "next sentence"),
    (Action::PrevSentence, "prev-sentence", "previous sentence"),
    (Action::NextTurn, "next-turn", "next turn"),
    (Action::PrevTurn, "prev-turn", "previous turn"),
    (Action::NextSection, "next-section", "next section"),
    (Action::PrevSection, "prev-section", "previous section"),
    (
        Action::GotoSection(0),
        "goto-preamble",
        "go to the preamble",
    ),
    (Action::GotoSection(1), "goto-section-1", "go to section 1"),
    (Action::GotoSection(2), "goto-section-2", "go to section 2"),
    (Action::GotoSection(3), "goto-section-3", "go to section 3"),
    (Action::GotoSection(4), "goto-section-4", "go to section 4"),
    (Action::GotoSection(5), "goto-section-5", "go to section 5"),
    (Action::GotoSection(6), "goto-section-6", "go to section 6"),
    (Action::GotoSection(7), "goto-section-7", "go to section 7"),
    (Action::GotoSection(8), "goto-section-8", "go to section 8"),
    (Action::GotoSection(9), "goto-section-9", "go to section 9"),
    (Action::PageDown, "page-down", "page down"),
    (Action::PageUp, "page-up", "page up"),
    (Action::HalfPageDown, "half-page-down", "half a page down"),
    (Action::HalfPageUp, "half-page-up", "half a page up"),
    (Action::Top, "top", "go to the start"),
    (Action::Bottom, "bottom", "go to the end"),
    (Action::ScrollDown, "scroll-down", "scroll a line down"),
    (Action::ScrollUp, "scroll-up", "scroll a line up"),
    (Action::ViewTop, "view-top", "the first sentence on screen"),
    (
        Action::ViewBottom,
        "view-bottom",
        "the last sentence on screen",
    ),
    (Action::NextClaim, "next-claim", "next claim"),
    (Action::PrevClaim, "prev-claim", "previous claim"),
    (Action::FocusNext, "focus-next", "focus the next pane"),
    (Action::FocusPrev, "focus-prev", "focus the previous pane"),
    (Action::ToggleToc, "toggle-toc", "show or hide the contents"),
    (
        Action::ToggleClaims,
        "toggle-claims",
        "show or hide the claims",
    ),
    (
        Action::ToggleTimes,
        "toggle-times",
        "show or hide turn times",
    ),
    (
        Action::ToggleCompact,
        "toggle-compact",
        "one line per turn, or back",
    ),
    (Action::SelectDown, "select-down", "select the next row"),
    (Action::SelectUp, "select-up", "select the previous row"),
    (Action::Activate, "activate", "jump to the selected row"),
    (
        Action::SortClaims,
        "sort-claims",
        "order claims by place or by score",
    ),
    (
        Action::FilterClaims,
        "filter-claims",
        "cycle the claim kind filter",
    ),
    (
        Action::ToggleBookmark,
        "toggle-bookmark",
        "bookmark the sentence or selection, or remove it",
    ),
    (Action::StartSelection, "select", "select sentences"),
    (
        Action::CopyQuote,
        "copy-quote",
        "copy the quote with attribution",
    ),
    (Action::OpenBookmarks, "bookmarks", "list bookmarks"),
    (Action::NextBookmark, "next-bookmark", "next bookmark"),
    (Action::PrevBookmark, "prev-bookmark", "previous bookmark"),
    (Action::EditNote, "edit-note", "edit the bookmark's note"),
    (
        Action::DeleteBookmark,
        "delete-bookmark",
        "delete the bookmark",
    ),
    (Action::UndoDelete, "undo-delete", "undo the last delete"),
    (
        Action::AcceptChange,
        "accept-change",
        "accept a changed quote's new words",
    ),
    (
        Action::Search,
        "search",
        "search (smart case; \\v starts a regex)",
    ),
    (Action::NextMatch, "next-match", "next match"),
    (Action::PrevMatch, "prev-match", "previous match"),
    (
        Action::Speakers,
        "speakers",
        "show one speaker only (or all again)",
    ),
    (
        Action::NextSpeakerTurn,
        "next-speaker-turn",
        "next turn of this speaker",
    ),
    (
        Action::PrevSpeakerTurn,
        "prev-speaker-turn",
        "previous turn of this speaker",
    ),
    (
        Action::JumpBack,
        "jump-back",
        "back to where the last jump came from",
    ),
    (
        Action::JumpForward,
        "jump-forward",
        "forward again in the jump list",
    ),
    (Action::Help, "help", "show this help"),
    (Action::CloseOverlay, "close-overlay", "close the overlay"),
    (Action::Suspend, "suspend", "suspend to the shell"),
    (Action::Quit, "quit", "quit"),
    (
        Action::RetrySave,
        "retry-save",
        "try saving the bookmarks again",
    ),
    (
        Action::WriteUnsaved,
        "write-unsaved",
        "write the unsaved bookmarks to a file you name",
    ),
    (
        Action::QuitUnsaved,
        "quit-unsaved",
        "quit; the unsaved bookmarks go to a recovery file",
    ),
    (Action::Noop, "noop", "do nothing (unbinds a key)"),
];

impl Action {
    /// A move by pages or to an end, which the help's scrolling takes too.
    pub fn scrolls_a_page(self) -> bool {
        matches!(
            self,
            Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::Top
                | Action::Bottom
        )
    }

    /// The keymap name of a keyboard action.
    pub fn name(self) -> Option<&'static str> {
        NAMED
            .iter()
            .find(|(a, _, _)| *a == self)
            .map(|(_, n, _)| *n)
    }

    /// One line of help text for a keyboard action.
    pub fn description(self) -> Option<&'static str> {
        NAMED
            .iter()
            .find(|(a, _, _)| *a == self)
            .map(|(_, _, d)| *d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAction(pub String);

impl fmt::Display for UnknownAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown action '{}'", self.0)
    }
}

impl FromStr for Action {
    type Err = UnknownAction;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NAMED
            .iter()
            .find(|(_, n, _)| *n == s)
            .map(|(a, _, _)| *a)
            .ok_or_else(|| UnknownAction(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_action_round_trips() {
        for (action, name, _) in NAMED {
            assert_eq!(name.parse::<Action>(), Ok(*action));
            assert_eq!(action.name(), Some(*name));
        }
    }

    #[test]
    fn unknown_names_are_rejected() {
        assert_eq!(
            "fly".parse::<Action>(),
            Err(UnknownAction("fly".to_string()))
        );
    }
}
