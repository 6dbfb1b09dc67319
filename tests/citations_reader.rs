//! Citations in the reader, through the real run loop on a `TestBackend`:
//! the bookmarks list with a changed and a detached bookmark, the gutter's
//! changed mark, accepting new words with `a`, and the quote limit of `m`
//! and `y`.

mod cite_support;
mod support;

use cite_support::{mixed, parse};
use ratatui::style::Color;
use support::app::Reader;
use tread::app::Effect;
use tread::app::keymap::Keymap;
use tread::app::quotes::{copied, cut_notice};
use tread::app::state::{Overlay, State};
use tread::store::cite::Status;
use tread::store::doc_hash;
use tread::store::record::MAX_QUOTE_CHARS;
use tread::ui::dialogue::{BOOKMARK_MARK, CHANGED_MARK};
use tread::ui::help::Help;
use tread::ui::theme::Theme;

/// The edited transcript with an exact, a changed, a moved and a detached
/// bookmark, in a reader of `w`×`h`.
fn reader(w: u16, h: u16, color: bool) -> Reader {
    let (doc, marks) = mixed();
    let state = support::app::started(doc, "mixed.txt", Keymap::default_keymap(), |up| {
        up.color = color;
        up.bookmarks = marks;
    });
    Reader::with_state(state, w, h)
}

/// The (x, y) of the first cell showing `symbol`.
fn find(r: &Reader, symbol: &str) -> Option<(u16, u16)> {
    let b = r.buffer();
    (0..b.area.height)
        .flat_map(|y| (0..b.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| b[(x, y)].symbol() == symbol)
}

#[test]
fn the_list_shows_changed_and_detached_bookmarks_for_what_they_are() {
    let mut r = reader(90, 30, true);
    r.keys("'");
    let screen = r.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("was: The installer stil fails"), "{screen}");
    assert!(
        screen.contains("now: The installer still fails"),
        "{screen}"
    );
    assert!(screen.contains("Detached bookmarks"), "{screen}");
    // The detached one is below its heading, with the speaker it had.
    let heading = screen.find("Detached bookmarks").unwrap();
    let cy = screen.find("§1 Preamble · Cy · line 9").unwrap();
    assert!(heading < cy && screen.find("budget").unwrap() > heading);
}

#[test]
fn the_gutter_marks_a_changed_quote_apart_in_colour_and_without() {
    let r = {
        let mut r = reader(90, 30, true);
        r.keys("");
        r
    };
    let (x, y) = find(&r, CHANGED_MARK).expect("a changed mark");
    assert!(
        r.row(y).contains("The installer still fails"),
        "{}",
        r.row(y)
    );
    let changed = r.buffer()[(x, y)].fg;
    let (x, y) = find(&r, BOOKMARK_MARK).expect("an exact mark");
    assert!(
        r.row(y).contains("We should ship on Friday"),
        "{}",
        r.row(y)
    );
    let exact = r.buffer()[(x, y)].fg;
    let theme = Theme { color: true };
    let colours = (theme.changed_gutter().fg, theme.gutter().fg);
    assert_eq!((Some(changed), Some(exact)), colours);
    assert_ne!(changed, exact);

    let mut plain = reader(90, 30, false);
    plain.keys("");
    let (x, y) = find(&plain, CHANGED_MARK).expect("a changed mark without colour");
    assert_eq!(plain.buffer()[(x, y)].fg, Color::Reset);
    assert!(find(&plain, BOOKMARK_MARK).is_some());
}

#[test]
fn a_accepts_the_new_words_and_the_list_then_shows_the_bookmark_unchanged() {
    let mut r = reader(90, 30, true);
    let hash = doc_hash(r.state.doc());
    // `a` on an exact bookmark has nothing to accept.
    r.keys("'a");
    assert!(r.shell.effects.is_empty());
    assert_eq!(
        r.state.message(),
        Some("only a changed quote has new words to accept")
    );
    r.keys("ja");
    let Some(Effect::AcceptQuote {
        id,
        span,
        quote,
        doc_hash,
    }) = r.shell.effects.last()
    else {
        panic!("expected an accept: {:?}", r.shell.effects);
    };
    assert_eq!(quote, "The installer still fails on older laptops.");
    assert_eq!(doc_hash, &hash);
    let i = r
        .state
        .marks()
        .iter()
        .position(|m| &m.bookmark.id == id)
        .unwrap();
    let m = &r.state.marks()[i];
    assert_eq!(
        (m.citation.status, m.citation.current.as_ref()),
        (Status::Exact, None)
    );
    assert_eq!(m.bookmark.span(), *span);
    assert_eq!(r.state.overlay(), Some(&Overlay::Bookmarks { selected: i }));
    let screen = r.screen();
    assert!(!screen.contains("changed"), "{screen}");
    assert!(screen.contains("The installer still fails"), "{screen}");
    assert!(find(&r, CHANGED_MARK).is_none());
}

#[test]
fn a_in_the_bookmarks_list_is_in_the_help() {
    let keymap = Keymap::default_keymap();
    let help = Help {
        keymap: &keymap,
        scroll: 0,
        theme: Theme { color: true },
        screen: tread::app::help::Screen::Reader,
    };
    let lines: Vec<String> = help.lines().into_iter().map(|(l, _)| l).collect();
    let list = lines
        .iter()
        .position(|l| l == "In the bookmarks list")
        .unwrap();
    assert!(
        lines[list..].iter().any(|l| l.trim_start().starts_with('a')
            && l.ends_with("accept a changed quote's new words")),
        "{lines:#?}"
    );
}

/// The words of a sentence longer than a bookmark may be.
fn long_sentence() -> String {
    format!("{}end.", "word ".repeat(MAX_QUOTE_CHARS / 5 + 400))
}

/// A transcript with that sentence, the cursor on it.
fn long_reader() -> Reader {
    let text = format!(
        "Ana: Hello.\n\nBen: Hi.\n\nAna: {}\n\nBen: Bye.\n",
        long_sentence()
    );
    let doc = parse(&text, "txt");
    let mut r = Reader::with_state(
        State::new(doc, "long.txt", Keymap::default_keymap()),
        80,
        24,
    );
    r.keys("jj");
    assert_eq!(r.state.speaker(), Some("Ana"));
    r
}

#[test]
fn m_refuses_a_quote_over_the_limit_and_says_why() {
    let mut r = long_reader();
    r.keys("m");
    assert!(r.shell.effects.is_empty(), "{:?}", r.shell.effects);
    assert!(r.state.marks().is_empty());
    let message = r.state.message().unwrap_or_default();
    assert!(
        message.starts_with("not bookmarked") && message.contains(&MAX_QUOTE_CHARS.to_string()),
        "{message}"
    );
}

#[test]
fn y_copies_at_most_the_limit_and_says_it_cut() {
    let mut r = long_reader();
    r.keys("y");
    let Some(Effect::Copy(text)) = r.shell.effects.last() else {
        panic!("{:?}", r.shell.effects);
    };
    let total = long_sentence().chars().count();
    let quote = text.split_once('”').unwrap().0;
    assert_eq!(quote.chars().count(), 1 + MAX_QUOTE_CHARS + 1, "“ and …");
    assert!(
        text.ends_with(&format!(
            "— Ana, §1 Preamble (line 5) [{}]",
            cut_notice(total)
        )),
        "{}",
        &text[text.len() - 80..]
    );
    // The status line after a real copy says so too.
    let shown = copied(text, "“word word…");
    assert!(shown.contains(&cut_notice(total)), "{shown}");
    assert_eq!(
        copied("“hi” — Ana", "“hi” — Ana"),
        "copied 10 characters: “hi” — Ana"
    );
}
