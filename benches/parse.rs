//! Load throughput: decode alone, and decode + parse + claims
//! (`tread::transcript::load`), on the sample and on a 16 MB transcript
//! made of the sample's header, its body repeated, and its trailer.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tread::transcript::decode::decode;
use tread::transcript::formats::Format;
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

/// Size of the large file per input format.
const FORMAT_BYTES: usize = 4 << 20;

/// A clock for generated captions: `hh:mm:ss` plus `sep` and milliseconds.
fn clock(ms: u64, sep: char) -> String {
    let s = ms / 1000;
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        s / 3600,
        s / 60 % 60,
        s % 60,
        ms % 1000
    )
}

/// One large transcript per input format: two speakers alternating, a cue
/// every 2.5 seconds, grown to [`FORMAT_BYTES`].
fn format_inputs() -> Vec<(Format, Vec<u8>)> {
    let line = |i: usize| {
        let who = if i.is_multiple_of(3) {
            "Leo Park"
        } else {
            "Ana Lima"
        };
        (
            who,
            format!(
                "We measured {i} samples and the error fell by {}% this week.",
                i % 40
            ),
        )
    };
    let grow = |head: &str, cue: &dyn Fn(usize) -> String, tail: &str| {
        let mut out = String::from(head);
        let mut i = 0;
        while out.len() < FORMAT_BYTES {
            out += &cue(i);
            i += 1;
        }
        out += tail;
        out.into_bytes()
    };
    let t = |i: usize| i as u64 * 2500;
    let markdown = grow(
        "---\ntitle: Bench\n---\n\n# Bench\n\n",
        &|i| {
            let (who, text) = line(i);
            let heading = if i.is_multiple_of(200) {
                format!("## Part {}\n\n", i / 200)
            } else {
                String::new()
            };
            format!("{heading}**{who}:** {text} [link](https://example.org/{i})\n\n")
        },
        "",
    );
    let vtt = grow(
        "WEBVTT\nKind: captions\n\n",
        &|i| {
            let (who, text) = line(i);
            format!(
                "{i}\n{} --> {}\n<v {who}>{text}</v>\n\n",
                clock(t(i), '.'),
                clock(t(i) + 2000, '.')
            )
        },
        "",
    );
    let srt = grow(
        "",
        &|i| {
            let (who, text) = line(i);
            format!(
                "{}\n{} --> {}\n{who}: {text}\n\n",
                i + 1,
                clock(t(i), ','),
                clock(t(i) + 2000, ',')
            )
        },
        "",
    );
    let json = grow(
        "{\"segments\": [\n",
        &|i| {
            let (who, text) = line(i);
            let start = t(i) as f64 / 1000.0;
            format!(
                "{}{{\"start\": {start}, \"end\": {}, \"text\": \" {text}\", \"speaker\": \"{who}\"}}\n",
                if i > 0 { "," } else { "" },
                start + 2.0
            )
        },
        "]}\n",
    );
    let diarized = grow(
        "",
        &|i| {
            let (who, text) = line(i);
            let s = t(i) / 1000;
            format!(
                "[{who}] [{:02}:{:02}:{:02}] {text}\n",
                s / 3600,
                s / 60 % 60,
                s % 60
            )
        },
        "",
    );
    vec![
        (Format::Markdown, markdown),
        (Format::Vtt, vtt),
        (Format::Srt, srt),
        (Format::Json, json),
        (Format::Diarized, diarized),
    ]
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

    // Decode, detect, read and find claims: one large file per input format.
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    for (format, bytes) in format_inputs() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let detected =
            tread::transcript::formats::detect(std::str::from_utf8(&bytes).unwrap(), None);
        assert_eq!(detected, format, "the generated {format} file is detected");
        group.bench_function(format.name(), |b| {
            b.iter(|| load(black_box(&bytes), &LoadOptions::default()).expect("loads"))
        });
    }
    group.finish();
}

criterion_group!(parse, benches);
criterion_main!(parse);
