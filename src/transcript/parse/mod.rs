//! Text to model: title, metadata, sections, speaker turns and trailer.
//!
//! A few linear passes over the lines: find labels and decide which names are
//! speakers, read the header and trailer, classify body lines (gating
//! numbered headings), then build sections and turns. Every non-blank line
//! ends up owned by something; [`check_lossless`] verifies that.
//!
//! Speaker labels are found per line (`labels`), judged per name with the
//! whole document as evidence (`speakers`), then per line in context
//! (`decide`), which also keeps the account `--speakers` prints.
//!
//! Japanese interviews that mark questions with a leading `――` get turns
//! whose speaker is the interviewer role the header names (`聞き手：`), or
//! the mark itself, `――`, when it names none. The answer after each
//! question is a new turn for the last named interviewee (`山田：` right
//! after a question names them), or narration when nobody is named.

mod body;
mod chunked;
mod decide;
mod found;
mod header;
mod headings;
mod labels;
mod lossless;
mod names;
mod pages;
mod paragraphs;
mod rules;
mod speakers;
mod trailer;
mod turns;

pub use lossless::{check_lossless, is_structural, is_structure};
pub use rules::{Candidate, Decision, SpeakerRules};

pub(crate) use decide::Tally;
pub(crate) use labels::{Label, split_with as split_label};
pub(crate) use speakers::{Speakers, Status};

use body::{build, classify, interviewer, is_japanese};
use decide::Verdict;
use found::Found;
use paragraphs::Joining;

use super::model::Document;

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
    parse_text(text, rules, false)
}

/// [`parse_with`] for Markdown's text: a line that follows a line of text
/// with no blank between continues its paragraph, as Markdown renders it
/// (a soft line break), unless it starts a list item, quote or table row.
pub fn parse_markdown(text: &str, rules: &SpeakerRules) -> Document {
    parse_text(text, rules, true)
}

fn parse_text(text: &str, rules: &SpeakerRules, soft_breaks: bool) -> Document {
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

    let mut found = Found::collect(&lines, start, rules);
    let speakers = speakers::Speakers::new(found.labels(), rules);
    let japanese = is_japanese(&lines[start..]);
    let question = |i: usize| japanese && interviewer(lines[i]).is_some();
    let mut verdicts = decide::lines(&lines, &found, &speakers, &question);
    let verdict = |i: usize| found.index(i).and_then(|k| verdicts.get(k));
    let speaks = |i: usize| matches!(verdict(i), Some(Verdict::Speaker(..)));
    // Around the dialogue, `记者：张三` or `Host: Bob` is a byline.
    let frame_speaks = |i: usize| {
        speaks(i)
            && !found.get(i).is_some_and(|l| {
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
    let (body_end, quoted) = trailer::body_end(&lines, body_start, &frame_speaks);
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
        found.set(q, labels::split_with(lines[q], rules));
        // `set` replaces the line's label in its slot or adds one at the end.
        if let (Some(k), Some(l)) = (found.index(q), found.get(q)) {
            let v = decide::single(l, &speakers);
            match verdicts.get_mut(k) {
                Some(slot) => *slot = v,
                None => verdicts.push(v),
            }
        }
    }
    let body = body_start..body_end.max(body_start);
    doc.candidates = account(&doc, &found, &verdicts, &body);
    warn_guesses(&mut doc);
    let interviewer_name = interviewer_role(&doc);
    let kinds = classify(&lines, body.clone(), &found, &verdicts, &speakers, japanese);
    let (widths, wrap) = body::measure(&raw, &lines, body.clone(), &kinds);
    let joining = match wrap {
        _ if soft_breaks => Joining::Soft,
        Some(w) => Joining::Wrapped(w),
        None => Joining::Lines,
    };
    // The builder needs only the kinds and widths. Free the per-line tables
    // (about 150 bytes a line) before it allocates the paragraphs, so they
    // do not add to peak memory.
    drop((raw, lines, found, verdicts, speakers));
    build(&mut doc, body, kinds, (widths, joining), interviewer_name);
    doc
}

/// The account of every label: metadata in the header, trailer after the
/// body, and the verdict of each line in between.
fn account(
    doc: &Document,
    found: &Found,
    verdicts: &[Verdict],
    body: &std::ops::Range<usize>,
) -> Vec<Candidate> {
    let mut meta_lines = vec![false; found.len() + 1];
    for m in &doc.metadata {
        if let Some(flag) = meta_lines.get_mut(m.line) {
            *flag = true;
        }
    }
    let framed = |i: usize| {
        if meta_lines[i + 1] {
            Some("header key")
        } else if i >= body.end {
            Some("after the dialogue")
        } else {
            None
        }
    };
    let mut out = decide::report(found, verdicts, &framed);
    // Header keys that are no label shape (`日期`, `作者`) are candidates too.
    let mut tally = decide::Tally::default();
    for m in &doc.metadata {
        if found.get(m.line - 1).is_none() {
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
