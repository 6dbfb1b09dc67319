//! The body's lines classified (gap, label, interviewer question, heading,
//! stage direction, text), numbered and ALL-CAPS headings gated, and the
//! sections and turns built from them.

use super::chunked::Chunked;
use super::decide::Verdict;
use super::found::Found;
use super::headings::{self, Family, Heading};
use super::lossless::is_structure;
use super::paragraphs::Joining;
use super::{paragraphs, speakers, turns};
use crate::transcript::model::Document;

/// How a body line takes part in the document.
pub(super) enum Kind<'a> {
    /// Blank or pure structure: ends a paragraph.
    Gap,
    Label {
        speaker: &'a str,
        /// A stage direction written between the name and the colon.
        aside: Option<&'a str>,
        rest: &'a str,
        time: Option<f64>,
    },
    /// A Japanese interview question marked `――`.
    Interviewer(&'a str),
    Heading(Heading<'a>),
    Stage(&'a str),
    /// Text, and whether it may join the line before it.
    Text(&'a str, bool),
}

/// The interviewer's mark in Japanese interviews.
pub(super) fn interviewer(line: &str) -> Option<&str> {
    // All three dashes are encoded starting with 0xE2: most lines are out
    // at the first byte.
    if line.as_bytes().first() != Some(&0xE2) {
        return None;
    }
    let rest = line.trim_start_matches(['―', '—', '─']);
    let dashes = line[..line.len() - rest.len()].chars().count();
    (dashes >= 2).then(|| rest.trim_start())
}

pub(super) fn is_japanese(lines: &[&str]) -> bool {
    lines
        .iter()
        .filter(|l| interviewer(l).is_some_and(|r| !r.is_empty()))
        .nth(1)
        .is_some()
}

/// The display width of each body line that holds text (0 for others), and
/// the column the file was hard-wrapped at, if it was: measured once, for
/// the wrap estimate and the joiner.
pub(super) fn measure(
    raw: &[&str],
    lines: &[&str],
    body: std::ops::Range<usize>,
    kinds: &Chunked<Kind>,
) -> (Vec<u32>, Option<usize>) {
    let mut widths = vec![0; kinds.len()];
    let mut samples = Vec::new();
    for (i, kind) in body.clone().zip(kinds.iter()) {
        let text = match kind {
            Kind::Text(..) | Kind::Interviewer(_) => true,
            Kind::Label { rest, .. } => !rest.is_empty(),
            _ => false,
        };
        if text {
            let w = paragraphs::width(raw[i]);
            widths[i - body.start] = u32::try_from(w).unwrap_or(u32::MAX);
            samples.push((w, paragraphs::ends_sentence(lines[i])));
        }
    }
    (widths, paragraphs::wrap_width(&samples))
}

/// Build sections and turns from the classified body lines.
pub(super) fn build(
    doc: &mut Document,
    body: std::ops::Range<usize>,
    kinds: Chunked<Kind>,
    (widths, joining): (Vec<u32>, Joining),
    interviewer_name: &str,
) {
    let mut build = turns::Builder::new(joining);
    for ((i, kind), width) in body.zip(kinds).zip(widths) {
        let no = i + 1;
        let width = width as usize;
        match kind {
            Kind::Gap => build.gap(),
            Kind::Label {
                speaker,
                aside,
                rest,
                time,
            } => {
                build.start(Some(speaker), no, time, false);
                if let Some(aside) = aside {
                    build.stage(no, aside);
                }
                if !rest.is_empty() {
                    build.text(no, rest, width, true);
                }
            }
            Kind::Interviewer(rest) => {
                build.start(Some(interviewer_name), no, None, true);
                build.text(no, rest, width, true);
            }
            Kind::Heading(h)
                if h.family == Family::Markdown(1)
                    && (doc.title.is_none() || doc.title.as_deref() == h.title)
                    && doc.title_line.is_none()
                    && build.is_empty() =>
            {
                doc.title = h.title.map(str::to_string);
                doc.title_line = Some(no);
            }
            Kind::Heading(h) => build.heading(no, h.number, h.title),
            Kind::Stage(text) => build.stage(no, text),
            Kind::Text(text, joinable) => build.text(no, text, width, joinable),
        }
    }
    (doc.sections, doc.line_starts) = build.finish();
}

/// Classify body lines, then keep only the numbered and ALL-CAPS headings
/// that sit in the document like headings.
pub(super) fn classify<'a>(
    lines: &[&'a str],
    body: std::ops::Range<usize>,
    found: &Found<'a>,
    verdicts: &[Verdict<'a>],
    speakers: &speakers::Speakers<'a>,
    japanese: bool,
) -> Chunked<Kind<'a>> {
    let mut gate = headings::Gate::default();
    let mut gated = Vec::new();
    let mut kinds = Chunked::with_expected(body.len());
    for i in body.clone() {
        let line = lines[i];
        let verdict = found.index(i).and_then(|k| verdicts.get(k).copied());
        let label = match (found.get(i), verdict) {
            (Some(l), Some(Verdict::Speaker(_, display))) => Some((display, l)),
            _ => None,
        };
        let kind = if is_structure(line) {
            Kind::Gap
        } else if let Some(rest) = japanese.then(|| interviewer(line)).flatten() {
            Kind::Interviewer(rest)
        } else if let Some((speaker, l)) = label {
            let named = speakers.note_is_name(l);
            Kind::Label {
                speaker,
                aside: l.note.filter(|_| !named).map(|n| n.written),
                rest: l.rest,
                time: l.time,
            }
        } else if let Some(h) = headings::split(line) {
            Kind::Heading(h)
        } else if paragraphs::is_stage(line) {
            Kind::Stage(line)
        } else {
            // A label not taken stays its own paragraph, never joined to
            // the sentence before it.
            Kind::Text(line, found.get(i).is_none())
        };
        match &kind {
            Kind::Label { .. } | Kind::Interviewer(_) => gate.label(),
            Kind::Text(..) | Kind::Stage(_) => gate.content(),
            Kind::Heading(h) => {
                if gate.candidate(kinds.len(), h) {
                    gated.push(kinds.len());
                }
            }
            Kind::Gap => {}
        }
        kinds.push(kind);
    }
    let accepted = gate.accepted();
    for k in gated {
        if accepted.binary_search(&k).is_err() {
            kinds[k] = Kind::Text(lines[body.start + k], true);
        }
    }
    promote_caps(&mut kinds);
    kinds
}

/// ALL-CAPS lines between blank lines are headings, unless the document
/// shouts so much that they are just text.
fn promote_caps(kinds: &mut Chunked<Kind>) {
    let gap = |k: Option<&Kind>| matches!(k, None | Some(Kind::Gap) | Some(Kind::Heading(_)));
    let mut found = Vec::new();
    let mut content = 0;
    for i in 0..kinds.len() {
        if !matches!(kinds[i], Kind::Gap) {
            content += 1;
        }
        if let Kind::Text(t, _) = kinds[i] {
            let before = i.checked_sub(1).and_then(|p| kinds.get(p));
            if let Some(h) = headings::caps(t).filter(|_| gap(before) && gap(kinds.get(i + 1))) {
                found.push((i, h));
            }
        }
    }
    if found.len() * 5 <= content {
        for (i, h) in found {
            kinds[i] = Kind::Heading(h);
        }
    }
}
