//! Progressive loading step by step, without threads: every fixture and a
//! 16 MB transcript read in the parts the loader reads
//! ([`progressive::Growth::limits`]) end as the one-shot parse, and what the
//! reader shows while a long transcript loads is never taken back: each
//! part's turns are the whole's, but for the one still arriving.
//!
//! What a part's document can*not* promise, and why (every part is [`load`]
//! of a prefix, and some conventions are decided with the whole text as
//! evidence): on a few kilobytes, almost anything can change when the rest
//! comes: the title and header, a label seen once that later proves a
//! speaker, hard-wrapped lines joined by the file's typical width, headings
//! that need a second of their kind, the format itself (`1\n` is not yet
//! SRT). The reader previews only files over 2 MiB, from 64 KiB on, and
//! there, on every fixture made long and on the 16 MB transcript, only two
//! things differ: a body wrapped in quotes loses its opening quote once the
//! closing one (near the end) is seen, and a long timed transcript's
//! sections are titled by time ranges that depend on where it ends. The
//! test states exactly that.

mod support;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use support::corpus::{dialogue, fixtures};
use tread::transcript::progressive::{self, Growth, part};
use tread::transcript::{Document, LoadOptions, Turn, load, load_owned};

/// Every fixture with the options its extension gives.
fn all_fixtures() -> Vec<(PathBuf, Vec<u8>, LoadOptions)> {
    let mut paths = Vec::new();
    fixtures(Path::new("tests/fixtures"), &mut paths);
    paths.sort();
    assert!(paths.len() > 100, "the fixtures are found");
    (paths.into_iter())
        .map(|path| {
            let options = LoadOptions {
                extension: path.extension().map(|e| e.to_string_lossy().into_owned()),
                ..LoadOptions::default()
            };
            (path.clone(), std::fs::read(&path).unwrap(), options)
        })
        .collect()
}

/// Transcripts, not the expected outputs and append scripts beside them.
fn is_transcript(path: &Path) -> bool {
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("expected" | "steps")
    )
}

/// What the reader is shown of `bytes`, as the loader makes it when the
/// first `head` bytes were read before the reader opened: the first
/// screen's document (`cli/session/partly.rs`), then one per part
/// (`tty/loader.rs`), then the whole, parsed as the loader parses it.
struct Steps {
    parts: Vec<Document>,
    whole: Result<Document, String>,
}

fn steps(bytes: &[u8], head: usize, growth: Growth, options: &LoadOptions) -> Steps {
    let mut parts = Vec::new();
    if head < bytes.len() && progressive::previewable(&bytes[..head], options) {
        parts.extend(part(bytes, head, options));
        for limit in growth.limits(head, Some(bytes.len() as u64)) {
            parts.extend(part(bytes, limit, options));
        }
    }
    let whole = load_owned(bytes.to_vec(), options).map_err(|e| e.to_string());
    Steps { parts, whole }
}

#[test]
fn every_fixture_read_in_parts_ends_as_its_one_shot_parse() {
    let growth = Growth {
        first: 16,
        factor: 2,
    };
    let (mut compared, mut in_parts) = (0, 0);
    for (path, bytes, options) in all_fixtures() {
        let expected = load(&bytes, &options).map_err(|e| e.to_string());
        for head in [32, bytes.len() / 3] {
            let got = steps(&bytes, head, growth, &options);
            match (&got.whole, &expected) {
                (Ok(got), Ok(expected)) => assert!(got == expected, "{}", path.display()),
                (Err(_), Err(_)) => {}
                (g, e) => panic!(
                    "{}: {:?} against {:?}",
                    path.display(),
                    g.is_ok(),
                    e.is_ok()
                ),
            }
            compared += 1;
            in_parts += usize::from(got.parts.len() >= 3);
        }
    }
    assert!(compared > 200, "{compared} compared");
    assert!(in_parts > 20, "{in_parts} read in three parts or more");
}

/// Every turn with the index of its section.
fn turns(doc: &Document) -> Vec<(usize, &Turn)> {
    (doc.sections.iter().enumerate())
        .flat_map(|(i, s)| s.turns.iter().map(move |t| (i, t)))
        .collect()
}

/// A turn as the test compares it: the first turn's opening quote mark
/// dropped (the quoted-body convention is decided at the closing quote).
fn compared(n: usize, turn: &Turn) -> Turn {
    let mut turn = turn.clone();
    if n == 0
        && let Some(first) = turn.paragraphs.first_mut()
    {
        *first = first.trim_start_matches(['"', '“']).to_string();
    }
    turn
}

/// Why `part` is not a prefix of `whole`: no more sections, each headed
/// as in the whole, every turn but the last the whole's and in the same
/// section, and the last starting where the whole's does, with the same
/// speaker and the same paragraphs but its last. A timed transcript's
/// sections are time ranges cut only once it is known to run 20 minutes,
/// so there its turns may move section and the titles are not compared.
fn not_prefix(part: &Document, whole: &Document) -> Option<String> {
    if part.sections.len() > whole.sections.len() {
        return Some(format!("{} sections", part.sections.len()));
    }
    let timed = turns(whole).iter().any(|(_, t)| t.time.is_some());
    for (i, (p, w)) in part.sections.iter().zip(&whole.sections).enumerate() {
        let title = |s: &tread::transcript::Section| (!timed).then(|| s.title.clone());
        if (&p.number, p.line, title(p)) != (&w.number, w.line, title(w)) {
            return Some(format!("section {i}: {:?} is {:?}", p.title, w.title));
        }
    }
    let (got, all) = (turns(part), turns(whole));
    if got.len() > all.len() {
        return Some(format!("{} turns of {}", got.len(), all.len()));
    }
    for (n, (&(ps, p), &(ws, w))) in got.iter().zip(&all).enumerate() {
        let (p, w) = (compared(n, p), compared(n, w));
        let same = match n + 1 == got.len() {
            true => {
                let done = p.paragraphs.len().saturating_sub(1);
                (timed || ps == ws)
                    && (&p.speaker, p.line) == (&w.speaker, w.line)
                    && w.paragraphs.get(..done) == Some(&p.paragraphs[..done])
            }
            false => (timed || ps == ws) && p == w,
        };
        if !same {
            return Some(format!("turn {n}: {ps} {p:?}\nis {ws} {w:?}"));
        }
    }
    None
}

/// `unit` repeated to at least `len` bytes, each copy on lines of its own.
fn repeated(unit: &[u8], len: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(len + unit.len() + 1);
    while bytes.len() < len {
        bytes.extend_from_slice(unit);
        if !unit.ends_with(b"\n") {
            bytes.push(b'\n');
        }
    }
    bytes
}

#[test]
fn every_part_of_a_long_transcript_is_a_prefix_of_the_whole() {
    // Scaled down from the reader's 64 KiB first screen and 16 times
    // growth, so that a debug build checks every fixture in seconds.
    let growth = Growth {
        first: 16 << 10,
        factor: 2,
    };
    let mut sample = tread::SAMPLE.to_vec();
    sample.push(b'\n');
    let mut inputs = vec![(PathBuf::from("SAMPLE"), sample, LoadOptions::default())];
    inputs.extend(
        all_fixtures()
            .into_iter()
            .filter(|(p, ..)| is_transcript(p)),
    );
    let mut checked = 0;
    for (path, unit, options) in inputs {
        let bytes = repeated(&unit, 256 << 10);
        let steps = steps(&bytes, 32 << 10, growth, &options);
        let Ok(whole) = steps.whole else { continue };
        for (i, p) in steps.parts.iter().enumerate() {
            if let Some(why) = not_prefix(p, &whole) {
                panic!("{} part {i}: {why}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 80, "{checked} parts checked");
}

/// The sample repeated to 16 MiB, as the benchmarks make it.
fn big() -> Vec<u8> {
    let mut sample = tread::SAMPLE.to_vec();
    sample.push(b'\n');
    repeated(&sample, 16 << 20)
}

#[test]
fn a_16_mb_transcript_read_as_the_reader_reads_it_ends_as_its_one_shot_parse() {
    let bytes = big();
    let options = LoadOptions::default();
    // The reader's own sizes: a 64 KiB first screen, then the whole (a
    // 4 MiB part would be more than an eighth of 16 MiB).
    let steps = steps(&bytes, 64 << 10, Growth::READER, &options);
    assert_eq!(steps.parts.len(), 1);
    let whole = steps.whole.unwrap();
    assert!(not_prefix(&steps.parts[0], &whole).is_none());
    let expected = load(&bytes, &options).unwrap();
    assert_eq!(turns(&whole).len(), turns(&expected).len());
    assert!(whole == expected, "the whole is the one-shot parse");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_dialogue_read_in_any_parts_ends_as_its_one_shot_parse(
        text in dialogue(),
        head in 1usize..400,
        first in 1usize..200,
        factor in 2usize..5,
    ) {
        let bytes = text.as_bytes();
        let options = LoadOptions::default();
        let growth = Growth { first, factor };
        let steps = steps(bytes, head.min(bytes.len()), growth, &options);
        let expected = load(bytes, &options).map_err(|e| e.to_string());
        prop_assert_eq!(steps.whole.is_ok(), expected.is_ok());
        if let (Ok(got), Ok(expected)) = (steps.whole, expected) {
            prop_assert!(got == expected);
        }
    }
}
