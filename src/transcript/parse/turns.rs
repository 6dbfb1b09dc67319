//! Assembling sections and turns from classified lines: continuation,
//! paragraph breaks, wrapped-line joining and the interviewer convention.

use super::paragraphs::{Joining, continues, join, unescape};
use crate::transcript::model::{LineStart, Section, TextPos, Turn};

/// The line a paragraph last grew by, for the wrap test.
struct Prev {
    width: usize,
    last: char,
}

struct Open {
    turn: Turn,
    /// `None` after a blank line or a stage direction: nothing to join to.
    prev: Option<Prev>,
    /// An interviewer's question ends with its paragraph.
    interviewer: bool,
}

pub(super) struct Builder<'a> {
    sections: Vec<Section>,
    section: Section,
    open: Option<Open>,
    wrap: Joining,
    /// The last named non-interviewer speaker: who answers `――` questions.
    interviewee: Option<&'a str>,
    /// Turns closed so far: the open turn's number in the document.
    closed: usize,
    /// Where each text line landed in the paragraphs, for citations.
    starts: Vec<LineStart>,
}

impl<'a> Builder<'a> {
    pub fn new(wrap: Joining) -> Self {
        Builder {
            sections: Vec::new(),
            section: Section::default(),
            open: None,
            wrap,
            interviewee: None,
            closed: 0,
            starts: Vec::new(),
        }
    }

    /// Whether nothing has been built yet: a Markdown H1 here is the title.
    pub fn is_empty(&self) -> bool {
        self.open.is_none()
            && self.sections.is_empty()
            && self.section.turns.is_empty()
            && self.section.line.is_none()
    }

    pub fn heading(&mut self, no: usize, number: Option<&str>, title: Option<&str>) {
        self.close();
        let done = std::mem::replace(
            &mut self.section,
            Section {
                number: number.map(str::to_string),
                title: title.map(str::to_string),
                line: Some(no),
                turns: Vec::new(),
            },
        );
        self.push_section(done);
    }

    pub fn start(
        &mut self,
        speaker: Option<&'a str>,
        no: usize,
        time: Option<f64>,
        interviewer: bool,
    ) {
        // The same speaker labelled again goes on in a new paragraph, as
        // the caption readers merge cues; a new timestamp keeps its turn.
        if let Some(open) = &mut self.open
            && speaker.is_some()
            && open.turn.speaker.as_deref() == speaker
            && !interviewer
            && !open.interviewer
            && time.is_none()
        {
            open.prev = None;
            open.turn.end_line = no;
            return;
        }
        self.close();
        if !interviewer && speaker.is_some() {
            self.interviewee = speaker;
        }
        self.open = Some(Open {
            turn: Turn {
                speaker: speaker.map(str::to_string),
                line: no,
                end_line: no,
                // Most turns hold one paragraph: room for exactly one, not
                // the four a first push reserves (72 bytes a turn).
                paragraphs: Vec::with_capacity(1),
                time,
            },
            prev: None,
            interviewer,
        });
    }

    /// A blank line ends the paragraph, not the turn.
    pub fn gap(&mut self) {
        if let Some(open) = &mut self.open {
            open.prev = None;
        }
    }

    /// A stage direction: its own paragraph, in whatever turn is open.
    pub fn stage(&mut self, no: usize, text: &str) {
        let open = self.ensure_open(no);
        open.turn.paragraphs.push(unescape(text).into_owned());
        open.turn.end_line = no;
        open.prev = None;
        self.mark_line(no, 0);
    }

    /// Record that line `no` starts at `byte` of the open turn's last paragraph.
    /// A line that starts its turn's text on the turn's own line is not
    /// recorded: [`Document::line_at`](crate::transcript::Document::line_at)
    /// falls back to that line anyway, and a file of one-line turns would
    /// otherwise keep 16 bytes a line for nothing.
    fn mark_line(&mut self, no: usize, byte: usize) {
        if let Some(open) = &self.open {
            let paragraph = open.turn.paragraphs.len().saturating_sub(1);
            if paragraph == 0 && byte == 0 && no == open.turn.line {
                return;
            }
            let at = TextPos::new(self.closed, paragraph, byte);
            let line = u32::try_from(no).unwrap_or(u32::MAX);
            self.starts.push(LineStart { at, line });
        }
    }

    /// Unlabelled text continues the open turn, joined to the previous line
    /// when the file is hard-wrapped and this line is its continuation.
    pub fn text(&mut self, no: usize, text: &str, width: usize, joinable: bool) {
        let wrap = self.wrap;
        let answered = self.open.as_ref().is_some_and(|o| {
            o.interviewer && !o.turn.paragraphs.is_empty() && !joins(o, joinable, wrap, text)
        });
        if answered {
            self.start(self.interviewee, no, None, false);
        }
        let open = self.ensure_open(no);
        let text = unescape(text);
        let joined = joins(open, joinable, wrap, &text);
        let byte = match open.turn.paragraphs.last_mut() {
            Some(last) if joined => {
                join(last, &text);
                last.len() - text.len()
            }
            _ => {
                open.turn.paragraphs.push(text.to_string());
                0
            }
        };
        open.turn.end_line = no;
        open.prev = text.chars().next_back().map(|last| Prev { width, last });
        self.mark_line(no, byte);
    }

    fn ensure_open(&mut self, no: usize) -> &mut Open {
        if self.open.is_none() {
            self.start(None, no, None, false);
        }
        self.open.get_or_insert_with(|| Open {
            turn: Turn::default(),
            prev: None,
            interviewer: false,
        })
    }

    fn close(&mut self) {
        if let Some(mut open) = self.open.take() {
            // Joined paragraphs grew by doubling; the model keeps them for
            // the whole session, so give back what they will never use.
            for p in &mut open.turn.paragraphs {
                p.shrink_to_fit();
            }
            open.turn.paragraphs.shrink_to_fit();
            self.section.turns.push(open.turn);
            self.closed += 1;
        }
    }

    fn push_section(&mut self, s: Section) {
        // An empty preamble is not a section; an empty titled one still is.
        if s.line.is_some() || !s.turns.is_empty() {
            self.sections.push(s);
        }
    }

    /// The sections, and where each text line starts in their paragraphs.
    pub fn finish(mut self) -> (Vec<Section>, Vec<LineStart>) {
        self.close();
        let last = std::mem::take(&mut self.section);
        self.push_section(last);
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        (self.sections, self.starts)
    }
}

fn joins(open: &Open, joinable: bool, wrap: Joining, text: &str) -> bool {
    joinable
        && !open.turn.paragraphs.is_empty()
        && match (&open.prev, wrap) {
            (Some(p), Joining::Wrapped(w)) => continues(p.width, p.last, text, w),
            (Some(_), Joining::Soft) => !starts_block(text),
            _ => false,
        }
}

/// A Markdown list item, block quote or table row: a block of its own,
/// never the rest of the line before.
fn starts_block(text: &str) -> bool {
    let ordered = text.find(['.', ')']).is_some_and(|i| {
        i > 0
            && i <= 3
            && text[..i].bytes().all(|b| b.is_ascii_digit())
            && text[i + 1..].starts_with(' ')
    });
    ordered
        || ["- ", "* ", "+ ", "> ", "|"]
            .iter()
            .any(|m| text.starts_with(m))
}
