//! The status line: where you are, in transcript terms, and messages; the
//! one-line editor the search line and the note editor draw with.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use ratatui::style::Style;

use super::theme::Theme;
use super::{fit, put};
use crate::app::action::Action;
use crate::app::find::Query;
use crate::app::keymap::Layer;
use crate::app::line_edit::LineEdit;
use crate::app::live::Progress;
use crate::app::state::State;
use crate::text::sanitise;

pub struct Status<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Status<'_> {
    /// `name · §2/5 title · speaker · turn 6/27 · 37% · [dialogue]`, with
    /// the least useful parts (title, then file name) dropped to fit `width`.
    pub fn text(&self, width: usize) -> String {
        let forms = self.forms();
        let fits = forms.iter().find(|f| f.width() <= width);
        fits.or(forms.last()).cloned().unwrap_or_default()
    }

    /// The status line's forms, longest first, each sanitised (names come
    /// from the file): with the file name and section title, without the
    /// title, without the name, without the share and focus, without the
    /// codes under the cursor, and last the shortest, ` §2/5 · speaker ·
    /// turn 6/27`, which a message never covers.
    pub fn forms(&self) -> Vec<String> {
        let s = self.state;
        if s.flow().turns.is_empty() && s.opened().live().loading().is_some() {
            // Nothing read yet: no place to show.
            return vec![format!(" {}", sanitise(s.opened().name()))];
        }
        let sec = s.section();
        let title = s
            .doc()
            .sections
            .get(sec)
            .map(|x| x.label())
            .unwrap_or_default();
        let speaker = s.speaker().unwrap_or("narration");
        let turns = s.flow().turns.len();
        let total = s.flow().sentences.len();
        let pct = if total <= 1 {
            100
        } else {
            s.cursor() * 100 / (total - 1)
        };
        let place = format!("§{}/{}", sec + 1, s.doc().sections.len());
        let only = s
            .view()
            .speaker_filter()
            .and_then(|i| s.flow().speakers.get(i as usize))
            .map_or_else(String::new, |n| format!(" · only {n}"));
        let at = sanitise(&format!(
            "{speaker} · turn {}/{turns}",
            (s.turn() + 1).min(turns)
        ))
        .into_owned();
        let codes = self.codes();
        let rest = sanitise(&format!(
            "{at}{codes} · {pct}%{only} · [{}]",
            s.focus().name()
        ))
        .into_owned();
        // Sanitised before measuring: the name is a file name, and the
        // width dropped must be the width shown.
        let name = sanitise(s.opened().name());
        let mut forms = vec![
            format!(" {name} · {place} {} · {rest}", sanitise(&title)),
            format!(" {name} · {place} · {rest}"),
            format!(" {place} · {rest}"),
            sanitise(&format!(" {place} · {at}{codes} · {pct}%{only}")).into_owned(),
        ];
        if !codes.is_empty() {
            forms.push(sanitise(&format!(" {place} · {at}{codes}")).into_owned());
        }
        forms.push(format!(" {place} · {at}"));
        forms
    }

    /// ` · #pricing #timing`: the codes of the quotes under the cursor, or
    /// nothing.
    fn codes(&self) -> String {
        let coding = self.state.coding();
        let paths: Vec<String> = (self.state.cursor_codes().into_iter())
            .map(|id| format!("#{}", coding.path(id).unwrap_or_else(|| "?".into())))
            .collect();
        match paths.is_empty() {
            true => String::new(),
            false => format!(" · {}", paths.join(" ")),
        }
    }

    /// What the right of the line says: the message, else the search's
    /// count while a search is active, else what a followed file brought;
    /// and whether it is a warning.
    fn note(&self) -> Option<(String, bool)> {
        let s = self.state;
        if let Some(m) = s.status_message() {
            return Some((m.text.clone(), m.is_warning()));
        }
        let live = s.opened().live();
        let find = s.finder().find().map(|f| f.status());
        if let Some(loading) = live.loading() {
            let end = match loading.end {
                true => " · end when loaded",
                false => "",
            };
            let sep = match loading.progress {
                Progress::Percent(_) => " ",
                Progress::Read(_) => " · ",
            };
            let line = format!("loading{sep}{}{end}", loading.progress.describe());
            return Some((
                find.map_or(line.clone(), |f| format!("{f} · {line}")),
                false,
            ));
        }
        if let Some(find) = find {
            return Some((find, false));
        }
        if live.failed().is_some() {
            return Some(("partly read".to_string(), true));
        }
        match live.unseen() {
            0 if live.following() => Some(("following".to_string(), false)),
            0 => None,
            n => Some((format!("+{n} new {}{}", turns(n), end_key(s)), false)),
        }
    }
}

fn turns(n: usize) -> &'static str {
    if n == 1 { "turn" } else { "turns" }
}

/// ` · G end`: the key that goes to the end, from the live keymap.
fn end_key(s: &State) -> String {
    let key = s.keymap().key_for(Layer::Global, Action::Bottom);
    key.map_or_else(String::new, |k| format!(" · {k} end"))
}

/// Columns between the position and the message.
const GAP: usize = 2;

impl Widget for Status<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let status = self.theme.status();
        buf.set_style(area, status);
        let width = usize::from(area.width);
        let Some((note, warning)) = self.note().filter(|(n, _)| !n.is_empty()) else {
            put(buf, area.x, area.y, &self.text(width), width, status);
            return;
        };
        // Messages carry store errors (paths) and names: sanitised first.
        let note = sanitise(&note);
        let forms = self.forms();
        // The longest form that leaves the whole message room; else the
        // shortest, and the message cut to what is left.
        let whole = forms
            .iter()
            .find(|f| f.width() + GAP + note.width() <= width);
        let (left, note) = match whole {
            Some(form) => (form.as_str(), note.into_owned()),
            None => {
                let form = forms.last().map_or("", String::as_str);
                let room = width.saturating_sub(form.width() + GAP);
                (
                    form,
                    if room > 1 {
                        fit(&note, room)
                    } else {
                        String::new()
                    },
                )
            }
        };
        put(buf, area.x, area.y, left, width, status);
        if !note.is_empty() {
            let x = area.right() - note.width() as u16;
            let style = if warning {
                status.patch(self.theme.warning())
            } else {
                status
            };
            put(buf, x, area.y, &note, note.width(), style);
        }
    }
}

/// A one-line editor after `prompt`, scrolled so the cursor shows; returns
/// the cursor's x for the terminal cursor.
pub fn edit_line(buf: &mut Buffer, row: Rect, prompt: &str, line: &LineEdit, theme: Theme) -> u16 {
    put(
        buf,
        row.x,
        row.y,
        prompt,
        usize::from(row.width),
        theme.header(false),
    );
    let room = usize::from(row.width)
        .saturating_sub(prompt.width() + 1)
        .max(1);
    // The editor keeps its text clean as typed; sanitised on both sides of
    // the cursor anyway, so whatever `text` holds the cursor stays in place.
    let cursor = line.cursor.min(line.text.len());
    let (before, after) = line.text.split_at(cursor);
    let (before, after) = (sanitise(before), sanitise(after));
    // Drop characters from the left until the cursor fits.
    let mut skip = 0;
    while before[skip..].width() > room {
        skip += before[skip..].chars().next().map_or(1, char::len_utf8);
    }
    let x0 = row.x + prompt.width().min(usize::from(row.width)) as u16;
    let shown = format!("{}{after}", &before[skip..]);
    put(buf, x0, row.y, &shown, room, Style::new());
    x0 + before[skip..].width() as u16
}

/// The search line in place of the status line: the query, and on the
/// right the match count or what is wrong with the query.
pub fn query_line(buf: &mut Buffer, row: Rect, state: &State, query: &Query, theme: Theme) -> u16 {
    buf.set_style(row, Style::reset());
    let note = match (state.finder().find(), state.message()) {
        (Some(find), _) => find.status(),
        (None, Some(m)) if !query.line.text.is_empty() => m.to_string(),
        _ => String::new(),
    };
    let note = sanitise(&note);
    let note_w = note.width().min(usize::from(row.width) / 2);
    let prompt = if query.regex { "/(regex) " } else { "/" };
    let edit = Rect {
        width: row.width.saturating_sub(note_w as u16 + 1),
        ..row
    };
    let x = edit_line(buf, edit, prompt, &query.line, theme);
    if note_w > 0 {
        let style = if state.finder().find().is_some() {
            theme.dim()
        } else {
            theme.warning()
        };
        put(
            buf,
            row.right() - note_w as u16,
            row.y,
            &note,
            note_w,
            style,
        );
    }
    x
}
