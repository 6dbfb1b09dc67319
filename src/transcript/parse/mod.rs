//! Text to model: title, metadata, sections, speaker turns and trailer.
//!
//! A few linear passes over the lines: find labels and decide which names are
//! speakers, read the header and trailer, classify body lines (gating
//! numbered headings), then build sections and turns. Every non-blank line
//! ends up owned by something; [`check_lossless`] verifies that.
//!
//! Japanese interviews that mark questions with a leading `――` get turns
//! whose speaker is the mark itself, `――`: a neutral label the UI shows as
//! the interviewer. The answer after each question is a new turn for the
//! last named interviewee (`山田：` right after a question names them), or
//! narration when nobody is named.

mod header;
mod headings;
mod labels;
mod lossless;
mod paragraphs;
mod speakers;
mod turns;

use headings::{Family, Heading};
pub use lossless::{check_lossless, is_structural, is_structure};

use super::model::Document;

/// How a body line takes part in the document.
enum Kind<'a> {
    /// Blank or pure structure: ends a paragraph.
    Gap,
    Label {
        speaker: &'a str,
        rest: &'a str,
        time: Option<f64>,
    },
    /// A Japanese interview question marked `――`.
    Interviewer(&'a str),
    Heading(Heading<'a>),
    Stage(&'a str),
    Text(&'a str),
}

/// The interviewer's mark in Japanese interviews.
fn interviewer(line: &str) -> Option<&str> {
    // All three dashes are encoded starting with 0xE2: most lines are out
    // at the first byte.
    if line.as_bytes().first() != Some(&0xE2) {
        return None;
    }
    let rest = line.trim_start_matches(['―', '—', '─']);
    let dashes = line[..line.len() - rest.len()].chars().count();
    (dashes >= 2).then(|| rest.trim_start())
}

/// The lines of `text` as [`str::lines`] gives them, but found with
/// memchr's SIMD search. A CR before the LF is left on the line: the caller
/// trims trailing white space anyway.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            // The final piece is a line only if it is not empty.
            if end == text.len() && start == end {
                return None;
            }
            let line = &text[start..end];
            start = end + 1;
            Some(line)
        })
}

/// Append a line of text to a paragraph as a hard-wrapped file is joined:
/// no space between CJK characters, one between words. For the caption readers.
pub(crate) fn join_text(paragraph: &mut String, next: &str) {
    paragraphs::join(paragraph, next);
}

/// Whether `name` can name a speaker: `Some(strong)` for a name, `None` for prose.
pub(crate) fn speaker_name(name: &str) -> Option<bool> {
    labels::classify(name)
}

/// `h:mm:ss` or `mm:ss`, with an optional `.` or `,` fraction, as seconds.
pub(crate) fn clock(s: &str) -> Option<f64> {
    labels::timestamp(s)
}

/// The name of a speaker label at the start of a trimmed line, if any.
pub(crate) fn label_name(line: &str) -> Option<&str> {
    labels::split(line).map(|l| l.name)
}

/// Whether a line ends like a sentence.
pub(crate) fn ends_sentence(line: &str) -> bool {
    paragraphs::ends_sentence(line)
}

/// Parse decoded text. Never fails: anything unrecognised becomes narration.
pub fn parse(text: &str) -> Document {
    let raw: Vec<&str> = lines(text).map(str::trim_end).collect();
    let mut lines: Vec<&str> = raw.iter().map(|l| l.trim_start()).collect();
    if let Some(first) = lines.first_mut() {
        *first = first.trim_start_matches('\u{feff}').trim_start();
    }
    let mut doc = Document::default();
    let start = header::front_matter(&lines, &mut doc);

    let mut found: Vec<Option<labels::Label>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i < start { None } else { labels::split(l) })
        .collect();
    let speakers = speakers::Speakers::new(found.iter().flatten());
    let is_speaker = |i: usize| {
        found
            .get(i)
            .and_then(Option::as_ref)
            .is_some_and(|l| speakers.get(l.name).is_some())
    };
    let facts = header::LineFacts {
        is_speaker: &is_speaker,
        is_free_key: &|key| labels::classify(key) == Some(false) && speakers.get(key).is_none(),
    };
    let body_start = header::title_and_meta(&lines, start, &facts, &mut doc);
    let (body_end, quoted) = header::body_end(&lines, body_start, &is_speaker);
    for (i, line) in lines.iter().enumerate().skip(body_end) {
        if !is_structure(line) {
            doc.trailer.push(super::model::SourceLine {
                line: i + 1,
                text: line.to_string(),
            });
        }
    }
    if let Some(q) = quoted {
        lines[q] = lines[q].trim_start_matches(['"', '“']).trim_start();
        found[q] = labels::split(lines[q]);
    }

    let body = body_start..body_end.max(body_start);
    let kinds = classify(&lines, body.clone(), &found, &speakers);
    // Widths of text lines, measured once: the wrap estimate and the joiner
    // both need them.
    let mut widths = vec![0; kinds.len()];
    let mut samples = Vec::new();
    for (i, kind) in body.clone().zip(&kinds) {
        let text = match kind {
            Kind::Text(_) | Kind::Interviewer(_) => true,
            Kind::Label { rest, .. } => !rest.is_empty(),
            _ => false,
        };
        if text {
            let w = paragraphs::width(raw[i]);
            widths[i - body.start] = w;
            samples.push((w, paragraphs::ends_sentence(lines[i])));
        }
    }
    let wrap = paragraphs::wrap_width(&samples);
    // The builder needs only the kinds and widths. Free the per-line tables
    // (about 100 bytes a line) before it allocates the paragraphs, so they
    // do not add to peak memory.
    drop((raw, lines, found, samples));

    let mut build = turns::Builder::new(wrap);
    for ((i, kind), width) in body.zip(kinds).zip(widths) {
        let no = i + 1;
        match kind {
            Kind::Gap => build.gap(),
            Kind::Label {
                speaker,
                rest,
                time,
            } => {
                build.start(Some(speaker), no, time, false);
                if !rest.is_empty() {
                    build.text(no, rest, width, true);
                }
            }
            Kind::Interviewer(rest) => {
                build.start(Some("――"), no, None, true);
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
            Kind::Text(text) => build.text(no, text, width, true),
        }
    }
    doc.sections = build.finish();
    doc
}

/// Classify body lines, then keep only the numbered and ALL-CAPS headings
/// that sit in the document like headings.
fn classify<'a>(
    lines: &[&'a str],
    body: std::ops::Range<usize>,
    found: &[Option<labels::Label<'a>>],
    speakers: &speakers::Speakers<'a>,
) -> Vec<Kind<'a>> {
    let japanese = lines[body.clone()]
        .iter()
        .filter(|l| interviewer(l).is_some_and(|r| !r.is_empty()))
        .nth(1)
        .is_some();
    let mut gate = headings::Gate::default();
    let mut gated = Vec::new();
    let mut kinds: Vec<Kind> = Vec::with_capacity(body.len());
    // In a `――` interview, a `Name:` right after a question names the
    // interviewee even if it is used only once.
    let mut after_question = false;
    // A name used once is still a speaker when it sits next to dialogue.
    let speaker_at = |i: usize| found[i].is_some_and(|l| speakers.get(l.name).is_some());
    let mut next_speaks = vec![false; body.len()];
    let mut next = false;
    for i in body.clone().rev() {
        next_speaks[i - body.start] = next;
        if !is_structure(lines[i]) {
            next = speaker_at(i);
        }
    }
    let mut prev_speaks = false;
    for i in body.clone() {
        let line = lines[i];
        let label = found[i].and_then(|l| {
            let beside = prev_speaks || next_speaks[i - body.start];
            let answering = (japanese && after_question) || beside;
            speakers
                .get(l.name)
                .or(answering.then_some(l.name))
                .map(|s| (s, l))
        });
        if !is_structure(line) {
            prev_speaks = label.is_some();
        }
        let kind = if is_structure(line) {
            Kind::Gap
        } else if let Some(rest) = japanese.then(|| interviewer(line)).flatten() {
            Kind::Interviewer(rest)
        } else if let Some((speaker, l)) = label {
            Kind::Label {
                speaker,
                rest: l.rest,
                time: l.time,
            }
        } else if let Some(h) = headings::split(line) {
            Kind::Heading(h)
        } else if paragraphs::is_stage(line) {
            Kind::Stage(line)
        } else {
            Kind::Text(line)
        };
        if !matches!(kind, Kind::Gap) {
            after_question = matches!(kind, Kind::Interviewer(_));
        }
        match &kind {
            Kind::Label { .. } | Kind::Interviewer(_) => gate.label(),
            Kind::Text(_) | Kind::Stage(_) => gate.content(),
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
            kinds[k] = Kind::Text(lines[body.start + k]);
        }
    }
    promote_caps(&mut kinds);
    kinds
}

/// ALL-CAPS lines between blank lines are headings, unless the document
/// shouts so much that they are just text.
fn promote_caps(kinds: &mut [Kind]) {
    let gap = |k: Option<&Kind>| matches!(k, None | Some(Kind::Gap) | Some(Kind::Heading(_)));
    let mut found = Vec::new();
    let mut content = 0;
    for i in 0..kinds.len() {
        if !matches!(kinds[i], Kind::Gap) {
            content += 1;
        }
        if let Kind::Text(t) = kinds[i] {
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
