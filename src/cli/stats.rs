//! `--stats`: who talked how much, as text tables padded by display width
//! or (`--format json`) as JSON, from the same [`Analytics`] the reader's
//! `A` overlay draws and the outline's shares come from.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::json::write_json;
use crate::text::sanitise;
use crate::transcript::Document;
use crate::transcript::formats::clock;
use crate::transcript::stats::Analytics;
use crate::transcript::stats::analytics::{BUCKETS, SpeakerStats, Timeline};

/// Stretches of the timeline printed: a divisor of [`BUCKETS`], so each
/// is the same number of the core's buckets.
pub const STRETCHES: usize = 12;
const _: () = assert!(BUCKETS.is_multiple_of(STRETCHES));

/// How `--stats` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsFormat {
    Text,
    Json,
}

impl StatsFormat {
    pub fn from_name(name: &str) -> Option<StatsFormat> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(StatsFormat::Text),
            "json" => Some(StatsFormat::Json),
            _ => None,
        }
    }
}

/// Print the analytics of `doc` (named `name`) in `format`.
pub fn print_stats(
    doc: &Document,
    name: &str,
    format: StatsFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let a = Analytics::of(doc);
    match format {
        StatsFormat::Text => print_text(doc, name, &a, out),
        StatsFormat::Json => write_json(out, &JsonStats::new(doc, name, &a)),
    }
}

fn clean(text: &str) -> String {
    sanitise(&text.replace('\n', " ")).into_owned()
}

/// `1 turn`, `3 words`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The longest monologue as the table shows it: `180 words · §2 · line 45 · 12:03`.
fn longest(doc: &Document, s: &SpeakerStats, hours: bool) -> String {
    let m = s.longest;
    let mark = doc.sections.get(m.section).map(|x| x.mark(m.section));
    let mut parts = vec![count(m.words, "word", "words")];
    parts.extend(mark);
    parts.push(format!("line {}", m.line));
    parts.extend(m.time.map(|t| clock::clock(hours, t)));
    parts.join(" · ")
}

fn print_text(doc: &Document, name: &str, a: &Analytics, out: &mut impl Write) -> io::Result<()> {
    let hours = clock::hours(doc);
    writeln!(out, "{}", clean(doc.title.as_deref().unwrap_or(name)))?;
    let mut head = vec![
        count(a.speakers.len(), "speaker", "speakers"),
        count(a.words, "word", "words"),
        count(a.turns, "turn", "turns"),
    ];
    head.extend(clock::length(doc).map(|t| clock::clock(hours, t)));
    writeln!(out, "{}", head.join(" · "))?;
    if a.speakers.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let timed = a.timed();
    let mut rows = vec![header(timed)];
    for s in &a.speakers {
        let mut row = vec![
            clean(&s.name),
            s.words.to_string(),
            format!("{:.0}%", s.share * 100.0),
            s.turns.to_string(),
            format!("{:.1}", s.average()),
            longest(doc, s, hours),
        ];
        if timed {
            row.push(s.talk.map(|t| clock::clock(hours, t)).unwrap_or_default());
            row.push(
                s.per_minute()
                    .map(|w| format!("{w:.0}"))
                    .unwrap_or_default(),
            );
        }
        rows.push(row);
    }
    table(&rows, &[1, 2, 3, 4, 6, 7], out)?;
    writeln!(out, "\nsections")?;
    let mut rows = Vec::new();
    for (i, (section, stats)) in doc.sections.iter().zip(&a.sections).enumerate() {
        let who: Vec<String> = (stats.parts.iter())
            .map(|p| {
                let name = clean(&a.speakers[p.speaker].name);
                format!("{name} {} ({:.0}%)", p.words, p.share * 100.0)
            })
            .collect();
        let who = if who.is_empty() {
            "—".into()
        } else {
            who.join(", ")
        };
        rows.push(vec![clean(&section.cite_label(i)), who]);
    }
    table(&rows, &[], out)?;
    if let Some(line) = &a.timeline {
        timeline(a, line, hours, out)?;
    }
    Ok(())
}

fn header(timed: bool) -> Vec<String> {
    let mut h = [
        "speaker",
        "words",
        "share",
        "turns",
        "words/turn",
        "longest turn",
    ]
    .to_vec();
    if timed {
        h.extend(["talk time", "words/min"]);
    }
    h.into_iter().map(String::from).collect()
}

/// `timeline`, then each stretch's start and who talked in it.
fn timeline(a: &Analytics, line: &Timeline, hours: bool, out: &mut impl Write) -> io::Result<()> {
    let step = (line.end - line.start) / STRETCHES as f64;
    writeln!(
        out,
        "\ntimeline (each row {}, from a turn's start to the next turn's)",
        clock::clock(hours, step)
    )?;
    let mut rows = Vec::new();
    for (i, col) in line.columns(STRETCHES).iter().enumerate() {
        let who: Vec<String> = (col.iter().enumerate())
            .filter(|(_, f)| **f > 0.0)
            .map(|(s, f)| format!("{} {:.0}%", clean(&a.speakers[s].name), f * 100.0))
            .collect();
        let who = if who.is_empty() {
            "—".into()
        } else {
            who.join(", ")
        };
        let at = clock::clock(hours, line.start + step * i as f64);
        rows.push(vec![at, who]);
    }
    table(&rows, &[0], out)
}

/// Rows padded by display width, the columns in `right` to the right
/// (numbers), the rest to the left.
fn table(rows: &[Vec<String>], right: &[usize], out: &mut impl Write) -> io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|s| s.width())
            .max()
    };
    let widths: Vec<usize> = (0..columns).map(|c| width(c).unwrap_or(0)).collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
            if c > 0 {
                line.push_str("  ");
            }
            match right.contains(&c) {
                true => line.extend([pad.as_str(), cell]),
                false => line.extend([cell.as_str(), &pad]),
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The `--stats --format json` view.
#[derive(Serialize)]
struct JsonStats<'a> {
    document: String,
    words: usize,
    turns: usize,
    /// Seconds, for a transcript with times.
    duration: Option<f64>,
    speakers: Vec<JsonSpeaker<'a>>,
    sections: Vec<JsonSection<'a>>,
    timeline: Option<JsonTimeline<'a>>,
}

#[derive(Serialize)]
struct JsonSpeaker<'a> {
    name: &'a str,
    words: usize,
    share: f32,
    turns: usize,
    words_per_turn: f64,
    longest_turn: JsonTurn,
    talk_seconds: Option<f64>,
    words_per_minute: Option<f64>,
}

#[derive(Serialize)]
struct JsonTurn {
    section: String,
    line: usize,
    time: Option<f64>,
    words: usize,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    section: String,
    words: usize,
    speakers: Vec<JsonPart<'a>>,
}

#[derive(Serialize)]
struct JsonPart<'a> {
    name: &'a str,
    words: usize,
    turns: usize,
    share: f32,
}

#[derive(Serialize)]
struct JsonTimeline<'a> {
    start: f64,
    end: f64,
    /// How long each stretch is, in seconds.
    stretch: f64,
    /// Per stretch, each speaker's share of its time (0 to 1), in the
    /// order of `speakers`.
    stretches: Vec<Vec<JsonShare<'a>>>,
}

#[derive(Serialize)]
struct JsonShare<'a> {
    name: &'a str,
    share: f64,
}

impl<'a> JsonStats<'a> {
    fn new(doc: &'a Document, name: &str, a: &'a Analytics) -> JsonStats<'a> {
        let label = |i: usize| {
            doc.sections
                .get(i)
                .map(|s| s.cite_label(i))
                .unwrap_or_default()
        };
        let speakers = (a.speakers.iter())
            .map(|s| JsonSpeaker {
                name: &s.name,
                words: s.words,
                share: s.share,
                turns: s.turns,
                words_per_turn: s.average(),
                longest_turn: JsonTurn {
                    section: label(s.longest.section),
                    line: s.longest.line,
                    time: s.longest.time,
                    words: s.longest.words,
                },
                talk_seconds: s.talk,
                words_per_minute: s.per_minute(),
            })
            .collect();
        let sections = (a.sections.iter().enumerate())
            .map(|(i, s)| JsonSection {
                section: label(i),
                words: s.words,
                speakers: (s.parts.iter())
                    .map(|p| JsonPart {
                        name: &a.speakers[p.speaker].name,
                        words: p.words,
                        turns: p.turns,
                        share: p.share,
                    })
                    .collect(),
            })
            .collect();
        let timeline = a.timeline.as_ref().map(|t| JsonTimeline {
            start: t.start,
            end: t.end,
            stretch: (t.end - t.start) / STRETCHES as f64,
            stretches: (t.columns(STRETCHES).iter())
                .map(|col| {
                    (col.iter().enumerate())
                        .map(|(s, &share)| JsonShare {
                            name: &a.speakers[s].name,
                            share,
                        })
                        .collect()
                })
                .collect(),
        });
        JsonStats {
            document: doc.title.clone().unwrap_or_else(|| name.to_string()),
            words: a.words,
            turns: a.turns,
            duration: a.timeline.as_ref().and(clock::length(doc)),
            speakers,
            sections,
            timeline,
        }
    }
}
