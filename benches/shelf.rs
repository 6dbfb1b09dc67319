//! A shelf of 1,000 generated transcripts, about 100 MB (English
//! interviews as plain text, SRT captions, Chinese interviews; each file
//! different, dated in the past so the cache trusts their stamps):
//!
//! - `head scan, cold`: walk and summarise every file from its first
//!   64 KiB, no cache: what a library's first frame costs without one;
//! - `full scan, cold`: walk and summarise every file whole through an
//!   empty cache, which is then saved: a first open filled in;
//! - `warm scan`: open the saved cache and answer every file from its
//!   stamp: a second open's first frame;
//! - `search, first hits`: files searched in path order until the first
//!   with a hit, for a word in one file in fifty;
//! - `search, full count`: every hit of that word, and of a word that is
//!   in no file (the prefilter's best case) and of a common one;
//! - the same on the machine's threads (`search_paths`, at most four),
//!   as `tread --search` runs.
//!
//! The corpus is written to a temporary directory when the bench starts.

use std::fs::{self, File};
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use tread::shelf::{self, Cache, Context, HEAD_BYTES, ShelfQuery, Summary};

const FILES: usize = 1000;
const FILE_BYTES: usize = 100_000;
/// The word planted in one file in fifty.
const RARE: &str = "zephyrine";

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path().join("shelf");
        let past = SystemTime::now() - Duration::from_secs(86_400);
        for i in 0..FILES {
            let (sub, ext, text) = transcript(i);
            let folder = root.join(sub);
            fs::create_dir_all(&folder).expect("creates");
            let path = folder.join(format!("t{i:04}.{ext}"));
            let mut file = File::create(&path).expect("writes");
            file.write_all(text.as_bytes()).expect("writes");
            file.set_modified(past).expect("dates");
        }
        Corpus { _dir: dir, root }
    })
}

/// A tiny deterministic generator, so every file differs and runs agree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const EN: &[&str] = &[
    "the",
    "model",
    "open",
    "pricing",
    "we",
    "think",
    "serving",
    "costs",
    "people",
    "build",
    "market",
    "data",
    "training",
    "really",
    "question",
    "and",
    "a",
    "of",
    "to",
    "it",
    "that",
    "is",
    "users",
    "developers",
    "benchmark",
    "latency",
    "hardware",
    "team",
    "year",
    "growth",
];
const ZH: &[&str] = &[
    "我们",
    "模型",
    "开源",
    "价格",
    "认为",
    "成本",
    "用户",
    "开发者",
    "数据",
    "训练",
    "市场",
    "今天",
    "问题",
    "非常",
    "重要",
    "的",
    "了",
    "是",
    "在",
    "和",
];

/// Folder, extension and text of transcript `i`.
fn transcript(i: usize) -> (String, &'static str, String) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1));
    let sub = format!(
        "{}/{}",
        2020 + i % 5,
        ["interviews", "calls", "press"][i % 3]
    );
    let rare = i % 50 == 7;
    let mut out = String::with_capacity(FILE_BYTES + 200);
    let (ext, names) = match i % 10 {
        0 | 1 => ("srt", ["ANNA", "BEN"]),
        2 => ("txt", ["主持人", "嘉宾"]),
        _ => ("txt", ["Interviewer", "Guest"]),
    };
    if ext == "txt" {
        out.push_str(&format!(
            "Interview {i}\nDate: {}-0{}-1{}\n\n",
            2020 + i % 5,
            1 + i % 9,
            i % 10
        ));
    }
    let mut n = 0;
    while out.len() < FILE_BYTES {
        let zh = i % 10 == 2;
        let words: Vec<&str> = (0..8 + rng.next() % 30)
            .map(|_| if zh { rng.pick(ZH) } else { rng.pick(EN) })
            .collect();
        let mut said = words.join(if zh { "" } else { " " });
        if rare && n == 40 {
            said.push_str(&format!(" {RARE}"));
        }
        said.push_str(if zh { "。" } else { "." });
        let who = names[n % 2];
        match ext {
            "srt" => {
                let (s, e) = (n * 4, n * 4 + 3);
                let t = |s: usize| format!("{:02}:{:02}:{:02},000", s / 3600, s / 60 % 60, s % 60);
                out.push_str(&format!(
                    "{}\n{} --> {}\n{who}: {said}\n\n",
                    n + 1,
                    t(s),
                    t(e)
                ));
            }
            _ => out.push_str(&format!("{who}{} {said}\n\n", if zh { "：" } else { ":" })),
        }
        n += 1;
    }
    (sub, ext, out)
}

fn found() -> Vec<shelf::Found> {
    shelf::walk(&[corpus().root.clone()])
}

fn head(path: &Path) -> Option<Summary> {
    let meta = fs::metadata(path).ok()?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    File::open(path)
        .ok()?
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    Some(Summary::of_head(path, &head, &meta))
}

fn scans(c: &mut Criterion) {
    let found = found();
    assert_eq!(found.len(), FILES);
    let mut group = c.benchmark_group("shelf");
    group.sample_size(10);
    group.bench_function("head scan, cold", |b| {
        b.iter(|| {
            let found = self::found();
            black_box(found.iter().filter_map(|f| head(&f.path)).count())
        })
    });
    let cache_dir = tempfile::tempdir().expect("a temporary directory");
    let cache_file = cache_dir.path().join("shelf.json");
    group.bench_function("full scan, cold", |b| {
        b.iter(|| {
            let _ = fs::remove_file(&cache_file);
            let cache = Cache::open(&cache_file);
            let n = shelf::scan(&self::found(), Some(&cache)).count();
            cache.save().expect("saves");
            black_box(n)
        })
    });
    let options = tread::transcript::LoadOptions::default();
    group.bench_function("warm scan", |b| {
        b.iter(|| {
            let cache = Cache::open(&cache_file);
            let found = self::found();
            let hits = (found.iter())
                .filter(|f| {
                    let meta = fs::metadata(&f.path).expect("stat");
                    cache.lookup(&f.path, &meta, &options).is_some()
                })
                .count();
            assert_eq!(hits, FILES);
            black_box(hits)
        })
    });
    group.finish();
}

fn searches(c: &mut Criterion) {
    let found = found();
    let ctx = Context::default();
    let count = |q: &ShelfQuery| -> usize {
        (found.iter())
            .filter_map(|f| shelf::search_file(&f.path, q, &ctx).ok())
            .map(|hits| hits.len())
            .sum()
    };
    let rare = ShelfQuery::parse(RARE).expect("parses");
    let absent = ShelfQuery::parse("quixotically").expect("parses");
    let common = ShelfQuery::parse("pricing").expect("parses");
    let regex = ShelfQuery::parse("\\vzephyr(ine|us)").expect("parses");
    assert_eq!(count(&rare), FILES / 50);
    let mut group = c.benchmark_group("shelf search");
    group.sample_size(10);
    group.bench_function("first hits", |b| {
        b.iter(|| {
            let first = (found.iter())
                .map(|f| shelf::search_file(&f.path, &rare, &ctx).unwrap_or_default())
                .find(|hits| !hits.is_empty());
            black_box(first)
        })
    });
    group.bench_function("full count, rare word", |b| {
        b.iter(|| black_box(count(&rare)))
    });
    group.bench_function("full count, absent word", |b| {
        b.iter(|| black_box(count(&absent)))
    });
    group.bench_function("full count, regex (no prefilter)", |b| {
        b.iter(|| black_box(count(&regex)))
    });
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("full count, common word", |b| {
        b.iter(|| black_box(count(&common)))
    });
    let paths: Vec<PathBuf> = found.iter().map(|f| f.path.clone()).collect();
    let threads = shelf::parallel::threads();
    let ctx = Arc::new(ctx.clone());
    let parallel = |q: &ShelfQuery| -> usize {
        let q = Arc::new(q.clone());
        (shelf::search_paths(paths.clone(), q, ctx.clone(), threads))
            .filter_map(|(_, hits)| hits.ok())
            .map(|hits| hits.len())
            .sum()
    };
    assert_eq!(parallel(&common), count(&common));
    let name = |what: &str| format!("{what}, {threads} threads");
    group.bench_function(name("first hits"), |b| {
        b.iter(|| {
            let q = Arc::new(rare.clone());
            let mut results = shelf::search_paths(paths.clone(), q, ctx.clone(), threads);
            black_box(results.find(|(_, hits)| hits.as_ref().is_ok_and(|h| !h.is_empty())))
        })
    });
    group.bench_function(name("full count, common word"), |b| {
        b.iter(|| black_box(parallel(&common)))
    });
    group.bench_function(name("full count, regex"), |b| {
        b.iter(|| black_box(parallel(&regex)))
    });
    group.finish();
}

criterion_group!(benches, scans, searches);
criterion_main!(benches);
