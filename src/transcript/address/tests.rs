//! The address parser on every form and every error, resolving places in
//! small documents, and the round trip from a position to its address and
//! back.

use proptest::prelude::*;

use super::*;
use crate::transcript::{Document, LoadOptions, load};

fn place(s: &str) -> Place {
    Place::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn why(s: &str) -> Why {
    Place::parse(s).expect_err(s)
}

#[test]
fn every_form_parses() {
    assert_eq!(place("§3"), Place::Section(3));
    assert_eq!(place("s3"), Place::Section(3));
    assert_eq!(place("S3"), Place::Section(3));
    let turn = Place::Turn {
        section: 3,
        turn: 12,
    };
    assert_eq!(place("§3.t12"), turn);
    assert_eq!(place("s3.t12"), turn);
    assert_eq!(place("§3.T12"), turn);
    assert_eq!(place("L120"), Place::Line(120));
    assert_eq!(place("l120"), Place::Line(120));
    assert_eq!(place("00:12:31"), Place::Time(751.0));
    assert_eq!(place("12:31"), Place::Time(751.0));
    assert_eq!(place("1:02:03.5"), Place::Time(3723.5));
    assert_eq!(place("75:00"), Place::Time(4500.0));
    assert_eq!(place("0:05.25"), Place::Time(5.25));
}

#[test]
fn every_error_is_one_line_naming_the_words() {
    let cases = [
        ("§0", Why::SectionZero),
        ("§3.t0", Why::TurnZero),
        ("L0", Why::LineZero),
        ("§", Why::Section),
        ("§x", Why::Section),
        ("§3.", Why::Turn),
        ("§3.12", Why::Turn),
        ("§3.tx", Why::Turn),
        ("L", Why::Line),
        ("L1x", Why::Line),
        ("12:3", Why::Time),
        ("1:2:03", Why::Time),
        ("12:31.", Why::Time),
        ("12:31.x", Why::Time),
        ("1:2:3:4", Why::Time),
        ("12:60", Why::Sixty),
        ("1:60:00", Why::Sixty),
        ("§99999999999", Why::TooLarge),
    ];
    for (text, expected) in cases {
        assert_eq!(why(text), expected, "{text}");
        let e = AddressError::new(&format!("x@{text}"), expected);
        let line = e.to_string();
        assert!(!line.contains('\n'), "{line}");
        assert!(line.starts_with(&format!("bad address \"x@{text}\": ")));
    }
    assert_eq!(
        Address::parse("x@§0").unwrap_err().to_string(),
        "bad address \"x@§0\": sections are numbered from 1"
    );
}

#[test]
fn a_file_splits_at_the_last_at_meant_as_a_place() {
    let a = Address::parse("a@b.txt@§2").unwrap().unwrap();
    assert_eq!(a.file, "a@b.txt");
    assert_eq!(a.place, Place::Section(2));
    let a = Address::parse("talk.vtt@00:12:31").unwrap().unwrap();
    assert_eq!((a.file.as_str(), a.place), ("talk.vtt", Place::Time(751.0)));
    // No suffix meant as a place: a file name.
    assert_eq!(Address::parse("me@example.txt").unwrap(), None);
    assert_eq!(Address::parse("talk.txt").unwrap(), None);
    assert_eq!(Address::parse("a@§2@notes").unwrap_err().why, Why::Section);
    assert_eq!(
        Address::parse("x@L2").unwrap().unwrap().place,
        Place::Line(2)
    );
}

#[test]
fn places_are_written_as_they_parse() {
    for text in [
        "§3",
        "§3.t12",
        "L120",
        "12:31",
        "1:02:03",
        "1:02:03.5",
        "0:05.25",
    ] {
        assert_eq!(place(text).to_string(), text);
    }
    assert_eq!(place("00:12:31").to_string(), "12:31");
    assert_eq!(place("s3.t1").to_string(), "§3.t1");
    let a = Address {
        file: "talk.txt".into(),
        place: Place::Line(4),
    };
    assert_eq!(a.to_string(), "talk.txt@L4");
}

const TEXT: &str = "\
Title line

ANNA: Hello there.
This is still Anna.

BOB: Hi.

## Second

ANNA: Second part.

BOB: And more.
";

fn doc(text: &str) -> Document {
    load(text.as_bytes(), &LoadOptions::default()).unwrap()
}

fn found(d: &Document, s: &str) -> Result<Spot, Why> {
    place(s).resolve(d)
}

#[test]
fn sections_and_turns_resolve_or_name_the_range() {
    let d = doc(TEXT);
    assert_eq!(d.sections.len(), 2, "{d:#?}");
    assert_eq!(found(&d, "§2").unwrap(), spot(1, 0, 0, 0));
    assert_eq!(found(&d, "§2.t2").unwrap(), spot(1, 1, 0, 0));
    let msg = |s| found(&d, s).unwrap_err().to_string();
    assert_eq!(msg("§3"), "the transcript has 2 sections");
    assert_eq!(msg("§2.t3"), "section 2 has 2 turns");
}

fn spot(section: usize, turn: usize, paragraph: usize, byte: usize) -> Spot {
    Spot {
        section,
        turn,
        paragraph,
        byte,
    }
}

#[test]
fn a_line_resolves_to_its_text_or_the_next_turn() {
    let d = doc(TEXT);
    // Line 4 is the second line of Anna's first turn.
    let s = found(&d, "L4").unwrap();
    assert_eq!((s.section, s.turn), (0, 0));
    let para = &d.sections[0].turns[0].paragraphs[s.paragraph];
    assert!(
        para[s.byte..].starts_with("This is still"),
        "{para:?} {s:?}"
    );
    // Line 8 is the heading: the turn after it.
    assert_eq!(found(&d, "L8").unwrap(), spot(1, 0, 0, 0));
    // Line 1, the title: the first turn.
    assert_eq!(found(&d, "L1").unwrap(), spot(0, 0, 0, 0));
    let last = last_line(&d);
    assert_eq!(last, 12);
    assert_eq!(
        found(&d, "L13").unwrap_err().to_string(),
        "the transcript has 12 lines"
    );
}

const SRT: &str = "\
1
00:00:01,000 --> 00:00:03,000
Anna: Welcome to the show.

2
00:00:04,000 --> 00:00:06,000
Anna: It is a good one.

3
00:00:07,000 --> 00:00:09,000
Bob: Thanks.
";

#[test]
fn a_time_resolves_to_the_cue_spoken_then() {
    let d = doc(SRT);
    assert!(d.turns().any(|t| t.time.is_some()), "{d:#?}");
    let text_at = |s: &str| {
        let s = found(&d, s).unwrap();
        d.sections[s.section].turns[s.turn].paragraphs[s.paragraph][s.byte..].to_string()
    };
    assert!(text_at("0:05").starts_with("It is a good one"));
    assert!(text_at("0:04").starts_with("It is a good one"));
    assert!(text_at("0:00").starts_with("Welcome"));
    assert!(text_at("0:08.5").starts_with("Thanks"));
    assert_eq!(
        found(&d, "1:00:00").unwrap_err().to_string(),
        "the transcript ends at 0:09"
    );
    assert_eq!(found(&doc(TEXT), "0:05").unwrap_err(), Why::Untimed);
}

#[test]
fn an_empty_document_has_no_places() {
    assert_eq!(found(&Document::default(), "§1").unwrap_err(), Why::Empty);
}

/// Transcripts of a few sections of a few turns each, some turns over
/// several lines.
fn transcript() -> impl Strategy<Value = String> {
    let turn = (0..3usize, 1..4usize).prop_map(|(who, lines)| {
        let name = ["ANNA", "BOB", "CARLA"][who];
        let body: Vec<String> = (0..lines).map(|i| format!("words of line {i}.")).collect();
        format!("{name}: {}\n\n", body.join("\n"))
    });
    let section = proptest::collection::vec(turn, 1..5);
    proptest::collection::vec(section, 1..5).prop_map(|sections| {
        let mut out = String::new();
        for (i, turns) in sections.iter().enumerate() {
            if i > 0 {
                out.push_str(&format!("## Part {i}\n\n"));
            }
            out.extend(turns.iter().cloned());
        }
        out
    })
}

proptest! {
    #[test]
    fn a_positions_address_parses_and_resolves_to_its_turn(text in transcript()) {
        let mut options = LoadOptions::default();
        options.speakers.force = ["ANNA", "BOB", "CARLA"].map(String::from).to_vec();
        let d = load(format!("Title\n\n{text}").as_bytes(), &options).unwrap();
        // Every heading made a section, so addresses past the first count.
        prop_assert_eq!(d.sections.len(), text.matches("## ").count() + 1);
        for (si, s) in d.sections.iter().enumerate() {
            for (ti, t) in s.turns.iter().enumerate() {
                let last = t.paragraphs.len().saturating_sub(1);
                let at = spot(si, ti, last, 0);
                let written = Address { file: "a@b.txt".into(), place: Place::of(at) }.to_string();
                let back = Address::parse(&written).unwrap().unwrap();
                prop_assert_eq!(&back.file, "a@b.txt");
                let to = back.place.resolve(&d).unwrap();
                prop_assert_eq!((to.section, to.turn), (si, ti));
                // A turn's own line resolves into it too.
                let by_line = Place::Line(t.line as u32).resolve(&d).unwrap();
                prop_assert_eq!((by_line.section, by_line.turn), (si, ti));
            }
        }
    }
}
