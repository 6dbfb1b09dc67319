//! Progressive loading ends with the one-shot parse: every fixture, and a
//! 16 MB transcript and generated dialogues cut anywhere, run through the background loader the
//! reader uses, arrive as the document `load` makes of the same bytes.

mod support;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use support::corpus::{dialogue, fixtures};
use tread::transcript::progressive::{self, part};
use tread::transcript::{Document, LoadOptions, load};
use tread::tty::follow::Arrival;
use tread::tty::loader::{Chunk, Job, Loader};

/// The loader's job for `bytes` with the first `head` bytes already read
/// and the rest arriving in pieces of `piece` bytes, as from a slow pipe.
fn job(bytes: &[u8], head: usize, piece: usize, options: LoadOptions) -> Job {
    let (to, chunks) = mpsc::channel();
    for p in bytes[head..].chunks(piece.max(1)) {
        to.send(Chunk::Bytes(p.to_vec())).unwrap();
    }
    to.send(Chunk::End).unwrap();
    Job {
        chunks,
        bytes: bytes[..head].to_vec(),
        total: Some(bytes.len() as u64),
        options,
        label: "test".into(),
        live: false,
        limit: 256 << 20,
    }
}

/// What the loader ends with: the whole document, or why it failed, and
/// how many part documents came before it.
fn loaded(job: Job) -> (Result<Document, String>, usize) {
    let (to, rx) = mpsc::channel();
    let _loader = Loader::spawn(job, to);
    let mut parts = 0;
    loop {
        match rx
            .recv_timeout(Duration::from_secs(60))
            .expect("an arrival")
        {
            Arrival::Loaded(doc, _) => return (Ok(*doc), parts),
            // A whole that cannot be read (a binary fixture) ends unreadable.
            Arrival::Failed(why) | Arrival::Unreadable(why) => return (Err(why), parts),
            Arrival::Document(..) => parts += 1,
            _ => {}
        }
    }
}

fn options_for(path: &Path) -> LoadOptions {
    LoadOptions {
        extension: path.extension().map(|e| e.to_string_lossy().into_owned()),
        ..LoadOptions::default()
    }
}

#[test]
fn every_fixture_loaded_in_the_background_is_its_one_shot_parse() {
    let mut paths = Vec::new();
    fixtures(Path::new("tests/fixtures"), &mut paths);
    paths.sort();
    assert!(paths.len() > 100, "the fixtures are found");
    let mut compared = 0;
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let options = options_for(path);
        let expected = load(&bytes, &options);
        // A first screen from a third of the file, the rest in small pieces.
        let head = progressive::cut(&bytes, bytes.len() / 3);
        let (got, _) = loaded(job(&bytes, head, 4096, options.clone()));
        match (expected, got) {
            (Ok(expected), Ok(got)) => {
                assert!(got == expected, "{} differs from load", path.display());
                compared += 1;
            }
            (Err(_), Err(_)) => {}
            (e, g) => panic!(
                "{}: load {:?}, loader {:?}",
                path.display(),
                e.map(|_| ()),
                g.map(|_| ())
            ),
        }
        // The first screen's document of the same head never panics.
        if progressive::previewable(&bytes[..head], &options) {
            let _ = part(&bytes, head, &options);
        }
    }
    assert!(compared > 100, "{compared} fixtures compared");
}

/// The sample repeated to 16 MiB, as the benchmarks make it.
fn big() -> Vec<u8> {
    let mut bytes = Vec::with_capacity((16 << 20) + tread::SAMPLE.len());
    while bytes.len() < 16 << 20 {
        bytes.extend_from_slice(tread::SAMPLE);
        bytes.push(b'\n');
    }
    bytes
}

#[test]
fn a_16_mb_transcript_loaded_in_the_background_ends_as_its_one_shot_parse() {
    let bytes = big();
    let options = LoadOptions::default();
    let expected = load(&bytes, &options).unwrap();
    let head = progressive::cut(&bytes, 64 << 10);
    let (got, _) = loaded(job(&bytes, head, 1 << 20, options));
    let got = got.unwrap();
    assert_eq!(got.sections.len(), expected.sections.len());
    assert_eq!(got.turns().count(), expected.turns().count());
    assert!(got == expected, "the loaded document is the one-shot parse");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_dialogue_cut_anywhere_ends_as_its_one_shot_parse(
        text in dialogue(),
        head in 0usize..2000,
        piece in 1usize..300,
    ) {
        let bytes = text.as_bytes();
        let head = progressive::cut(bytes, head.min(bytes.len()));
        let options = LoadOptions::default();
        let expected = load(bytes, &options).map_err(|e| e.to_string());
        let (got, _) = loaded(job(bytes, head, piece, options));
        prop_assert_eq!(got.is_ok(), expected.is_ok());
        if let (Ok(got), Ok(expected)) = (got, expected) {
            prop_assert!(got == expected);
        }
    }
}
