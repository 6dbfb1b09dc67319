//! The claims sidebar: each claim wrapped, with its ledger status, kind,
//! speaker and section, the one nearest the reading position selected and
//! kept in view, and below the selected one, dim, the cue that made it a
//! claim, its note and its sources. The title says the filters and the
//! order, the footer the progress (`3/31 checked`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use std::borrow::Cow;

use super::fit;
use super::theme::Theme;
use crate::app::action::Pane;
use crate::app::claims::Item;
use crate::app::list::Window;
use crate::app::state::State;
use crate::store::ledger::Status;
use crate::text::sanitise;
use crate::text::wrap;
use crate::transcript::Claim;

/// A claim's status as the sidebar writes it: a mark and a word, so it
/// reads without colour (`NO_COLOR`) too; unchecked, the default, nothing
/// (the list starts as it always read).
pub fn status_tag(s: Status) -> &'static str {
    match s {
        Status::Unchecked => "",
        Status::Checked => "✓ checked",
        Status::Disputed => "! disputed",
        Status::False => "✗ false",
        Status::NeedsSource => "? needs source",
        Status::NotAClaim => "– not a claim",
    }
}

/// One row of the list as drawn: its status, tag line, text and, when
/// selected, the lines below it (why it is a claim, note, sources).
struct Shown<'s> {
    status: Status,
    head: String,
    text: Cow<'s, str>,
    below: Vec<String>,
}

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
        let only = (pane.book().only()).map_or(String::new(), |s| format!(" · {}", s.label()));
        let header = format!("Claims {} · {filter}{only} · {order}", pane.view().len());
        let style = self.theme.header(focused);
        buf.set_stringn(
            area.x + 2,
            area.y,
            fit(&header, width - 1),
            width - 1,
            style,
        );
        let list = List::new(state, area);
        // The footer: how far the checking has come, over every claim listed.
        if area.height > 2 {
            let progress = pane.book().progress().label();
            let y = area.bottom() - 1;
            buf.set_stringn(
                area.x + 2,
                y,
                fit(&progress, width - 1),
                width - 1,
                self.theme.dim(),
            );
        }
        if pane.view().is_empty() {
            let dim = self.theme.dim();
            let empty = match pane.book().only() {
                Some(_) => "No claims with this status.",
                None => "No claims found.",
            };
            buf.set_stringn(area.x + 2, list.body.y, empty, width - 1, dim);
            return;
        }
        for (i, row) in list.window.items(|i| list.rows(i)) {
            self.item(buf, &list, i, list.body.y + row as u16, focused);
        }
    }
}

impl Claims<'_> {
    /// Row `i` of the list from row `y`: its tag line, then its text.
    fn item(&self, buf: &mut Buffer, list: &List, i: usize, mut y: u16, focused: bool) {
        let state = self.state;
        let body = list.body;
        let (shown, lines) = list.item(i);
        let selected = i == state.claims().selected();
        let text_style = match (selected, focused) {
            (true, true) => self.theme.selected(),
            (true, false) => self.theme.current(),
            (false, _) => Style::new(),
        };
        let width = usize::from(body.width) - 1;
        let tag = status_tag(shown.status);
        let style = self.theme.claim_status(shown.status);
        let (mut x, _) = buf.set_stringn(body.x + 1, y, tag, width, style);
        if !tag.is_empty() {
            let dot = self.theme.claim_tag();
            x = buf
                .set_stringn(
                    x,
                    y,
                    " · ",
                    width.saturating_sub(usize::from(x - body.x)),
                    dot,
                )
                .0;
        }
        let rest = width.saturating_sub(usize::from(x - body.x - 1));
        let head = fit(&shown.head, rest);
        buf.set_stringn(x, y, head, rest, self.theme.claim_tag());
        y += 1;
        for r in lines {
            if y >= body.bottom() {
                break;
            }
            if selected {
                buf.set_string(body.x, y, "▌", self.theme.current());
            }
            let line = shown.text.get(r).unwrap_or("");
            buf.set_stringn(body.x + GUTTER - 1, y, line, list.text_width, text_style);
            y += 1;
        }
        if !selected {
            return;
        }
        for line in &shown.below {
            if y >= body.bottom() {
                break;
            }
            buf.set_string(body.x, y, "▌", self.theme.current());
            let (dim, width) = (self.theme.dim(), list.text_width);
            buf.set_stringn(body.x + GUTTER - 1, y, fit(line, width), width, dim);
            y += 1;
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
            // The header above, the progress below (when there is room).
            height: match area.height > 2 {
                true => area.height - 2,
                false => area.height.saturating_sub(1),
            },
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

    /// Row `i` of the list, its text (sanitised before wrapping: not
    /// every input format's text went through the decoder's cleaning) and
    /// that text's lines.
    fn item(&self, i: usize) -> (Shown<'s>, Vec<std::ops::Range<usize>>) {
        let state = self.state;
        let pane = state.claims();
        let selected = i == pane.selected();
        let shown = match pane.item(i) {
            Some(Item::Claim(c)) => detected(state, c, selected),
            Some(Item::Extra(j)) => extra(state, j, selected),
            None => Shown {
                status: Status::Unchecked,
                head: String::new(),
                text: Cow::Borrowed(""),
                below: Vec::new(),
            },
        };
        let lines = wrap::wrap(&shown.text, self.text_width);
        (shown, lines)
    }

    /// Rows item `i` takes: its tag line, its text, the lines below it
    /// when it is the selected one, a blank line.
    fn rows(&self, i: usize) -> usize {
        let (shown, lines) = self.item(i);
        let below = if i == self.state.claims().selected() {
            shown.below.len()
        } else {
            0
        };
        lines.len() + 2 + below
    }
}

/// A detected claim as drawn.
fn detected(state: &State, c: usize, selected: bool) -> Shown<'_> {
    let doc = state.doc();
    let claim = &doc.claims[c];
    let (id, status) = state.claims().book().of_claim(c);
    let speaker = speaker_of(state, claim).unwrap_or("narration");
    let place = doc
        .sections
        .get(claim.section)
        .map_or_else(String::new, |s| match s.number {
            // The pane is narrow: a number says enough.
            Some(_) => s.mark(claim.section),
            None => s.cite_label(claim.section),
        });
    let mut below = Vec::new();
    if selected {
        below.push(format!("why: {}", claim.reason));
        below.extend(ledger_lines(state, id));
    }
    Shown {
        status,
        head: format!("{} · {speaker} · {place}", claim.kind.as_str()),
        text: sanitise(doc.claim_text(claim)),
        below,
    }
}

/// An entry the detector does not find, as drawn.
fn extra(state: &State, j: usize, selected: bool) -> Shown<'_> {
    let Some(e) = state.claims().book().extra().get(j) else {
        return Shown {
            status: Status::Unchecked,
            head: String::new(),
            text: Cow::Borrowed(""),
            below: Vec::new(),
        };
    };
    let speaker = e.speaker.as_deref().unwrap_or("narration");
    let below = match selected {
        true => ledger_lines(state, Some(&e.id)),
        false => Vec::new(),
    };
    Shown {
        status: e.status,
        head: format!("{} · {speaker} · {}", e.found.as_str(), e.section),
        text: sanitise(&e.text),
        below,
    }
}

/// The selected claim's note and sources, if it has an entry with any.
fn ledger_lines(state: &State, id: Option<&str>) -> Vec<String> {
    let Some(e) = id.and_then(|id| state.claims().book().entry(id)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !e.note().is_empty() {
        out.push(format!("note: {}", e.note()));
    }
    out.extend(e.sources().map(|s| format!("source: {s}")));
    out
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
