//! The bookmark store with 50,000 bookmarks: one `add` (what the `m` key
//! costs: lock, catch up, append, fsync), a note edit, opening the store,
//! and a compaction (a whole rewrite, as every save used to be). The
//! snapshot is built once in setup, written directly.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::Map;
use tread::store::anchor::{Anchor, Span};
use tread::store::bookmarks::new_id;
use tread::store::merge::Merged;
use tread::store::{Bookmark, Store, snapshot};
use tread::transcript::{Document, Section, Turn};

const BOOKMARKS: usize = 50_000;

fn template() -> Bookmark {
    let doc = Document {
        sections: vec![Section {
            turns: vec![Turn {
                speaker: Some("Ada".into()),
                paragraphs: vec!["A bookmark among fifty thousand others.".into()],
                ..Turn::default()
            }],
            ..Section::default()
        }],
        ..Document::default()
    };
    let a = |offset| Anchor {
        section: 0,
        turn: 0,
        paragraph: 0,
        offset,
    };
    let span = Span {
        start: a(2),
        end: a(10),
    };
    Bookmark::fresh(
        &doc,
        span,
        "a note of ordinary length, written while reading",
    )
    .unwrap()
}

/// A bookmark of its own paragraph, so no two are identical marks.
fn nth(template: &Bookmark, n: usize) -> Bookmark {
    let mut b = template.clone();
    b.id = new_id();
    b.start.paragraph = n;
    b.end.paragraph = n;
    b
}

/// The snapshot of `BOOKMARKS` bookmarks in `dir`, with a log beside it.
fn store_in(dir: &Path) -> PathBuf {
    let t = template();
    let list = (0..BOOKMARKS).map(|n| nth(&t, n)).collect();
    let merged = Merged::new(list, Vec::new(), BTreeMap::new());
    let path = dir.join("bench.json");
    let bytes = snapshot::encode(&path, "bench.txt", 1, &merged, &Map::new()).expect("encodes");
    std::fs::write(&path, bytes).expect("writes");
    let (mut store, _) = Store::open_file(path.clone(), "bench.txt").expect("opens");
    store.add(nth(&t, BOOKMARKS)).expect("first save");
    path
}

fn store(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = store_in(tmp.path());
    let t = template();
    let mut group = c.benchmark_group("store-50k");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(4));

    let (mut store, _) = Store::open_file(path.clone(), "bench.txt").expect("opens");
    let mut n = BOOKMARKS + 1;
    group.bench_function("add", |b| {
        b.iter_batched(
            || {
                n += 1;
                nth(&t, n)
            },
            |m| store.add(black_box(m)).expect("saves"),
            BatchSize::SmallInput,
        )
    });
    let id = store.list()[BOOKMARKS / 2].id.clone();
    let mut i = 0u64;
    group.bench_function("set_note", |b| {
        b.iter(|| {
            i += 1;
            store.set_note(&id, &format!("edit {i}")).expect("saves")
        })
    });
    drop(store);

    // A fresh copy, so the log the benches above grew is not read here.
    let fresh = tempfile::tempdir().expect("temp dir");
    let path = store_in(fresh.path());
    group.sample_size(10);
    group.bench_function("open", |b| {
        b.iter_with_large_drop(|| {
            Store::open_file(black_box(path.clone()), "bench.txt").expect("opens")
        })
    });
    // A full rewrite: what compaction costs, and what every change cost
    // when each one rewrote the whole file.
    let (mut store, _) = Store::open_file(path, "bench.txt").expect("opens");
    group.bench_function("compact", |b| b.iter(|| store.compact().expect("compacts")));
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);
