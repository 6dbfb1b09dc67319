//! Cues to turns, shared by the timed formats: speaker names normalised and
//! shortened names folded into the full one, `Name:` labels inside cue text,
//! consecutive cues of one speaker merged, and synthetic sections by time
//! for long transcripts without headings.

use std::collections::HashMap;

use super::clock;
use crate::transcript::model::{CueStart, Document, LineStart, Section, TextPos, Turn};
use crate::transcript::parse::{self, SpeakerRules, Tally};

/// One timed piece of a transcript as its format writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cue {
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub speaker: Option<String>,
    /// Lines joined by `\n`; a blank line (`\n\n`) breaks a paragraph.
    pub text: String,
    /// First and last source line (1-based) of the cue, structure included.
    pub line: usize,
    pub end_line: usize,
    /// The source line of each `\n`-separated line of `text` (0 for the
    /// empty line of a paragraph break), where the reader knows it: a turn
    /// split out of the cue then starts at its own line.
    pub line_of: Vec<usize>,
}

impl Cue {
    /// Add source line `no` to the cue being read, opening one there if none
    /// is; `paragraph` puts a blank line (a paragraph break) before it.
    pub fn add_line(open: &mut Option<Cue>, no: usize, text: &str, paragraph: bool) {
        let cue = open.get_or_insert_with(|| Cue {
            line: no,
            end_line: no,
            ..Cue::default()
        });
        if !cue.text.is_empty() {
            cue.text.push_str(if paragraph { "\n\n" } else { "\n" });
            if paragraph {
                cue.line_of.push(0);
            }
        }
        cue.text.push_str(text);
        // A tag read as a line break (`<br>`) puts more than one line here.
        let lines = 1 + memchr::memchr_iter(b'\n', text.as_bytes()).count();
        cue.line_of.extend(std::iter::repeat_n(no, lines));
        cue.end_line = no;
    }
}

/// Without any speaker, a pause this long (seconds) starts a new narration turn.
const PAUSE: f64 = 2.0;
/// Inside a turn, a pause this long after a full sentence starts a paragraph.
const PARAGRAPH_PAUSE: f64 = 1.5;
/// A paragraph longer than this (bytes) breaks at the next sentence end.
const LONG_PARAGRAPH: usize = 1200;
/// Transcripts at least this long (seconds) without headings get sections.
const LONG_TRANSCRIPT: f64 = 20.0 * 60.0;
/// Synthetic sections span at most this long.
const SECTION_SPAN: f64 = 10.0 * 60.0;
/// A silence this long starts a new synthetic section.
const SECTION_PAUSE: f64 = 30.0;

/// Trim the markup around a speaker name: `**`, `<b>`, brackets, `>>`,
/// dashes and the label colon. `Speaker 1` and `SPEAKER_01` stay as given.
pub(crate) fn clean_name(name: &str) -> Option<String> {
    let mut n = name.trim();
    for tag in ["<b>", "</b>", "<i>", "</i>", "<u>", "</u>"] {
        n = n.trim_start_matches(tag).trim_end_matches(tag).trim();
    }
    let mut n = n
        .trim_start_matches(">>")
        .trim_matches(|c: char| c.is_whitespace() || "*_<>:：-–—\"“”".contains(c));
    // Brackets around the whole name go; a note inside it (`Bob (BJ)`) stays.
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = n.strip_prefix(open).and_then(|i| i.strip_suffix(close)) {
            n = inner.trim();
        }
    }
    // Most names are already single-spaced: copy them as they are rather
    // than split and join them again for every cue.
    let irregular = n.contains(|c: char| c.is_whitespace() && c != ' ') || n.contains("  ");
    let n = if irregular {
        n.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        n.to_string()
    };
    (!n.is_empty()).then_some(n)
}

/// `Speaker 1`, `SPEAKER_00`, `Spk 2`: labels that speech-to-text tools emit.
pub(crate) fn is_generic_speaker(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let rest = ["speaker_", "speaker ", "speaker", "spk_", "spk ", "spk"]
        .iter()
        .find_map(|p| lower.strip_prefix(p));
    rest.is_some_and(|r| !r.is_empty() && r.len() <= 4 && r.bytes().all(|b| b.is_ascii_digit()))
}

/// Display names: each cleaned name mapped to its longest form. A one-word
/// name that is the first or last word of exactly one longer name is that
/// speaker shortened (`Margarethe` for `Margarethe Vogel`).
fn canonical_names<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, String> {
    let mut distinct: Vec<&str> = Vec::new();
    for n in names {
        if !distinct.contains(&n) {
            distinct.push(n);
        }
    }
    let mut out = HashMap::new();
    for &name in &distinct {
        let mut full = name;
        if name.split_whitespace().nth(1).is_none() && !is_generic_speaker(name) {
            let longer: Vec<&str> = distinct
                .iter()
                .copied()
                .filter(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    words.len() > 1 && (words[0] == name || words[words.len() - 1] == name)
                })
                .collect();
            if let [one] = longer.as_slice() {
                full = one;
            }
        }
        out.insert(name.to_string(), full.to_string());
    }
    out
}

/// Build the document from cues: label splitting, name folding, merging,
/// paragraphs and, for long transcripts, sections by time.
pub(crate) fn assemble(cues: Vec<Cue>, mut doc: Document, rules: &SpeakerRules) -> Document {
    let mut tally = Tally::default();
    let mut cues = super::cue_labels::split(cues, rules, &mut tally);
    doc.candidates.extend(tally.finish());
    doc.duration = cues
        .iter()
        .flat_map(|c| [c.start, c.end])
        .flatten()
        .reduce(f64::max);
    for cue in &mut cues {
        cue.speaker = cue.speaker.as_deref().and_then(clean_name);
    }
    let names = canonical_names(cues.iter().filter_map(|c| c.speaker.as_deref()));
    let any_speaker = !names.is_empty();
    let phrases = unpunctuated(&cues);
    let mut turns: Vec<Turn> = Vec::new();
    // Each turn's last time: where the silence after it starts.
    let mut ends: Vec<Option<f64>> = Vec::new();
    // The end of the previous cue, and whether a paragraph may continue.
    let mut last_end: Option<f64> = None;
    let mut starts = Starts::default();
    for cue in cues {
        let speaker = cue.speaker.as_ref().and_then(|s| names.get(s)).cloned();
        let paragraphs = cue_paragraphs(&cue);
        let gap = match (last_end, cue.start) {
            (Some(e), Some(s)) => s - e,
            _ => 0.0,
        };
        last_end = cue.end.or(cue.start).or(last_end);
        if paragraphs.is_empty() {
            continue;
        }
        let continues = turns.last().is_some_and(|t| match &speaker {
            Some(s) => t.speaker.as_ref() == Some(s),
            None => any_speaker || gap < PAUSE,
        });
        if !continues {
            turns.push(Turn {
                speaker,
                line: cue.line,
                end_line: cue.end_line,
                paragraphs: Vec::new(),
                time: cue.start,
            });
            ends.push(None);
        }
        if let Some(e) = ends.last_mut() {
            *e = cue.end.or(cue.start).or(*e);
        }
        let ordinal = turns.len().saturating_sub(1);
        let Some(turn) = turns.last_mut() else {
            continue;
        };
        turn.end_line = turn.end_line.max(cue.end_line);
        let joins = |last: &str| {
            let ended = parse::ends_sentence(last) || phrases;
            !(ended && (gap >= PARAGRAPH_PAUSE || last.len() >= LONG_PARAGRAPH))
        };
        let here = Here {
            ordinal,
            time: cue.start,
            phrases,
        };
        append(turn, paragraphs, &joins, here, &mut starts);
    }
    doc.line_starts = starts.lines;
    doc.cue_starts = starts.cues;
    let hours = doc.duration.is_some_and(clock::reaches_hour);
    doc.sections = pause_sections(turns, &ends, last_end, hours);
    doc
}

/// The turn a cue goes into and what it brings.
struct Here {
    ordinal: usize,
    time: Option<f64>,
    phrases: bool,
}

/// Add a cue's paragraphs to its turn, the first joined to the turn's last
/// paragraph when `joins` says so, and record where its lines start.
fn append(
    turn: &mut Turn,
    paragraphs: Vec<(String, Vec<(usize, usize)>)>,
    joins: &dyn Fn(&str) -> bool,
    here: Here,
    starts: &mut Starts,
) {
    for (i, (p, lines)) in paragraphs.into_iter().enumerate() {
        let base = match turn.paragraphs.last_mut() {
            Some(last) if i == 0 && joins(last) => {
                join_cue(last, &p, here.phrases);
                last.len() - p.len()
            }
            _ => {
                turn.paragraphs.push(p);
                0
            }
        };
        let para = turn.paragraphs.len() - 1;
        if i == 0 {
            starts.cue(TextPos::new(here.ordinal, para, base), here.time);
        }
        for (byte, line) in lines {
            starts.line(TextPos::new(here.ordinal, para, base + byte), line);
        }
    }
}

/// Where lines and cues start in the turns being built.
#[derive(Default)]
struct Starts {
    lines: Vec<LineStart>,
    cues: Vec<CueStart>,
}

impl Starts {
    fn line(&mut self, at: TextPos, line: usize) {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        self.lines.push(LineStart { at, line });
    }

    fn cue(&mut self, at: TextPos, time: Option<f64>) {
        if let Some(time) = time {
            self.cues.push(CueStart { at, time });
        }
    }
}

/// A cue's paragraphs, each with the byte where each of its source lines
/// starts and that line (the cue's first line where the reader gave none).
fn cue_paragraphs(cue: &Cue) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut k = 0;
    let mut out = Vec::new();
    for p in cue.text.split("\n\n") {
        let mut text = String::new();
        let mut lines = Vec::new();
        for raw in p.split('\n') {
            let line = cue.line_of.get(k).copied().filter(|&n| n > 0);
            k += 1;
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            parse::join_text(&mut text, raw);
            lines.push((text.len() - raw.len(), line.unwrap_or(cue.line)));
        }
        // The blank line between paragraphs is a line of its own.
        k += 1;
        if !text.is_empty() {
            out.push((text, lines));
        }
    }
    out
}

/// Whether the cues are CJK speech-to-text output without punctuation:
/// fewer than one CJK cue in ten has any.
fn unpunctuated(cues: &[Cue]) -> bool {
    let (mut cjk, mut marked) = (0, 0);
    for cue in cues {
        // The ASCII test first: most cues of an English file have no wide
        // character, and it runs a word at a time.
        if !cue.text.is_ascii() && cue.text.chars().any(parse::is_wide) {
            cjk += 1;
            marked += usize::from(cue.text.contains(['。', '！', '？', '，', '、', '；']));
        }
    }
    cjk > 0 && marked * 10 < cjk
}

/// Join the next cue's text to a paragraph. In unpunctuated CJK text the
/// cue boundary is the only sentence break there is: keep it as a space,
/// which the sentence splitter reads as one.
fn join_cue(paragraph: &mut String, next: &str, phrases: bool) {
    let wide = |c: Option<char>| c.is_some_and(parse::is_wide);
    if phrases && wide(paragraph.chars().next_back()) && wide(next.chars().next()) {
        paragraph.push(' ');
        paragraph.push_str(next);
    } else {
        parse::join_text(paragraph, next);
    }
}

/// Put turns into sections. A transcript of at least 20 minutes is cut
/// every 10 minutes or at a silence of 30 seconds, each section titled by
/// its time range in the document's notation (`10:00–20:00`, or
/// `0:10:00–0:20:00` when `hours`: the transcript reaches an hour); a shorter
/// one, or one without times, is one untitled section.
pub(crate) fn pause_sections(
    turns: Vec<Turn>,
    ends: &[Option<f64>],
    end: Option<f64>,
    hours: bool,
) -> Vec<Section> {
    let first = turns.iter().find_map(|t| t.time);
    let last = end.or_else(|| turns.iter().rev().find_map(|t| t.time));
    let long = matches!((first, last), (Some(a), Some(b)) if b - a >= LONG_TRANSCRIPT);
    if !long {
        return vec![Section {
            turns,
            ..Section::default()
        }];
    }
    let mut sections: Vec<(f64, Vec<Turn>)> = Vec::new();
    let mut prev: Option<f64> = None;
    for (turn, &turn_end) in turns
        .into_iter()
        .zip(ends.iter().chain(std::iter::repeat(&None)))
    {
        let cut = match (sections.last(), turn.time) {
            (None, _) => true,
            (Some((start, _)), Some(t)) => {
                t - start >= SECTION_SPAN
                    || (prev.is_some_and(|p| t - p >= SECTION_PAUSE) && t - start >= 60.0)
            }
            _ => false,
        };
        prev = turn_end.or(turn.time).or(prev);
        if cut {
            sections.push((turn.time.or(prev).unwrap_or(0.0), Vec::new()));
        }
        if let Some((_, turns)) = sections.last_mut() {
            turns.push(turn);
        }
    }
    let starts: Vec<f64> = sections.iter().map(|(s, _)| *s).collect();
    let at = |t: f64| clock::clock(hours, t);
    sections
        .into_iter()
        .enumerate()
        .map(|(i, (start, turns))| {
            let stop = starts.get(i + 1).copied().or(last).unwrap_or(start);
            let (from, to) = (at(start), at(stop.max(start)));
            // A range within one second is just that time.
            let title = if from == to {
                from
            } else {
                format!("{from}–{to}")
            };
            Section {
                number: None,
                title: Some(title),
                line: None,
                turns,
            }
        })
        .collect()
}
