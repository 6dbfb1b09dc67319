//! The dialogue pane: section banners, speaker lines and wrapped paragraphs,
//! with the current sentence and claims highlighted. Only visible lines are
//! wrapped and drawn. Rows and columns are `app::layout`'s, the same model
//! the scrolling counts with.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::{Layer, Layers, Theme};
use crate::app::flow::{BlockKind, FlowPos};
use crate::app::layout::{self, BANNER_TITLE_ROW, MARK_COL, MATCH_COL, TEXT_INDENT};
use crate::app::lines::LinePos;
use crate::app::state::State;
use crate::transcript::formats::clock::doc_clock;

/// The gutter beside bookmarked lines.
pub const BOOKMARK_MARK: &str = "▍";
/// The gutter beside a bookmark whose words changed since it was made: a
/// symbol of its own, so it differs without colour too.
pub const CHANGED_MARK: &str = "≈";

/// The changed mark's style: another colour than [`Theme::gutter`].
pub fn changed_gutter(theme: Theme) -> Style {
    theme.changed_gutter()
}

pub struct Dialogue<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for Dialogue<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        if area.is_empty() || state.flow().blocks.is_empty() {
            return;
        }
        let lines = state.lines();
        let mut pos = state.top_pos();
        for y in area.top()..area.bottom() {
            self.line(
                pos,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
            let next = lines.step(pos, 1);
            if next == pos {
                break;
            }
            pos = next;
        }
    }
}

/// A marked stretch of a paragraph: start and end bytes, and the mark; the
/// theme styles each set of marks that cover a piece ([`Theme::marked`]).
type Mark = (usize, usize, Layer);

/// The marks on one wrapped line of a paragraph.
struct LineMarks {
    /// Marked stretches.
    spans: Vec<Mark>,
    /// `Some(changed)` when a bookmark covers the line: the gutter's mark.
    bookmark: Option<bool>,
    /// A search match is on the line.
    matched: bool,
}

impl Dialogue<'_> {
    fn line(&self, pos: LinePos, row: Rect, buf: &mut Buffer) {
        let state = self.state;
        let Some(block) = state.flow().blocks.get(pos.block).copied() else {
            return;
        };
        let width = usize::from(row.width);
        if state.lines().folded(pos.block) == Some(true) {
            self.stub(block.turn as usize, row, buf);
            return;
        }
        match block.kind {
            BlockKind::Gap | BlockKind::TurnGap => self.narration_time(pos.block, row, buf),
            BlockKind::Break => {}
            BlockKind::Banner if pos.line == BANNER_TITLE_ROW => {
                self.banner_title(block.section as usize, row, buf);
            }
            BlockKind::Banner => {
                buf.set_stringn(row.x, row.y, "─".repeat(width), width, self.theme.rule());
            }
            BlockKind::Speaker => self.speaker_line(block.turn as usize, row, buf),
            BlockKind::Para => self.paragraph_line(pos, block.turn as usize, row, buf),
        }
    }

    /// A banner's title row: `§` and the section's label, or the document's
    /// title for a section with neither number nor title.
    fn banner_title(&self, section: usize, row: Rect, buf: &mut Buffer) {
        let doc = self.state.doc();
        let section = &doc.sections[section];
        let label = if section.number.is_none() && section.title.is_none() {
            doc.title.clone().unwrap_or_else(|| section.label())
        } else {
            section.label()
        };
        let text = super::fit(&format!("§ {label}"), layout::label_width(row.width));
        buf.set_stringn(
            row.x,
            row.y,
            text,
            usize::from(row.width),
            self.theme.banner(),
        );
    }

    /// A turn's speaker line: its start time when shown, then the name.
    fn speaker_line(&self, turn: usize, row: Rect, buf: &mut Buffer) {
        let width = usize::from(row.width);
        let room = layout::label_width(row.width);
        let name = self.speaker(turn).unwrap_or_default();
        // Speakers are numbered in order of first appearance.
        let index = self
            .state
            .flow()
            .turns
            .get(turn)
            .map_or(0, |t| t.speaker as usize);
        let mut x = row.x;
        if let Some(time) = self.time(turn) {
            let time = format!("{time} ");
            buf.set_stringn(x, row.y, &time, width, self.theme.dim());
            x = x.saturating_add(time.width() as u16);
        }
        // The name fits what the time leaves of the label's room.
        let used = usize::from(x - row.x);
        let name = super::fit(name, room.saturating_sub(used));
        buf.set_stringn(
            x,
            row.y,
            name,
            width.saturating_sub(used),
            self.theme.speaker(index),
        );
    }

    /// Compact mode's name, on the first line of a turn, in the name column.
    fn compact_name(&self, pos: LinePos, name_col: u16, row: Rect, buf: &mut Buffer) {
        let flow = self.state.flow();
        let Some(block) = flow.blocks.get(pos.block) else {
            return;
        };
        let Some(name) = self.speaker(block.turn as usize).filter(|_| pos.line == 0) else {
            return;
        };
        if block.para != 0 {
            return;
        }
        let index = flow.turns[block.turn as usize].speaker as usize;
        let x = row.x + TEXT_INDENT;
        let room = usize::from(
            name_col
                .saturating_sub(2)
                .min(row.right().saturating_sub(x)),
        );
        let name = super::fit(name, room);
        buf.set_stringn(x, row.y, name, room, self.theme.speaker(index));
    }

    /// A turn folded away by the speaker filter: `… name · 3 paragraphs`.
    fn stub(&self, turn: usize, row: Rect, buf: &mut Buffer) {
        let Some(t) = self.state.flow().turns.get(turn) else {
            return;
        };
        let paras = self.state.doc().sections[t.section as usize].turns[t.index as usize]
            .paragraphs
            .len();
        let who = self.speaker(turn).unwrap_or("narration");
        let noun = if paras == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        let text = super::fit(
            &format!("… {who} · {paras} {noun}"),
            layout::label_width(row.width),
        );
        buf.set_stringn(row.x, row.y, text, usize::from(row.width), self.theme.dim());
    }

    /// The start time of a turn, when times are shown and it has one.
    fn time(&self, turn: usize) -> Option<String> {
        let state = self.state;
        let t = state
            .flow()
            .turns
            .get(turn)
            .filter(|_| state.view().times())?;
        let time = state.doc().sections[t.section as usize].turns[t.index as usize].time?;
        Some(doc_clock(state.doc(), time))
    }

    /// The gap line above a narration turn shows its time (narration has no
    /// speaker line to carry it).
    fn narration_time(&self, block: usize, row: Rect, buf: &mut Buffer) {
        let blocks = &self.state.flow().blocks;
        let Some(next) = blocks.get(block + 1) else {
            return;
        };
        let first_para = next.kind == BlockKind::Para && next.para == 0;
        if first_para
            && self.speaker(next.turn as usize).is_none()
            && let Some(time) = self.time(next.turn as usize)
        {
            buf.set_stringn(row.x, row.y, time, usize::from(row.width), self.theme.dim());
        }
    }

    fn speaker(&self, turn: usize) -> Option<&str> {
        let t = self.state.flow().turns.get(turn)?;
        self.state.doc().sections[t.section as usize].turns[t.index as usize]
            .speaker
            .as_deref()
    }

    /// One wrapped line of a paragraph, split where its style changes.
    fn paragraph_line(&self, pos: LinePos, turn: usize, row: Rect, buf: &mut Buffer) {
        let state = self.state;
        let lines = state.lines();
        let wrapped = lines.wrapped(pos.block);
        let Some(range) = wrapped.get(pos.line).cloned() else {
            return;
        };
        let text = state.flow().text(state.doc(), pos.block);
        let base = if self.speaker(turn).is_some() {
            Style::new()
        } else {
            self.theme.narration()
        };
        let marks = self.line_marks(pos.block, text, &range);
        self.gutter(&marks, row, buf);
        let name_col = state.view().name_col(state.opened());
        if name_col > 0 {
            self.compact_name(pos, name_col, row, buf);
        }
        let indent = layout::text_indent(name_col);
        let styles = (self.theme, base, indent);
        draw_marked(text, range, &marks.spans, styles, row, buf);
    }

    /// Everything marked on the line `range` of paragraph `block` (whose
    /// text is `text`): stage directions, claims, bookmarks, the selection,
    /// the current sentence and search matches, in that order.
    fn line_marks(&self, block: usize, text: &str, range: &Range<usize>) -> LineMarks {
        // Stage directions and inline timestamps (`[laughter]`,
        // `[00:12:31.07]`) are dimmed; every other mark patches over them.
        let mut spans: Vec<Mark> = bracketed(&text[range.clone()])
            .map(|(a, b)| (range.start + a, range.start + b, Layer::Dim))
            .collect();
        self.claim_marks(block, &mut spans);
        let bookmark = self.bookmark_marks(block, text.len(), range, &mut spans);
        self.selection_mark(block, text.len(), &mut spans);
        self.cursor_mark(block, &mut spans);
        // Matches go last so they show inside the current sentence too.
        let matched = self.match_marks(block, range, &mut spans);
        LineMarks {
            spans,
            bookmark,
            matched,
        }
    }

    /// The claims in `block`.
    fn claim_marks(&self, block: usize, spans: &mut Vec<Mark>) {
        let state = self.state;
        for c in claims_in_block(state, block) {
            let claim = &state.doc().claims[c];
            spans.push((claim.start, claim.end, Layer::Claim));
        }
    }

    /// The placed bookmarks that reach the line `range` of `block` (`len`
    /// bytes long); `Some(changed)` for the gutter when any does.
    fn bookmark_marks(
        &self,
        block: usize,
        len: usize,
        range: &Range<usize>,
        spans: &mut Vec<Mark>,
    ) -> Option<bool> {
        // A changed quote's mark wins the gutter: it asks for attention.
        let mut gutter: Option<bool> = None;
        for (m, changed) in self
            .state
            .marks()
            .iter()
            .filter_map(|m| Some((m.place?, m.changed())))
        {
            if let Some(r) = block_part(m.start, m.end, block, len)
                && r.start < range.end.max(range.start + 1)
                && range.start < r.end
            {
                gutter = Some(gutter.unwrap_or(false) || changed);
                let layer = if changed {
                    Layer::Changed
                } else {
                    Layer::Bookmark
                };
                spans.push((r.start, r.end, layer));
            }
        }
        gutter
    }

    /// The part of the selected sentences in `block` (`len` bytes long).
    fn selection_mark(&self, block: usize, len: usize, spans: &mut Vec<Mark>) {
        let state = self.state;
        let Some((first, last)) = state.selected_range() else {
            return;
        };
        let (a, b) = (state.flow().sentences[first], state.flow().sentences[last]);
        let start = FlowPos {
            block: a.block as usize,
            offset: a.start as usize,
        };
        let end = FlowPos {
            block: b.block as usize,
            offset: b.end as usize,
        };
        if let Some(r) = block_part(start, end, block, len) {
            spans.push((r.start, r.end, Layer::Selection));
        }
    }

    /// The current sentence, when it is in `block`.
    fn cursor_mark(&self, block: usize, spans: &mut Vec<Mark>) {
        let state = self.state;
        if let Some(s) = state.flow().sentences.get(state.cursor())
            && s.block as usize == block
        {
            spans.push((s.start as usize, s.end as usize, Layer::Cursor));
        }
    }

    /// The search matches on the line `range` of `block`, the current one in
    /// its own style; whether there was any.
    fn match_marks(&self, block: usize, range: &Range<usize>, spans: &mut Vec<Mark>) -> bool {
        let state = self.state;
        let Some(find) = state.finder().find() else {
            return false;
        };
        let mut matched = false;
        for hit in find.search.in_paragraph(state.flow().para_index(block)) {
            if hit.start < range.end && range.start < hit.end {
                matched = true;
                let layer = if find.current == Some(*hit) {
                    Layer::Current
                } else {
                    Layer::Match
                };
                spans.push((hit.start, hit.end, layer));
            }
        }
        matched
    }

    /// The gutter of a paragraph line: the bookmark's mark (the changed one
    /// if any bookmark there changed), and `›` beside a search match.
    fn gutter(&self, marks: &LineMarks, row: Rect, buf: &mut Buffer) {
        let mark_x = row.x + MARK_COL;
        match marks.bookmark {
            Some(true) => buf.set_string(mark_x, row.y, CHANGED_MARK, changed_gutter(self.theme)),
            Some(false) => buf.set_string(mark_x, row.y, BOOKMARK_MARK, self.theme.gutter()),
            None => {}
        }
        if marks.matched && row.width > MATCH_COL {
            buf.set_string(row.x + MATCH_COL, row.y, "›", self.theme.search_current());
        }
    }
}

/// The line `range` of `text` at column `indent` of `row`, cut wherever a
/// mark starts or ends, each piece in `base` styled by the theme for the
/// set of marks covering it.
fn draw_marked(
    text: &str,
    range: Range<usize>,
    marks: &[Mark],
    (theme, base, indent): (Theme, Style, u16),
    row: Rect,
    buf: &mut Buffer,
) {
    let mut cuts = vec![range.start, range.end];
    for &(a, b, _) in marks {
        cuts.extend([a, b].into_iter().filter(|x| range.contains(x)));
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut x = row.x + indent.min(row.width);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let layers = marks
            .iter()
            .filter(|(s, e, _)| *s <= a && b <= *e)
            .fold(Layers::default(), |set, (_, _, m)| set.with(*m));
        let style = theme.marked(base, layers);
        let room = usize::from(row.right().saturating_sub(x));
        if room == 0 {
            break;
        }
        buf.set_stringn(x, row.y, piece, room, style);
        x = x.saturating_add(piece.width().min(room) as u16);
    }
}

/// Byte ranges of short `[…]` spans in `text`, brackets included.
fn bracketed(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + text.get(from..)?.find('[')?;
        let close = open + text[open..].find(']')?;
        from = close + 1;
        Some((open, close + 1))
    })
    .filter(|(a, b)| b - a <= 40)
}

/// The byte range of `block` covered by a stretch from `start` to `end`
/// (`end` exclusive).
fn block_part(
    start: FlowPos,
    end: FlowPos,
    block: usize,
    len: usize,
) -> Option<std::ops::Range<usize>> {
    if block < start.block || block > end.block {
        return None;
    }
    let from = if block == start.block {
        start.offset
    } else {
        0
    };
    let to = if block == end.block { end.offset } else { len };
    (from < to).then_some(from..to)
}

/// Claims whose sentence lies in `block`, as indices into `doc.claims`.
pub fn claims_in_block(state: &State, block: usize) -> std::ops::Range<usize> {
    let block_of = |c: &usize| {
        state
            .flow()
            .sentences
            .get(*c)
            .map_or(usize::MAX, |s| s.block as usize)
    };
    let sentences = state.claims().sentences();
    let lo = sentences.partition_point(|c| block_of(c) < block);
    let hi = sentences.partition_point(|c| block_of(c) <= block);
    lo..hi.max(lo)
}
