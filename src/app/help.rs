//! The help overlay's content, layout and scrolling: its rows come from
//! the live keymap, and [`layout`] places them in one or two columns for a
//! screen size, so `update` bounds the scroll by the same rows the widget
//! draws.

use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::hints;
use super::keymap::{Binding, Keymap, Layer};
use super::state::{Overlay, State};
use crate::store::ledger::Status;
use crate::text::sanitise;

mod layout;
mod screen;
pub use layout::{Layout, TWO_COLUMNS_FROM, layout, layout_on};
pub use screen::Screen;
use screen::said_here;

/// The width of the keys column; more keys than fit wrap under it.
const KEYS_WIDTH: usize = 16;

/// Actions shown on one row when both are bound in a layer and their keys
/// fit the keys column: `j ↓ / k ↑  next / previous sentence`.
const PAIRS: &[(Action, Action)] = &[
    (Action::NextSentence, Action::PrevSentence),
    (Action::NextTurn, Action::PrevTurn),
    (Action::NextSection, Action::PrevSection),
    (Action::PageDown, Action::PageUp),
    (Action::HalfPageDown, Action::HalfPageUp),
    (Action::Top, Action::Bottom),
    (Action::ViewTop, Action::ViewBottom),
    (Action::ToggleToc, Action::ToggleClaims),
    (Action::NextClaim, Action::PrevClaim),
    (Action::FilterClaims, Action::FilterStatus),
    (Action::FocusNext, Action::FocusPrev),
    (Action::SelectDown, Action::SelectUp),
    (Action::OpenBookmarks, Action::Codes),
    (Action::RenameCode, Action::DescribeCode),
    (Action::RecolorCode, Action::MoveCode),
    (Action::NextBookmark, Action::PrevBookmark),
    (Action::NextMatch, Action::PrevMatch),
    (Action::NextSpeakerTurn, Action::PrevSpeakerTurn),
];

/// Actions shown on one row when two or more of a group are bound one
/// after another in a layer: the keys (joined by the separator), then the
/// prefix and each one's short text joined by ` / `
/// (`c d x  mark checked / disputed / false`). The short texts keep each
/// action's first word, which the help is read by.
type Group = (
    &'static str,
    &'static str,
    &'static [(Action, &'static str)],
);

const GROUPS: &[Group] = &[
    (
        "copy ",
        " / ",
        &[
            (Action::CopyQuote, "the quote"),
            (Action::CopyAddress, "its address"),
        ],
    ),
    (
        "",
        " / ",
        &[
            (Action::CloseOverlay, "close"),
            (Action::Back, "back to the library"),
        ],
    ),
    (
        "mark ",
        " ",
        &[
            (Action::ClaimStatus(Status::Checked), "checked"),
            (Action::ClaimStatus(Status::Disputed), "disputed"),
            (Action::ClaimStatus(Status::False), "false"),
        ],
    ),
    (
        "",
        " ",
        &[
            (Action::ClaimStatus(Status::Unchecked), "unmark"),
            (
                Action::ClaimStatus(Status::NeedsSource),
                "mark needs source",
            ),
            (Action::ClaimStatus(Status::NotAClaim), "not a claim"),
        ],
    ),
    (
        "",
        " / ",
        &[
            (Action::ClaimNote, "edit note"),
            (Action::ClaimSource, "add source"),
            (Action::OpenSource, "open its URL"),
        ],
    ),
    (
        "",
        " / ",
        &[
            (Action::NextClaim, "next"),
            (Action::PrevClaim, "previous claim"),
            (Action::AddClaim, "add one"),
        ],
    ),
    (
        "select ",
        "  ",
        &[
            (Action::SelectDown, "next"),
            (Action::SelectUp, "previous"),
            (Action::Activate, "jump to it"),
        ],
    ),
];

/// One row of the help before it is laid out: a heading (its text in
/// `desc`), a blank between layers, or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub keys: String,
    pub desc: String,
    pub heading: bool,
}

impl Entry {
    fn binding(keys: String, desc: impl Into<String>) -> Entry {
        let desc = desc.into();
        Entry {
            keys,
            desc,
            heading: false,
        }
    }

    /// `  keys           description`, the keys padded to their column.
    pub fn text(&self) -> String {
        if self.heading || self.keys.is_empty() {
            return self.desc.clone();
        }
        self.padded()
    }

    /// The row with its keys padded to their column, even with no keys
    /// (a wrapped entry's later rows).
    fn padded(&self) -> String {
        let pad = " ".repeat(KEYS_WIDTH.saturating_sub(self.keys.width()));
        format!("  {}{pad} {}", self.keys, self.desc)
            .trim_end()
            .to_string()
    }
}

/// The help's text: a heading per layer, then `keys  description` rows;
/// `true` marks a heading.
pub fn lines(keymap: &Keymap) -> Vec<(String, bool)> {
    entries(keymap)
        .iter()
        .map(|e| (e.text(), e.heading))
        .collect()
}

/// The help's rows: a heading per layer, then its bindings. Consecutive
/// `go to section N` (or `apply the Nth code`) rows bound to their own
/// digits are one row, `1…9  go to section N`, and the two directions of
/// a move share one where their keys fit ([`PAIRS`]).
pub fn entries(keymap: &Keymap) -> Vec<Entry> {
    entries_on(keymap, Screen::Reader)
}

/// [`entries`] of the help of one screen.
pub fn entries_on(keymap: &Keymap, screen: Screen) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut last: Option<(usize, Vec<Binding>)> = None;
    let mut layers = keymap.describe();
    // The library's own keys before the help's.
    layers.sort_by_key(|(l, _)| *l != Layer::Library);
    for (layer, rows) in layers.into_iter().filter(|(l, _)| screen.shows(*l)) {
        let rows = said_here(keymap, screen, layer, rows);
        if rows.is_empty() {
            continue;
        }
        // A layer with the same keys as the one before shares its rows:
        // `In the analytics and the speaker picker`.
        if let Some((at, _)) = last.as_ref().filter(|(_, r)| *r == rows) {
            let more = heading(layer).trim_start_matches("In ");
            out[*at].desc = format!("{} and {more}", out[*at].desc);
            continue;
        }
        last = Some((out.len() + usize::from(!out.is_empty()), rows.clone()));
        if !out.is_empty() {
            out.push(Entry::binding(String::new(), ""));
        }
        out.push(Entry {
            keys: String::new(),
            desc: heading(layer).to_string(),
            heading: true,
        });
        let mut i = 0;
        while i < rows.len() {
            let run = digit_run(&rows[i..]);
            if run >= 3 {
                let (first, last) = (&rows[i].1[0], &rows[i + run - 1].1[0]);
                let keys = sanitise(&format!("{first}…{last}")).into_owned();
                let desc = match rows[i].0 {
                    Action::CodeNth(_) => "apply the Nth code listed (filter empty)",
                    _ => "go to section N (1 2: the 12th)",
                };
                out.push(Entry::binding(keys, desc));
                i += run;
            } else if let Some((group, n)) = group_row(&rows[i..]) {
                out.push(group);
                i += n;
            } else if let Some(pair) = rows.get(i + 1).and_then(|b| pair_row(&rows[i], b)) {
                out.push(pair);
                i += 2;
            } else {
                out.push(binding_row(keymap, &rows[i]));
                i += 1;
            }
        }
    }
    out
}

fn keys_text(keys: &[super::keymap::Key]) -> String {
    let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
    sanitise(&keys.join(" ")).into_owned()
}

fn binding_row(keymap: &Keymap, (action, keys): &Binding) -> Entry {
    let desc = match action {
        // Its text names other actions' keys.
        Action::StartSelection => hints::select_help(keymap),
        _ => action.description().unwrap_or_default().to_string(),
    };
    Entry::binding(keys_text(keys), desc)
}

/// Two directions of one move on a row, `J } / K {  next / previous
/// turn`, if they are a pair and their keys fit the column.
fn pair_row((a, a_keys): &Binding, (b, b_keys): &Binding) -> Option<Entry> {
    PAIRS.iter().find(|p| **p == (*a, *b))?;
    let keys = format!("{} / {}", keys_text(a_keys), keys_text(b_keys));
    // Two columns at least between the keys and the description.
    if keys.width() >= KEYS_WIDTH {
        return None;
    }
    let desc = both_ways(a.description()?, b.description()?)?;
    Some(Entry::binding(keys, desc))
}

/// `next sentence` and `previous sentence` as `next / previous sentence`:
/// the words they share before and after, the words that differ joined.
fn both_ways(a: &str, b: &str) -> Option<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let before = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let most = a.len().min(b.len()) - before;
    let after = (a.iter().rev().zip(b.iter().rev()))
        .take_while(|(x, y)| x == y)
        .count()
        .min(most);
    if before + after == 0 || before + after == a.len().max(b.len()) {
        return None;
    }
    let mid = |w: &[&str]| w[before..w.len() - after].join(" ");
    let parts = [
        a[..before].join(" "),
        format!("{} / {}", mid(&a), mid(&b)),
        a[a.len() - after..].join(" "),
    ];
    Some(
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The rows from the start of `rows` that are of one of [`GROUPS`], two
/// or more, as one row; and how many they are.
fn group_row(rows: &[Binding]) -> Option<(Entry, usize)> {
    let short = |g: &[(Action, &'static str)], a: Action| g.iter().find(|m| m.0 == a).map(|m| m.1);
    let (prefix, sep, group) = GROUPS
        .iter()
        .find(|(_, _, g)| short(g, rows[0].0).is_some())?;
    let n = rows
        .iter()
        .take_while(|(a, _)| short(group, *a).is_some())
        .count();
    // A pair of the group is said better by [`PAIRS`] (`next / previous row`).
    if n < 2 || (n == 2 && pair_row(&rows[0], &rows[1]).is_some()) {
        return None;
    }
    let keys: Vec<String> = rows[..n].iter().map(|(_, k)| keys_text(k)).collect();
    let texts: Vec<&str> = rows[..n]
        .iter()
        .filter_map(|(a, _)| short(group, *a))
        .collect();
    let desc = format!("{prefix}{}", texts.join(" / "));
    let keys = keys.join(sep);
    (keys.width() < KEYS_WIDTH).then(|| (Entry::binding(keys, desc), n))
}

/// How many rows from the start of `rows` go to sections N, N+1, … (or
/// apply the Nth code, N+1th, …), each bound to the one key that is its
/// own digit.
fn digit_run(rows: &[Binding]) -> usize {
    let digit = |(action, keys): &Binding| match (action, keys.as_slice()) {
        (Action::GotoSection(n) | Action::CodeNth(n), [key])
            if *n > 0 && key.to_string() == n.to_string() =>
        {
            Some((std::mem::discriminant(action), *n))
        }
        _ => None,
    };
    let Some((kind, start)) = rows.first().and_then(digit) else {
        return 0;
    };
    rows.iter()
        .zip(start..)
        .take_while(|(b, n)| digit(b) == Some((kind, *n)))
        .count()
}

fn heading(layer: Layer) -> &'static str {
    match layer {
        Layer::Global => "Everywhere",
        Layer::Contents => "In the contents pane",
        Layer::Claims => "In the claims pane",
        Layer::Bookmarks => "In the bookmarks list",
        Layer::Speakers => "In the speaker picker",
        Layer::Help => "In this help",
        Layer::Unsaved => "When quitting with unsaved changes",
        Layer::Picker => "In the code picker",
        Layer::Codes => "In the code overview",
        Layer::Analytics => "In the analytics",
        Layer::Library => "In the library",
    }
}

/// The help's layout for the state's screen: as wide as the panes
/// together, as high as the dialogue (the screen above the status line).
pub fn state_layout(state: &State) -> Layout {
    let vp = state.viewport();
    let areas = [vp.dialogue, vp.contents, vp.claims];
    let shown = areas.iter().filter(|a| !a.is_empty());
    let left = shown.clone().map(|a| a.x).min().unwrap_or(0);
    let right = shown
        .map(|a| a.x.saturating_add(a.width))
        .max()
        .unwrap_or(0);
    layout(
        state.keymap(),
        right.saturating_sub(left),
        vp.dialogue.height,
    )
}

/// The furthest the help scrolls: its last row at the bottom of the
/// popup, as [`layout`] places the rows for the state's screen.
pub fn max_scroll(state: &State) -> usize {
    state_layout(state).max_scroll()
}

/// Rows a page of the help scrolls by: the popup's rows but one, so a
/// row of the last page stays in sight.
pub fn page(state: &State) -> isize {
    let rows = state_layout(state).inner_height().saturating_sub(1).max(1);
    isize::try_from(rows).unwrap_or(1)
}

/// `j`/`k`, pages and ends in the help: scroll by `n` rows, never past
/// either end.
pub fn scroll(state: &mut State, n: isize) {
    let max = max_scroll(state);
    if let Some(Overlay::Help { scroll }) = state.overlay_mut() {
        let to = usize::from(*scroll).saturating_add_signed(n).min(max);
        *scroll = u16::try_from(to).unwrap_or(u16::MAX);
    }
}
