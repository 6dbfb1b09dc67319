//! The reader at every terminal size, headless: tiny, odd and huge
//! terminals, a thousand resizes in a row, and hostile text on screen.
//! Nothing may panic, no row may run past the right edge, the current
//! sentence must survive, and no cell may hold a terminal control.

mod support;

use support::app::Reader;
use support::hostile::hostile_transcript;
use tread::app::keymap::Keymap;
use tread::app::state::State;
use tread::transcript::{LoadOptions, load};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 6] = [(1, 1), (2, 2), (10, 3), (19, 5), (20, 5), (400, 120)];

/// Every row fits the width, and no cell holds a control character.
fn check_screen(r: &Reader) {
    let b = r.buffer();
    for y in 0..b.area.height {
        let used: usize = r.cells(y).map(|x| b[(x, y)].symbol().width().max(1)).sum();
        assert!(
            used <= usize::from(b.area.width),
            "row {y} is {used} wide in {}×{}:\n{}",
            b.area.width,
            b.area.height,
            r.screen()
        );
        for x in 0..b.area.width {
            let sym = b[(x, y)].symbol();
            assert!(
                !sym.chars().any(|c| c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "cell {x},{y} holds {sym:?}"
            );
        }
    }
}

#[test]
fn every_size_draws_and_tiny_ones_say_so() {
    for (w, h) in SIZES {
        let mut r = Reader::new(w, h);
        r.keys("jjJ]>G");
        check_screen(&r);
        let screen = r.screen();
        if w < 20 || h < 5 {
            // As much of the message as fits.
            let shown = screen.lines().next().unwrap().trim_end();
            assert!(
                "terminal too small".starts_with(shown) && !shown.is_empty(),
                "{w}×{h}: {screen:?}"
            );
        } else {
            assert!(!screen.contains("terminal too small"), "{w}×{h}:\n{screen}");
        }
    }
}

#[test]
fn the_help_and_lists_draw_at_every_size() {
    for (w, h) in SIZES {
        for keys in ["?", "'", "s", "t", "c", "/大模型"] {
            let mut r = Reader::new(w, h);
            r.keys(keys);
            check_screen(&r);
        }
    }
}

/// A small deterministic generator: the same thousand sizes every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_thousand_resizes_keep_the_current_sentence() {
    let mut r = Reader::new(120, 40);
    r.keys("]]jjjj");
    let sentence = r.state.cursor();
    let highlighted = r.highlighted();
    assert!(!highlighted.is_empty());

    let mut rng = Lcg(0x7265_6164);
    for i in 0..1000 {
        // Mostly ordinary sizes, sometimes tiny or huge.
        let (w, h) = match rng.below(10) {
            0 => (1 + rng.below(25), 1 + rng.below(8)),
            1 => (300 + rng.below(200), 100 + rng.below(50)),
            _ => (20 + rng.below(180), 5 + rng.below(60)),
        };
        r.resize(w as u16, h as u16);
        r.input(Vec::new());
        assert_eq!(r.state.cursor(), sentence, "resize {i} to {w}×{h}");
        if i % 50 == 0 {
            check_screen(&r);
        }
    }
    r.resize(120, 40);
    r.input(Vec::new());
    assert_eq!(r.state.cursor(), sentence);
    assert_eq!(r.highlighted(), highlighted);
}

fn hostile_reader(w: u16, h: u16) -> Reader {
    let doc = load(hostile_transcript().as_bytes(), &LoadOptions::default()).unwrap();
    let mut r = Reader::with_state(
        State::new(doc, "hostile.txt", Keymap::default_keymap()),
        w,
        h,
    );
    r.input(Vec::new());
    r
}

#[test]
fn hostile_text_shows_as_symbols_at_every_size() {
    for (w, h) in SIZES.into_iter().chain([(100, 30), (60, 20)]) {
        let mut r = hostile_reader(w, h);
        check_screen(&r);
        // Walk every sentence so each line is drawn at least once.
        r.keys(&"j".repeat(120));
        check_screen(&r);
    }
    let mut r = hostile_reader(200, 120);
    let screen = r.screen();
    assert!(screen.contains('\u{241B}'), "ESC shown as ␛:\n{screen}");
    assert!(
        screen.contains("<9B>"),
        "8-bit CSI shown as <9B>:\n{screen}"
    );
    r.keys("G");
    check_screen(&r);
}

#[test]
fn the_unsaved_prompt_draws_at_every_size() {
    use tread::app::action::Action;
    use tread::app::update::update;
    for (w, h) in SIZES {
        for keys in ["", "w", "wabc"] {
            let mut r = Reader::new(w, h);
            update(
                &mut r.state,
                Action::Unsaved(tread::app::unsaved::Pending {
                    bookmarks: 2,
                    ..Default::default()
                }),
            );
            r.keys(keys);
            check_screen(&r);
        }
    }
}
