//! The claims sidebar: each claim wrapped, with its speaker, section and
//! kind, the one nearest the reading position selected and kept in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use std::borrow::Cow;

use super::theme::Theme;
use crate::app::action::Pane;
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
        let focused = state.focus == Pane::Claims;
        buf.set_style(area, Style::reset());
        for y in area.top()..area.bottom() {
            buf.set_string(area.x, y, "│", self.theme.rule());
        }
        let inner = Rect {
            x: area.x + 1,
            width: area.width - 1,
            ..area
        };
        let width = usize::from(inner.width);
        let filter = state.claim_filter.map_or("all", |k| k.as_str());
        let order = if state.claims_by_score {
            "by score"
        } else {
            "in order"
        };
        let header = format!("Claims {} · {filter} · {order}", state.claims_view.len());
        let header = super::fit(&header, width - 1);
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            header,
            width - 1,
            self.theme.header(focused),
        );

        let body = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        if state.claims_view.is_empty() {
            buf.set_stringn(
                body.x + 1,
                body.y,
                "No claims found.",
                width - 1,
                self.theme.dim(),
            );
            return;
        }
        let text_width = usize::from(inner.width.saturating_sub(GUTTER)).max(1);
        // Sanitised before wrapping (a borrow when clean, as decoded text
        // is): not every input format's text went through the decoder's
        // cleaning after it was unescaped.
        let item = |i: usize| -> (&Claim, Vec<std::ops::Range<usize>>, Cow<str>) {
            let claim = &state.doc.claims[state.claims_view[i]];
            let text = sanitise(state.doc.claim_text(claim));
            (claim, wrap::wrap(&text, text_width), text)
        };
        // Start far enough back that the selected claim sits mid-pane.
        let sel = state.claim_selected.min(state.claims_view.len() - 1);
        let mut start = sel;
        let mut above = 0;
        while start > 0 {
            let h = item(start - 1).1.len() + 2;
            if above + h > usize::from(body.height) / 2 {
                break;
            }
            above += h;
            start -= 1;
        }

        let mut y = body.y;
        for i in start..state.claims_view.len() {
            if y >= body.bottom() {
                break;
            }
            let (claim, lines, text) = item(i);
            let selected = i == sel;
            let marker_style = if selected {
                self.theme.current()
            } else {
                Style::new()
            };
            let mut text_style = Style::new();
            if selected && focused {
                text_style = self.theme.selected();
            } else if selected {
                text_style = self.theme.current();
            }
            let speaker = speaker_of(state, claim).unwrap_or("narration");
            let section = state.doc.sections.get(claim.section);
            let place = section.map_or_else(String::new, |s| match &s.number {
                Some(n) => format!("§{n}"),
                None => s.label(),
            });
            let head = format!("{} · {speaker} · {place}", claim.kind.as_str());
            let head = super::fit(&head, width - 1);
            buf.set_stringn(inner.x + 1, y, head, width - 1, self.theme.claim_tag());
            y += 1;
            for r in lines {
                if y >= body.bottom() {
                    break;
                }
                if selected {
                    buf.set_string(inner.x, y, "▌", marker_style);
                }
                let line = text.get(r).unwrap_or("");
                buf.set_stringn(inner.x + GUTTER - 1, y, line, text_width, text_style);
                y += 1;
            }
            y += 1;
        }
    }
}

fn speaker_of<'s>(state: &'s State, claim: &Claim) -> Option<&'s str> {
    state
        .doc
        .sections
        .get(claim.section)?
        .turns
        .get(claim.turn)?
        .speaker
        .as_deref()
}
