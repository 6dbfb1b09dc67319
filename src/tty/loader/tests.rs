//! Tests of the background loader: the last arrival is the one-shot load, a followed stream settles, the limit cuts with a warning, an unreadable whole ends so.

use super::*;
use crate::transcript::load;

fn job(bytes: &[u8], head: usize, live: bool) -> Job {
    let (to, chunks) = mpsc::channel();
    for piece in bytes[head..].chunks(7) {
        to.send(Chunk::Bytes(piece.to_vec())).unwrap();
    }
    to.send(Chunk::End).unwrap();
    Job {
        chunks,
        bytes: bytes[..head].to_vec(),
        total: Some(bytes.len() as u64),
        options: LoadOptions::default(),
        label: "test".into(),
        live,
        limit: 1 << 20,
    }
}

/// Every arrival but progress, up to the whole document.
fn arrivals(job: Job) -> Vec<Arrival> {
    let (to, rx) = mpsc::channel();
    let _loader = Loader::spawn(job, to);
    let mut all = Vec::new();
    while let Ok(arrival) = rx.recv_timeout(Duration::from_secs(30)) {
        let last = matches!(arrival, Arrival::Loaded(..) | Arrival::Unreadable(_));
        if !matches!(arrival, Arrival::Progress(_)) {
            all.push(arrival);
        }
        if last {
            break;
        }
    }
    all
}

#[test]
fn the_last_arrival_is_the_one_shot_load() {
    let text = "Ana: one.\n\nBen: two.\n\nAna: three, \r and more.\n".repeat(20);
    let expected = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    let all = arrivals(job(text.as_bytes(), 10, false));
    let Some(Arrival::Loaded(doc, hash)) = all.last() else {
        panic!("loaded last: {all:?}");
    };
    assert_eq!(**doc, expected);
    assert_eq!(*hash, doc_hash(&expected));
}

#[test]
fn a_whole_that_does_not_fit_the_named_format_ends_unreadable() {
    let text = "Ana: one.\n\nBen: two.\n".repeat(20);
    for live in [false, true] {
        let mut job = job(text.as_bytes(), 10, live);
        job.options.format = Some(crate::transcript::formats::Format::Srt);
        let all = arrivals(job);
        let Some(Arrival::Unreadable(why)) = all.last() else {
            panic!("unreadable last: {all:?}");
        };
        assert!(why.starts_with("test: ") && why.contains("SRT"), "{why}");
    }
}

#[test]
fn a_followed_stream_settles_its_rewrites() {
    let text = b"Ana: one.\n\nBen: tw\rBen: two, all of it.\n";
    let all = arrivals(job(text, 0, true));
    let Some(Arrival::Loaded(doc, _)) = all.last() else {
        panic!("loaded last");
    };
    let settled = load(
        b"Ana: one.\n\nBen: two, all of it.\n",
        &LoadOptions::default(),
    );
    assert_eq!(doc.sections, settled.unwrap().sections);
}

#[test]
fn input_past_the_limit_is_cut_with_a_warning() {
    let text = "Ana: one.\n\n".repeat(100);
    let mut job = job(text.as_bytes(), 0, false);
    job.limit = 55;
    let all = arrivals(job);
    let Some(Arrival::Loaded(doc, _)) = all.last() else {
        panic!("loaded last");
    };
    assert!(
        doc.warnings.iter().any(|w| w.contains("only its first")),
        "{:?}",
        doc.warnings
    );
    assert_eq!(
        doc.sections[0].turns.len(),
        1,
        "one speaker's turns, merged"
    );
}

#[test]
fn the_pump_reads_to_the_end() {
    let chunks = pump(Box::new(io::Cursor::new(b"abc".to_vec())));
    assert!(matches!(chunks.recv().unwrap(), Chunk::Bytes(b) if b == b"abc"));
    assert!(matches!(chunks.recv().unwrap(), Chunk::End));
}
