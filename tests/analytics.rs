//! Who talked how much, on two small fixtures counted by hand: the core's
//! numbers (`Analytics`), their agreement with `--outline`, and `--stats`
//! as text and JSON from the built binary.
//!
//! `panel.txt`: § Opening: Ana 4 words, Ben 2, Ana 1; § Debate: Ben 6,
//! 张伟 5 (a character each), Ben 1. `timed.vtt`: Ana 5 words at 0 s, Ben
//! 2 at 10 s, Ana 3 at 15 s, Ben 1 at 30 s, the last cue ending at 40 s.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tread::transcript::stats::analytics::Monologue;
use tread::transcript::stats::{Analytics, section_shares, speaker_shares};
use tread::transcript::{Document, LoadOptions, load};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stats")
        .join(name)
}

fn doc(name: &str) -> Document {
    load(
        &std::fs::read(fixture(name)).unwrap(),
        &LoadOptions::default(),
    )
    .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn per_speaker_numbers_match_the_hand_count() {
    let a = Analytics::of(&doc("panel.txt"));
    let got: Vec<_> = (a.speakers.iter())
        .map(|s| (s.name.as_str(), s.words, s.turns, s.longest.words))
        .collect();
    assert_eq!(got, [("Ana", 5, 2, 4), ("Ben", 9, 3, 6), ("张伟", 5, 1, 5)]);
    assert_eq!((a.words, a.turns), (19, 6));
    assert!(close(a.speakers[1].share.into(), 9.0 / 19.0));
    assert!(close(a.speakers[0].average(), 2.5));
    assert!(close(a.speakers[1].average(), 3.0));
    // Ben's longest: the first turn of § Debate, the fourth of the document.
    let m = a.speakers[1].longest;
    assert_eq!((m.turn, m.section, m.line, m.time), (3, 1, 11, None));
    assert!(a.timeline.is_none() && !a.timed());
    assert_eq!(a.speakers[0].per_minute(), None);
}

#[test]
fn per_section_words_match_the_hand_count() {
    let a = Analytics::of(&doc("panel.txt"));
    let per: Vec<Vec<(usize, usize, usize)>> = (a.sections.iter())
        .map(|s| {
            s.parts
                .iter()
                .map(|p| (p.speaker, p.words, p.turns))
                .collect()
        })
        .collect();
    assert_eq!(
        per,
        [vec![(0, 5, 2), (1, 2, 1)], vec![(1, 7, 2), (2, 5, 1)]]
    );
    assert!(close(a.sections[0].parts[0].share.into(), 5.0 / 7.0));
    assert_eq!(a.sections[1].words, 12);
}

#[test]
fn talk_time_runs_from_a_turn_to_the_next_and_the_last_to_the_end() {
    let a = Analytics::of(&doc("timed.vtt"));
    let ana = &a.speakers[0];
    let ben = &a.speakers[1];
    assert_eq!((ana.words, ben.words), (8, 3));
    assert_eq!((ana.talk, ben.talk), (Some(25.0), Some(15.0)));
    assert!(close(ana.per_minute().unwrap(), 8.0 * 60.0 / 25.0));
    assert!(close(ben.per_minute().unwrap(), 12.0));
    let first = Monologue {
        turn: 0,
        section: 0,
        line: 3,
        time: Some(0.0),
        words: 5,
    };
    assert_eq!(ana.longest, first);
    let line = a.timeline.as_ref().unwrap();
    assert_eq!((line.start, line.end), (0.0, 40.0));
    // Four stretches of 10 s: Ana; Ben then Ana; Ana; Ben.
    let cols = line.columns(4);
    let want = [[1.0, 0.0], [0.5, 0.5], [1.0, 0.0], [0.0, 1.0]];
    for (got, want) in cols.iter().zip(want) {
        assert!(close(got[0], want[0]) && close(got[1], want[1]), "{cols:?}");
    }
    assert_eq!(line.dominant(4), [Some(0), Some(0), Some(0), Some(1)]);
    // More columns than buckets repeat them; the sum of talk stays whole.
    let talked: f64 = line.seconds.iter().flatten().sum();
    assert!(close(talked, 40.0));
    assert_eq!(line.columns(1000).len(), 1000);
}

#[test]
fn the_shares_are_the_analytics_and_the_outline_prints_them() {
    let d = doc("panel.txt");
    let a = Analytics::of(&d);
    assert_eq!(speaker_shares(&d), a.shares());
    assert_eq!(section_shares(&d), a.section_shares());
    let mut out = Vec::new();
    tread::cli::print_outline(&d, "panel.txt", &mut out).unwrap();
    let outline = String::from_utf8(out).unwrap();
    assert!(
        outline.contains("Opening · 3 turns · Ana 71%, Ben 29%"),
        "{outline}"
    );
    assert!(
        outline.contains("Debate · 3 turns · Ben 58%, 张伟 42%"),
        "{outline}"
    );
}

#[test]
fn a_document_without_speakers_has_empty_analytics() {
    let a = Analytics::of(&Document::default());
    assert!(a.speakers.is_empty() && a.timeline.is_none());
    assert_eq!(a.words, 0);
}

const NO_CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-config-home");

fn tread(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .stdin(Stdio::null())
        .output()
        .expect("tread runs")
}

fn stdout(args: &[&str]) -> String {
    let out = tread(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stats_prints_the_tables_aligned_by_display_width() {
    let path = fixture("panel.txt");
    let text = stdout(&["--stats", path.to_str().unwrap()]);
    let want = "\
panel.txt
3 speakers · 19 words · 6 turns

speaker  words  share  turns  words/turn  longest turn
Ana          5    26%      2         2.5  4 words · §1 · line 3
Ben          9    47%      3         3.0  6 words · §2 · line 11
张伟         5    26%      1         5.0  5 words · §2 · line 13

sections
§1 Opening  Ana 5 (71%), Ben 2 (29%)
§2 Debate   Ben 7 (58%), 张伟 5 (42%)
";
    assert_eq!(text, want);
}

#[test]
fn stats_of_a_timed_transcript_has_talk_time_and_a_timeline() {
    let path = fixture("timed.vtt");
    let text = stdout(&["--stats", path.to_str().unwrap()]);
    assert!(
        text.contains("2 speakers · 11 words · 4 turns · 0:40"),
        "{text}"
    );
    let ana = text.lines().find(|l| l.starts_with("Ana ")).unwrap();
    assert!(ana.ends_with("0:25         19"), "{ana}");
    assert!(text.contains("\ntimeline (each row 0:03"), "{text}");
    assert!(text.contains("\n0:13  Ana 50%, Ben 50%\n"), "{text}");
}

#[test]
fn stats_as_json() {
    let path = fixture("timed.vtt");
    let json: Value = serde_json::from_str(&stdout(&[
        "--stats",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(json["words"], 11);
    assert_eq!(json["duration"], 40.0);
    let ben = &json["speakers"][1];
    assert_eq!(ben["name"], "Ben");
    assert_eq!(ben["talk_seconds"], 15.0);
    assert_eq!(ben["words_per_minute"], 12.0);
    assert_eq!(ben["longest_turn"]["time"], 10.0);
    assert_eq!(ben["longest_turn"]["section"], "§1 Preamble");
    assert_eq!(json["sections"][0]["speakers"][0]["words"], 8);
    assert_eq!(json["timeline"]["stretches"].as_array().unwrap().len(), 12);
    let path = fixture("panel.txt");
    let json: Value = serde_json::from_str(&stdout(&[
        "--stats",
        "--format",
        "JSON",
        path.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(json["timeline"], Value::Null);
    assert_eq!(json["speakers"][2]["name"], "张伟");
    assert_eq!(json["speakers"][1]["longest_turn"]["line"], 11);
}

#[test]
fn stats_takes_no_other_print_flag_nor_a_bad_format() {
    let path = fixture("panel.txt");
    let path = path.to_str().unwrap();
    for other in [
        "--outline",
        "--json",
        "--claims",
        "--speakers",
        "--bookmarks",
        "--codes",
    ] {
        let out = tread(&["--stats", other, path]);
        assert_eq!(out.status.code(), Some(2), "{other}");
    }
    let out = tread(&["--stats", "--format", "csv", path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("with --stats it is text or json"), "{err}");
    // The input's format still goes by --input-format.
    let vtt = fixture("timed.vtt");
    let text = stdout(&["--stats", "--input-format", "vtt", vtt.to_str().unwrap()]);
    assert!(text.contains("talk time"), "{text}");
}

#[test]
fn stats_sanitises_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.txt");
    std::fs::write(
        &path,
        "A\u{202e}na: one two\n\nBen: three\n\nA\u{202e}na: four\n",
    )
    .unwrap();
    let text = stdout(&["--stats", path.to_str().unwrap()]);
    assert!(!text.contains('\u{202e}'), "{text}");
}
