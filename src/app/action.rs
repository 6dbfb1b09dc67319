//! What can happen to the app (`Action`) and what the app asks the shell to do (`Effect`).

use std::fmt;
use std::str::FromStr;

use super::status::Message;
use crate::store::anchor::Span;
use crate::store::bookmarks::Bookmark;
use crate::store::codes::{CodeChange, Codebook};
use crate::store::ledger::{Edit, Entries, Status};
use crate::transcript::Document;

mod named;
pub use named::NAMED;

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
    /// A row of the code picker.
    Code(usize),
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
    /// In the claims pane: give the selected claim this status.
    ClaimStatus(Status),
    /// In the claims pane: the selected claim's note, in the line editor.
    ClaimNote,
    /// In the claims pane: add a source (a URL or text) to the claim.
    ClaimSource,
    /// In the claims pane: open the claim's first source URL.
    OpenSource,
    /// In the claims pane: the next status filter.
    FilterStatus,
    /// `+`: the current sentence (or the selection) is a claim, by hand.
    AddClaim,
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
    /// `Y`: copy the current sentence's address, `FILE@§S.tT`.
    CopyAddress,
    EditNote,
    DeleteBookmark,
    UndoDelete,
    /// `a` in the bookmarks list: a changed quote takes the words the
    /// document has now.
    AcceptChange,
    /// `C`: the code picker, on the current sentence, the selection or the
    /// bookmark selected in the list.
    Code,
    /// `/` in the bookmarks list: the query line that filters it.
    FilterBookmarks,
    /// In the code picker: apply the selected code (take it off if the
    /// quote has it), or create the code typed.
    ApplyCode,
    /// In the code picker: code the whole turn, or the sentence again.
    CodeTurn,
    /// In the code picker, while its filter is empty: apply the Nth code
    /// listed (1 to 9).
    CodeNth(u8),
    /// `F`: follow the file as it grows (from its end), or stop.
    ToggleFollow,
    /// `#`: the code overview, where the codebook is edited too.
    Codes,
    /// `A`: who talked how much (the analytics overlay).
    Analytics,
    /// In the code overview: rename the selected code.
    RenameCode,
    /// In the code overview: give the selected code a colour, or clear it.
    RecolorCode,
    /// In the code overview: describe the selected code.
    DescribeCode,
    /// In the code overview: move the selected code under another, or to the top.
    MoveCode,
    /// In the code overview: make a new code.
    NewCode,
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
    /// The shell could not save these changes at quit: ask.
    Unsaved(super::unsaved::Pending),
    /// Back to the library, from a reader opened from one.
    Back,
    /// In the library: sort the rows by this column (again: the other way).
    SortBy(super::library::Column),
    /// In the library: the line that filters the rows as it is typed.
    FilterRows,
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
    /// The codebook as saved, other instances' codes included.
    Codebook(Codebook),
    /// The document read again (the file grew or was rewritten), with its
    /// hash: it takes the place of the one read ([`super::live`]).
    Document(Box<Document>, String),
    /// How far the background read of a large or slow input has come.
    Progress(super::live::Progress),
    /// The input is all read: the last [`Report::Document`] was the whole.
    Loaded,
    /// The input is all read, but its whole could not be made a document:
    /// why ([`super::live::failed`]).
    LoadFailed(String),
    /// Where the reader left the document last time, known once the whole
    /// document is.
    Resume(crate::store::anchor::Anchor),
    /// The claims ledger as the shell has it: opened, or another instance
    /// saved it.
    Ledger(Entries),
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
    /// Ctrl-u, Ctrl-k, Ctrl-w: delete to the start, to the end, or the
    /// word before the cursor, as readline does.
    KillToStart,
    KillToEnd,
    KillWord,
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
    /// Code a bookmark with `code` (`on`) or take the code off (`Store::set_code`).
    SetCode {
        id: String,
        code: String,
        on: bool,
    },
    /// Changes to the codebook: new codes, and codes marked used.
    ChangeCodes(Vec<CodeChange>),
    /// Follow the file as it grows (`true`), or stop watching it.
    Follow(bool),
    /// Make this change to the claims ledger and save it.
    Ledger(Edit),
    /// Open a web address with the system's opener, not waiting for it.
    OpenUrl(String),
    /// Several effects of one input, performed in order.
    Batch(Vec<Effect>),
    /// Close a reader opened from the library, asking it for what next.
    Leave(Leave),
}

/// What a reader opened from the library asks of it when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Back to the library, where it was (`Backspace`, or `Esc` with
    /// nothing else to close).
    Library,
    /// `n` past the last match: the next transcript with hits, at its first.
    Next,
    /// `N` before the first match: the previous one with hits, at its last.
    Prev,
}

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
