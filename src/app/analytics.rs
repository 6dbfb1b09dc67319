//! The analytics overlay (`A`): who talked how much, from the opened
//! document's [`Analytics`] (computed once per document and cached in
//! [`super::opened::Opened`]). A speaker is selected; `Enter` jumps to
//! that speaker's longest turn (a jump, so `Ctrl-o` comes back); the
//! content scrolls by pages when it is taller than the screen.
//!
//! [`Rows`] is the one placement of the content's blocks, which the widget
//! draws and the handler bounds the scroll and follows the selection with.

use super::action::{Action, Effect};
use super::hints::{Piece, pieces};
use super::keymap::{Keymap, Layer};
use super::state::{Overlay, State};
use crate::transcript::stats::Analytics;

/// The widest the popup gets.
pub const WIDTH: u16 = 100;
/// Rows of the popup that are not content: the borders and the keys line.
pub const CHROME: u16 = 3;

/// Where each block of the content starts, in rows from its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    /// The heading of the bar chart of word shares; the bars follow.
    pub shares: u16,
    /// The heading of the table of turns; a row per speaker follows.
    pub table: u16,
    /// The heading of the sections; a row per section follows.
    pub sections: u16,
    /// For a timed transcript, the heading of the timeline; a row per
    /// speaker and the time axis follow.
    pub timeline: Option<u16>,
    /// All the content's rows.
    pub total: u16,
}

fn rows16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Rows {
    pub fn of(a: &Analytics) -> Rows {
        let speakers = rows16(a.speakers.len());
        let table = speakers.saturating_add(2);
        let sections = table.saturating_add(speakers).saturating_add(2);
        let mut total = sections
            .saturating_add(1)
            .saturating_add(rows16(a.sections.len()));
        let timeline = a.timeline.as_ref().map(|_| {
            let at = total.saturating_add(1);
            total = at.saturating_add(speakers).saturating_add(2);
            at
        });
        Rows {
            shares: 0,
            table,
            sections,
            timeline,
            total,
        }
    }

    /// The popup's height on a screen of `screen` rows (above the status line).
    pub fn height(&self, screen: u16) -> u16 {
        self.total.saturating_add(CHROME).min(screen)
    }

    /// Content rows the popup shows at once.
    pub fn page(&self, screen: u16) -> u16 {
        self.height(screen).saturating_sub(CHROME).max(1)
    }

    /// The furthest the content scrolls.
    pub fn max_scroll(&self, screen: u16) -> u16 {
        self.total.saturating_sub(self.page(screen))
    }

    /// The row of speaker `i` in the table.
    pub fn speaker_row(&self, i: usize) -> u16 {
        self.table.saturating_add(1).saturating_add(rows16(i))
    }
}

/// `A`: open the overlay on the speaker being read (else the first),
/// counting the analytics if this document's are not counted yet.
pub fn open(state: &mut State) {
    let a = state.opened().analytics();
    let here = state.speaker();
    let selected = (a.speakers.iter())
        .position(|s| Some(s.name.as_str()) == here)
        .unwrap_or(0);
    state.open(Overlay::Analytics {
        selected,
        scroll: 0,
    });
}

/// The overlay's keys line, from the live keymap.
pub fn keys(keymap: &Keymap) -> String {
    use Layer::Analytics as A;
    let parts: &[Piece] = &[
        (&[(A, Action::SelectDown), (A, Action::SelectUp)], "speaker"),
        (&[(A, Action::Activate)], "go to their longest turn"),
        (&[(A, Action::PageDown), (A, Action::PageUp)], "scroll"),
        (&[(A, Action::CloseOverlay)], ""),
    ];
    pieces(keymap, parts).join(" · ")
}

/// The screen's rows above the status line, which the popup fits in.
fn screen(state: &State) -> u16 {
    state.viewport().dialogue.height
}

/// The keys of the open overlay.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let rows = Rows::of(state.opened().analytics());
    let page = isize::try_from(rows.page(screen(state)).saturating_sub(1).max(1)).unwrap_or(1);
    match action {
        Action::SelectDown => select(state, 1),
        Action::SelectUp => select(state, -1),
        Action::PageDown | Action::HalfPageDown => scroll(state, page),
        Action::PageUp | Action::HalfPageUp => scroll(state, -page),
        Action::Top => scroll(state, isize::MIN / 2),
        Action::Bottom => scroll(state, isize::MAX / 2),
        Action::Activate => jump(state),
        Action::CloseOverlay | Action::Analytics => {
            state.close();
        }
        _ => {}
    }
    None
}

/// The overlay's selection and scroll, if it is open.
pub fn pane(state: &State) -> Option<(usize, u16)> {
    match state.overlay() {
        Some(Overlay::Analytics { selected, scroll }) => Some((*selected, *scroll)),
        _ => None,
    }
}

fn set(state: &mut State, to: (usize, u16)) {
    if let Some(Overlay::Analytics { selected, scroll }) = state.overlay_mut() {
        (*selected, *scroll) = to;
    }
}

/// Select the speaker `n` rows away, scrolling so its row is in sight.
fn select(state: &mut State, n: isize) {
    let a = state.opened().analytics();
    let rows = Rows::of(a);
    let last = a.speakers.len().saturating_sub(1);
    let Some((selected, scroll)) = pane(state) else {
        return;
    };
    let selected = selected.saturating_add_signed(n).min(last);
    let row = rows.speaker_row(selected);
    let page = rows.page(screen(state));
    let scroll = scroll
        .min(row)
        .max(row.saturating_sub(page.saturating_sub(1)));
    set(
        state,
        (selected, scroll.min(rows.max_scroll(screen(state)))),
    );
}

fn scroll(state: &mut State, n: isize) {
    let max = Rows::of(state.opened().analytics()).max_scroll(screen(state));
    if let Some((selected, scroll)) = pane(state) {
        let to = usize::from(scroll).saturating_add_signed(n);
        set(state, (selected, rows16(to).min(max)));
    }
}

/// `Enter`: close the overlay with the cursor on the selected speaker's
/// longest turn, remembered in the jump list.
fn jump(state: &mut State) {
    let Some((selected, _)) = pane(state) else {
        return;
    };
    let a = state.opened().analytics();
    let Some(turn) = a.speakers.get(selected).map(|s| s.longest.turn) else {
        state.close();
        state.say("no speakers in this transcript");
        return;
    };
    let sentence = state.flow().turns.get(turn).map(|t| t.first_sentence);
    state.close();
    if let Some(s) = sentence {
        state.jump_to(s as usize);
    }
}
