//! The claims sidebar: each claim wrapped, with its speaker, section and
//! kind, the one nearest the reading position selected and kept in view,
//! and below the selected one, dim, the cue that made it a claim.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use std::borrow::Cow;

use super::fit;
use super::theme::Theme;
use crate::app::action::Pane;
use crate::app::list::Window;
use crate::app::state::State;
use crate::text::sanitise;
use crate::text::wrap;
use crate::transcript::Claim;

pub struct Claims<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

/// Columns before a claim's text: the left rule and the selection marker.
const GUTTER: u16 = 3;

impl Widget for Claims<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width <= GUTTER + 1 || area.height == 0 {
            return;
        }
        let state = self.state;
        let focused = state.focus() == Pane::Claims;
        buf.set_style(area, Style::reset());
        for y in area.top()..area.bottom() {
            buf.set_string(area.x, y, "│", self.theme.rule());
        }
        let pane = state.claims();
        let width = usize::from(area.width - 1);
        let filter = pane.filter().map_or("all", |k| k.as_str());
        let order = if pane.by_score() {
            "by score"
        } else {
            "in order"
        };
        let header = format!("Claims {} · {filter} · {order}", pane.view().len());
        let style = self.theme.header(focused);
        buf.set_stringn(
            area.x + 2,
            area.y,
            fit(&header, width - 1),
            width - 1,
            style,
        );
        let list = List::new(state, area);
        if pane.view().is_empty() {
            let dim = self.theme.dim();
            buf.set_stringn(area.x + 2, list.body.y, "No claims found.", width - 1, dim);
            return;
        }
        for (i, row) in list.window.items(|i| list.rows(i)) {
            self.item(buf, &list, i, list.body.y + row as u16, focused);
        }
    }
}

impl Claims<'_> {
    /// Claim `i` of the list from row `y`: its tag line, then its text.
    fn item(&self, buf: &mut Buffer, list: &List, i: usize, mut y: u16, focused: bool) {
        let state = self.state;
        let body = list.body;
        let (claim, lines, text) = list.item(i);
        let selected = i == state.claims().selected();
        let text_style = match (selected, focused) {
            (true, true) => self.theme.selected(),
            (true, false) => self.theme.current(),
            (false, _) => Style::new(),
        };
        let speaker = speaker_of(state, claim).unwrap_or("narration");
        let place = state
            .doc()
            .sections
            .get(claim.section)
            .map_or_else(String::new, |s| match s.number {
                // The pane is narrow: a number says enough.
                Some(_) => s.mark(claim.section),
                None => s.cite_label(claim.section),
            });
        let head = format!("{} · {speaker} · {place}", claim.kind.as_str());
        let width = usize::from(body.width) - 1;
        buf.set_stringn(
            body.x + 1,
            y,
            fit(&head, width),
            width,
            self.theme.claim_tag(),
        );
        y += 1;
        for r in lines {
            if y >= body.bottom() {
                break;
            }
            if selected {
                buf.set_string(body.x, y, "▌", self.theme.current());
            }
            let line = text.get(r).unwrap_or("");
            buf.set_stringn(body.x + GUTTER - 1, y, line, list.text_width, text_style);
            y += 1;
        }
        if selected && y < body.bottom() {
            buf.set_string(body.x, y, "▌", self.theme.current());
            let why = format!("why: {}", claim.reason);
            let dim = self.theme.dim();
            let width = list.text_width;
            buf.set_stringn(body.x + GUTTER - 1, y, fit(&why, width), width, dim);
        }
    }
}

/// The pane's list: where it is (below the header, right of the rule),
/// how wide claims wrap, and which claims it shows; for drawing and for
/// clicks alike.
struct List<'s> {
    state: &'s State,
    body: Rect,
    text_width: usize,
    window: Window,
}

impl<'s> List<'s> {
    fn new(state: &'s State, area: Rect) -> List<'s> {
        let body = Rect {
            x: area.x + 1,
            y: area.y.saturating_add(1),
            width: area.width.saturating_sub(1),
            height: area.height.saturating_sub(1),
        };
        let text_width = usize::from(body.width.saturating_sub(GUTTER)).max(1);
        let mut list = List {
            state,
            body,
            text_width,
            window: Window::new(0, 0, 0, |_| 0),
        };
        let pane = state.claims();
        let (len, height) = (pane.view().len(), usize::from(body.height));
        list.window = Window::new(pane.selected(), len, height, |i| list.rows(i));
        list
    }

    /// Claim `i` of the list, its text (sanitised before wrapping: not
    /// every input format's text went through the decoder's cleaning) and
    /// that text's lines.
    fn item(&self, i: usize) -> (&'s Claim, Vec<std::ops::Range<usize>>, Cow<'s, str>) {
        let doc = self.state.doc();
        let claim = &doc.claims[self.state.claims().view()[i]];
        let text = sanitise(doc.claim_text(claim));
        (claim, wrap::wrap(&text, self.text_width), text)
    }

    /// Rows claim `i` takes: its tag line, its text, its reason when it is
    /// the selected one, a blank line.
    fn rows(&self, i: usize) -> usize {
        let why = usize::from(i == self.state.claims().selected());
        self.item(i).1.len() + 2 + why
    }
}

/// The row of the list (a claim) drawn at `(x, y)` of a pane at `area`.
pub fn hit(state: &State, area: Rect, x: u16, y: u16) -> Option<usize> {
    let list = List::new(state, area);
    if !list.body.contains((x, y).into()) {
        return None;
    }
    let rows = |i| list.rows(i);
    // The blank row after a claim belongs to no claim.
    let (i, k) = list.window.hit(usize::from(y - list.body.y), rows)?;
    (k + 1 < rows(i)).then_some(i)
}

fn speaker_of<'s>(state: &'s State, claim: &Claim) -> Option<&'s str> {
    state
        .doc()
        .sections
        .get(claim.section)?
        .turns
        .get(claim.turn)?
        .speaker
        .as_deref()
}
