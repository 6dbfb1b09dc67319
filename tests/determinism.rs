//! `update` as a function of the state and the message: bookmarks take
//! their ids, times and document hash from the state; the help's scroll is
//! bounded there; and every hint that names a key follows the live keymap.

mod support;

use ratatui::layout::Rect;
use support::app::Reader;
use tread::app::action::Report;
use tread::app::keymap::Keymap;
use tread::app::state::{Overlay, Viewport};
use tread::app::{Action, Effect, Startup, State, help, update};
use tread::store::Bookmark;
use tread::transcript::{LoadOptions, load};

fn sample(keymap: Keymap, startup: impl FnOnce(&mut Startup)) -> State {
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    let mut up = Startup::new(&doc);
    startup(&mut up);
    let mut s = State::start(doc, "sample.txt", keymap, up);
    let area = Rect::new(0, 0, 120, 30);
    update(
        &mut s,
        Action::Viewport(Viewport {
            dialogue: area.into(),
            ..Viewport::default()
        }),
    );
    s
}

/// Two bookmarks, a minute apart, one removed and restored.
fn session(s: &mut State) -> Vec<Option<Effect>> {
    let script = [
        Action::NextSection,
        Action::NextSentence,
        Action::ToggleBookmark,
        Action::Clock(1_777_638_956),
        Action::NextSentence,
        Action::StartSelection,
        Action::NextSentence,
        Action::ToggleBookmark,
        Action::OpenBookmarks,
        Action::DeleteBookmark,
        Action::UndoDelete,
    ];
    script.into_iter().map(|a| update(s, a)).collect()
}

fn bookmarks(s: &State) -> Vec<Bookmark> {
    s.marks().iter().map(|m| m.bookmark.clone()).collect()
}

#[test]
fn the_same_state_and_actions_give_the_same_bookmarks() {
    let at = |up: &mut Startup| {
        up.session = "test".into();
        up.now = 1_777_638_896;
    };
    let (mut a, mut b) = (
        sample(Keymap::default_keymap(), at),
        sample(Keymap::default_keymap(), at),
    );
    let (ea, eb) = (session(&mut a), session(&mut b));
    assert_eq!(ea, eb);
    assert_eq!(bookmarks(&a), bookmarks(&b));
    let made: Vec<(&str, &str)> = a
        .marks()
        .iter()
        .map(|m| (m.bookmark.id.as_str(), m.bookmark.created.as_str()))
        .collect();
    assert_eq!(
        made,
        [
            ("test-0", "2026-05-01T12:34:56Z"),
            ("test-1", "2026-05-01T12:35:56Z")
        ]
    );
}

#[test]
fn m_takes_the_hash_computed_at_load_without_hashing_again() {
    // A hash no pass over the document could give: the bookmark can only
    // have it from the state, so `m` hashed nothing.
    let mut s = sample(Keymap::default_keymap(), |up| {
        up.doc_hash = "not-a-real-hash!".into();
    });
    update(&mut s, Action::NextSection);
    let Some(Effect::AddBookmark(b)) = update(&mut s, Action::ToggleBookmark) else {
        panic!("{:?}", s.message());
    };
    assert_eq!(b.doc_hash, "not-a-real-hash!");
    assert_eq!(s.marks()[0].bookmark.doc_hash, "not-a-real-hash!");
}

#[test]
fn the_default_start_hashes_the_document_once() {
    let s = sample(Keymap::default_keymap(), |_| {});
    assert_eq!(s.opened().hash(), tread::store::doc_hash(s.doc()));
}

#[test]
fn reports_from_the_shell_go_through_update() {
    let mut s = sample(Keymap::default_keymap(), |_| {});
    update(
        &mut s,
        Report::Status(Some(tread::app::status::Message::info("saved"))),
    );
    assert_eq!(s.message(), Some("saved"));
    update(&mut s, Report::Status(None));
    assert_eq!(s.message(), None);
}

#[test]
fn help_scrolls_no_further_than_its_last_row() {
    let mut s = sample(Keymap::default_keymap(), |_| {});
    update(&mut s, Action::Help);
    let max = help::max_scroll(&s);
    // The rows as laid out for the screen (two columns at 120 wide).
    let rows = help::state_layout(&s).rows.len();
    // 30 rows less two borders show; the rest is what scrolls.
    assert!(max > 0);
    assert_eq!(max, rows - 28);
    for _ in 0..rows + 50 {
        update(&mut s, Action::SelectDown);
    }
    assert_eq!(s.overlay(), Some(&Overlay::Help { scroll: max as u16 }));
    // One key back is one row back, however far past the end it was pushed.
    update(&mut s, Action::SelectUp);
    assert_eq!(
        s.overlay(),
        Some(&Overlay::Help {
            scroll: max as u16 - 1
        })
    );
}

#[test]
fn the_help_shows_its_last_row_and_one_k_moves_it() {
    let mut r = Reader::new(100, 20);
    r.keys("?");
    let layout = help::state_layout(&r.state);
    let last = layout
        .rows
        .last()
        .unwrap()
        .iter()
        .map(|(t, _)| t.clone())
        .max()
        .unwrap();
    r.keys(&"j".repeat(200));
    assert!(r.screen().contains(last.trim()), "{}", r.screen());
    r.keys("k");
    assert!(!r.screen().contains(last.trim()), "{}", r.screen());
}

/// The sample with `m`, `a` and `e` (and each hint's other keys) rebound.
fn rebound() -> Reader {
    let mut keymap = Keymap::default_keymap();
    keymap
        .merge_str(
            r#"
            [keys.global]
            "m" = "noop"
            "b" = "toggle-bookmark"
            "v" = "noop"
            "V" = "select"
            "esc" = "noop"
            "x" = "close-overlay"
            "/" = "noop"
            "ctrl-f" = "search"
            "'" = "noop"
            "B" = "bookmarks"
            [keys.bookmarks]
            "esc" = "noop"
            "a" = "noop"
            "A" = "accept-change"
            "e" = "noop"
            "E" = "edit-note"
            "d" = "noop"
            "D" = "delete-bookmark"
            "u" = "noop"
            "U" = "undo-delete"
            [keys.help]
            "esc" = "noop"
            "?" = "noop"
            "q" = "noop"
            "Q" = "close-overlay"
            "#,
            "config.toml",
        )
        .unwrap();
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    Reader::with_state(State::new(doc, "sample.txt", keymap), 120, 30)
}

#[test]
fn hints_follow_the_rebound_keys() {
    let mut r = rebound();
    r.keys("B");
    let screen = r.screen();
    assert!(
        screen.contains("No bookmarks yet: press b on a sentence, or V to select several."),
        "{screen}"
    );
    assert!(
        screen.contains(
            "Bookmarks · Enter jump · E note · D delete · U undo · A accept · C code · / filter · '"
        ),
        "{screen}"
    );
    r.keys("q]jjV");
    assert_eq!(
        r.state.message(),
        Some("select: j/k extend, b bookmarks, y copies, x cancels")
    );
    r.keys("b");
    r.keys("b");
    assert_eq!(
        r.state.message(),
        Some("bookmark removed (B then U brings it back)")
    );
    r.keys("n");
    assert_eq!(r.state.message(), Some("no search: Ctrl-f starts one"));
    r.keys("?");
    let screen = r.screen();
    assert!(screen.contains("Keys · Q closes · j/k scroll"), "{screen}");
    let help = help::lines(r.state.keymap());
    assert!(
        help.iter()
            .any(|(l, _)| l.ends_with("select sentences (j/k extend, x cancels)")),
        "{help:#?}"
    );
}

#[test]
fn an_unbound_key_is_left_out_of_the_hint() {
    let mut keymap = Keymap::default_keymap();
    let unbind = "[keys.bookmarks]\n\"u\" = \"noop\"\n\"a\" = \"noop\"\n";
    keymap.merge_str(unbind, "config.toml").unwrap();
    let doc = load(tread::SAMPLE, &LoadOptions::default()).unwrap();
    let mut r = Reader::with_state(State::new(doc, "sample.txt", keymap), 120, 30);
    r.keys("]jjm'");
    let screen = r.screen();
    assert!(
        screen.contains("Bookmarks · Enter jump · e note · d delete · C code · / filter · Esc"),
        "{screen}"
    );
    r.keys("d");
    assert_eq!(r.state.message(), Some("bookmark deleted"));
}

/// Coding takes its code ids from the session and its times from the
/// clock: the same state and actions make the same codes and effects.
#[test]
fn the_same_coding_gives_the_same_codes_and_effects() {
    use tread::app::action::EditKey;
    let at = |up: &mut Startup| {
        up.session = "test".into();
        up.now = 1_777_638_896;
    };
    let script = |s: &mut State| -> Vec<Option<Effect>> {
        let mut actions = vec![Action::NextSection, Action::NextSentence, Action::Code];
        actions.extend("fees/june".chars().map(|c| Action::Edit(EditKey::Char(c))));
        actions.extend([
            Action::ApplyCode,
            Action::Clock(1_777_638_956),
            Action::NextSentence,
            Action::Code,
            Action::CodeTurn,
            Action::CodeNth(2),
        ]);
        actions.into_iter().map(|a| update(s, a)).collect()
    };
    let (mut a, mut b) = (
        sample(Keymap::default_keymap(), at),
        sample(Keymap::default_keymap(), at),
    );
    let (ea, eb) = (script(&mut a), script(&mut b));
    assert_eq!(ea, eb);
    assert_eq!(bookmarks(&a), bookmarks(&b));
    assert_eq!(a.coding().book(), b.coding().book());
    let book = a.coding().book();
    let june = book.find("fees/june").unwrap();
    assert_eq!(
        june.id,
        tread::store::codes::guid_for("code", "test-c0"),
        "the session's first code id"
    );
    assert_eq!(june.used.as_deref(), Some("2026-05-01T12:34:56Z"));
    let fees = book.find("fees").unwrap();
    assert_eq!(fees.used.as_deref(), Some("2026-05-01T12:35:56Z"));
    assert_eq!(a.marks().len(), 2, "the sentence, then the whole turn");
}
