//! Live transcripts fed as the recogniser wrote them: each fixture in
//! `tests/fixtures/live/` (format in its README) is a sequence of appends,
//! pushed step by step, byte by byte and split anywhere, and the document is
//! always what `transcript::load` gives on the settled text.

use proptest::prelude::*;
use tread::transcript::formats::Format;
use tread::transcript::live::{Growth, HEAD, Live};
use tread::transcript::{Document, LoadOptions, load};

/// A fixture: the files written one after the other (a rewrite starts the
/// next), each as its steps, and the text the last settles into.
struct Fixture {
    files: Vec<Vec<Vec<u8>>>,
    settled: String,
}

impl Fixture {
    fn last(&self) -> Vec<u8> {
        self.files.last().map(|f| f.concat()).unwrap_or_default()
    }
}

/// A step's text: each line with its line feed unless it ends in `\`.
fn step(lines: &[&str]) -> Vec<u8> {
    let mut out = String::new();
    for line in lines {
        let line = line.replace('␍', "\r").replace('␛', "\x1b");
        match line.strip_suffix('\\') {
            Some(open) => out += open,
            None => out += &format!("{line}\n"),
        }
    }
    out.into_bytes()
}

fn fixture(name: &str) -> Fixture {
    let path = format!("{}/tests/fixtures/live/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (steps, settled) = match text.split_once("--- settled\n") {
        Some((steps, settled)) => (steps, Some(settled.to_string())),
        None => (text.as_str(), None),
    };
    let mut files = vec![Vec::new()];
    let mut lines: Vec<&str> = Vec::new();
    for line in steps.lines().chain(["--- append"]) {
        if line == "--- append" || line == "--- rewrite" {
            files.last_mut().unwrap().push(step(&lines));
            lines.clear();
            if line == "--- rewrite" {
                files.push(Vec::new());
            }
        } else {
            lines.push(line);
        }
    }
    let mut fixture = Fixture {
        files,
        settled: settled.unwrap_or_default(),
    };
    if fixture.settled.is_empty() {
        fixture.settled = String::from_utf8(fixture.last()).unwrap();
    }
    fixture
}

fn document(live: &mut Live) -> Document {
    live.document(&LoadOptions::default())
        .expect("a live document")
}

fn loaded(text: &str) -> Document {
    load(text.as_bytes(), &LoadOptions::default()).expect("loads")
}

/// Feed the fixture step by step, checking the document after each step
/// and the rewrite check at each rewrite; the final document.
fn feed(f: &Fixture) -> (Live, Document) {
    let mut live = Live::new();
    for (n, file) in f.files.iter().enumerate() {
        if n > 0 {
            let first = &file[0];
            let head = &first[..first.len().min(HEAD)];
            let growth = live.text().check(first.len() as u64, head);
            assert_eq!(growth, Growth::Rewritten);
            live.reset();
        }
        for bytes in file {
            live.push(bytes);
            let doc = document(&mut live);
            assert_eq!(
                doc,
                loaded(live.text().text()),
                "after {:?}",
                live.text().text()
            );
        }
    }
    let doc = document(&mut live);
    assert_eq!(live.text().text(), f.settled);
    assert_eq!(doc, loaded(&f.settled));
    (live, doc)
}

/// The same file pushed in the chunks `cuts` makes.
fn fed_in_pieces(bytes: &[u8], cuts: &[usize]) -> (String, Document) {
    let mut live = Live::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([&bytes.len()]) {
        let cut = cut.clamp(from, bytes.len());
        live.push(&bytes[from..cut]);
        from = cut;
    }
    let doc = document(&mut live);
    (live.text().text().to_string(), doc)
}

fn turns(doc: &Document) -> Vec<String> {
    doc.turns()
        .map(|t| {
            let who = t.speaker.as_deref().unwrap_or("-");
            format!("{who}: {}", t.paragraphs.join(" / "))
        })
        .collect()
}

const ALL: [(&str, Format); 5] = [
    ("text.steps", Format::Text),
    ("srt.steps", Format::Srt),
    ("vtt.steps", Format::Vtt),
    ("jsonl.steps", Format::JsonLines),
    ("whisper-stream.steps", Format::Text),
];

#[test]
fn every_fixture_is_what_load_gives_after_every_step() {
    for (name, format) in ALL {
        let f = fixture(name);
        let (_, doc) = feed(&f);
        assert!(doc.turns().count() >= 1, "{name}: {:?}", turns(&doc));
        let detected = tread::transcript::formats::detect(&f.settled, None);
        assert_eq!(detected, format, "{name}");
    }
}

#[test]
fn every_fixture_fed_one_byte_at_a_time_settles_the_same() {
    for (name, _) in ALL {
        let f = fixture(name);
        let bytes = f.last();
        let cuts: Vec<usize> = (1..bytes.len()).collect();
        let (text, doc) = fed_in_pieces(&bytes, &cuts);
        assert_eq!(text, f.settled, "{name}");
        assert_eq!(doc, loaded(&f.settled), "{name}");
    }
}

#[test]
fn a_partial_rewritten_three_times_ends_as_one_line() {
    let f = fixture("whisper-stream.steps");
    let (live, doc) = feed(&f);
    let text = live.text().text();
    assert_eq!(text.matches("So the committee").count(), 1, "{text:?}");
    assert!(!text.contains('\r') && !text.contains('\x1b'), "{text:?}");
    let all: Vec<&String> = doc.turns().flat_map(|t| &t.paragraphs).collect();
    assert_eq!(
        all.iter()
            .filter(|p| p.contains("So the committee"))
            .count(),
        1
    );
    assert!(
        all.iter()
            .any(|p| p.contains("So the committee will now come to order."))
    );
}

#[test]
fn json_lines_keep_the_latest_version_of_each_segment() {
    let (_, doc) = feed(&fixture("jsonl.steps"));
    assert_eq!(
        turns(&doc),
        [
            "SPEAKER_00: Welcome to the briefing. Our sales rose 20% this year.",
            "SPEAKER_01: Which markets grew?",
            "SPEAKER_00: Mostly Europe and Asia. and next year we expect more",
            "SPEAKER_01: Good.",
        ]
    );
    // The line that is not JSON, said once; the line that was being
    // written when a step ended, never.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].contains("line 8"), "{:?}", doc.warnings);
}

#[test]
fn a_truncated_and_rewritten_file_is_read_again() {
    let f = fixture("text.steps");
    let (live, doc) = feed(&f);
    assert_eq!(
        turns(&doc),
        [
            "Chair: We start again from the top.",
            "Ms Okafor: The corrected figure is 11% — €38 million."
        ]
    );
    assert!(!doc.turns().any(|t| t.speaker.as_deref() == Some("Mr Lind")));
    assert_eq!(live.text().consumed(), f.last().len() as u64);
}

#[test]
fn captions_grow_cue_by_cue() {
    let (live, doc) = feed(&fixture("vtt.steps"));
    assert_eq!(live.format(), None, "a short file is detected each time");
    let speakers: Vec<_> = doc.turns().filter_map(|t| t.speaker.clone()).collect();
    assert_eq!(
        speakers,
        ["Margarethe Vogel", "Tomas", "Margarethe Vogel", "Tomas"]
    );
    let (_, doc) = feed(&fixture("srt.steps"));
    let speakers: Vec<_> = doc.turns().filter_map(|t| t.speaker.clone()).collect();
    assert_eq!(speakers, ["Ana Lima", "Leo Park", "Ana Lima", "Leo Park"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_split_settles_like_the_whole(
        which in 0..ALL.len(),
        cuts in prop::collection::vec(0usize..2000, 0..40),
    ) {
        let f = fixture(ALL[which].0);
        let bytes = f.last();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let (text, doc) = fed_in_pieces(&bytes, &cuts);
        prop_assert_eq!(&text, &f.settled);
        prop_assert_eq!(doc, loaded(&f.settled));
    }
}
