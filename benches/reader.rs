//! Reader responsiveness: a key press plus a frame on the sample and on a
//! 16 MB transcript (the sample repeated), and the first frame after loading.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use tread::app::keymap::Keymap;
use tread::app::{Action, State, update};
use tread::transcript::{LoadOptions, load};
use tread::ui;

const BIG: usize = 16 << 20;

fn big_transcript() -> Vec<u8> {
    let mut out = Vec::with_capacity(BIG + tread::SAMPLE.len());
    while out.len() < BIG {
        out.extend_from_slice(tread::SAMPLE);
        out.push(b'\n');
    }
    out
}

fn open(bytes: &[u8]) -> State {
    let doc = load(bytes, &LoadOptions::default()).expect("loads");
    State::new(doc, "bench", Keymap::default_keymap())
}

/// Lay out and draw one frame, as the run loop does.
fn frame(terminal: &mut Terminal<TestBackend>, state: &mut State) {
    let vp = ui::layout::viewport(Rect::new(0, 0, 120, 40), state);
    if vp != state.viewport() {
        update(state, Action::Viewport(vp));
    }
    terminal.draw(|f| ui::render(f, state)).expect("draws");
}

fn keypress(c: &mut Criterion) {
    let big = big_transcript();
    for (name, bytes) in [("sample", tread::SAMPLE), ("16MB", &big[..])] {
        let mut state = open(bytes);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        frame(&mut terminal, &mut state);
        // Start mid-document so both directions have room.
        update(&mut state, Action::GotoSection(2));
        let mut down = true;
        c.bench_function(&format!("keypress+frame/{name}"), |b| {
            b.iter(|| {
                let action = if down {
                    Action::NextSentence
                } else {
                    Action::PrevSentence
                };
                down = !down;
                update(&mut state, black_box(action));
                frame(&mut terminal, &mut state);
            })
        });
        c.bench_function(&format!("page+frame/{name}"), |b| {
            b.iter(|| {
                let action = if down {
                    Action::PageDown
                } else {
                    Action::PageUp
                };
                down = !down;
                update(&mut state, black_box(action));
                frame(&mut terminal, &mut state);
            })
        });
    }
}

fn first_frame(c: &mut Criterion) {
    let big = big_transcript();
    let mut group = c.benchmark_group("open-16MB");
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| load(black_box(&big), &LoadOptions::default()).expect("loads"))
    });
    group.bench_function("parse+first-frame", |b| {
        b.iter(|| {
            let mut state = open(black_box(&big));
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            frame(&mut terminal, &mut state);
        })
    });
    group.finish();
}

criterion_group!(benches, keypress, first_frame);
criterion_main!(benches);
