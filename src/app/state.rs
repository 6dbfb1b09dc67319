//! The one `State` of the reader: the document, where the reader is, and
//! what is shown. Everything `update` changes and every widget reads.

use std::cell::RefCell;

use super::action::Pane;
use super::area::Area;
use super::find::{Find, Query};
use super::flow::Flow;
use super::history::Jumps;
use super::keymap::Keymap;
use super::layout;
use super::line_edit::LineEdit;
use super::lines::{LinePos, Lines, WrapCache};
use super::marks::{self, Mark};
use super::startup::{Ids, Startup};
use crate::store::bookmarks::Bookmark;
use crate::transcript::stats::SpeakerShare;
use crate::transcript::{ClaimKind, Document};

/// Where the panes are, as laid out for the current terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub dialogue: Area,
    /// Empty when hidden.
    pub toc: Area,
    pub claims: Area,
}

impl Viewport {
    /// Columns for paragraph text in the dialogue.
    pub fn text_width(&self) -> usize {
        layout::text_width(self.dialogue.width)
    }

    pub fn height(&self) -> usize {
        usize::from(self.dialogue.height)
    }
}

/// Whether a side pane shows. `Auto` shows it only when there is room;
/// `Shown` overlays it on the dialogue when there is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Auto,
    Shown,
    Hidden,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// The speaker picker: 0 is "all", then speakers in `flow.speakers` order.
    Speakers {
        selected: usize,
    },
    /// The bookmarks list; `selected` indexes `State::marks`.
    Bookmarks {
        selected: usize,
    },
    /// Editing the note of mark `mark`.
    Note {
        mark: usize,
        line: LineEdit,
    },
    /// Typing a search query.
    Query(Query),
    /// Quitting with `count` bookmark changes not saved; `path` is open
    /// while the user names a file to write them to.
    Unsaved {
        count: usize,
        path: Option<LineEdit>,
    },
}

/// The top line of the dialogue view, as a block and a byte offset so it
/// survives re-wrapping at another width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    pub offset: usize,
}

pub struct State {
    pub doc: Document,
    /// File name shown in the status line.
    pub name: String,
    pub flow: Flow,
    /// The current sentence (the "current quote"), an index into `flow.sentences`.
    pub cursor: usize,
    pub top: Anchor,
    pub focus: Pane,
    pub toc: Visibility,
    pub claims: Visibility,
    pub toc_selected: usize,
    /// Index into `claims_view`.
    pub claim_selected: usize,
    pub claims_by_score: bool,
    pub claim_filter: Option<ClaimKind>,
    /// The sentence of each claim in `doc.claims` (non-decreasing).
    pub claim_sentence: Vec<usize>,
    /// Claims shown in the sidebar, as indices into `doc.claims`, after the
    /// kind filter and in the chosen order.
    pub claims_view: Vec<usize>,
    /// The filtered claims in document order, for finding the nearest one.
    claims_in_order: Vec<usize>,
    /// Position of each claim in `claims_view`, `usize::MAX` if filtered out.
    claim_rank: Vec<usize>,
    pub overlay: Option<Overlay>,
    /// Bookmarks in document order, detached ones last.
    pub marks: Vec<Mark>,
    /// The sentence a selection (`v`) started from.
    pub selection: Option<usize>,
    /// The last deleted bookmark, for undo.
    pub deleted: Option<Bookmark>,
    /// The search whose matches are shown and reached with `n`/`N`.
    pub find: Option<Find>,
    /// Earlier queries of this session, oldest first.
    pub history: Vec<String>,
    pub jumps: Jumps,
    /// Show only this speaker's turns (an index into `flow.speakers`).
    pub speaker_focus: Option<u32>,
    /// Each speaker's share of the words, computed when first asked for.
    pub shares: Option<Vec<SpeakerShare>>,
    pub message: Option<String>,
    pub viewport: Viewport,
    pub keymap: Keymap,
    /// Whether styles may use colour (false under `NO_COLOR`).
    pub color: bool,
    /// Show each turn's start time beside its speaker (`T`).
    pub times: bool,
    pub wrap: RefCell<WrapCache>,
    /// [`crate::store::doc_hash`] of `doc`, computed once at load.
    pub doc_hash: String,
    /// Ids and creation times for new bookmarks, from outside.
    pub ids: Ids,
}

impl State {
    /// The reader on `doc` with [`Startup::new`]'s defaults.
    pub fn new(doc: Document, name: impl Into<String>, keymap: Keymap) -> State {
        let startup = Startup::new(&doc);
        State::start(doc, name, keymap, startup)
    }

    /// The bare state, before [`State::start`] adds what the shell knows.
    pub(super) fn with_hash(
        doc: Document,
        name: impl Into<String>,
        keymap: Keymap,
        doc_hash: String,
    ) -> State {
        let flow = Flow::new(&doc);
        let claim_sentence = doc
            .claims
            .iter()
            .map(|c| {
                let turn = flow
                    .sections
                    .get(c.section)
                    .map_or(0, |s| s.first_turn as usize + c.turn);
                flow.sentence_in(turn, c.paragraph, c.start)
            })
            .collect();
        let message =
            (!doc.warnings.is_empty()).then(|| format!("warning: {}", doc.warnings.join("; ")));
        let mut state = State {
            doc,
            name: name.into(),
            flow,
            cursor: 0,
            top: Anchor::default(),
            focus: Pane::Dialogue,
            toc: Visibility::Auto,
            claims: Visibility::Auto,
            toc_selected: 0,
            claim_selected: 0,
            claims_by_score: false,
            claim_filter: None,
            claim_sentence,
            claims_view: Vec::new(),
            claims_in_order: Vec::new(),
            claim_rank: Vec::new(),
            overlay: None,
            marks: Vec::new(),
            selection: None,
            deleted: None,
            find: None,
            history: Vec::new(),
            jumps: Jumps::default(),
            speaker_focus: None,
            shares: None,
            message,
            viewport: Viewport::default(),
            keymap,
            color: true,
            times: false,
            wrap: RefCell::new(WrapCache::default()),
            doc_hash,
            ids: Ids::default(),
        };
        state.refresh_claims_view();
        state
    }

    /// Line measurement at the current dialogue width.
    pub fn lines(&self) -> Lines<'_> {
        Lines {
            doc: &self.doc,
            flow: &self.flow,
            cache: &self.wrap,
            width: self.viewport.text_width(),
            focus: self.speaker_focus,
        }
    }

    pub fn top_pos(&self) -> LinePos {
        let block = self.top.block.min(self.flow.blocks.len().saturating_sub(1));
        let lines = self.lines();
        lines.visible(LinePos {
            block,
            line: lines.line_of(block, self.top.offset),
        })
    }

    /// `s`, or the nearest sentence of the focused speaker, looking forward
    /// first when `forward` (back first otherwise).
    pub fn visible_sentence(&self, s: usize, forward: bool) -> usize {
        let Some(focus) = self.speaker_focus else {
            return s;
        };
        let turns = &self.flow.turns;
        let t = self.flow.turn_of(s);
        if turns.get(t).is_none_or(|x| x.speaker == focus) {
            return s;
        }
        let ahead = (t + 1..turns.len()).find(|&i| turns[i].speaker == focus);
        let behind = (0..t).rev().find(|&i| turns[i].speaker == focus);
        let first = |i: usize| turns[i].first_sentence as usize;
        // The last sentence of a turn is just before the next turn's first.
        let last = |i: usize| {
            turns
                .get(i + 1)
                .map_or(self.flow.sentences.len(), |n| n.first_sentence as usize)
                .saturating_sub(1)
        };
        match (forward, ahead, behind) {
            (true, Some(i), _) | (false, Some(i), None) => first(i),
            (false, _, Some(i)) | (true, None, Some(i)) => last(i),
            (_, None, None) => s,
        }
    }

    /// The section being read.
    pub fn section(&self) -> usize {
        self.flow.section_of(self.cursor)
    }

    /// The global turn being read.
    pub fn turn(&self) -> usize {
        self.flow.turn_of(self.cursor)
    }

    /// The speaker of the turn being read, if it is not narration.
    pub fn speaker(&self) -> Option<&str> {
        self.speaker_of(self.cursor)
    }

    /// Show these bookmarks, placed on the document (re-anchored by text if
    /// it changed since they were made).
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        self.marks = marks::place_all(&self.doc, &self.flow, bookmarks);
    }

    /// Start reading at sentence `s`, shown near the top of the view.
    pub fn resume_at(&mut self, s: usize) {
        let Some(sen) = self.flow.sentences.get(s) else {
            return;
        };
        self.cursor = s;
        self.top = Anchor {
            block: sen.block as usize,
            offset: sen.start as usize,
        };
    }

    /// Sentences `first..=last` of the selection, if one is active.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.selection
            .map(|a| (a.min(self.cursor), a.max(self.cursor)))
    }

    /// The bookmark covering sentence `s`, as an index into `marks`.
    pub fn mark_at(&self, s: usize) -> Option<usize> {
        let sen = self.flow.sentences.get(s)?;
        let pos = (sen.block as usize, sen.start as usize);
        self.marks
            .iter()
            .position(|m| m.place.is_some_and(|p| p.start <= pos && pos < p.end))
    }

    /// The speaker of the turn holding sentence `s`.
    pub fn speaker_of(&self, s: usize) -> Option<&str> {
        let t = self.flow.turns.get(self.flow.turn_of(s))?;
        self.doc.sections[t.section as usize].turns[t.index as usize]
            .speaker
            .as_deref()
    }

    /// Rebuild the sidebar's list after the filter or the order changed.
    pub fn refresh_claims_view(&mut self) {
        let claims = &self.doc.claims;
        self.claims_in_order = (0..claims.len())
            .filter(|&i| self.claim_filter.is_none_or(|k| claims[i].kind == k))
            .collect();
        let mut view = self.claims_in_order.clone();
        if self.claims_by_score {
            view.sort_by(|&a, &b| claims[b].score.total_cmp(&claims[a].score).then(a.cmp(&b)));
        }
        self.claim_rank = vec![usize::MAX; claims.len()];
        for (pos, &c) in view.iter().enumerate() {
            self.claim_rank[c] = pos;
        }
        self.claims_view = view;
        self.claim_selected = self
            .claim_selected
            .min(self.claims_view.len().saturating_sub(1));
    }

    /// Position in `claims_view` of the shown claim nearest the cursor: the
    /// first at or after it, else the last before it. O(log n).
    pub fn nearest_claim(&self) -> Option<usize> {
        let order = &self.claims_in_order;
        let i = order.partition_point(|&c| self.claim_sentence[c] < self.cursor);
        let c = order.get(i).or_else(|| order.last())?;
        Some(self.claim_rank[*c])
    }

    /// Panes that can take focus now, in Tab order.
    pub fn focusable(&self) -> Vec<Pane> {
        let mut v = Vec::with_capacity(3);
        if !self.viewport.toc.is_empty() {
            v.push(Pane::Toc);
        }
        v.push(Pane::Dialogue);
        if !self.viewport.claims.is_empty() {
            v.push(Pane::Claims);
        }
        v
    }
}

/// First row of a list so that `selected` is in view, centred when it can be.
/// Shared by drawing and mouse hit-testing so both agree.
pub fn list_offset(selected: usize, len: usize, height: usize) -> usize {
    if len <= height || height == 0 {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}
