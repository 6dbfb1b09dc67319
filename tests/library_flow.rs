//! The library as a whole, headless: scripted keys through its real run
//! loop (`tty::library::run`) on a `TestBackend`, with a fake shell that
//! records what it is asked to open and search and answers as a reader
//! would (back, or on to the next file with hits); and the reader's side
//! of the link: `Backspace`, `Esc` with nothing left to close, and `n`/`N`
//! past the last or first match each end it with an `Effect::Leave`.

mod support;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::app::{keys, started};
use tread::app::action::{Action, Effect, Leave};
use tread::app::keymap::Keymap;
use tread::app::library::{Library, Link, Opening, Row, Shelved};
use tread::app::update;
use tread::shelf::{DatedBy, Summary};
use tread::transcript::{LoadOptions, load};
use tread::tty::library::{LibEvents, LibInput, LibShell, run};
use tread::tty::run::{Exit, Input};

use support::library::{hit, rows};

/// Scripted inputs: keys, and what the background "found" in between.
struct Script(VecDeque<LibInput>);

impl LibEvents for Script {
    fn next(&mut self) -> io::Result<Option<LibInput>> {
        Ok(self.0.pop_front())
    }
}

fn typed(script: &str) -> Vec<LibInput> {
    keys(script)
        .into_iter()
        .map(|i| match i {
            Input::Key(k) => LibInput::Key(k),
            other => panic!("{other:?}"),
        })
        .collect()
}

/// A shell that opens nothing: it records each opening and answers the
/// reader's way out from a list, in turn.
#[derive(Default)]
struct Fake {
    opened: Vec<Opening>,
    searches: Vec<(u64, String, Vec<PathBuf>)>,
    answers: VecDeque<Exit>,
}

impl LibShell for Fake {
    fn open(&mut self, opening: &Opening) -> io::Result<Exit> {
        self.opened.push(opening.clone());
        Ok(self
            .answers
            .pop_front()
            .unwrap_or(Exit::Leave(Leave::Library)))
    }
    fn search(&mut self, id: u64, query: &str, paths: Vec<PathBuf>) {
        self.searches.push((id, query.to_string(), paths));
    }
    fn stop_search(&mut self) {}
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn drive(lib: &mut Library, inputs: Vec<LibInput>, shell: &mut Fake) -> (Exit, String) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events = Script(inputs.into());
    let exit = run(&mut terminal, lib, &mut events, shell).unwrap();
    (exit, format!("{}", terminal.backend()))
}

#[test]
fn sort_filter_open_and_back_through_the_run_loop() {
    let mut lib = Library::new(rows(), Keymap::default_keymap(), false);
    let mut shell = Fake::default();
    // Sort by turns, most first; filter to "anna"; open the first row.
    let mut inputs = typed("55fanna<enter><enter>");
    inputs.extend(typed("q"));
    let (exit, screen) = drive(&mut lib, inputs, &mut shell);
    assert_eq!(exit, Exit::Quit);
    let paths: Vec<_> = shell.opened.iter().map(|o| o.path.clone()).collect();
    assert_eq!(
        paths,
        [PathBuf::from("/shelf/b.txt")],
        "most turns of Anna's"
    );
    assert_eq!(shell.opened[0].link, Link::default());
    // Back in the library, where it was: the filter kept, b selected.
    assert!(screen.contains("filter \"anna\""), "{screen}");
    assert_eq!(lib.selected_row().unwrap().shown, "b.txt");
}

#[test]
fn a_hit_opens_the_reader_and_n_past_its_last_goes_on_to_the_next_file() {
    let mut lib = Library::new(rows(), Keymap::default_keymap(), false);
    let mut shell = Fake::default();
    let mut inputs = typed("/tax");
    // A search for each key typed: the third, "tax", is search 3.
    inputs.push(LibInput::Shelved(vec![
        Shelved::hits(
            3,
            "/shelf/a.srt".into(),
            vec![hit("/shelf/a.srt", 1, "tax")],
        ),
        Shelved::hits(3, "/shelf/b.txt".into(), vec![]),
        Shelved::hits(
            3,
            "/shelf/d.vtt".into(),
            vec![hit("/shelf/d.vtt", 2, "taxes")],
        ),
        Shelved::Searched(3),
    ]));
    inputs.extend(typed("<enter>j<enter>q"));
    shell.answers = [Exit::Leave(Leave::Next), Exit::Leave(Leave::Next)].into();
    let (exit, screen) = drive(&mut lib, inputs, &mut shell);
    assert_eq!(exit, Exit::Quit);
    assert_eq!(shell.searches.len(), 3, "one search per key typed");
    assert_eq!(shell.searches[2].1, "tax");
    let opened: Vec<_> = shell
        .opened
        .iter()
        .map(|o| (o.path.display().to_string(), o.at.map(|a| a.section)))
        .collect();
    assert_eq!(
        opened,
        [
            ("/shelf/a.srt".to_string(), Some(1)),
            ("/shelf/d.vtt".to_string(), Some(2))
        ],
        "n past a.srt's last hit opened d.vtt at its first"
    );
    assert_eq!(shell.opened[1].link.search.as_deref(), Some("tax"));
    assert!(screen.contains("last transcript with hits"), "{screen}");
}

fn linked(onward: bool) -> tread::app::State {
    let text = "ANNA: Taxes first. Then the tax cut.\n\nBEN: No tax.\n\nANNA: Fine.\n";
    let doc = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    started(doc, "t.txt", Keymap::default_keymap(), |up| {
        up.link = Some(Link {
            search: Some("tax".into()),
            onward,
        })
    })
}

#[test]
fn a_reader_opened_at_a_hit_shows_the_search_and_n_n_leave_past_the_ends() {
    let mut s = linked(true);
    let find = s.finder().find().expect("the search is on");
    assert_eq!(find.search.count(), 3);
    assert!(find.current.is_some(), "at the first match");
    assert_eq!(update(&mut s, Action::NextMatch), None);
    assert_eq!(update(&mut s, Action::NextMatch), None);
    assert_eq!(
        update(&mut s, Action::NextMatch),
        Some(Effect::Leave(Leave::Next))
    );
    let mut s = linked(true);
    assert_eq!(
        update(&mut s, Action::PrevMatch),
        Some(Effect::Leave(Leave::Prev))
    );
    // Without going on (the link from a row), n wraps as ever.
    let mut s = linked(false);
    for _ in 0..3 {
        assert_eq!(update(&mut s, Action::NextMatch), None);
    }
}

#[test]
fn backspace_and_a_spare_esc_go_back_to_the_library() {
    let mut s = linked(true);
    assert_eq!(
        update(&mut s, Action::Back),
        Some(Effect::Leave(Leave::Library))
    );
    // Esc first drops the search (and its message), then goes back.
    assert_eq!(update(&mut s, Action::CloseOverlay), None);
    assert!(s.finder().find().is_none());
    assert_eq!(
        update(&mut s, Action::CloseOverlay),
        Some(Effect::Leave(Leave::Library))
    );
    // A reader opened on a file goes nowhere.
    let mut s = support::app::sample();
    assert_eq!(update(&mut s, Action::Back), None);
    assert!(s.message().unwrap().contains("not opened from a library"));
    assert_eq!(update(&mut s, Action::CloseOverlay), None);
}

#[test]
fn a_row_that_is_not_a_transcript_is_not_opened() {
    let mut bin = Summary::failed(std::path::Path::new("/shelf/x.bin"), None, "binary".into());
    bin.dated_by = DatedBy::FileTime;
    let row = Row {
        path: "/shelf/x.bin".into(),
        shown: "x.bin".into(),
        summary: bin,
        counts: None,
    };
    let mut lib = Library::new(vec![row], Keymap::default_keymap(), false);
    let mut shell = Fake::default();
    let (_, screen) = drive(&mut lib, typed("<enter>"), &mut shell);
    assert!(shell.opened.is_empty());
    assert!(screen.contains("x.bin: binary"), "{screen}");
}
