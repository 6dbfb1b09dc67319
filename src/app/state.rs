//! The reader's `State`: the opened document and the parts of the reader,
//! each owning its data behind its own methods, plus what belongs to no
//! one part (the open overlay, the focused pane); the status message is
//! its own small part ([`super::status`]: its kind, when it was set, how
//! long it stays).
//! Widgets read it through the accessors here; only `update` (and
//! [`State::start`]) changes it.
//!
//! The rule for new state: it goes into the part whose invariant it
//! serves, or into a new part with private fields and its own handler;
//! this struct only gains a field for a new part. The handlers reach the
//! parts through these `pub(super)` fields, and `tests/layers.rs` checks
//! that no module but this one assigns them.

use super::action::Pane;
use super::claims::ClaimsPane;
use super::codes_pane::CodesPane;
use super::coding::Coding;
use super::contents::Contents;
use super::find::{Finder, Query};
use super::flow::{Flow, FlowPos};
use super::jumps::Jumps;
use super::keymap::Keymap;
use super::line_edit::LineEdit;
use super::lines::{LinePos, Lines};
use super::marks::{Mark, Marks};
use super::opened::Opened;
use super::picker::Picker;
use super::startup::{Ids, Startup};
use super::status::{Message, StatusMessage};
use super::view::View;
use crate::transcript::Document;

pub use super::contents::Visibility;
pub use super::view::Viewport;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// The speaker picker: 0 is "all", then speakers in `flow.speakers` order.
    Speakers {
        selected: usize,
    },
    /// The bookmarks list; `selected` is a row of the marks.
    Bookmarks {
        selected: usize,
    },
    /// Editing the note of the bookmark on row `mark`.
    Note {
        mark: usize,
        line: LineEdit,
    },
    /// Typing a search query.
    Query(Query),
    /// Editing a claim's note, or adding a source to it (the claims pane).
    Claim(super::ledger::ClaimEdit),
    /// The code picker (`C`).
    Picker(Picker),
    /// The code overview (`#`), where the codebook is edited.
    Codes(CodesPane),
    /// Who talked how much (`A`): the selected speaker and how far the
    /// content is scrolled (the analytics are the opened document's).
    Analytics {
        selected: usize,
        scroll: u16,
    },
    /// Quitting with `count` changes not saved; `path` is open while the
    /// user names a file to write them to.
    Unsaved {
        count: super::unsaved::Pending,
        path: Option<LineEdit>,
    },
}

/// Which overlay is open, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    Speakers,
    Bookmarks,
    Note,
    Query,
    Claim,
    Picker,
    Codes,
    Analytics,
    Unsaved,
}

impl Overlay {
    pub fn kind(&self) -> OverlayKind {
        match self {
            Overlay::Help { .. } => OverlayKind::Help,
            Overlay::Speakers { .. } => OverlayKind::Speakers,
            Overlay::Bookmarks { .. } => OverlayKind::Bookmarks,
            Overlay::Note { .. } => OverlayKind::Note,
            Overlay::Query(_) => OverlayKind::Query,
            Overlay::Claim(_) => OverlayKind::Claim,
            Overlay::Picker(_) => OverlayKind::Picker,
            Overlay::Codes(_) => OverlayKind::Codes,
            Overlay::Analytics { .. } => OverlayKind::Analytics,
            Overlay::Unsaved { .. } => OverlayKind::Unsaved,
        }
    }
}

pub struct State {
    pub(super) opened: Opened,
    pub(super) view: View,
    pub(super) contents: Contents,
    pub(super) claims: ClaimsPane,
    pub(super) marks: Marks,
    pub(super) coding: Coding,
    pub(super) finder: Finder,
    pub(super) jumps: Jumps,
    pub(super) status: StatusMessage,
    overlay: Option<Overlay>,
    focus: Pane,
    settings: Settings,
}

/// What the reader was opened with and keeps: the keymap, and whether
/// styles may use colour (false under `NO_COLOR`).
struct Settings {
    keymap: Keymap,
    color: bool,
    /// Opened from the library: how to go back to it.
    link: Option<super::library::Link>,
}

impl State {
    /// The reader on `doc` with [`Startup::new`]'s defaults.
    pub fn new(doc: Document, name: impl Into<String>, keymap: Keymap) -> State {
        let startup = Startup::new(&doc);
        State::start(doc, name, keymap, startup)
    }

    /// Open the reader on `doc` with what the shell knows at start-up: the
    /// one named place, besides `update`, that sets state.
    pub fn start(doc: Document, name: impl Into<String>, keymap: Keymap, up: Startup) -> State {
        let warnings = super::live::warning_line(&doc);
        let opened = Opened::new(doc, name.into(), up.doc_hash);
        let mut state = State {
            view: View::default(),
            contents: Contents::new(opened.doc().sections.len()),
            claims: ClaimsPane::new(opened.doc(), opened.flow()),
            coding: Coding::new(up.codebook, up.session.clone(), up.now),
            marks: Marks::new(Ids::new(up.session, up.now)),
            finder: Finder::default(),
            jumps: Jumps::default(),
            status: StatusMessage::new(
                up.now,
                up.warning
                    .map(|w| format!("warning: {w}"))
                    .or(warnings)
                    .map(Message::warning),
            ),
            overlay: None,
            focus: Pane::Dialogue,
            settings: Settings {
                keymap,
                color: up.color,
                link: up.link.clone(),
            },
            opened,
        };
        state.marks.set_all(&state.opened, up.bookmarks);
        state.opened.start_live(up.follow, up.loading);
        state.opened.set_file(up.file);
        if state.opened.live().following() {
            // `-f`: from the end, as `less +F`.
            state.view.to_end(&state.opened);
        }
        let resumed = up
            .resume
            .and_then(|a| super::marks::anchor_sentence(state.doc(), state.flow(), &a));
        if let Some(s) = resumed {
            state.view.resume_at(&state.opened, s);
        }
        if let Some(search) = up.link.and_then(|l| l.search) {
            super::find::begin(&mut state, &search, false);
        }
        state
    }

    pub fn doc(&self) -> &Document {
        self.opened.doc()
    }

    pub fn flow(&self) -> &Flow {
        self.opened.flow()
    }

    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn contents(&self) -> &Contents {
        &self.contents
    }

    pub fn claims(&self) -> &ClaimsPane {
        &self.claims
    }

    pub fn marks(&self) -> &[Mark] {
        self.marks.list()
    }

    /// The bookmarks list's filter: its query, its line, its error.
    pub fn bookmark_filter(&self) -> &super::marks::filter::Filter {
        self.marks.filter()
    }

    /// The codebook and the order the picker lists it in.
    pub fn coding(&self) -> &Coding {
        &self.coding
    }

    /// The ids of the codes on the quotes under the cursor, each once.
    pub fn cursor_codes(&self) -> Vec<&str> {
        self.marks.codes_at(&self.opened, self.cursor())
    }

    pub fn finder(&self) -> &Finder {
        &self.finder
    }

    pub fn jumps(&self) -> &Jumps {
        &self.jumps
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The pane that takes list keys (not the speaker filter).
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The status message's text.
    pub fn message(&self) -> Option<&str> {
        self.status.get().map(|m| m.text.as_str())
    }

    /// The status message with its kind (information or warning).
    pub fn status_message(&self) -> Option<&Message> {
        self.status.get()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    pub fn color(&self) -> bool {
        self.settings.color
    }

    /// How a reader opened from the library goes back to it.
    pub fn link(&self) -> Option<&super::library::Link> {
        self.settings.link.as_ref()
    }

    /// The current sentence.
    pub fn cursor(&self) -> usize {
        self.view.cursor()
    }

    pub fn top(&self) -> FlowPos {
        self.view.top()
    }

    pub fn viewport(&self) -> Viewport {
        self.view.viewport()
    }

    pub fn lines(&self) -> Lines<'_> {
        self.view.lines(&self.opened)
    }

    pub fn top_pos(&self) -> LinePos {
        self.view.top_pos(&self.opened)
    }

    /// The section being read.
    pub fn section(&self) -> usize {
        self.flow().section_of(self.cursor())
    }

    /// The global turn being read.
    pub fn turn(&self) -> usize {
        self.flow().turn_of(self.cursor())
    }

    /// The speaker of the turn being read, if it is not narration.
    pub fn speaker(&self) -> Option<&str> {
        self.opened.speaker_of(self.cursor())
    }

    /// Sentences `first..=last` of the selection, if one is being made.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.marks.selected_range()
    }

    /// Panes that can take focus now, in Tab order.
    pub fn focusable(&self) -> Vec<Pane> {
        let vp = self.viewport();
        let mut v = Vec::with_capacity(3);
        if !vp.contents.is_empty() {
            v.push(Pane::Contents);
        }
        v.push(Pane::Dialogue);
        if !vp.claims.is_empty() {
            v.push(Pane::Claims);
        }
        v
    }

    /// Tell the reader something (information: it goes by itself).
    pub(super) fn say(&mut self, message: impl Into<String>) {
        self.status.set(Some(Message::info(message)));
    }

    /// Warn the reader (stays until the next input).
    pub(super) fn warn(&mut self, message: impl Into<String>) {
        self.status.set(Some(Message::warning(message)));
    }

    /// Set information, or clear the message with `None`.
    pub(super) fn set_message(&mut self, message: Option<String>) {
        self.status.set(message.map(Message::info));
    }

    pub(super) fn open(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    pub(super) fn close(&mut self) -> Option<Overlay> {
        self.overlay.take()
    }

    pub(super) fn overlay_mut(&mut self) -> Option<&mut Overlay> {
        self.overlay.as_mut()
    }

    pub(super) fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        self.sync_lists();
    }

    /// Put the cursor on sentence `s`; the list panes follow.
    pub(super) fn move_to(&mut self, s: usize) {
        self.view.move_cursor(&self.opened, s);
        self.sync_lists();
    }

    /// A jump: go somewhere else (by `go`), remembering where the reader
    /// was for `Ctrl-o` if the cursor moved.
    pub(super) fn jump(&mut self, go: impl FnOnce(&mut State)) {
        let before = self.cursor();
        go(self);
        if self.cursor() != before {
            self.jumps.record(before);
        }
    }

    /// [`State::jump`] to sentence `s`.
    pub(super) fn jump_to(&mut self, s: usize) {
        self.jump(|state| state.move_to(s));
    }

    /// Show section `i` from its banner.
    pub(super) fn show_section(&mut self, i: usize) {
        self.view.show_section(&self.opened, i);
        self.sync_lists();
        self.status.set(None);
    }

    /// Unfocused list panes follow the reading position.
    pub(super) fn sync_lists(&mut self) {
        let cursor = self.cursor();
        if self.focus != Pane::Contents {
            self.contents.select_at(self.section());
        }
        if self.focus != Pane::Claims {
            self.claims.follow(cursor);
        }
    }
}
