//! The dialogue pane: section banners, speaker lines and wrapped paragraphs,
//! with the current sentence and claims highlighted. Only visible lines are
//! wrapped and drawn. Rows and columns are `app::layout`'s, the same model
//! the scrolling counts with.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::flow::BlockKind;
use crate::app::layout::{self, BANNER_TITLE_ROW, TEXT_INDENT};
use crate::app::lines::LinePos;
use crate::app::live::Progress;
use crate::app::state::State;
use crate::transcript::formats::clock::doc_clock;

mod marks;
use marks::draw_marked;

/// The gutter beside bookmarked lines.
pub const BOOKMARK_MARK: &str = "▍";
/// The gutter beside a bookmark whose words changed since it was made: a
/// symbol of its own, so it differs without colour too.
pub const CHANGED_MARK: &str = "≈";

/// The gutter's cell for each code on a line, in the code's colour.
pub const CODE_MARK: &str = "▌";
/// The same without colour: a symbol that says a code is there.
pub const CODE_MARK_PLAIN: &str = "#";

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
            self.waiting(area, buf);
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

impl Dialogue<'_> {
    /// Nothing to show yet, while the input is read: say so in the middle
    /// of the pane, so a slow pipe is never a blank screen.
    fn waiting(&self, area: Rect, buf: &mut Buffer) {
        let (live, name) = (self.state.opened().live(), self.state.opened().name());
        let line = match live.loading() {
            Some(l) if l.progress == Progress::Read(0) => format!("Waiting for {name}…"),
            Some(loading) => format!("Reading {name}… {}", loading.progress.describe()),
            None if live.following() => format!("Waiting for {name} to grow…"),
            None if let Some(why) = live.failed() => why.to_string(),
            None => return,
        };
        let line = super::fit(&line, usize::from(area.width));
        let width = line.width() as u16;
        let x = area.x + area.width.saturating_sub(width) / 2;
        let y = area.y + area.height / 2;
        buf.set_string(x, y, &line, self.theme.narration());
    }

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
}
