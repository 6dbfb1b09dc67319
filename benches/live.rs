//! Live transcripts: what following a growing file costs. `document` is the
//! whole reparse `Live::document` does after each batch of appended lines,
//! on 1 MB of settled text (about a two-hour session) in JSON lines (with
//! revisions and partials), SRT and plain text; `push` is settling that
//! megabyte as it arrives, one line at a time.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tread::transcript::LoadOptions;
use tread::transcript::live::{Live, LiveText};

const SIZE: usize = 1 << 20;

/// Two speakers alternating, a segment every 2.5 seconds.
fn said(i: usize) -> (&'static str, String) {
    let who = if i.is_multiple_of(3) {
        "Leo Park"
    } else {
        "Ana Lima"
    };
    let text = format!(
        "We measured {i} samples and the error fell by {}% this week.",
        i % 40
    );
    (who, text)
}

fn grow(cue: &dyn Fn(usize) -> String) -> Vec<u8> {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < SIZE {
        out += &cue(i);
        i += 1;
    }
    out.into_bytes()
}

fn clock(ms: usize) -> String {
    let s = ms / 1000;
    format!(
        "{:02}:{:02}:{:02},{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

/// Each segment preceded by a partial of its first half, and every tenth
/// revised later by id, as streaming recognisers write.
fn jsonl(i: usize) -> String {
    let (who, text) = said(i);
    let start = i as f64 * 2.5;
    let line = |text: &str, partial: bool| {
        format!(
            "{{\"id\": {i}, \"start\": {start}, \"end\": {}, \"text\": \" {text}\", \"speaker\": \"{who}\", \"final\": {}}}\n",
            start + 2.0,
            !partial
        )
    };
    let mut out = line(&text[..text.len() / 2], true) + &line(&text, false);
    if i.is_multiple_of(10) && i > 0 {
        let (_, again) = said(i - 1);
        out +=
            &line(&again, false).replace(&format!("\"id\": {i},"), &format!("\"id\": {},", i - 1));
    }
    out
}

fn srt(i: usize) -> String {
    let (who, text) = said(i);
    let t = i * 2500;
    format!(
        "{}\n{} --> {}\n{who}: {text}\n\n",
        i + 1,
        clock(t),
        clock(t + 2000)
    )
}

fn text(i: usize) -> String {
    let (who, text) = said(i);
    format!("{who}: {text}\n\n")
}

fn benches(c: &mut Criterion) {
    let inputs = [
        ("jsonl", grow(&jsonl)),
        ("srt", grow(&srt)),
        ("text", grow(&text)),
    ];
    let options = LoadOptions::default();

    let mut group = c.benchmark_group("live");
    group.sample_size(20);
    for (name, bytes) in &inputs {
        let mut live = Live::new();
        live.push(bytes);
        let doc = live.document(&options).expect("a document");
        assert!(doc.turns().count() > 1000, "{name} reads as turns");
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("document/{name}"), |b| {
            b.iter(|| black_box(live.document(&options).expect("a document")))
        });
    }
    let (_, lines) = &inputs[0];
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function("push/jsonl", |b| {
        b.iter(|| {
            let mut text = LiveText::new();
            for line in lines.split_inclusive(|&c| c == b'\n') {
                text.push(line);
            }
            black_box(text.generation())
        })
    });
    group.finish();
}

criterion_group!(live, benches);
criterion_main!(live);
