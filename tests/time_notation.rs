//! One time notation: a transcript shorter than an hour writes every time
//! `m:ss`, one that reaches an hour `h:mm:ss`, in the outline, section
//! titles made from times, the reader's section banner and time gutter,
//! citations and the bookmark exports; `--json` keeps times numeric.

mod support;

use support::app::{Reader, started};
use tread::app::keymap::Keymap;
use tread::app::{Action, update};
use tread::cli::{print_json, print_outline};
use tread::store::Bookmark;
use tread::store::anchor::{Anchor, Span};
use tread::store::codes::Codebook;
use tread::store::export::{self, ExportDoc};
use tread::transcript::{Document, LoadOptions, load};

/// `h:mm:ss,mmm` (SRT) or `h:mm:ss.mmm` (VTT).
fn stamp(seconds: u32, sep: char) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("{h:02}:{m:02}:{s:02}{sep}000")
}

/// Cues every 20 seconds, two speakers taking turns, the last one ending
/// at `end` seconds: the transcript's length.
fn cues(end: u32) -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    let mut t = 0;
    while t + 4 < end {
        let who = if out.len() % 2 == 0 { "Ana" } else { "Leo" };
        out.push((t, t + 4, format!("{who}: Line {}.", out.len() + 1)));
        t += 20;
    }
    out.push((end - 4, end, "Ana: The very last line.".into()));
    out
}

fn vtt(end: u32) -> String {
    let mut s = String::from("WEBVTT\n\n");
    for (a, b, text) in cues(end) {
        s += &format!("{} --> {}\n{text}\n\n", stamp(a, '.'), stamp(b, '.'));
    }
    s
}

fn srt(end: u32) -> String {
    let mut s = String::new();
    for (i, (a, b, text)) in cues(end).into_iter().enumerate() {
        let (a, b) = (stamp(a, ','), stamp(b, ','));
        s += &format!("{}\n{a} --> {b}\n{text}\n\n", i + 1);
    }
    s
}

fn doc(text: &str, ext: &str) -> Document {
    let options = LoadOptions {
        extension: Some(ext.into()),
        ..LoadOptions::default()
    };
    load(text.as_bytes(), &options).unwrap()
}

/// Every time written in `text`: runs of digits and colons with a digit on
/// both sides of a colon.
fn times(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == ':'))
        .map(|t| t.trim_matches(':'))
        .filter(|t| t.split(':').count() > 1 && t.split(':').all(|p| !p.is_empty()))
        .collect()
}

/// Whether `t` is `h:mm:ss` (with `hours`) or `m:ss`.
fn in_notation(t: &str, hours: bool) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    let two = |p: &str| p.len() == 2 && p < "60";
    let lead = |p: &str| !p.is_empty() && (p == "0" || !p.starts_with('0'));
    match (hours, parts.as_slice()) {
        (true, [h, m, s]) => lead(h) && two(m) && two(s),
        (false, [m, s]) => lead(m) && m.parse::<u32>().is_ok_and(|m| m < 60) && two(s),
        _ => false,
    }
}

fn assert_notation(what: &str, text: &str, hours: bool) {
    let found = times(text);
    assert!(!found.is_empty(), "{what} writes no time:\n{text}");
    for t in found {
        assert!(
            in_notation(t, hours),
            "{what}: {t:?} (hours: {hours})\n{text}"
        );
    }
}

fn outline(doc: &Document) -> String {
    let mut out = Vec::new();
    print_outline(doc, "talk", &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The reader's screen with times shown, at the top and at the last section.
fn screens(doc: &Document) -> (String, String) {
    let state = started(doc.clone(), "talk", Keymap::default_keymap(), |_| {});
    let mut r = Reader::with_state(state, 100, 30);
    update(&mut r.state, Action::ToggleTimes);
    r.input(Vec::new());
    let top = r.screen();
    r.keys("G");
    (top, r.screen())
}

/// A bookmark of the last paragraph, in the transcript's last minute.
fn bookmark_last_line(doc: &Document) -> Bookmark {
    let section = doc.sections.len() - 1;
    let turn = doc.sections[section].turns.len() - 1;
    let text = doc.sections[section].turns[turn].paragraphs.last().unwrap();
    let paragraph = doc.sections[section].turns[turn].paragraphs.len() - 1;
    let at = |offset| Anchor {
        section,
        turn,
        paragraph,
        offset,
    };
    let span = Span {
        start: at(0),
        end: at(text.chars().count()),
    };
    Bookmark::fresh(doc, span, "").unwrap()
}

fn check(doc: &Document, hours: bool) {
    assert!(doc.sections.len() > 5, "sections by time");
    let outline = outline(doc);
    assert_notation("the outline", &outline, hours);
    let (top, end) = screens(doc);
    assert_notation("the reader's first screen", &top, hours);
    assert_notation("the reader's last screen", &end, hours);
    // The banner of the first section and a time in the gutter.
    let first = doc.sections[0].title.clone().unwrap();
    assert!(top.contains(&format!("§ {first}")), "{top}");
    let zero = if hours { "0:00:00 Ana" } else { "0:00 Ana" };
    assert!(top.contains(zero), "{top}");

    let b = bookmark_last_line(doc);
    let md = export::markdown(
        &ExportDoc::new("t.txt", doc, std::slice::from_ref(&b)),
        &Codebook::default(),
    );
    assert_notation("the Markdown export", &md, hours);
    let json = export::json(
        &ExportDoc::new("t.txt", doc, std::slice::from_ref(&b)),
        &Codebook::default(),
    );
    let entry = &json["bookmarks"][0];
    let clock = entry["clock"].as_str().unwrap();
    assert_notation("the JSON export's clock", clock, hours);
    let label = entry["section"]["label"].as_str().unwrap();
    assert_notation("the JSON export's section", label, hours);
    assert!(entry["time"].as_f64().is_some(), "{entry}");

    // `--json` keeps times as numbers of seconds.
    let mut out = Vec::new();
    print_json(doc, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let time = &v["sections"][0]["turns"][1]["time"];
    assert_eq!(time.as_f64(), Some(20.0), "{time}");
}

#[test]
fn a_transcript_of_59_59_writes_m_ss_everywhere() {
    for (text, ext) in [(vtt(3599), "vtt"), (srt(3599), "srt")] {
        let d = doc(&text, ext);
        check(&d, false);
        let outline = outline(&d);
        assert!(outline.contains("\n0:00–10:00 · 30 turns"), "{outline}");
        assert!(outline.contains("\n50:00–59:59 · "), "{outline}");
    }
}

#[test]
fn a_transcript_of_1_00_00_writes_h_mm_ss_everywhere() {
    // Its last cue starts before the hour: its length decides.
    for (text, ext) in [(vtt(3600), "vtt"), (srt(3600), "srt")] {
        let d = doc(&text, ext);
        check(&d, true);
        let outline = outline(&d);
        assert!(
            outline.contains("\n0:00:00–0:10:00 · 30 turns"),
            "{outline}"
        );
        assert!(outline.contains("\n0:50:00–1:00:00 · "), "{outline}");
    }
}

#[test]
fn times_past_the_hour_keep_their_hours() {
    let d = doc(&vtt(2 * 3600 + 5), "vtt");
    check(&d, true);
    assert!(outline(&d).contains("2:00:00–2:00:05"), "{}", outline(&d));
}
