//! Search over a 16 MB transcript (the sample repeated): time to the first
//! result from the start, to the full count, and for one frame's step; and
//! in the reader at 200 MB, each key typed in the query line and each idle
//! tick of the count, with the frame drawn after it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tread::app::action::EditKey;
use tread::app::keymap::Keymap;
use tread::app::{Action, State, update};
use tread::transcript::search::{Lookup, Matcher, Search, search_all};
use tread::transcript::stats::speaker_shares;
use tread::transcript::{Document, LoadOptions, load};
use tread::ui;

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

/// Lay out and draw one frame, as the run loop does.
fn frame(terminal: &mut Terminal<TestBackend>, state: &mut State) {
    let vp = ui::layout::viewport(Rect::new(0, 0, 120, 40), state);
    if vp != state.viewport() {
        update(state, Action::Viewport(vp));
    }
    terminal.draw(|f| ui::render(f, state)).expect("draws");
}

/// The query line at 200 MB: a key typed (the query grows by one
/// character, then shrinks back with Backspace, so every sample is a new
/// query), and a tick of the count continuing in the background.
fn search_keys(c: &mut Criterion) {
    let mut bytes = Vec::with_capacity((200 << 20) + tread::SAMPLE.len());
    while bytes.len() < 200 << 20 {
        bytes.extend_from_slice(tread::SAMPLE);
        bytes.push(b'\n');
    }
    let doc = load(&bytes, &LoadOptions::default()).expect("loads");
    drop(bytes);
    let mut state = State::new(doc, "bench", Keymap::default_keymap());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    frame(&mut terminal, &mut state);
    let mut group = c.benchmark_group("search-keys-200MB");
    group.sample_size(20);
    for (name, query) in [
        ("cjk", "蒸馏"),
        ("one-letter", "a"),
        ("absent", "不存在的词zq"),
    ] {
        update(&mut state, Action::Search);
        let mut chars = query.chars();
        let last = chars.next_back().expect("a query");
        for c in chars {
            update(&mut state, Action::Edit(EditKey::Char(c)));
        }
        let mut typed = false;
        group.bench_function(format!("key+frame/{name}"), |b| {
            b.iter(|| {
                let key = if typed {
                    EditKey::Backspace
                } else {
                    EditKey::Char(last)
                };
                typed = !typed;
                update(&mut state, black_box(Action::Edit(key)));
                frame(&mut terminal, &mut state);
            })
        });
        // Only ticks with a count still growing are timed: when it ends,
        // the query is typed again (untimed) so the count starts over.
        group.bench_function(format!("tick+frame/{name}"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    if !state.finder().busy() {
                        if typed {
                            update(&mut state, Action::Edit(EditKey::Backspace));
                        }
                        update(&mut state, Action::Edit(EditKey::Char(last)));
                        typed = true;
                    }
                    let started = Instant::now();
                    update(&mut state, Action::Tick);
                    frame(&mut terminal, &mut state);
                    spent += started.elapsed();
                }
                spent
            })
        });
        update(&mut state, Action::Edit(EditKey::Cancel));
    }
    group.finish();
}

criterion_group!(benches, search, search_full_width, search_keys);
criterion_main!(benches);
