//! Searching in the reader: incremental matches from the view, n/N with
//! wrap-around, the count, Esc, history, regexes and the contents counts.

mod support;

use support::app::Reader;
use tread::app::state::Overlay;
use tread::ui::theme::Theme;

/// The text of the current sentence.
fn current(r: &Reader) -> String {
    let s = r.state.flow().sentences[r.state.cursor()];
    r.state.flow().text(r.state.doc(), s.block as usize)[s.start as usize..s.end as usize]
        .to_string()
}

#[test]
fn slash_query_enter_goes_to_the_first_match_after_the_cursor_with_the_count() {
    let mut r = Reader::new(120, 30);
    r.keys("]]");
    let start = r.state.cursor();
    r.keys("/蒸馏");
    // Incremental: already there while typing, the query line shows the count.
    assert!(current(&r).contains("蒸馏"), "{}", current(&r));
    assert!(r.state.cursor() > start);
    let bottom = r.row(29);
    assert!(bottom.starts_with("/蒸馏"), "{bottom}");
    assert!(bottom.contains("match 1/"), "{bottom}");
    assert!(!bottom.contains('§'), "the status line gives way: {bottom}");
    r.keys("<enter>");
    assert_eq!(r.state.overlay(), None);
    let total = r.state.finder().find().unwrap().search.count();
    assert!(total >= 10, "{total}");
    assert!(
        r.row(29).contains(&format!("match 1/{total}")),
        "{}",
        r.row(29)
    );

    // Every match on screen is marked; the current one differently.
    let current_bg = Theme { color: true }.search_current().bg;
    let b = r.buffer();
    let cells: Vec<(u16, u16)> = (0..29)
        .flat_map(|y| (25..90).map(move |x| (x, y)))
        .collect();
    assert!(
        cells.iter().any(|&p| Some(b[p].bg) == current_bg),
        "the current match"
    );

    let first = r.state.cursor();
    r.keys("n");
    assert!(r.state.cursor() >= first);
    assert!(
        r.row(29).contains(&format!("match 2/{total}")),
        "{}",
        r.row(29)
    );
    r.keys("N");
    assert!(r.row(29).contains(&format!("match 1/{total}")));
}

#[test]
fn escape_during_a_query_returns_to_where_you_were() {
    let mut r = Reader::new(120, 30);
    r.keys("]jj");
    let (cursor, top) = (r.state.cursor(), r.state.top());
    r.keys("/蒸馏工厂");
    assert_ne!(r.state.cursor(), cursor);
    r.keys("<esc>");
    assert_eq!((r.state.cursor(), r.state.top()), (cursor, top));
    assert!(r.state.finder().find().is_none());
    assert!(!r.row(29).starts_with('/'));
}

#[test]
fn n_wraps_around_the_document_with_a_note() {
    let mut r = Reader::new(120, 30);
    r.keys("/Little Llama<enter>");
    let only = r.state.cursor();
    assert!(current(&r).contains("Little Llama"));
    r.keys("n");
    assert_eq!(r.state.cursor(), only);
    assert!(r.row(29).contains("search hit bottom"), "{}", r.row(29));
    r.keys("N");
    assert!(r.row(29).contains("search hit top"), "{}", r.row(29));
}

#[test]
fn full_width_and_case_fold_and_smart_case_holds() {
    let mut r = Reader::new(120, 30);
    r.keys("/ｇｉｔｈｕｂ ｃｏｐｉｌｏｔ<enter>");
    assert!(current(&r).contains("GitHub Copilot"), "{}", current(&r));
    // An upper-case letter makes the search case-sensitive.
    let mut r = Reader::new(120, 30);
    r.keys("/GITHUB<enter>");
    assert!(r.state.finder().find().unwrap().search.count() == 0);
    assert!(r.row(29).contains("no match"), "{}", r.row(29));
}

#[test]
fn regex_queries_and_their_errors() {
    let mut r = Reader::new(120, 30);
    r.keys("/\\v\\d+%到\\d+%<enter>");
    assert!(current(&r).contains("30%到40%"), "{}", current(&r));
    let mut r = Reader::new(120, 30);
    r.keys("/\\v(蒸馏");
    assert!(r.state.finder().find().is_none());
    assert!(r.row(29).contains("invalid regex"), "{}", r.row(29));
}

#[test]
fn up_recalls_earlier_queries() {
    let mut r = Reader::new(120, 30);
    r.keys("/蒸馏<enter>/SWE Agent<enter>g/");
    r.keys("<up>");
    let Some(Overlay::Query(q)) = r.state.overlay() else {
        panic!()
    };
    assert_eq!(q.line.text, "SWE Agent");
    r.keys("<up>");
    let Some(Overlay::Query(q)) = r.state.overlay() else {
        panic!()
    };
    assert_eq!(q.line.text, "蒸馏");
    r.keys("<enter>");
    assert!(current(&r).contains("蒸馏"));
}

#[test]
fn the_contents_count_matches_per_section() {
    let mut r = Reader::new(120, 30);
    r.keys("/蒸馏<enter>");
    let counts = r.state.finder().find().unwrap().search.counts_by_section();
    assert_eq!(counts[0], 0);
    assert!(counts[4] > 0);
    let row = (0..29)
        .map(|y| r.row(y))
        // The contents row, not the dialogue's banner of the same section.
        .find(|l| {
            l.trim_start_matches('▌')
                .trim_start()
                .starts_with("04 造一座")
        })
        .unwrap();
    assert!(row.contains(&format!("[{}]", counts[4])), "{row}");
    // Esc clears the search and its marks.
    r.keys("<esc>");
    assert!(r.state.finder().find().is_none());
    assert!(!r.screen().contains(&format!("[{}]", counts[4])));
}

/// A document too big to count within one key (the finder scans 1 MiB per
/// key, 512 KiB per tick): the sample repeated to 3 MiB.
fn big_state() -> tread::app::State {
    let mut bytes = Vec::new();
    while bytes.len() < 3 << 20 {
        bytes.extend_from_slice(tread::SAMPLE);
        bytes.push(b'\n');
    }
    let doc = tread::transcript::load(&bytes, &Default::default()).unwrap();
    let keymap = tread::app::keymap::Keymap::default_keymap();
    tread::app::State::new(doc, "big", keymap)
}

#[test]
fn the_count_grows_while_idle_and_a_key_drops_the_stale_one() {
    use tread::app::action::EditKey;
    use tread::app::{Action, update};
    use tread::transcript::search::{Matcher, search_all};
    let mut state = big_state();
    update(&mut state, Action::Search);
    update(&mut state, Action::Edit(EditKey::Char('的')));
    let find = || state.finder().find().unwrap();
    let search = &find().search;
    assert!(!search.is_done(), "one key counts only part of 3 MiB");
    let typed = search.count();
    assert!(state.message().unwrap().contains('+'), "counting shows `+`");
    update(&mut state, Action::Tick);
    let search = &state.finder().find().unwrap().search;
    assert!(search.count() > typed, "a tick goes on counting");
    // A key while counting starts the new query's count from nothing: the
    // stale one is dropped, never finished.
    update(&mut state, Action::Edit(EditKey::Char('人')));
    let search = &state.finder().find().unwrap().search;
    assert!(!search.is_done());
    assert!(search.count() < typed, "{} < {typed}", search.count());
    let mut ticks = 0;
    while !state.finder().find().unwrap().search.is_done() {
        update(&mut state, Action::Tick);
        ticks += 1;
        assert!(ticks < 100, "the count ends");
    }
    let done = state.finder().find().unwrap().search.count();
    let all = search_all(&Matcher::new("的人", false).unwrap(), state.doc()).len();
    assert_eq!(done, all, "the count of the query typed last");
    assert!(
        !state.message().unwrap().contains('+'),
        "{:?}",
        state.message()
    );
}

#[test]
fn a_query_kept_while_counting_has_its_count_follow_in_the_status_line() {
    use tread::app::action::EditKey;
    use tread::app::{Action, update};
    let mut state = big_state();
    update(&mut state, Action::Search);
    update(&mut state, Action::Edit(EditKey::Char('的')));
    update(&mut state, Action::Edit(EditKey::Submit));
    let said = state.message().unwrap().to_string();
    assert!(said.ends_with('+'), "{said}");
    while !state.finder().find().unwrap().search.is_done() {
        update(&mut state, Action::Tick);
    }
    let total = state.finder().find().unwrap().search.count();
    assert_eq!(state.message(), Some(format!("match 1/{total}").as_str()));
}
