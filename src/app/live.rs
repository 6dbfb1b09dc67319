//! A document that changes while it is read: the file grew (follow mode),
//! or was truncated and written again. The reader takes the new model in
//! place of the old and keeps what the user has: the reading place (the
//! same sentence, found by its text when the text moved, on the screen row
//! it had), the bookmarks (placed again by their anchors and re-anchored
//! by text, as at start-up), the panes' filters and order, the search, and
//! the speaker shown. While following, the view keeps the end in sight as
//! long as the cursor is on the last turn, as `less +F` and `tail -f` do;
//! once the user moves up it stays put and counts the turns that arrive
//! below (`+3 new turns` in the status line) until the end is reached.

use super::action::{Action, Effect};
use super::flow::Flow;
use super::marks::{anchor_sentence, sentence_anchor};
use super::state::{Overlay, State};
use super::view::Reflow;
use crate::store::bookmarks::Bookmark;
use crate::store::positions::ReadingPosition;
use crate::transcript::Document;

/// The live part: whether the file is followed, what arrived unseen,
/// and whether the input is still being read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Live {
    /// The document is a file that can be followed (not standard input,
    /// not the bundled sample), or standard input followed (`-f -`).
    followable: bool,
    following: bool,
    /// Turns that arrived below the reader since they left the last turn.
    unseen: usize,
    /// While a large file or a slow pipe is read in the background.
    loading: Option<Loading>,
    /// Why the whole input could not be read, once its reading ended so.
    failed: Option<String>,
}

/// How far the background read has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Of the whole work (reading and parsing), in hundredths.
    Percent(u8),
    /// Bytes read of an input of unknown length.
    Read(u64),
}

impl Progress {
    /// `43%`, `3.2 MB read`, `nothing read yet`.
    pub fn describe(&self) -> String {
        match *self {
            Progress::Percent(p) => format!("{}%", p.min(99)),
            Progress::Read(0) => "nothing read yet".to_string(),
            Progress::Read(n) if n < 1_000_000 => format!("{} kB read", n.div_ceil(1000)),
            Progress::Read(n) => format!("{:.1} MB read", n as f64 / 1e6),
        }
    }
}

/// The input is still being read: the document is its first part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub progress: Progress,
    /// `G` was pressed: the view goes to the end once all is read.
    pub end: bool,
}

impl Live {
    pub fn following(&self) -> bool {
        self.following
    }

    /// New turns the reader has not been shown yet.
    pub fn unseen(&self) -> usize {
        self.unseen
    }

    /// While the input is still being read.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Why the input's reading ended without a document of the whole.
    pub fn failed(&self) -> Option<&str> {
        self.failed.as_deref()
    }

    /// As the shell opened it: whether `F` can follow it, whether it is
    /// followed already, and whether it is still being read.
    pub fn new(follow: Option<bool>, loading: bool) -> Live {
        Live {
            followable: follow.is_some(),
            following: follow == Some(true),
            unseen: 0,
            loading: loading.then_some(Loading {
                progress: Progress::Percent(0),
                end: false,
            }),
            failed: None,
        }
    }

    fn set_following(&mut self, on: bool) {
        self.following = on;
        if !on {
            self.unseen = 0;
        }
    }

    /// `n` turns arrived below the reader.
    fn arrived(&mut self, n: usize) {
        self.unseen += n;
    }
}

/// What the reader had before the document was replaced.
struct Before {
    turns: usize,
    at_end: bool,
    sentence: usize,
    /// The cursor sentence's text, to see that it is still at its index.
    text: String,
    /// Where it was, by its words, for a document that changed above it.
    place: Option<ReadingPosition>,
    row: usize,
    speaker: Option<String>,
    bookmarks: Vec<Bookmark>,
}

impl Before {
    fn of(state: &State) -> Before {
        let (doc, flow, cursor) = (state.doc(), state.flow(), state.cursor());
        let speaker =
            (state.view.speaker_filter()).and_then(|i| flow.speakers.get(i as usize).cloned());
        Before {
            turns: flow.turns.len(),
            at_end: state.turn() + 1 >= flow.turns.len(),
            sentence: cursor,
            text: sentence_text(doc, flow, cursor).to_string(),
            place: sentence_anchor(doc, flow, cursor).and_then(|a| ReadingPosition::at(doc, a)),
            row: state.view.cursor_row(&state.opened),
            speaker,
            bookmarks: state.marks().iter().map(|m| m.bookmark.clone()).collect(),
        }
    }

    /// The cursor's sentence in the new document: the same index when its
    /// text is still there (a file that grew), else found by its words.
    fn sentence_in(&self, doc: &Document, flow: &Flow) -> usize {
        if sentence_text(doc, flow, self.sentence) == self.text {
            return self.sentence;
        }
        let found = self.place.as_ref().and_then(|p| p.resolve(doc));
        found
            .and_then(|a| anchor_sentence(doc, flow, &a))
            .unwrap_or(self.sentence)
    }
}

fn sentence_text<'d>(doc: &'d Document, flow: &Flow, s: usize) -> &'d str {
    flow.sentences.get(s).map_or("", |sen| {
        let text = flow.text(doc, sen.block as usize);
        text.get(sen.start as usize..sen.end as usize).unwrap_or("")
    })
}

/// The line the status shows for a document's warnings.
pub fn warning_line(doc: &Document) -> Option<String> {
    (!doc.warnings.is_empty()).then(|| format!("warning: {}", doc.warnings.join("; ")))
}

/// The new version's warnings replace the old one's: said when they
/// changed, and the old line cleared when it no longer holds (a label used
/// once in the first lines of a live file is used often by now).
fn tell_warnings(state: &mut State, old: Option<String>) {
    let new = warning_line(state.doc());
    if new == old {
        return;
    }
    match new {
        Some(line) => state.warn(line),
        None if state.message().is_some() && state.message() == old.as_deref() => {
            state.set_message(None);
        }
        None => {}
    }
}

/// Take `doc` (whose hash is `hash`) in place of the document read.
pub fn replace(state: &mut State, doc: Document, hash: String) {
    let before = Before::of(state);
    let warned = warning_line(state.doc());
    state.marks.settle(usize::MAX);
    state.opened.replace(doc, hash);
    let (doc, flow) = (state.opened.doc(), state.opened.flow());
    state.contents.resize(doc.sections.len());
    state.claims.renew(doc, flow);
    state.finder.restart(doc);
    state.jumps.clamp(flow.sentences.len());
    let sentence = before.sentence_in(doc, flow);
    let speaker = before.speaker.as_ref().and_then(|name| {
        let i = flow.speakers.iter().position(|s| s == name)?;
        u32::try_from(i).ok()
    });
    let turns = flow.turns.len();
    let ids: Vec<String> = before.bookmarks.iter().map(|b| b.id.clone()).collect();
    state.marks.set_all(&state.opened, before.bookmarks);
    // Before the overlays' word, which matters more if there is one; a
    // part's warnings are not the whole's, told once all is read.
    if state.opened.live().loading.is_none() {
        tell_warnings(state, warned);
    }
    keep_overlay(state, &ids, sentence != before.sentence);
    let following = state.opened.live().following();
    let waiting = state.opened.live().loading.is_some_and(|l| l.end);
    let follow = (following || waiting) && before.at_end;
    let at = Reflow {
        sentence,
        row: before.row,
        follow,
        speaker,
    };
    state.view.reflow(&state.opened, at);
    if following && !follow {
        state
            .opened
            .live_mut()
            .arrived(turns.saturating_sub(before.turns));
    }
    seen(state);
    state.sync_lists();
}

/// Overlays that point into the document follow it: a row of the
/// bookmarks list (the list, the note editor) by its bookmark's id, since
/// the new version may order them otherwise; the code picker, aimed at
/// sentences by index, closes if the text moved under it, rather than
/// code other words than the user chose.
fn keep_overlay(state: &mut State, ids: &[String], moved: bool) {
    let old = match state.overlay() {
        Some(Overlay::Bookmarks { selected }) => Some(*selected),
        Some(Overlay::Note { mark, .. }) => Some(*mark),
        Some(Overlay::Picker(_)) if moved => {
            state.close();
            state.warn("the file changed under the code picker: it closed, nothing was coded");
            return;
        }
        _ => None,
    };
    let Some(old) = old else {
        return;
    };
    let new = (ids.get(old))
        .and_then(|id| state.marks.position(id))
        .unwrap_or(old);
    match state.overlay_mut() {
        Some(Overlay::Bookmarks { selected }) => *selected = new,
        Some(Overlay::Note { mark, .. }) => *mark = new,
        _ => {}
    }
}

/// After any input: on the last turn, nothing below is unseen.
pub fn seen(state: &mut State) {
    if state.turn() + 1 >= state.flow().turns.len() {
        state.opened.live_mut().unseen = 0;
    }
}

/// `F`: follow the file as it grows, or stop; the shell starts or stops
/// watching it. Following starts at the end, as `less +F` does.
pub fn toggle(state: &mut State) -> Option<Effect> {
    if !state.opened.live().followable {
        state.warn(format!(
            "{} is not a file that can grow: only a file named on the command line is followed",
            state.opened.name()
        ));
        return None;
    }
    let on = !state.opened.live().following();
    state.opened.live_mut().set_following(on);
    if on {
        state.jump(|s| s.view.to_end(&s.opened));
        state.sync_lists();
        state.say("following the file as it grows");
    } else {
        state.say("stopped following the file");
    }
    Some(Effect::Follow(on))
}

/// How far the background read has come.
pub fn progress(state: &mut State, progress: Progress) {
    if let Some(loading) = &mut state.opened.live_mut().loading {
        loading.progress = progress;
    }
}

/// The input is all read, and the document is the whole one: what waited
/// for it happens (the end, if `G` asked for it; the warnings). A followed
/// standard input that ended is no longer followed.
pub fn loaded(state: &mut State) {
    let live = state.opened.live_mut();
    let Some(loading) = live.loading.take() else {
        // A followed standard input: nothing more can come.
        live.followable = false;
        if live.following {
            live.set_following(false);
            state.say("standard input ended");
        }
        return;
    };
    if loading.end {
        state.jump(|s| s.view.to_end(&s.opened));
        state.sync_lists();
    }
    match warning_line(state.doc()) {
        Some(line) => state.warn(line),
        None if state.message().is_some_and(|m| m.starts_with("warning: ")) => {
            state.set_message(None);
        }
        None => {}
    }
}

/// The input's reading ended, but its whole could not be read (a format
/// named with `--format` that the whole does not fit, text that cannot be
/// decoded): what was shown stays, nothing more will come, and the reason
/// stays in sight, so a half-read input never looks complete or still loading.
pub fn failed(state: &mut State, why: String) {
    let live = state.opened.live_mut();
    live.loading = None;
    live.followable = false;
    live.set_following(false);
    live.failed = Some(why.clone());
    state.warn(format!("{why}: only what is shown was read"));
}

/// Where the reader left the document last time, known once the whole
/// document is: gone to unless the reader has moved since it opened.
pub fn resume(state: &mut State, anchor: &crate::store::anchor::Anchor) {
    let unmoved = state.cursor() == 0 && state.jumps.list().is_empty();
    let at = super::marks::anchor_sentence(state.doc(), state.flow(), anchor);
    if let (true, Some(s)) = (unmoved, at) {
        state.view.resume_at(&state.opened, s);
        state.sync_lists();
    }
}

/// While the input is still being read: `G` goes to the end of what is
/// read and asks for the end of the whole; what needs the bookmark store,
/// which opens once the whole document is known, is refused with why.
/// True if the action was taken here.
pub fn while_loading(state: &mut State, action: Action) -> bool {
    let Some(loading) = &mut state.opened.live_mut().loading else {
        return false;
    };
    match action {
        Action::Bottom => {
            loading.end = true;
            false
        }
        Action::ToggleBookmark
        | Action::StartSelection
        | Action::Code
        | Action::Codes
        | Action::OpenBookmarks => {
            let progress = loading.progress.describe();
            state.warn(format!(
                "still loading ({progress}): bookmarks and codes open once the whole file is read"
            ));
            true
        }
        _ => false,
    }
}
