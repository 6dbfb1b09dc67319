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

mod decide;
mod header;
mod headings;
mod labels;
mod lossless;
mod names;
mod pages;
mod paragraphs;
mod rules;
mod speakers;
mod turns;

use headings::{Family, Heading};
pub use lossless::{check_lossless, is_structural, is_structure};
pub use rules::{Candidate, Decision, SpeakerRules};

pub(crate) use decide::Tally;
pub(crate) use labels::{Label, split_with as split_label};
pub(crate) use speakers::{Speakers, Status};

use decide::Verdict;

use super::model::Document;

/// How a body line takes part in the document.
enum Kind<'a> {
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
    names::classify(name)
}

/// `h:mm:ss` or `mm:ss`, with an optional `.` or `,` fraction, as seconds.
pub(crate) fn clock(s: &str) -> Option<f64> {
    labels::timestamp(s)
}

/// The name of a speaker label at the start of a trimmed line, if any.
pub(crate) fn label_name(line: &str) -> Option<&str> {
    labels::split(line).filter(|l| !l.common).map(|l| l.name)
}

/// Whether a character is double-width (CJK), as the parser's heuristics
/// measure it.
pub(crate) fn is_wide(c: char) -> bool {
    paragraphs::is_wide(c)
}

/// Whether a line ends like a sentence.
pub(crate) fn ends_sentence(line: &str) -> bool {
    paragraphs::ends_sentence(line)
}

/// Parse decoded text. Never fails: anything unrecognised becomes narration.
pub fn parse(text: &str) -> Document {
    parse_with(text, &SpeakerRules::default())
}

/// [`parse`] with the user's speaker rules.
pub fn parse_with(text: &str, rules: &SpeakerRules) -> Document {
    // Page furniture of pdftotext output (margin line numbers, running
    // headers, form feeds) is blanked first, keeping line numbers.
    let text = &*pages::strip(text);
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
        .map(|(i, l)| (i >= start).then(|| labels::split_with(l, rules)).flatten())
        .collect();
    let speakers = speakers::Speakers::new(found.iter().flatten(), rules);
    let japanese = is_japanese(&lines[start..]);
    let question = |i: usize| japanese && interviewer(lines[i]).is_some();
    let mut verdicts = decide::lines(&lines, &found, &speakers, &question);
    let speaks = |i: usize| matches!(verdicts.get(i), Some(Some(Verdict::Speaker(_))));
    // Around the dialogue, `记者：张三` or `Host: Bob` is a byline.
    let frame_speaks = |i: usize| {
        speaks(i)
            && !found[i].as_ref().is_some_and(|l| {
                let weak = speakers.status(l.name) == Some(speakers::Status::Once);
                decide::is_meta_value(l.rest, &speakers)
                    || (header::is_meta_key(l.name) && !decide::is_speech(l.rest))
                    || (weak && decide::is_name_list(l.rest, true))
                    || (names::is_role(l.name) && decide::is_name_list(l.rest, false))
            })
    };
    let facts = header::LineFacts {
        is_speaker: &frame_speaks,
        // The line-level verdict has already said this line does not speak.
        is_free_key: &|key| names::classify(key).is_some(),
    };
    let body_start = header::title_and_meta(&lines, start, &facts, &mut doc);
    let (body_end, quoted) = header::body_end(&lines, body_start, &frame_speaks);
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
        found[q] = labels::split_with(lines[q], rules);
        verdicts[q] = found[q].as_ref().map(|l| decide::single(l, &speakers));
    }
    let body = body_start..body_end.max(body_start);
    doc.candidates = account(&doc, &found, &verdicts, &speakers, &body);
    warn_guesses(&mut doc);
    let interviewer_name = interviewer_role(&doc);
    let kinds = classify(&lines, body.clone(), &found, &verdicts, &speakers, japanese);
    build(&mut doc, &raw, &lines, body, kinds, interviewer_name);
    doc
}

/// The account of every label: metadata in the header, trailer after the
/// body, and the verdict of each line in between.
fn account(
    doc: &Document,
    found: &[Option<labels::Label>],
    verdicts: &[Option<Verdict>],
    speakers: &speakers::Speakers,
    body: &std::ops::Range<usize>,
) -> Vec<Candidate> {
    let meta_lines: std::collections::HashSet<usize> =
        doc.metadata.iter().map(|m| m.line).collect();
    let framed = |i: usize| {
        if meta_lines.contains(&(i + 1)) {
            Some("header key")
        } else if i >= body.end {
            Some("after the dialogue")
        } else {
            None
        }
    };
    let mut out = decide::report(found, verdicts, speakers, &framed);
    // Header keys that are no label shape (`日期`, `作者`) are candidates too.
    let mut tally = decide::Tally::default();
    for m in &doc.metadata {
        if found.get(m.line - 1).is_none_or(Option::is_none) {
            tally.add(&m.key, None, m.line, Decision::Metadata, || {
                "header key".into()
            });
        }
    }
    out.extend(tally.finish());
    out.sort_by_key(|c| c.line);
    out
}

/// A name used once taken as a speaker is a guess: say so, once.
fn warn_guesses(doc: &mut Document) {
    let guesses: Vec<&Candidate> = doc
        .candidates
        .iter()
        .filter(|c| c.decision == Decision::Speaker && c.reason == decide::GUESS)
        .collect();
    if guesses.is_empty() {
        return;
    }
    let named: Vec<String> = guesses
        .iter()
        .take(3)
        .map(|c| format!("{} (line {})", c.name, c.line))
        .collect();
    let more = if guesses.len() > 3 { ", …" } else { "" };
    let n = guesses.len();
    let what = if n == 1 {
        "label used once was"
    } else {
        "labels used once were"
    };
    doc.warnings.push(format!(
        "{n} {what} taken as a speaker: {}{more}; check with --speakers, overrule with --not-speaker",
        named.join(", ")
    ));
}

/// Who asks the `――` questions of a Japanese interview: the role its
/// header names (`聞き手：`, `インタビュアー：`), else the mark itself.
fn interviewer_role(doc: &Document) -> &'static str {
    const ROLES: [&str; 4] = ["聞き手", "インタビュアー", "インタビュー", "Interviewer"];
    doc.metadata
        .iter()
        .find_map(|m| ROLES.iter().find(|r| m.key.starts_with(**r)).copied())
        .unwrap_or("――")
}

fn is_japanese(lines: &[&str]) -> bool {
    lines
        .iter()
        .filter(|l| interviewer(l).is_some_and(|r| !r.is_empty()))
        .nth(1)
        .is_some()
}

/// Build sections and turns from the classified body lines.
fn build(
    doc: &mut Document,
    raw: &[&str],
    lines: &[&str],
    body: std::ops::Range<usize>,
    kinds: Vec<Kind>,
    interviewer_name: &str,
) {
    // Widths of text lines, measured once: the wrap estimate and the joiner
    // both need them.
    let mut widths = vec![0; kinds.len()];
    let mut samples = Vec::new();
    for (i, kind) in body.clone().zip(&kinds) {
        let text = match kind {
            Kind::Text(..) | Kind::Interviewer(_) => true,
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
    drop(samples);
    let mut build = turns::Builder::new(wrap);
    for ((i, kind), width) in body.zip(kinds).zip(widths) {
        let no = i + 1;
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
    doc.sections = build.finish();
}

/// Classify body lines, then keep only the numbered and ALL-CAPS headings
/// that sit in the document like headings.
fn classify<'a>(
    lines: &[&'a str],
    body: std::ops::Range<usize>,
    found: &[Option<labels::Label<'a>>],
    verdicts: &[Option<Verdict>],
    speakers: &speakers::Speakers<'a>,
    japanese: bool,
) -> Vec<Kind<'a>> {
    let mut gate = headings::Gate::default();
    let mut gated = Vec::new();
    let mut kinds: Vec<Kind> = Vec::with_capacity(body.len());
    for i in body.clone() {
        let line = lines[i];
        let label = found[i]
            .filter(|_| matches!(verdicts[i], Some(Verdict::Speaker(_))))
            .and_then(|l| Some((speakers.display(l.name)?, l)));
        let kind = if is_structure(line) {
            Kind::Gap
        } else if let Some(rest) = japanese.then(|| interviewer(line)).flatten() {
            Kind::Interviewer(rest)
        } else if let Some((speaker, l)) = label {
            let named = speakers.note_is_name(&l);
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
            Kind::Text(line, found[i].is_none())
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
fn promote_caps(kinds: &mut [Kind]) {
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
