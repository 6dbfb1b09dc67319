//! The marks on a line of the dialogue: claims, bookmarks, the selection,
//! the current sentence and search matches as styled stretches, the
//! gutter's marks, and drawing a line cut where its marks begin and end.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::{BOOKMARK_MARK, CHANGED_MARK, CODE_MARK, CODE_MARK_PLAIN, Dialogue, changed_gutter};
use crate::app::flow::FlowPos;
use crate::app::layout::{GUTTER, MARK_COL, MATCH_COL};
use crate::app::state::State;
use crate::ui::theme::{Layer, Layers, Theme};

/// A marked stretch of a paragraph: start and end bytes, and the mark; the
/// theme styles each set of marks that cover a piece ([`Theme::marked`]).
pub(super) type Mark = (usize, usize, Layer);

/// The marks on one wrapped line of a paragraph.
pub(super) struct LineMarks<'a> {
    /// Marked stretches.
    pub(super) spans: Vec<Mark>,
    /// `Some(changed)` when a bookmark covers the line: the gutter's mark.
    bookmark: Option<bool>,
    /// The codes of the bookmarks on the line, each once.
    codes: Vec<&'a str>,
    /// A search match is on the line.
    matched: bool,
}

impl<'a> Dialogue<'a> {
    /// Everything marked on the line `range` of paragraph `block` (whose
    /// text is `text`): stage directions, claims, bookmarks, the selection,
    /// the current sentence and search matches, in that order.
    pub(super) fn line_marks(
        &self,
        block: usize,
        text: &str,
        range: &Range<usize>,
    ) -> LineMarks<'a> {
        // Stage directions and inline timestamps (`[laughter]`,
        // `[00:12:31.07]`) are dimmed; every other mark patches over them.
        let mut spans: Vec<Mark> = bracketed(&text[range.clone()])
            .map(|(a, b)| (range.start + a, range.start + b, Layer::Dim))
            .collect();
        self.claim_marks(block, &mut spans);
        let mut codes = Vec::new();
        let bookmark = self.bookmark_marks(block, text.len(), range, &mut spans, &mut codes);
        self.selection_mark(block, text.len(), &mut spans);
        self.cursor_mark(block, &mut spans);
        // Matches go last so they show inside the current sentence too.
        let matched = self.match_marks(block, range, &mut spans);
        LineMarks {
            spans,
            bookmark,
            codes,
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
    /// bytes long), and their codes; `Some(changed)` for the gutter when
    /// any does.
    fn bookmark_marks(
        &self,
        block: usize,
        len: usize,
        range: &Range<usize>,
        spans: &mut Vec<Mark>,
        codes: &mut Vec<&'a str>,
    ) -> Option<bool> {
        let state: &'a State = self.state;
        // A changed quote's mark wins the gutter: it asks for attention.
        let mut gutter: Option<bool> = None;
        for (m, place) in state.marks().iter().filter_map(|m| Some((m, m.place?))) {
            let changed = m.changed();
            if let Some(r) = block_part(place.start, place.end, block, len)
                && r.start < range.end.max(range.start + 1)
                && range.start < r.end
            {
                gutter = Some(gutter.unwrap_or(false) || changed);
                for code in &m.bookmark.codes {
                    if !codes.contains(&code.as_str()) {
                        codes.push(code);
                    }
                }
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

    /// The gutter of a paragraph line: a changed bookmark's `≈`, then one
    /// cell per code in the code's colour (a `#` each without colour), as
    /// many as the gutter's columns hold and a `+` for the rest; a plain
    /// bookmark's `▍` when there is neither; and `›` beside a search match,
    /// which takes the last column.
    pub(super) fn gutter(&self, marks: &LineMarks, row: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let matched = marks.matched && row.width > MATCH_COL;
        let room = usize::from(if matched { MATCH_COL } else { GUTTER } - MARK_COL);
        let mut cells: Vec<(&str, Style)> = Vec::with_capacity(room);
        if marks.bookmark == Some(true) {
            cells.push((CHANGED_MARK, changed_gutter(theme)));
        }
        let symbol = if theme.color {
            CODE_MARK
        } else {
            CODE_MARK_PLAIN
        };
        let style = |id: &str| theme.code(self.state.coding().colour(id));
        let free = room.saturating_sub(cells.len());
        let shown = if marks.codes.len() <= free {
            free
        } else {
            free.saturating_sub(1)
        };
        for id in marks.codes.iter().take(shown) {
            cells.push((symbol, style(id)));
        }
        if let Some(next) = marks.codes.get(shown).filter(|_| free > 0) {
            cells.push(("+", style(next)));
        }
        if cells.is_empty() && marks.bookmark == Some(false) {
            cells.push((BOOKMARK_MARK, theme.gutter()));
        }
        for (i, (symbol, style)) in cells.into_iter().enumerate() {
            let x = row.x + MARK_COL + i as u16;
            if x < row.right() {
                buf.set_string(x, row.y, symbol, style);
            }
        }
        if matched {
            buf.set_string(row.x + MATCH_COL, row.y, "›", theme.search_current());
        }
    }
}

/// The line `range` of `text` at column `indent` of `row`, cut wherever a
/// mark starts or ends, each piece in `base` styled by the theme for the
/// set of marks covering it.
pub(super) fn draw_marked(
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
fn claims_in_block(state: &State, block: usize) -> std::ops::Range<usize> {
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
