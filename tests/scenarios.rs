//! Scripted sessions on the bundled sample, every frame recorded with its
//! styles (`support::frames`), one snapshot per session: reading, jumping
//! and back, searching, bookmarking, resizing, and a colourless session.
//! The app is reached through `support::app::Reader` (and, for the
//! colourless session, the shell's `Startup`), never through the state's
//! fields.

mod support;

use support::app::Reader;
use support::frames::Recorder;
use tread::app::keymap::Keymap;
use tread::app::{Startup, State};
use tread::transcript::{LoadOptions, load};
use tread::tty::run::{Exit, Input};

/// A reader and its recording, the opening frame already taken.
struct Session {
    r: Reader,
    rec: Recorder,
}

impl Session {
    fn open(w: u16, h: u16) -> Session {
        Session::with(Reader::new(w, h))
    }

    fn with(mut r: Reader) -> Session {
        assert_eq!(r.input(Vec::new()), Exit::EventsEnded);
        let mut rec = Recorder::new();
        rec.frame(&r, "open");
        Session { r, rec }
    }

    /// Feed each script in turn (`support::app::keys` syntax), one frame
    /// after each: what the user sees once that key is handled.
    fn keys(&mut self, scripts: &[&str]) -> &mut Session {
        for script in scripts {
            assert_eq!(self.r.keys(script), Exit::EventsEnded, "{script}");
            self.rec.frame(&self.r, &format!("after {script:?}"));
        }
        self
    }

    /// The terminal changes size; the resize event draws the next frame.
    fn resize(&mut self, w: u16, h: u16) -> &mut Session {
        self.r.resize(w, h);
        assert_eq!(self.r.input(vec![Input::Resize]), Exit::EventsEnded);
        self.rec.frame(&self.r, &format!("resized to {w}×{h}"));
        self
    }

    fn finish(self) -> String {
        self.rec.finish()
    }
}

/// The sample as `NO_COLOR` opens it: the one start-up knob the shell sets.
fn colourless(w: u16, h: u16) -> Reader {
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    let up = Startup {
        color: false,
        ..Startup::new(&doc)
    };
    let state = State::start(doc, "sample.txt", Keymap::default_keymap(), up);
    Reader::with_state(state, w, h)
}

#[test]
fn read_sentence_by_sentence_then_the_next_turn() {
    let mut s = Session::open(120, 40);
    s.keys(&["j", "j", "j", "J"]);
    insta::assert_snapshot!(s.finish());
}

#[test]
fn jump_by_section_and_contents_then_back() {
    let mut s = Session::open(100, 30);
    // `]`/`[` move by section (`}` is the next turn). Tab goes dialogue,
    // claims, contents; there `j` selects a section and Enter jumps to it.
    // Ctrl-o goes back to where the jump started.
    s.keys(&[
        "]", "]", "[", "<tab>", "<tab>", "j", "j", "<enter>", "<c-o>",
    ]);
    insta::assert_snapshot!(s.finish());
}

#[test]
fn search_as_you_type_then_next_and_previous_match() {
    let mut s = Session::open(100, 30);
    // 开源 occurs 13 times, twice in the preamble's first screen.
    s.keys(&["/", "开", "源", "<enter>", "n", "n", "N", "<esc>"]);
    insta::assert_snapshot!(s.finish());
}

#[test]
fn bookmark_a_selection_and_browse_the_list() {
    let mut s = Session::open(100, 30);
    // Two sentences as one quote, a second bookmark on the next turn, then
    // back to the top: the list opens on the first bookmark at or after
    // the cursor, so `j` has one below to go to.
    s.keys(&["v", "j", "m", "J", "m", "g", "'", "j", "<esc>"]);
    insta::assert_snapshot!(s.finish());
}

#[test]
fn panes_collapse_as_the_terminal_shrinks() {
    let mut s = Session::open(120, 40);
    s.keys(&["J"])
        .resize(80, 24)
        .keys(&["j"])
        .resize(60, 20)
        .keys(&["j"]);
    insta::assert_snapshot!(s.finish());
}

#[test]
fn search_and_bookmark_without_colour() {
    let mut s = Session::with(colourless(80, 24));
    s.keys(&["/开源<enter>", "m", "v", "j"]);
    insta::assert_snapshot!(s.finish());
}
