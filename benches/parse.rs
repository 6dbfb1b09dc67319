//! Load throughput: decode alone, and decode + parse + claims
//! (`tread::transcript::load`), on the sample and on a 16 MB transcript
//! made of the sample's header, its body repeated, and its trailer.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tread::transcript::decode::decode;
use tread::transcript::{LoadOptions, load};

const BIG: usize = 16 << 20;

/// The sample with its body (between the metadata and the author line)
/// repeated up to 16 MB, so the result is still one plausible document.
fn big_transcript() -> Vec<u8> {
    let sample = std::str::from_utf8(tread::SAMPLE).expect("the sample is UTF-8");
    let lines: Vec<&str> = sample.split_inclusive('\n').collect();
    let body_start = 4.min(lines.len());
    let body_end = lines
        .iter()
        .rposition(|l| l.starts_with("作者"))
        .unwrap_or(lines.len())
        .max(body_start);
    let body: String = lines[body_start..body_end].concat();
    let mut out = lines[..body_start].concat().into_bytes();
    while out.len() < BIG {
        out.extend_from_slice(body.as_bytes());
    }
    out.extend(lines[body_end..].concat().bytes());
    out
}

fn benches(c: &mut Criterion) {
    let big = big_transcript();
    let inputs: [(&str, &[u8]); 2] = [("sample", tread::SAMPLE), ("16MB", &big)];

    let mut group = c.benchmark_group("decode");
    for (name, bytes) in inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| decode(black_box(bytes), None).expect("decodes"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (name, bytes) in inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| load(black_box(bytes), &LoadOptions::default()).expect("loads"))
        });
    }
    group.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
