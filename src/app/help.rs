//! The help overlay's content and scrolling: its rows come from the live
//! keymap, so `update` can bound the scroll by them and the widget only
//! draws what is here.

use super::action::Action;
use super::hints;
use super::keymap::{Keymap, Layer};
use super::state::{Overlay, State};
use crate::text::sanitise;

/// The help's text: a heading per layer, then `keys  description` rows;
/// `true` marks a heading.
pub fn lines(keymap: &Keymap) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (layer, rows) in keymap.describe() {
        if !out.is_empty() {
            out.push((String::new(), false));
        }
        out.push((heading(layer).to_string(), true));
        for (action, keys) in rows {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let desc = match action {
                // Its text names other actions' keys.
                Action::StartSelection => hints::select_help(keymap),
                _ => action.description().unwrap_or_default().to_string(),
            };
            // Sanitised before padding, so the columns line up as shown.
            let keys = sanitise(&keys.join(" ")).into_owned();
            out.push((format!("  {keys:<14} {desc}"), false));
        }
    }
    out
}

fn heading(layer: Layer) -> &'static str {
    match layer {
        Layer::Global => "Everywhere",
        Layer::Contents => "In the contents pane",
        Layer::Claims => "In the claims pane",
        Layer::Bookmarks => "In the bookmarks list",
        Layer::Speakers => "In the speaker picker",
        Layer::Help => "In this help",
        Layer::Unsaved => "When quitting with unsaved bookmarks",
    }
}

/// The furthest the help scrolls: its last row at the bottom of the
/// popup, which fills the height above the status line (the dialogue's
/// height) less its two borders.
pub fn max_scroll(state: &State) -> usize {
    let rows = state.viewport().height().saturating_sub(2);
    lines(state.keymap()).len().saturating_sub(rows)
}

/// `j`/`k` in the help: scroll by `n` rows, never past either end.
pub fn scroll(state: &mut State, n: isize) {
    let max = u16::try_from(max_scroll(state)).unwrap_or(u16::MAX);
    if let Some(Overlay::Help { scroll }) = state.overlay_mut() {
        *scroll = scroll.saturating_add_signed(n as i16).min(max);
    }
}
