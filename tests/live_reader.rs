//! The reader takes a new version of its document in place (a followed
//! file grew, or was rewritten): the reading place, the bookmarks and the
//! speaker shown are kept, and while following the view keeps the end in
//! sight until the user moves up, then counts what arrives below.

mod support;

use support::app::{Reader, started};
use tread::app::action::{Action, Effect, Report};
use tread::app::keymap::Keymap;
use tread::app::update::update;
use tread::store::bookmarks::Bookmark;
use tread::transcript::{Document, LoadOptions, load};

fn doc(text: &str) -> Document {
    load(text.as_bytes(), &LoadOptions::default()).unwrap()
}

/// `n` turns, alternating speakers, each a sentence naming its number.
fn turns(n: usize) -> String {
    (1..=n)
        .map(|i| {
            let who = if i % 2 == 1 { "Ana" } else { "Ben" };
            format!("{who}: Turn number {i} is here.\n\n")
        })
        .collect()
}

/// The reader on `text`, as a file `F` can follow.
fn reader(text: &str) -> Reader {
    let state = started(doc(text), "live.txt", Keymap::default_keymap(), |up| {
        up.follow = Some(false)
    });
    let mut r = Reader::with_state(state, 80, 24);
    r.keys("");
    r
}

fn grow(r: &mut Reader, text: &str) {
    update(
        &mut r.state,
        Report::Document(Box::new(doc(text)), "next".into()),
    );
    r.input(Vec::new());
}

fn sentence_text(r: &Reader) -> String {
    let s = &r.state.flow().sentences[r.state.cursor()];
    let text = r.state.flow().text(r.state.doc(), s.block as usize);
    text[s.start as usize..s.end as usize].to_string()
}

#[test]
fn following_at_the_end_shows_what_arrives() {
    let mut r = reader(&turns(3));
    assert_eq!(
        update(&mut r.state, Action::ToggleFollow),
        Some(Effect::Follow(true))
    );
    r.input(Vec::new());
    assert_eq!(r.state.turn(), 2, "following starts at the end");
    grow(&mut r, &turns(40));
    assert_eq!(r.state.turn(), 39);
    assert!(
        r.screen().contains("Turn number 40 is here."),
        "{}",
        r.screen()
    );
    assert!(r.row(23).contains("following"), "{}", r.row(23));
}

#[test]
fn scrolled_up_the_view_stays_put_and_counts_new_turns() {
    let mut r = reader(&turns(30));
    update(&mut r.state, Action::ToggleFollow);
    r.keys("gjjj");
    let (cursor, top) = (r.state.cursor(), r.state.top());
    let screen = r.screen();
    grow(&mut r, &turns(33));
    assert_eq!((r.state.cursor(), r.state.top()), (cursor, top));
    // The dialogue as it was (the contents pane's turn count grows).
    let dialogue = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .take(20)
            .map(|l| l.chars().skip(18).collect())
            .collect()
    };
    assert_eq!(dialogue(&r.screen()), dialogue(&screen));
    assert!(r.row(23).contains("+3 new turns · G end"), "{}", r.row(23));
    grow(&mut r, &turns(34));
    assert!(r.row(23).contains("+4 new turns"), "{}", r.row(23));
    r.keys("G");
    assert_eq!(r.state.turn(), 33);
    assert!(!r.row(23).contains("new turn"), "{}", r.row(23));
    grow(&mut r, &turns(36));
    assert_eq!(r.state.turn(), 35, "at the end again: following");
}

#[test]
fn without_following_a_new_version_moves_nothing() {
    let mut r = reader(&turns(3));
    r.keys("G");
    grow(&mut r, &turns(10));
    assert_eq!(r.state.turn(), 2);
    assert!(!r.row(23).contains("new turn"), "{}", r.row(23));
}

#[test]
fn a_rewritten_file_keeps_the_place_and_the_bookmarks_by_their_words() {
    let mut r = reader(&turns(6));
    r.keys("JJJ");
    assert_eq!(sentence_text(&r), "Turn number 4 is here.");
    r.keys("m");
    let marked = r.state.marks()[0].bookmark.clone();
    // Two turns written above: every index moves.
    let rewritten = format!(
        "Cy: A new first turn.\n\nDee: And a second.\n\n{}",
        turns(6)
    );
    grow(&mut r, &rewritten);
    assert_eq!(sentence_text(&r), "Turn number 4 is here.");
    assert_eq!(r.state.turn(), 5);
    let mark = &r.state.marks()[0];
    assert_eq!(mark.bookmark.id, marked.id);
    assert_eq!(mark.citation.speaker.as_deref(), Some("Ben"));
    assert_eq!(mark.citation.quote, "Turn number 4 is here.");
    let place = mark.place.expect("placed in the new version");
    assert_eq!(r.state.flow().turn_of(place.sentence), 5);
    let _: &Bookmark = &mark.bookmark;
}

#[test]
fn the_speaker_shown_is_kept_by_name() {
    let mut r = reader(&turns(4));
    r.keys("s");
    // The picker lists "all" first, then speakers in order: Ben is third.
    r.keys("jj<enter>");
    let only = |r: &Reader| {
        let i = r.state.view().speaker_filter()?;
        r.state.flow().speakers.get(i as usize).cloned()
    };
    assert_eq!(only(&r).as_deref(), Some("Ben"));
    grow(&mut r, &format!("Cy: First now.\n\n{}", turns(4)));
    assert_eq!(only(&r).as_deref(), Some("Ben"), "Ben's index moved");
}

#[test]
fn only_a_file_can_be_followed() {
    let mut r = Reader::with_state(support::app::sample(), 80, 24);
    assert_eq!(update(&mut r.state, Action::ToggleFollow), None);
    let warning = r.state.status_message().unwrap();
    assert!(warning.is_warning());
    assert!(
        warning.text.contains("not a file that can grow"),
        "{warning:?}"
    );
    assert!(!r.state.opened().live().following());
}

#[test]
fn following_from_the_start_opens_at_the_end() {
    let state = started(
        doc(&turns(30)),
        "live.txt",
        Keymap::default_keymap(),
        |up| up.follow = Some(true),
    );
    let mut r = Reader::with_state(state, 80, 24);
    r.keys("");
    assert_eq!(r.state.turn(), 29);
    assert!(
        r.screen().contains("Turn number 30 is here."),
        "{}",
        r.screen()
    );
    assert_eq!(
        update(&mut r.state, Action::ToggleFollow),
        Some(Effect::Follow(false))
    );
    assert_eq!(r.state.message(), Some("stopped following the file"));
}

#[test]
fn a_warning_that_no_longer_holds_goes_with_the_version_that_ended_it() {
    // Ben labels one line: a label used once, which the reader warns of.
    let mut r = reader("Ana: Hello there, all of you.\n\nAna: Still me.\n\nBen: Hi.\n");
    let first = r.state.message().unwrap_or_default().to_string();
    assert!(first.starts_with("warning: "), "{first}");
    grow(&mut r, &turns(12));
    assert_eq!(r.state.message(), None, "{:?}", r.state.message());
}

/// The note being edited stays the bookmark's though the new version puts
/// the bookmarks in another order; a code picker aimed at sentences that
/// moved closes rather than code other words.
#[test]
fn overlays_that_point_into_the_document_follow_it_or_close() {
    let mut r = reader(&turns(6));
    r.keys("Jm"); // turn 2
    r.keys("JJJm"); // turn 5
    let second = r.state.marks()[1].bookmark.id.clone();
    r.keys("'j");
    r.keys("e");
    let Some(tread::app::state::Overlay::Note { mark, .. }) = r.state.overlay() else {
        panic!("{:?}", r.state.overlay());
    };
    assert_eq!(*mark, 1);
    // Turn 5 now comes first.
    let moved = format!("{}{}", turn_text(5), turns(4));
    grow(&mut r, &moved);
    let Some(tread::app::state::Overlay::Note { mark, .. }) = r.state.overlay() else {
        panic!("{:?}", r.state.overlay());
    };
    assert_eq!(r.state.marks()[*mark].bookmark.id, second);

    let mut r = reader(&turns(6));
    r.keys("JJC");
    grow(&mut r, &format!("Cy: Above it all.\n\n{}", turns(6)));
    assert_eq!(r.state.overlay(), None);
    assert!(r.state.message().unwrap().contains("nothing was coded"));
}

fn turn_text(i: usize) -> String {
    turns(i).rsplit("\n\n").nth(1).unwrap().to_string() + "\n\n"
}

#[test]
fn an_input_whose_whole_cannot_be_read_ends_loading_and_following_visibly() {
    for (follow, loading) in [(Some(true), false), (None, true)] {
        let state = started(doc(&turns(3)), "stdin", Keymap::default_keymap(), |up| {
            up.follow = follow;
            up.loading = loading;
        });
        let mut r = Reader::with_state(state, 80, 24);
        r.keys("");
        let why = "standard input: not an SRT file".to_string();
        update(&mut r.state, Report::LoadFailed(why.clone()));
        r.input(Vec::new());
        let live = r.state.opened().live();
        assert!(live.loading().is_none() && !live.following());
        assert_eq!(live.failed(), Some(why.as_str()));
        let warning = r.state.status_message().unwrap();
        assert!(
            warning.is_warning() && warning.text.contains(&why),
            "{warning:?}"
        );
        // Once the warning has gone with the next key, the line still says so.
        r.keys("j");
        assert!(r.screen().contains("partly read"), "{}", r.screen());
        assert_eq!(update(&mut r.state, Action::ToggleFollow), None);
    }
}
