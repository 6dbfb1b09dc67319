//! Where each pane goes for a terminal size. Pure, so the run loop, the
//! widgets and mouse hit-testing all agree.

use ratatui::layout::Rect;

use crate::app::area::Area;
use crate::app::state::{State, Viewport, Visibility};

// The app keeps pane positions in its own `Area`, free of drawing types;
// these are the two ways across.
impl From<Rect> for Area {
    fn from(r: Rect) -> Area {
        Area::new(r.x, r.y, r.width, r.height)
    }
}

impl From<Area> for Rect {
    fn from(a: Area) -> Rect {
        // A literal, not `Rect::new`, which would clamp: the values came
        // from a `Rect` and go back unchanged.
        Rect {
            x: a.x,
            y: a.y,
            width: a.width,
            height: a.height,
        }
    }
}

/// Below this the reader shows a "terminal too small" line instead.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Widths at which the side panes fit beside the dialogue.
pub const TOC_ROOM: u16 = 70;
pub const CLAIMS_ROOM: u16 = 100;
/// Columns of the dialogue that panes forced over it always leave
/// uncovered, so forcing both on never hides the text entirely.
pub const MIN_UNCOVERED: u16 = 12;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Lay out the dialogue and the side panes above the status line. A pane the
/// user asked for when there is no room overlays the dialogue.
pub fn viewport(area: Rect, state: &State) -> Viewport {
    if too_small(area) {
        return Viewport::default();
    }
    let main = Rect {
        height: area.height - 1,
        ..area
    };
    let w = main.width;
    let toc_w = (w / 5).clamp(18, 32);
    let claims_w = (w / 4).clamp(24, 40);
    let (toc_inline, toc_overlay) = placement(state.contents().shown(), w >= TOC_ROOM);
    let (claims_inline, claims_overlay) = placement(state.claims().shown(), w >= CLAIMS_ROOM);
    let beside = if toc_inline { toc_w } else { 0 };
    let overlay_w = overlay_width(w, beside, toc_overlay && claims_overlay);

    let mut dialogue = main;
    let mut toc = Rect::default();
    let mut claims = Rect::default();
    if toc_inline {
        toc = Rect {
            width: toc_w,
            ..main
        };
        dialogue.x += toc_w;
        dialogue.width -= toc_w;
    }
    if claims_inline {
        claims = Rect {
            x: main.right() - claims_w,
            width: claims_w,
            ..main
        };
        dialogue.width -= claims_w;
    }
    // Overlays cover the dialogue, which keeps its width so text does not re-wrap.
    if toc_overlay {
        toc = Rect {
            width: overlay_w(toc_w + 8),
            ..main
        };
    }
    if claims_overlay {
        let cw = overlay_w(claims_w + 8);
        claims = Rect {
            x: main.right() - cw,
            width: cw,
            ..main
        };
    }
    Viewport {
        dialogue: dialogue.into(),
        contents: toc.into(),
        claims: claims.into(),
    }
}

/// How wide a pane forced over the dialogue is, for what it wants: half the
/// width or what it wants, whichever is more; but `both` overlays never
/// overlap and some of the dialogue (right of `beside` columns of inline
/// contents) always shows.
fn overlay_width(w: u16, beside: u16, both: bool) -> impl Fn(u16) -> u16 {
    let free = w.saturating_sub(beside + MIN_UNCOVERED);
    let cap = if both { free / 2 } else { free };
    move |want: u16| want.max(w / 2).min(cap)
}

/// (inline, overlay) for a pane's visibility and whether it has room.
fn placement(v: Visibility, room: bool) -> (bool, bool) {
    match v {
        Visibility::Hidden => (false, false),
        Visibility::Auto => (room, false),
        Visibility::Shown => (room, !room),
    }
}

/// Whether side panes in `vp` are drawn over the dialogue.
pub fn overlays(vp: &Viewport) -> (bool, bool) {
    let covers = |r: Area| !r.is_empty() && Rect::from(r).intersects(vp.dialogue.into());
    (covers(vp.contents), covers(vp.claims))
}
