//! Throughput of sentence splitting and claim detection on the sample's
//! paragraphs, repeated to about 4 MB.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tread::transcript::{claims, sentences};

fn paragraphs() -> Vec<String> {
    let text = std::str::from_utf8(tread::SAMPLE).expect("sample is UTF-8");
    let one: Vec<String> = text
        .lines()
        .map(|l| l.trim_matches(char::is_whitespace).to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let size: usize = one.iter().map(String::len).sum();
    std::iter::repeat_n(one, (4 << 20) / size + 1)
        .flatten()
        .collect()
}

fn bench(c: &mut Criterion) {
    let paragraphs = paragraphs();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("split", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| sentences::split(black_box(p)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("detect_in", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| claims::detect_in(black_box(p)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
