//! Citations: where a bookmark's quote is in the document as it is now, in
//! the one form every view prints (the reader's list and gutter, the
//! Markdown and JSON exports, the `y` attribution), so they cannot disagree.
//!
//! A citation names the line the quote starts on (and ends on), not its
//! turn's, and for timed formats the time of the cue it starts in. A quote
//! whose words changed (a fuzzy re-anchoring) carries both the saved and the
//! current words; a detached one keeps what was saved when it was made.

use std::cell::OnceCell;
use std::str::FromStr;

use super::anchor::{Anchor, Resolution, Resolver, Span, holds, normalize, span_text};
use super::bookmarks::Bookmark;
use crate::transcript::address::{self, Address, Spot};
use crate::transcript::{Document, Turn, section_label};

/// How a bookmark's quote relates to the document now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Where it was saved, word for word.
    Exact,
    /// The same words, found elsewhere.
    Moved,
    /// Similar words were found: the quote itself was edited.
    Changed,
    /// Not found; shown with what was saved.
    Detached,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Moved => "moved",
            Status::Changed => "changed",
            Status::Detached => "detached",
        }
    }

    fn of(r: &Resolution) -> Status {
        match r {
            Resolution::Exact(_) => Status::Exact,
            Resolution::Moved(_) => Status::Moved,
            Resolution::Fuzzy(_) => Status::Changed,
            Resolution::Detached => Status::Detached,
        }
    }
}

impl FromStr for Status {
    type Err = String;

    /// The names [`Status::as_str`] gives; `fuzzy`, the older name of
    /// `changed`, is read too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "exact" => Ok(Status::Exact),
            "moved" => Ok(Status::Moved),
            "changed" | "fuzzy" => Ok(Status::Changed),
            "detached" => Ok(Status::Detached),
            _ => Err(format!("unknown bookmark status '{s}'")),
        }
    }
}

/// The section a quote is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRef {
    /// 0-based position in the document.
    pub index: usize,
    /// As written in the heading.
    pub number: Option<String>,
    pub title: Option<String>,
    /// `§N Title`: numbered by position (1-based) when the heading has no
    /// number; the untitled first section is "Preamble".
    pub label: String,
}

impl SectionRef {
    fn new(index: usize, number: Option<String>, title: Option<String>) -> SectionRef {
        let label = section_label(index, number.as_deref(), title.as_deref());
        SectionRef {
            index,
            number,
            title,
            label,
        }
    }
}

/// A bookmark as every view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub status: Status,
    /// `None` for narration.
    pub speaker: Option<String>,
    pub section: SectionRef,
    /// Source lines (1-based) the quote starts and ends on.
    pub first_line: usize,
    pub last_line: usize,
    /// Seconds from the start, for timed formats.
    pub time: Option<f64>,
    /// Whether the document's times are written with hours (it runs an
    /// hour or more): the one notation every view writes `time` in.
    pub hours: bool,
    /// The words as saved.
    pub quote: String,
    /// The words the document has there now, when they differ (`Changed`).
    pub current: Option<String>,
    pub note: String,
    /// Where the quote is now; `None` when detached.
    pub span: Option<Span>,
}

impl Citation {
    /// `line 21`, or `lines 21–23` for a quote over several lines.
    pub fn lines_label(&self) -> String {
        if self.last_line > self.first_line {
            format!("lines {}–{}", self.first_line, self.last_line)
        } else {
            format!("line {}", self.first_line)
        }
    }

    /// The time in the document's notation: `h:mm:ss` in a transcript of
    /// an hour or more, `m:ss` in a shorter one.
    pub fn time_label(&self) -> Option<String> {
        self.time.map(|t| clock(self.hours, t))
    }

    /// `line 21, 0:12`: the place in the source, as the exports print it.
    pub fn place(&self) -> String {
        match self.time_label() {
            Some(t) => format!("{}, {t}", self.lines_label()),
            None => self.lines_label(),
        }
    }

    /// `FILE@§S.tT`, the address of the turn the quote starts in (see
    /// [`crate::transcript::address`]); `None` when detached.
    pub fn address(&self, file: &str) -> Option<String> {
        let start = self.span?.start;
        let spot = Spot {
            section: start.section,
            turn: start.turn,
            ..Spot::default()
        };
        let address = Address {
            file: file.to_string(),
            place: address::Place::of(spot),
        };
        Some(address.to_string())
    }

    /// `— Speaker, §N Title (line L)`, with `text changed` inside the
    /// parentheses when the words changed. A detached bookmark's place is
    /// as saved; the views list it under a heading that says so.
    pub fn attribution(&self) -> String {
        let mut s = String::from("— ");
        if let Some(sp) = &self.speaker {
            s.push_str(sp);
            s.push_str(", ");
        }
        s.push_str(&self.section.label);
        s.push_str(" (");
        s.push_str(&self.place());
        match self.status {
            Status::Changed => s.push_str(", text changed"),
            Status::Exact | Status::Moved | Status::Detached => {}
        }
        s.push(')');
        s
    }
}

use crate::transcript::formats::clock as notation;
/// The one time notation (`h:mm:ss` in a transcript of an hour or more,
/// else `m:ss`), shared with the captions' section titles, the time gutter
/// and the outline.
pub use crate::transcript::formats::clock::clock;

/// The citation of a bookmark found (or not) as `r` says. Where the quote
/// is now decides the speaker, section, lines and time; a detached one
/// keeps what the bookmark saved.
pub fn cite(doc: &Document, b: &Bookmark, r: Resolution) -> Citation {
    let status = Status::of(&r);
    let found = r.span().and_then(|span| locate(doc, &span));
    let Some(place) = found else {
        return detached(b, notation::hours(doc));
    };
    let current = (status == Status::Changed)
        .then(|| span_text(doc, &place.span))
        .flatten()
        .filter(|now| normalize(now) != normalize(&b.quote));
    Citation {
        status,
        current,
        quote: b.quote.clone(),
        note: b.note.clone(),
        ..place.citation()
    }
}

/// The citation of words at `span` that are no bookmark (yet): what `y`
/// copies. `None` if the span does not fit the document.
pub fn cite_span(doc: &Document, span: &Span, quote: &str) -> Option<Citation> {
    let place = locate(doc, span)?;
    Some(Citation {
        quote: quote.to_string(),
        ..place.citation()
    })
}

fn detached(b: &Bookmark, hours: bool) -> Citation {
    let first_line = b.line;
    Citation {
        status: Status::Detached,
        speaker: b.speaker.clone(),
        section: SectionRef::new(
            b.start.section,
            b.section_number.clone(),
            b.section_title.clone(),
        ),
        first_line,
        last_line: b.last_line.unwrap_or(first_line).max(first_line),
        time: b.time,
        hours,
        quote: b.quote.clone(),
        current: None,
        note: b.note.clone(),
        span: None,
    }
}

/// Where a span is: its section, first turn, lines and time.
struct Place {
    span: Span,
    speaker: Option<String>,
    section: SectionRef,
    lines: (usize, usize),
    time: Option<f64>,
    hours: bool,
}

impl Place {
    fn citation(self) -> Citation {
        Citation {
            status: Status::Exact,
            speaker: self.speaker,
            section: self.section,
            first_line: self.lines.0,
            last_line: self.lines.1,
            time: self.time,
            hours: self.hours,
            quote: String::new(),
            current: None,
            note: String::new(),
            span: Some(self.span),
        }
    }
}

fn locate(doc: &Document, span: &Span) -> Option<Place> {
    let sec = doc.sections.get(span.start.section)?;
    let turn = sec.turns.get(span.start.turn)?;
    let (first, time) = line_and_time(doc, &span.start, false)?;
    // The end is exclusive: its line is the last character's.
    let last = line_and_time(doc, &span.end, true).map_or(first, |(l, _)| l.max(first));
    Some(Place {
        span: *span,
        speaker: turn.speaker.clone(),
        section: SectionRef::new(span.start.section, sec.number.clone(), sec.title.clone()),
        lines: (first, last),
        time,
        hours: notation::hours(doc),
    })
}

/// The source line and time of the character at `a` (of the one before it
/// when `before`, for the exclusive end of a span).
fn line_and_time(doc: &Document, a: &Anchor, before: bool) -> Option<(usize, Option<f64>)> {
    let turn: &Turn = doc.sections.get(a.section)?.turns.get(a.turn)?;
    let text = turn.paragraphs.get(a.paragraph).map_or("", String::as_str);
    let chars = if before {
        a.offset.saturating_sub(1)
    } else {
        a.offset
    };
    let byte = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    let at = doc.text_pos(a.section, a.turn, a.paragraph, byte)?;
    Some((doc.line_at(at, turn), doc.time_at(at, turn)))
}

/// Cites many bookmarks of one document; the resolver's index is built
/// only when some quote is not where it was saved.
pub struct Citer<'a> {
    doc: &'a Document,
    resolver: OnceCell<Resolver<'a>>,
}

impl<'a> Citer<'a> {
    pub fn new(doc: &'a Document) -> Citer<'a> {
        Citer {
            doc,
            resolver: OnceCell::new(),
        }
    }

    pub fn resolve(&self, b: &Bookmark) -> Resolution {
        if holds(self.doc, b) {
            return Resolution::Exact(b.span());
        }
        self.resolver
            .get_or_init(|| Resolver::new(self.doc))
            .resolve(b)
    }

    pub fn cite(&self, b: &Bookmark) -> Citation {
        cite(self.doc, b, self.resolve(b))
    }
}

/// Every bookmark's citation in the order every view lists them: attached
/// ones by where they are now, then detached ones by when they were made.
pub fn cite_all<'b>(doc: &Document, bookmarks: &'b [Bookmark]) -> Vec<(&'b Bookmark, Citation)> {
    let citer = Citer::new(doc);
    let mut out: Vec<_> = bookmarks.iter().map(|b| (b, citer.cite(b))).collect();
    out.sort_by(|(xb, x), (yb, y)| order(x, xb).cmp(&order(y, yb)));
    out
}

/// The sort key of [`cite_all`]'s order.
pub fn order<'a>(c: &Citation, b: &'a Bookmark) -> (bool, Option<Anchor>, &'a str) {
    (
        c.span.is_none(),
        c.span.map(|s| s.start),
        b.created.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(first_line: usize, last_line: usize, time: Option<f64>) -> Citation {
        Citation {
            status: Status::Exact,
            speaker: Some("Ben".into()),
            section: SectionRef::new(1, None, Some("Laptops".into())),
            first_line,
            last_line,
            time,
            hours: time.is_some_and(|t| t >= 3600.0),
            quote: "q".into(),
            current: None,
            note: String::new(),
            span: None,
        }
    }

    #[test]
    fn one_line_or_a_range_with_an_en_dash_and_the_time_after() {
        assert_eq!(citation(21, 21, None).place(), "line 21");
        assert_eq!(citation(21, 23, None).place(), "lines 21–23");
        assert_eq!(citation(21, 22, Some(70.2)).place(), "lines 21–22, 1:10");
        let mut long = citation(21, 21, Some(70.2));
        long.hours = true;
        assert_eq!(long.place(), "line 21, 0:01:10");
        assert_eq!(
            citation(3, 3, Some(3723.0)).attribution(),
            "— Ben, §2 Laptops (line 3, 1:02:03)"
        );
        let mut changed = citation(3, 3, None);
        changed.status = Status::Changed;
        changed.speaker = None;
        assert_eq!(changed.attribution(), "— §2 Laptops (line 3, text changed)");
    }

    #[test]
    fn sections_are_numbered_by_position_when_the_heading_has_none() {
        assert_eq!(SectionRef::new(0, None, None).label, "§1 Preamble");
        assert_eq!(SectionRef::new(2, None, None).label, "§3");
        assert_eq!(SectionRef::new(2, Some("02".into()), None).label, "§02");
        let titled = SectionRef::new(1, Some("01".into()), Some("Start".into()));
        assert_eq!(titled.label, "§01 Start");
    }
}
