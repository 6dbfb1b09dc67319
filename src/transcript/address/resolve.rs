//! A place found in a document: the turn, paragraph and byte it names, or
//! why the document has no such place (naming what it has: "the
//! transcript has 7 sections").

use super::{Count, Place, Why};
use crate::transcript::formats::clock;
use crate::transcript::{Document, TextPos};

/// A position in a document: section and turn within it, paragraph and a
/// byte in the paragraph (on a character boundary), all 0-based.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spot {
    pub section: usize,
    pub turn: usize,
    pub paragraph: usize,
    pub byte: usize,
}

impl Place {
    /// Where the place is in `doc`. A section is its first turn (an empty
    /// section the next turn after its heading); a time the cue spoken
    /// then (the last to start at or before it; before the first, the
    /// first); a line the text on it, or, for a line no turn owns (a
    /// heading, the header), the next turn after it.
    pub fn resolve(&self, doc: &Document) -> Result<Spot, Why> {
        if doc.turns().next().is_none() {
            return Err(Why::Empty);
        }
        match *self {
            Place::Section(n) => {
                let s = section_index(doc, n)?;
                let after = (s..doc.sections.len()).find(|&i| !doc.sections[i].turns.is_empty());
                let before = (0..s).rev().find(|&i| !doc.sections[i].turns.is_empty());
                let (section, turn) = match (after, before) {
                    (Some(i), _) => (i, 0),
                    (None, Some(i)) => (i, doc.sections[i].turns.len() - 1),
                    (None, None) => return Err(Why::Empty),
                };
                Ok(spot(section, turn, 0, 0))
            }
            Place::Turn { section, turn } => {
                let s = section_index(doc, section)?;
                let turns = doc.sections[s].turns.len();
                match (turn as usize).checked_sub(1).filter(|&t| t < turns) {
                    Some(t) => Ok(spot(s, t, 0, 0)),
                    None => Err(Why::NoTurn {
                        section,
                        turns: Count(turns, "turn"),
                    }),
                }
            }
            Place::Time(t) => at_time(doc, t),
            Place::Line(n) => at_line(doc, n as usize),
        }
    }
}

/// The last line the document knows of: its turns', headings', header's
/// and trailer's.
pub fn last_line(doc: &Document) -> usize {
    let turns = doc.turns().map(|t| t.end_line.max(t.line));
    let headings = doc.sections.iter().filter_map(|s| s.line);
    let meta = doc.metadata.iter().map(|m| m.line);
    let trailer = doc.trailer.iter().map(|l| l.line);
    let title = doc.title_line.into_iter();
    turns
        .chain(headings)
        .chain(meta)
        .chain(trailer)
        .chain(title)
        .max()
        .unwrap_or(0)
}

fn spot(section: usize, turn: usize, paragraph: usize, byte: usize) -> Spot {
    Spot {
        section,
        turn,
        paragraph,
        byte,
    }
}

fn section_index(doc: &Document, n: u32) -> Result<usize, Why> {
    let count = doc.sections.len();
    (n as usize)
        .checked_sub(1)
        .filter(|&i| i < count)
        .ok_or(Why::NoSection(Count(count, "section")))
}

/// Every turn's start and every recorded line or cue start, in document
/// order, as spots with their value (a line, a time).
fn starts<T: Copy>(
    doc: &Document,
    turn_value: impl Fn(&crate::transcript::Turn) -> Option<T>,
    recorded: impl Iterator<Item = (TextPos, T)>,
) -> Vec<(Spot, T)> {
    let mut sections = Vec::new();
    for (si, s) in doc.sections.iter().enumerate() {
        for ti in 0..s.turns.len() {
            sections.push((si, ti));
        }
    }
    let mut out: Vec<(Spot, T)> = Vec::new();
    for (si, s) in doc.sections.iter().enumerate() {
        for (ti, t) in s.turns.iter().enumerate() {
            if let Some(v) = turn_value(t) {
                out.push((spot(si, ti, 0, 0), v));
            }
        }
    }
    for (at, v) in recorded {
        let Some(&(si, ti)) = sections.get(at.turn as usize) else {
            continue;
        };
        let turn = &doc.sections[si].turns[ti];
        let (p, b) = (at.paragraph as usize, at.byte as usize);
        let fits = turn
            .paragraphs
            .get(p)
            .is_some_and(|t| t.is_char_boundary(b));
        if fits {
            out.push((spot(si, ti, p, b), v));
        }
    }
    out.sort_by_key(|(s, _)| *s);
    out.dedup_by_key(|(s, _)| *s);
    out
}

fn at_time(doc: &Document, t: f64) -> Result<Spot, Why> {
    let cues = doc.cue_starts.iter().map(|c| (c.at, c.time));
    let timed = starts(doc, |turn| turn.time, cues);
    let Some(end) = clock::length(doc).filter(|_| !timed.is_empty()) else {
        return Err(Why::Untimed);
    };
    if t > end.max(0.0) + 0.5 {
        return Err(Why::PastEnd(clock::doc_clock(doc, end)));
    }
    // The last to start by then: captions may start out of order, so the
    // latest start not after `t`, the first in the document of equals.
    let best = timed.iter().filter(|(_, start)| *start <= t).fold(
        None::<(Spot, f64)>,
        |best, &(s, start)| match best {
            Some((_, b)) if b >= start => best,
            _ => Some((s, start)),
        },
    );
    let first = timed.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    best.or(first.copied()).map(|(s, _)| s).ok_or(Why::Untimed)
}

fn at_line(doc: &Document, n: usize) -> Result<Spot, Why> {
    let last = last_line(doc);
    if n > last {
        return Err(Why::NoLine(Count(last, "line")));
    }
    let lines = doc.line_starts.iter().map(|l| (l.at, l.line as usize));
    let known = starts(doc, |turn| Some(turn.line), lines);
    let owner = doc.sections.iter().enumerate().find_map(|(si, s)| {
        let ti = s
            .turns
            .iter()
            .position(|t| (t.line..=t.end_line.max(t.line)).contains(&n))?;
        Some((si, ti))
    });
    let found = match owner {
        // The last start on or before the line, within its turn.
        Some((si, ti)) => known
            .iter()
            .filter(|(s, line)| (s.section, s.turn) == (si, ti) && *line <= n)
            .max_by_key(|(_, line)| *line)
            .map(|(s, _)| *s)
            .unwrap_or(spot(si, ti, 0, 0)),
        // No turn owns it: the next turn to start after it, else the last.
        None => known
            .iter()
            .filter(|(s, line)| (s.paragraph, s.byte) == (0, 0) && *line > n)
            .min_by_key(|(_, line)| *line)
            .or(known.last())
            .map(|(s, _)| *s)
            .ok_or(Why::Empty)?,
    };
    Ok(found)
}
