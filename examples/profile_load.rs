//! Profiling aid: load a transcript (or the sample) repeatedly and time each stage.
use std::time::Instant;

use tread::transcript::{claims, decode, formats};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let bytes = args
        .next()
        .map(|p| std::fs::read(p).expect("readable file"))
        .unwrap_or_else(|| tread::SAMPLE.to_vec());
    let (mut d, mut p, mut c) = (0.0, 0.0, 0.0);
    for _ in 0..n {
        let t = Instant::now();
        let decoded = decode::decode(&bytes, None).expect("decodes");
        let t1 = Instant::now();
        // Detection included: what `load` does.
        let doc = formats::read_auto(&decoded.text, None).1;
        let t2 = Instant::now();
        std::hint::black_box(claims::detect(&doc));
        let t3 = Instant::now();
        d += (t1 - t).as_secs_f64();
        p += (t2 - t1).as_secs_f64();
        c += (t3 - t2).as_secs_f64();
    }
    let mb = bytes.len() as f64 * n as f64 / 1e6;
    println!(
        "decode {:.0} MB/s, parse {:.0} MB/s, claims {:.0} MB/s, all {:.0} MB/s",
        mb / d,
        mb / p,
        mb / c,
        mb / (d + p + c)
    );
}
