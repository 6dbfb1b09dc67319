//! Bookmarking quotes in the reader: marking, selecting, the bookmarks list,
//! notes, undo, jumping and copying, through the real run loop.

mod support;

use support::app::Reader;
use tread::app::Effect;
use tread::app::shell::Persist;
use tread::app::state::Overlay;
use tread::store::bookmarks::Store;
use tread::ui::theme::Theme;

/// The reader on section 1's second sentence (纳德拉's first).
fn at_section_one() -> Reader {
    let mut r = Reader::new(120, 30);
    r.keys("]jj");
    assert_eq!(r.state.speaker(), Some("纳德拉"));
    r
}

fn sentence_text(r: &Reader, s: usize) -> String {
    let sen = r.state.flow().sentences[s];
    r.state.flow().text(r.state.doc(), sen.block as usize)[sen.start as usize..sen.end as usize]
        .to_string()
}

#[test]
fn m_bookmarks_the_current_sentence_and_shows_it() {
    let mut r = at_section_one();
    let quote = sentence_text(&r, r.state.cursor());
    r.keys("m");
    let Some(Effect::AddBookmark(b)) = r.shell.effects.last() else {
        panic!("expected a saved bookmark: {:?}", r.shell.effects);
    };
    assert_eq!(b.quote, quote);
    assert_eq!(b.speaker.as_deref(), Some("纳德拉"));
    assert_eq!(b.section_number.as_deref(), Some("01"));
    assert_eq!(r.state.message(), Some("bookmarked"));
    // A gutter mark beside the bookmarked lines, and the text highlighted.
    let y = (0..29)
        .find(|&y| r.row(y).contains("▍"))
        .expect("gutter mark");
    assert!(r.row(y).contains(&quote[..9]), "{}", r.row(y));
    r.keys("j");
    let b = r.buffer();
    let x = (0..120)
        .find(|&x| b[(x, y)].symbol() == quote.chars().next().unwrap().to_string())
        .unwrap();
    assert_eq!(b[(x, y)].bg, Theme { color: true }.bookmark().bg.unwrap());

    // `m` again on the same sentence removes it.
    r.keys("km");
    assert!(matches!(
        r.shell.effects.last(),
        Some(Effect::RemoveBookmark(_))
    ));
    assert!(r.state.marks().is_empty());
    assert!(!r.screen().contains('▍'));
}

#[test]
fn v_selects_sentences_of_one_speaker_and_m_keeps_them_as_one_quote() {
    let mut r = at_section_one();
    let first = r.state.cursor();
    r.keys("vjj");
    assert_eq!(r.state.selected_range(), Some((first, first + 2)));
    r.keys("m");
    assert_eq!(r.state.selected_range(), None);
    assert_eq!(r.state.marks().len(), 1);
    let quote = &r.state.marks()[0].bookmark.quote;
    for s in first..=first + 2 {
        assert!(quote.contains(&sentence_text(&r, s)), "{quote}");
    }
    assert_eq!(r.state.message(), Some("bookmarked 3 sentences"));

    // At the end of 纳德拉's turn the selection cannot run into 扎克伯格's.
    let mut r = at_section_one();
    r.keys("JK");
    let last_of_turn = r.state.flow().turns[r.state.turn() + 1].first_sentence as usize - 1;
    while r.state.cursor() < last_of_turn {
        r.keys("j");
    }
    r.keys("vj");
    assert_eq!(r.state.cursor(), last_of_turn);
    assert_eq!(r.state.message(), Some("a selection keeps to one speaker"));
    r.keys("<esc>");
    assert_eq!(r.state.selected_range(), None);
}

#[test]
fn the_list_jumps_edits_notes_deletes_and_undoes() {
    let mut r = at_section_one();
    r.keys("m]]jm");
    let second = r.state.cursor();
    r.keys("g'");
    assert!(matches!(
        r.state.overlay(),
        Some(&Overlay::Bookmarks { selected: 0 })
    ));
    let screen = r.screen();
    assert!(
        screen.contains("§01 “深度应用”,即将到来 · 纳德拉"),
        "{screen}"
    );
    assert!(screen.contains("§03"), "{screen}");

    r.keys("j<enter>");
    assert_eq!(r.state.overlay(), None);
    assert_eq!(r.state.cursor(), second);

    // A note in Chinese, typed and pasted, with a correction.
    r.keys("'je重点x<bs>");
    r.input(vec![tread::tty::run::Input::Paste("：蒸馏\n工厂".into())]);
    r.keys("<enter>");
    assert!(matches!(
        r.shell.effects.last(),
        Some(Effect::SetNote { note, .. }) if note == "重点：蒸馏 工厂"
    ));
    assert!(r.screen().contains("✎ 重点：蒸馏 工厂"), "{}", r.screen());

    r.keys("d");
    assert_eq!(r.state.marks().len(), 1);
    assert!(matches!(
        r.shell.effects.last(),
        Some(Effect::RemoveBookmark(_))
    ));
    r.keys("u");
    assert_eq!(r.state.marks().len(), 2);
    assert_eq!(r.state.marks()[1].bookmark.note, "重点：蒸馏 工厂");
    assert!(matches!(
        r.shell.effects.last(),
        Some(Effect::RestoreBookmark(_))
    ));
    r.keys("<esc>");
    assert_eq!(r.state.overlay(), None);
}

#[test]
fn capital_m_and_backtick_go_from_bookmark_to_bookmark() {
    let mut r = at_section_one();
    let a = r.state.cursor();
    r.keys("m]]m");
    let b = r.state.cursor();
    r.keys("gM");
    assert_eq!(r.state.cursor(), a);
    r.keys("M");
    assert_eq!(r.state.cursor(), b);
    r.keys("M");
    assert_eq!(r.state.message(), Some("no more bookmarks this way"));
    r.keys("`");
    assert_eq!(r.state.cursor(), a);
}

#[test]
fn capital_y_copies_the_sentence_address_by_the_path_given() {
    let mut r = at_section_one();
    r.keys("Y");
    // Without a path, by the name the reader shows; the sample's first
    // numbered section is its second.
    let expected = "sample.txt@§2.t2";
    assert_eq!(r.shell.effects.last(), Some(&Effect::Copy(expected.into())));
    let state = support::app::sample_with(tread::app::keymap::Keymap::default_keymap(), |up| {
        up.file = Some("talks/llamacon.txt".into());
    });
    let mut r = Reader::with_state(state, 120, 30);
    r.keys("]]JY");
    assert_eq!(
        r.shell.effects.last(),
        Some(&Effect::Copy("talks/llamacon.txt@§3.t2".into()))
    );
}

#[test]
fn y_copies_the_quote_with_attribution() {
    let mut r = at_section_one();
    let quote = sentence_text(&r, r.state.cursor());
    r.keys("y");
    // Cited by the line the sentence is on, not its turn's (line 20).
    let expected = format!("“{quote}” — 纳德拉, §01 “深度应用”,即将到来 (line 21)");
    assert_eq!(
        r.shell.effects.last(),
        Some(&Effect::Copy(expected.clone()))
    );
    assert_eq!(
        r.state.message(),
        Some(format!("copied: {expected}").as_str())
    );

    r.keys("vjy");
    let Some(Effect::Copy(text)) = r.shell.effects.last() else {
        panic!()
    };
    assert!(
        text.contains(&quote) && text.ends_with("— 纳德拉, §01 “深度应用”,即将到来 (lines 21–22)"),
        "{text}"
    );
    assert_eq!(r.state.selected_range(), None);
}

#[test]
fn bookmarks_are_saved_at_once_and_come_back_in_a_new_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let mut r = at_section_one();
    let (store, warnings) = Store::open_file(path.clone(), "sample").unwrap();
    assert!(warnings.is_empty());
    r.shell.persist = Some(Persist::new(Some(store)));
    let sentence = r.state.cursor();
    r.keys("m");
    // On disk before the session ends.
    let (saved, _) = Store::open_file(path.clone(), "sample").unwrap();
    assert_eq!(saved.list().len(), 1);

    let mut again = Reader::new(120, 30);
    tread::app::update(
        &mut again.state,
        tread::app::action::Report::Bookmarks(saved.list().to_vec()),
    );
    assert_eq!(
        again.state.marks()[0].place.map(|p| p.sentence),
        Some(sentence)
    );
    again.keys("M");
    assert_eq!(again.state.cursor(), sentence);
    assert!(again.screen().contains('▍'));
}

/// Another instance's bookmarks arrive (an idle refresh) while a note is
/// being edited: the note still goes to the bookmark it was opened on,
/// though that bookmark moved in the list; if it was deleted there, the
/// editor closes and says so.
#[test]
fn a_refresh_while_editing_a_note_keeps_it_on_its_own_bookmark() {
    use tread::app::action::Report;
    use tread::app::marks::span_of;
    use tread::app::update::update;
    use tread::store::Bookmark;

    let mut r = at_section_one();
    r.keys("m");
    let mine = r.state.marks()[0].bookmark.clone();
    r.keys("'e");
    assert!(matches!(
        r.state.overlay(),
        Some(&Overlay::Note { mark: 0, .. })
    ));

    // Elsewhere, someone bookmarked the document's first sentence.
    let span = span_of(r.state.doc(), r.state.flow(), 0, 0).unwrap();
    let theirs = Bookmark::fresh(r.state.doc(), span, "").unwrap();
    update(&mut r.state, Report::Bookmarks(vec![mine.clone(), theirs]));
    assert_eq!(r.state.marks()[1].bookmark.id, mine.id, "mine moved down");
    r.keys("ok<enter>");
    let Some(Effect::SetNote { id, note }) = r.shell.effects.last() else {
        panic!("{:?}", r.shell.effects);
    };
    assert_eq!((id, note.as_str()), (&mine.id, "ok"));

    // Deleted elsewhere while its note is open: nothing is saved onto
    // whichever bookmark took its place.
    r.keys("e");
    let before = r.shell.effects.len();
    let others: Vec<Bookmark> = r
        .state
        .marks()
        .iter()
        .map(|m| m.bookmark.clone())
        .filter(|b| b.id != mine.id)
        .collect();
    update(&mut r.state, Report::Bookmarks(others));
    assert!(matches!(
        r.state.overlay(),
        Some(&Overlay::Bookmarks { .. })
    ));
    assert!(
        r.state
            .message()
            .unwrap()
            .contains("deleted in another window")
    );
    r.keys("x<enter>");
    assert!(
        !r.shell.effects[before..]
            .iter()
            .any(|e| matches!(e, Effect::SetNote { .. })),
        "{:?}",
        &r.shell.effects[before..]
    );
}

#[test]
fn the_list_opens_on_the_bookmark_under_the_cursor() {
    let mut r = at_section_one();
    let here = r.state.cursor();
    // A later bookmark, then a two-sentence one with the cursor on its second.
    r.keys("JJm");
    while r.state.cursor() > here {
        r.keys("k");
    }
    r.keys("vjm");
    assert_eq!(r.state.marks().len(), 2);
    assert_eq!(r.state.cursor(), here + 1);
    r.keys("'");
    let Some(&Overlay::Bookmarks { selected }) = r.state.overlay() else {
        panic!("{:?}", r.state.overlay());
    };
    let place = r.state.marks()[selected].place.unwrap();
    assert!(
        place.sentence < r.state.cursor(),
        "the one just made, not the next"
    );
}

#[test]
fn a_selection_lasts_until_the_cursor_moves_otherwise() {
    let mut r = at_section_one();
    let first = r.state.cursor();
    // Commands that do not move the cursor keep it.
    r.keys("vj<tab><tab><tab>");
    assert_eq!(r.state.selected_range(), Some((first, first + 1)));
    // A jump ends it; so does a turn.
    r.keys("]");
    assert_eq!(r.state.selected_range(), None);
    r.keys("vjJ");
    assert_eq!(r.state.selected_range(), None);
}
