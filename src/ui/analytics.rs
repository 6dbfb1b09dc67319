//! The analytics overlay (`A`): per speaker a bar chart of word share
//! (ratatui's `BarChart`) and a table of turns, words per turn, the
//! longest turn (selected one jumps there) and, for timed transcripts,
//! talk time and words per minute; per section a stacked bar of who spoke;
//! for timed transcripts a sparkline per speaker along the timeline.
//!
//! Speakers are drawn in their dialogue colours. Without colour every
//! chart still reads: bars and sparklines have a row per speaker with the
//! name beside them, and the stacked bars give each speaker a shade of
//! block and start each stretch with the speaker's initial. The blocks are
//! placed by [`Rows`], the placement the handler scrolls by.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Sparkline, Widget};

use super::theme::Theme;
use super::{fit, put};
use crate::app::analytics::{self, Rows, WIDTH};
use crate::app::state::State;
use crate::text::wrap::width;
use crate::transcript::Document;
use crate::transcript::formats::clock;
use crate::transcript::stats::Analytics;

mod scrolled;
mod segments;
use scrolled::Scrolled;
pub use segments::segments;

/// The widest a speaker's name is drawn.
const NAME: usize = 16;
/// The widest a section's label is drawn.
const LABEL: usize = 24;
/// Block shades for the stacked bars without colour, a speaker each.
const SHADES: [&str; 4] = ["█", "▓", "▒", "░"];

/// What the overlay draws.
pub struct View<'a> {
    pub analytics: &'a Analytics,
    pub doc: &'a Document,
    pub selected: usize,
    pub scroll: u16,
    /// The overlay's keys, from the live keymap.
    pub keys: String,
    pub theme: Theme,
}

/// Draw the open overlay over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: Theme) {
    let Some((selected, scroll)) = analytics::pane(state) else {
        return;
    };
    let view = View {
        analytics: state.opened().analytics(),
        doc: state.doc(),
        selected,
        scroll,
        keys: analytics::keys(state.keymap()),
        theme,
    };
    frame.render_widget(view, area);
}

/// `§2 · 12:03` style pieces joined.
fn join(parts: Vec<String>) -> String {
    parts.join(" · ")
}

impl View<'_> {
    fn hours(&self) -> bool {
        clock::hours(self.doc)
    }

    /// The speakers' names' column: the widest name, within [`NAME`].
    fn name_width(&self) -> usize {
        let widest = self.analytics.speakers.iter().map(|s| width(&s.name));
        widest.max().unwrap_or(0).clamp(4, NAME)
    }

    fn title(&self) -> String {
        let a = self.analytics;
        let n = a.speakers.len();
        let mut parts = vec![
            format!("{n} {}", if n == 1 { "speaker" } else { "speakers" }),
            format!("{} words", a.words),
            format!("{} turns", a.turns),
        ];
        parts.extend(clock::length(self.doc).map(|t| clock::clock(self.hours(), t)));
        format!(" who talked how much · {} ", join(parts))
    }

    /// The bar chart of shares, one bar per speaker.
    fn shares(&self, out: &mut Scrolled, rows: &Rows) {
        let a = self.analytics;
        out.text(rows.shares, 0, "share of words", self.theme.header(false));
        let name = self.name_width();
        let bars: Vec<Bar> = (a.speakers.iter().enumerate())
            .map(|(i, s)| {
                let style = self.theme.speaker(i);
                Bar::default()
                    .label(fit(&s.name, name))
                    .value(s.words as u64)
                    .text_value(format!("{:.0}%", s.share * 100.0))
                    .style(style)
                    .value_style(style.add_modifier(Modifier::REVERSED))
            })
            .collect();
        let chart = BarChart::horizontal(bars)
            .max(a.words.max(1) as u64)
            .bar_width(1)
            .bar_gap(0);
        out.widget(rows.shares + 1, rows16(a.speakers.len()), chart);
    }

    /// The table: a heading, then a row per speaker, the selected reversed.
    fn table(&self, out: &mut Scrolled, rows: &Rows) {
        let a = self.analytics;
        let name = self.name_width();
        let timed = a.timed();
        let mut head = format!("{:name$}  turns  words/turn", "speaker");
        if timed {
            head.push_str("  talk time  words/min");
        }
        head.push_str("  longest turn");
        out.text(rows.table, 0, &head, self.theme.header(false));
        for (i, s) in a.speakers.iter().enumerate() {
            let row = rows.speaker_row(i);
            let selected = match i == self.selected {
                true => self.theme.selected(),
                false => Style::new(),
            };
            let label = fit(&s.name, name);
            let pad = " ".repeat(name.saturating_sub(width(&label)));
            let x = out.text(row, 0, &label, self.theme.speaker(i).patch(selected));
            let mut rest = format!("{pad}  {:>5}  {:>10.1}", s.turns, s.average());
            if timed {
                let talk = s.talk.map(|t| clock::clock(self.hours(), t));
                let wpm = s.per_minute().map(|w| format!("{w:.0}"));
                rest.push_str(&format!(
                    "  {:>9}  {:>9}",
                    talk.unwrap_or_default(),
                    wpm.unwrap_or_default()
                ));
            }
            rest.push_str("  ");
            rest.push_str(&self.longest(i));
            out.text(row, x, &rest, selected);
        }
    }

    /// Speaker `i`'s longest turn: `180 words · §2 · 12:03`.
    fn longest(&self, i: usize) -> String {
        let m = self.analytics.speakers[i].longest;
        let mut parts = vec![format!("{} words", m.words)];
        parts.extend(self.doc.sections.get(m.section).map(|s| s.mark(m.section)));
        parts.extend(m.time.map(|t| clock::clock(self.hours(), t)));
        join(parts)
    }

    /// A row per section: its label, then a bar of who spoke in it.
    fn sections(&self, out: &mut Scrolled, rows: &Rows) {
        let a = self.analytics;
        let heading = "who spoke in each section";
        out.text(rows.sections, 0, heading, self.theme.header(false));
        let labels = |i: usize| fit(&self.doc.sections[i].cite_label(i), LABEL);
        let label_w = (0..a.sections.len().min(self.doc.sections.len()))
            .map(|i| width(&labels(i)))
            .max()
            .unwrap_or(0)
            .min(usize::from(out.width()) / 3);
        let bar_w = usize::from(out.width()).saturating_sub(label_w + 2);
        for (i, s) in a.sections.iter().enumerate().take(self.doc.sections.len()) {
            let row = rows.sections + 1 + rows16(i);
            if !out.shows(row) {
                continue;
            }
            let x = out.text(row, 0, &fit(&labels(i), label_w), Style::new());
            let mut x = x.max(rows16(label_w)) + 2;
            if s.parts.is_empty() {
                out.text(row, x, "(no speaker)", self.theme.dim());
            }
            for (speaker, cells) in segments(&s.parts, bar_w) {
                x = self.segment(out, (row, x), speaker, cells);
            }
        }
    }

    /// `cells` of speaker `speaker`'s stretch of a stacked bar at `at`.
    fn segment(&self, out: &mut Scrolled, at: (u16, u16), speaker: usize, cells: usize) -> u16 {
        let style = self.theme.speaker(speaker);
        let text = match self.theme.color {
            true => SHADES[0].repeat(cells),
            false => {
                let name = &self.analytics.speakers[speaker].name;
                let initial: String = name.chars().take(1).collect();
                let initial = if width(&initial) == 1 && cells > 0 {
                    initial
                } else {
                    String::new()
                };
                let rest = cells.saturating_sub(width(&initial));
                initial + &SHADES[speaker % SHADES.len()].repeat(rest)
            }
        };
        out.text(at.0, at.1, &text, style);
        at.1 + rows16(cells)
    }

    /// The timeline: a sparkline per speaker, then the time axis.
    fn timeline(&self, out: &mut Scrolled, at: u16) {
        let Some(line) = &self.analytics.timeline else {
            return;
        };
        let hours = self.hours();
        let heading = "timeline · each speaker's share of the time (turn start to the next's)";
        out.text(at, 0, heading, self.theme.header(false));
        let name = self.name_width();
        let room = usize::from(out.width()).saturating_sub(name + 2).max(1);
        let columns = line.columns(room);
        for (i, s) in self.analytics.speakers.iter().enumerate() {
            let row = at + 1 + rows16(i);
            out.text(row, 0, &fit(&s.name, name), self.theme.speaker(i));
            let data: Vec<u64> = columns.iter().map(|c| (c[i] * 100.0) as u64).collect();
            let spark = Sparkline::default()
                .data(&data)
                .max(100)
                .style(self.theme.speaker(i));
            out.widget_at(row, rows16(name + 2), 1, spark);
        }
        let axis = at + 1 + rows16(self.analytics.speakers.len());
        let (start, end) = (
            clock::clock(hours, line.start),
            clock::clock(hours, line.end),
        );
        let x = rows16(name + 2);
        out.text(axis, x, &start, self.theme.dim());
        let end_x = (x + rows16(room)).saturating_sub(rows16(width(&end)));
        out.text(
            axis,
            end_x.max(x + rows16(width(&start)) + 1),
            &end,
            self.theme.dim(),
        );
    }
}

fn rows16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = Rows::of(self.analytics);
        let h = rows.height(area.height);
        let popup = super::popup(buf, area, WIDTH.min(area.width), h);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(fit(
                &self.title(),
                usize::from(popup.width.saturating_sub(2)),
            ))
            .border_style(self.theme.rule());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width < 8 || inner.height < 2 {
            return;
        }
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        };
        let keys_y = inner.bottom() - 1;
        let w = usize::from(inner.width);
        put(
            buf,
            inner.x,
            keys_y,
            &fit(&self.keys, w),
            w,
            self.theme.dim(),
        );
        let content = Rect {
            height: inner.height - 1,
            ..inner
        };
        let scroll = self.scroll.min(rows.max_scroll(area.height));
        let mut out = Scrolled::new(buf, content, scroll);
        if self.analytics.speakers.is_empty() {
            out.text(0, 0, "no speakers in this transcript", self.theme.dim());
            return;
        }
        self.shares(&mut out, &rows);
        self.table(&mut out, &rows);
        self.sections(&mut out, &rows);
        if let Some(at) = rows.timeline {
            self.timeline(&mut out, at);
        }
    }
}
