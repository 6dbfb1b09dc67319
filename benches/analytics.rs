//! Who talked how much over a 16 MB transcript: the analytics the `A`
//! overlay and `--stats` show (computed once per document, then cached),
//! on the sample repeated (text, no times) and on 16 MB of WebVTT with
//! voices (talk time and the timeline too). Target: under 50 ms.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tread::transcript::stats::Analytics;
use tread::transcript::{Document, LoadOptions, load};

const BIG: usize = 16 << 20;

fn big_text() -> Document {
    let mut bytes = Vec::with_capacity(BIG + tread::SAMPLE.len());
    while bytes.len() < BIG {
        bytes.extend_from_slice(tread::SAMPLE);
        bytes.push(b'\n');
    }
    load(&bytes, &LoadOptions::default()).expect("loads")
}

/// Cues of four voices, English and Chinese, three seconds apart.
fn big_vtt() -> Document {
    let voices = ["Ana", "Ben Carter", "张伟", "Dr. Okonkwo"];
    let lines = [
        "We raised prices twice last year, and churn went up by 4.5%.",
        "我估计至少还要持续两年，价格是关键。",
        "Discounts train customers to wait for the next one.",
        "I disagree: timing matters more than price.",
    ];
    let mut text = String::with_capacity(BIG + 256);
    text.push_str("WEBVTT\n\n");
    let mut i = 0usize;
    while text.len() < BIG {
        let (a, b) = (i * 3, i * 3 + 3);
        let t = |s: usize| format!("{:02}:{:02}:{:02}.000", s / 3600, s / 60 % 60, s % 60);
        let _ = write!(
            text,
            "{} --> {}\n<v {}>{}\n\n",
            t(a),
            t(b),
            voices[(i / 3) % voices.len()],
            lines[i % lines.len()]
        );
        i += 1;
    }
    load(text.as_bytes(), &LoadOptions::default()).expect("loads")
}

fn analytics(c: &mut Criterion) {
    let mut group = c.benchmark_group("analytics-16MB");
    group.sample_size(10);
    for (name, doc) in [("text", big_text()), ("vtt", big_vtt())] {
        let a = Analytics::of(&doc);
        eprintln!(
            "{name}: {} speakers, {} turns, {} words, timed: {}",
            a.speakers.len(),
            a.turns,
            a.words,
            a.timeline.is_some()
        );
        group.bench_function(name, |b| b.iter(|| Analytics::of(black_box(&doc))));
    }
    group.finish();
}

criterion_group!(benches, analytics);
criterion_main!(benches);
