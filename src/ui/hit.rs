//! Mouse hit-testing: which list item a click lands on. Each list widget
//! answers from the same [`crate::app::list::Window`] it draws with, so a
//! click selects what the user sees under the pointer.

use ratatui::layout::Rect;

use super::{bookmarks, claims, picker, speakers, toc};
use crate::app::action::Target;
use crate::app::state::{OverlayKind, State};

/// The item drawn at `(x, y)` of a frame of size `screen`, if a list is
/// there: the open overlay's list, else a side pane's.
pub fn click(state: &State, screen: Rect, x: u16, y: u16) -> Option<Target> {
    // Overlays are drawn above the status line.
    let above_status = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    if let Some(overlay) = state.overlay() {
        return match overlay.kind() {
            OverlayKind::Bookmarks => {
                bookmarks::hit(state, above_status, x, y).map(Target::Bookmark)
            }
            OverlayKind::Speakers => speakers::hit(state, above_status, x, y).map(Target::Speaker),
            OverlayKind::Picker => picker::hit(state, above_status, x, y).map(Target::Code),
            _ => None,
        };
    }
    let vp = state.viewport();
    let (toc_area, claims_area): (Rect, Rect) = (vp.contents.into(), vp.claims.into());
    // Side panes are drawn over the dialogue when they overlay it.
    if toc_area.contains((x, y).into()) {
        return toc::hit(state, toc_area, x, y).map(Target::Section);
    }
    if claims_area.contains((x, y).into()) {
        return claims::hit(state, claims_area, x, y).map(Target::Claim);
    }
    None
}
