//! Search over a 16 MB transcript (the sample repeated): time to the first
//! result from the start, to the full count, and for one frame's step.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tread::transcript::search::{Lookup, Matcher, Search, search_all};
use tread::transcript::stats::speaker_shares;
use tread::transcript::{Document, LoadOptions, load};

const BIG: usize = 16 << 20;
/// What the UI might scan per frame.
const FRAME_BUDGET: usize = 256 << 10;

fn big_document(sample: &[u8]) -> Document {
    let mut bytes = Vec::with_capacity(BIG + sample.len());
    while bytes.len() < BIG {
        bytes.extend_from_slice(sample);
        bytes.push(b'\n');
    }
    load(&bytes, &LoadOptions::default()).expect("loads")
}

/// The sample with full-width punctuation, as many Chinese transcripts have:
/// every paragraph then takes the folding path with an offset map.
fn full_width_sample() -> Vec<u8> {
    let text = std::str::from_utf8(tread::SAMPLE).expect("UTF-8 sample");
    text.chars()
        .map(|c| match c {
            ',' => '，',
            '?' => '？',
            '!' => '！',
            '(' => '（',
            ')' => '）',
            ';' => '；',
            '%' => '％',
            c => c,
        })
        .collect::<String>()
        .into_bytes()
}

const QUERIES: &[(&str, &str)] = &[
    ("cjk", "蒸馏"),
    ("ascii-smartcase", "ai"),
    ("regex", r"\v\d+(\.\d+)?%"),
    ("absent", "不存在的词"),
];

fn search(c: &mut Criterion) {
    let doc = big_document(tread::SAMPLE);
    let mut group = c.benchmark_group("search-16MB");
    group.sample_size(10);
    for &(name, query) in QUERIES {
        let m = Matcher::new(query, false).expect("valid query");
        eprintln!("{name}: {} hits", search_all(&m, &doc).len());
        group.bench_function(format!("first/{name}"), |b| {
            b.iter(|| {
                let mut s = Search::new(m.clone(), &doc, 0);
                loop {
                    let done = s.step(&doc, FRAME_BUDGET);
                    if s.first() != Lookup::Pending || done {
                        break black_box(s.first());
                    }
                }
            })
        });
        group.bench_function(format!("count/{name}"), |b| {
            b.iter(|| search_all(black_box(&m), &doc).len())
        });
        // One frame's worth of scanning from a mid-document origin.
        let mut s = Search::new(m.clone(), &doc, 0);
        group.bench_function(format!("step-256KB/{name}"), |b| {
            b.iter(|| {
                if s.step(&doc, FRAME_BUDGET) {
                    s = Search::new(m.clone(), &doc, 0);
                }
            })
        });
    }
    group.bench_function("new-search (paragraph index)", |b| {
        let m = Matcher::new("ai", false).unwrap();
        b.iter(|| Search::new(m.clone(), black_box(&doc), 0))
    });
    group.bench_function("speaker-shares", |b| {
        b.iter(|| speaker_shares(black_box(&doc)))
    });
    group.finish();
}

fn search_full_width(c: &mut Criterion) {
    let doc = big_document(&full_width_sample());
    let mut group = c.benchmark_group("search-16MB-fullwidth");
    group.sample_size(10);
    for &(name, query) in QUERIES {
        let m = Matcher::new(query, false).expect("valid query");
        group.bench_function(format!("count/{name}"), |b| {
            b.iter(|| search_all(black_box(&m), &doc).len())
        });
    }
    group.finish();
}

criterion_group!(benches, search, search_full_width);
criterion_main!(benches);
