//! Coding quotes from the keyboard, through the real run loop: the code
//! picker (`C`) on a sentence, a selection, a whole turn or a bookmark of
//! the list; creating codes (a `parent/child` path makes the parent too),
//! applying and taking them off, the digits for the first nine codes; and
//! a real store and codebook on disk that keep the codes for next time.

mod support;

use support::app::{Reader, sample_with};
use tread::app::action::Report;
use tread::app::keymap::Keymap;
use tread::app::picker::{Row, rows_for};
use tread::app::shell::Persist;
use tread::app::state::Overlay;
use tread::app::{Effect, update};
use tread::store::bookmarks::Store;
use tread::store::codes::{CodeChange, Codebook, CodebookFile};

/// A codebook holding these paths, with ids `…0001`, `…0002`… in order.
fn book(paths: &[&str]) -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    for p in paths {
        let id = next();
        for c in b.plan_create(p, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

/// The reader with this codebook, on section 1's second sentence
/// (纳德拉's first).
fn reader(codes: &[&str]) -> Reader {
    let codebook = book(codes);
    let state = sample_with(Keymap::default_keymap(), |up| {
        up.codebook = codebook;
        up.session = "test".into();
    });
    let mut r = Reader::with_state(state, 120, 30);
    r.keys("]jj");
    assert_eq!(r.state.speaker(), Some("纳德拉"));
    r
}

fn id(r: &Reader, path: &str) -> String {
    r.state.coding().book().find(path).unwrap().id.clone()
}

/// The paths of the picker's rows as a user reads them.
fn listed(r: &Reader) -> Vec<String> {
    tread::app::picker::rows(&r.state)
        .iter()
        .map(|row| match row {
            Row::Create(text) => format!("+ {text}"),
            Row::Code(id) => r.state.coding().path(id).unwrap(),
        })
        .collect()
}

fn bookmark_effects(effects: &[Effect]) -> Vec<&Effect> {
    effects
        .iter()
        .filter(|e| !matches!(e, Effect::ChangeCodes(_)))
        .collect()
}

#[test]
fn coding_a_plain_sentence_makes_one_bookmark_that_carries_the_code() {
    let mut r = reader(&[]);
    let sentence = r.state.cursor();
    r.keys("C");
    assert!(matches!(r.state.overlay(), Some(Overlay::Picker(_))));
    assert!(
        r.screen()
            .contains("Code · sentence · Tab: whole turn · Enter applies · Esc"),
        "{}",
        r.screen()
    );
    r.keys("pricing<enter>");
    assert_eq!(r.state.overlay(), None);
    assert_eq!(r.state.message(), Some("coded pricing (a new code)"));
    let pricing = id(&r, "pricing");
    // One effect for the quote: the bookmark is made with its code.
    let quote = bookmark_effects(&r.shell.effects);
    let [Effect::AddBookmark(b)] = quote[..] else {
        panic!("{:?}", r.shell.effects);
    };
    assert_eq!(b.codes, std::slice::from_ref(&pricing));
    // The code is saved first, with its use, so recent codes lead.
    let Some(Effect::ChangeCodes(changes)) = r.shell.effects.first() else {
        panic!("{:?}", r.shell.effects);
    };
    assert!(matches!(&changes[..], [
        CodeChange::Create { name, .. },
        CodeChange::Used { id, .. },
    ] if name == "pricing" && *id == pricing));
    assert_eq!(r.state.marks().len(), 1);
    assert_eq!(r.state.marks()[0].place.unwrap().sentence, sentence);
    assert_eq!(r.state.marks()[0].bookmark.codes, [pricing]);
}

#[test]
fn enter_on_a_code_the_quote_has_takes_it_off() {
    let mut r = reader(&["pricing", "timing"]);
    r.keys("C2");
    assert_eq!(r.state.message(), Some("coded timing"));
    r.keys("C");
    // The code just used leads, ticked.
    assert_eq!(listed(&r), ["timing", "pricing"]);
    let screen = r.screen();
    let row = screen.lines().find(|l| l.contains("■ timing")).unwrap();
    assert!(row.contains('✓'), "{screen}");
    assert!(
        !screen
            .lines()
            .any(|l| l.contains("pricing") && l.contains('✓'))
    );
    r.keys("<enter>");
    assert_eq!(r.state.message(), Some("uncoded timing"));
    let timing = id(&r, "timing");
    assert_eq!(
        r.shell.effects.last(),
        Some(&Effect::SetCode {
            id: r.state.marks()[0].bookmark.id.clone(),
            code: timing,
            on: false
        })
    );
    assert!(r.state.marks()[0].bookmark.codes.is_empty());
    assert_eq!(r.state.marks().len(), 1, "the bookmark stays");
}

#[test]
fn digits_apply_the_listed_codes_until_the_filter_has_text() {
    let mut r = reader(&["a", "b", "c"]);
    r.keys("C");
    let screen = r.screen();
    assert!(
        screen.contains(" 1 ■ a") && screen.contains(" 3 ■ c"),
        "{screen}"
    );
    r.keys("3");
    assert_eq!(r.state.message(), Some("coded c"));
    // Typing first: the digit is text, and names no code.
    r.keys("jCb2");
    let Some(Overlay::Picker(p)) = r.state.overlay() else {
        panic!()
    };
    assert_eq!(p.line.text, "b2");
    assert_eq!(listed(&r), ["+ b2"]);
    r.keys("<esc>");
    assert_eq!(r.state.overlay(), None);
    // A digit past the list says so.
    r.keys("C9");
    assert_eq!(r.state.message(), Some("only 3 codes are listed"));
}

#[test]
fn the_filter_matches_fuzzily_prefixes_first_in_latin_and_cjk() {
    let r = reader(&[
        "timing",
        "pricing",
        "pricing/discounts",
        "价格/折扣",
        "规模",
    ]);
    let coding = r.state.coding();
    let paths = |filter: &str| -> Vec<String> {
        rows_for(coding, filter)
            .iter()
            .map(|row| match row {
                Row::Create(text) => format!("+ {text}"),
                Row::Code(id) => coding.path(id).unwrap(),
            })
            .collect()
    };
    assert_eq!(paths("").len(), 6, "every code, the parent 价格 too");
    assert_eq!(paths("disc"), ["+ disc", "pricing/discounts"]);
    // Case does not matter; a prefix ranks before a match inside.
    assert_eq!(paths("PRI")[1..], ["pricing", "pricing/discounts"]);
    assert_eq!(
        paths("ing"),
        ["+ ing", "timing", "pricing", "pricing/discounts"]
    );
    // Spread out: the letters in order, anywhere.
    assert_eq!(paths("pds"), ["+ pds", "pricing/discounts"]);
    assert_eq!(paths("价"), ["+ 价", "价格", "价格/折扣"]);
    assert_eq!(paths("折扣"), ["+ 折扣", "价格/折扣"]);
    assert_eq!(paths("格折"), ["+ 格折", "价格/折扣"]);
    // A whole path, in any case, is that code: nothing to create.
    assert_eq!(paths("Pricing/Discounts"), ["pricing/discounts"]);
}

#[test]
fn typing_selects_the_best_match_and_cjk_typed_or_pasted_filters() {
    let mut r = reader(&["pricing", "价格/折扣"]);
    r.keys("C价");
    r.input(vec![tread::tty::run::Input::Paste("折".into())]);
    let Some(Overlay::Picker(p)) = r.state.overlay() else {
        panic!()
    };
    assert_eq!(p.line.text, "价折");
    assert_eq!(listed(&r), ["+ 价折", "价格/折扣"]);
    assert_eq!(p.selected, 1, "the match, not the new code");
    assert!(r.screen().contains("■ 价格/折扣"), "{}", r.screen());
    r.keys("<enter>");
    assert_eq!(r.state.message(), Some("coded 价格/折扣"));
    // ↑ to the create row makes the code typed.
    r.keys("jCpri<up><enter>");
    assert_eq!(r.state.message(), Some("coded pri (a new code)"));
}

#[test]
fn a_parent_child_path_makes_the_parent_too() {
    let mut r = reader(&["timing"]);
    r.keys("Cpricing/discounts<enter>");
    assert_eq!(
        r.state.message(),
        Some("coded pricing/discounts (a new code)")
    );
    let Some(Effect::ChangeCodes(changes)) = r.shell.effects.first() else {
        panic!("{:?}", r.shell.effects);
    };
    let made: Vec<(&str, bool)> = changes
        .iter()
        .filter_map(|c| match c {
            CodeChange::Create { name, parent, .. } => Some((name.as_str(), parent.is_some())),
            _ => None,
        })
        .collect();
    assert_eq!(made, [("pricing", false), ("discounts", true)]);
    let b = r.state.coding().book();
    assert_eq!(b.children(&b.find("pricing").unwrap().id).count(), 1);
    // The next child goes under the same parent.
    r.keys("jCpricing/list price<enter>");
    let b = r.state.coding().book();
    assert_eq!(b.children(&b.find("pricing").unwrap().id).count(), 2);
    assert_eq!(b.codes().len(), 4);
}

#[test]
fn tab_codes_the_whole_turn() {
    let mut r = reader(&["pricing"]);
    let turn = r.state.turn();
    let flow = r.state.flow();
    let first = flow.turns[turn].first_sentence as usize;
    let last = flow.turns[turn + 1].first_sentence as usize - 1;
    assert!(last > first + 1, "a turn of several sentences");
    r.keys("C<tab>");
    assert!(
        r.screen()
            .contains("Code · whole turn · Tab: sentence · Enter applies"),
        "{}",
        r.screen()
    );
    r.keys("<tab>");
    assert!(r.screen().contains("Code · sentence · Tab: whole turn"));
    r.keys("<tab>1");
    let mark = &r.state.marks()[0];
    assert_eq!(mark.place.unwrap().sentence, first);
    for s in first..=last {
        let sen = r.state.flow().sentences[s];
        let text = &r.state.flow().text(r.state.doc(), sen.block as usize)
            [sen.start as usize..sen.end as usize];
        assert!(mark.bookmark.quote.contains(text), "{text}");
    }
    assert_eq!(mark.bookmark.codes, [id(&r, "pricing")]);
    // The same turn again is the same bookmark: the code comes off.
    r.keys("C<tab>1");
    assert_eq!(r.state.message(), Some("uncoded pricing"));
    assert_eq!(r.state.marks().len(), 1);
}

#[test]
fn a_selection_is_coded_as_one_quote() {
    let mut r = reader(&["pricing"]);
    let first = r.state.cursor();
    r.keys("vjC");
    assert!(r.screen().contains("Code · selection · Tab: whole turn"));
    r.keys("1");
    assert_eq!(r.state.selected_range(), None);
    let mark = &r.state.marks()[0];
    assert_eq!(mark.place.unwrap().sentence, first);
    assert_eq!(mark.bookmark.codes.len(), 1);
    // A sentence inside a bookmark codes that bookmark.
    r.keys("kC");
    assert!(r.screen().contains("Code · bookmark · Tab: whole turn"));
}

#[test]
fn the_bookmarks_list_codes_its_selected_bookmark_and_shows_codes() {
    let mut r = reader(&["pricing", "timing"]);
    r.keys("m]]jmg'j");
    assert!(matches!(
        r.state.overlay(),
        Some(&Overlay::Bookmarks { selected: 1 })
    ));
    r.keys("C");
    assert!(
        r.screen().contains("Code · bookmark · Enter applies · Esc"),
        "{}",
        r.screen()
    );
    // Tab does nothing to a bookmark from the list.
    r.keys("<tab>");
    assert_eq!(
        r.state.message(),
        Some("a bookmark from the list is coded as it is")
    );
    r.keys("tim<enter>");
    assert!(matches!(
        r.state.overlay(),
        Some(&Overlay::Bookmarks { selected: 1 })
    ));
    let second = r.state.marks()[1].bookmark.id.clone();
    assert_eq!(
        r.shell.effects.last(),
        Some(&Effect::SetCode {
            id: second,
            code: id(&r, "timing"),
            on: true
        })
    );
    assert!(r.state.marks()[0].bookmark.codes.is_empty());
    assert!(r.screen().contains("#timing"), "{}", r.screen());
    // Esc in the picker goes back to the list.
    r.keys("C<esc>");
    assert!(matches!(r.state.overlay(), Some(Overlay::Bookmarks { .. })));
}

#[test]
fn codes_are_saved_and_come_back_in_a_new_session() {
    let dir = tempfile::tempdir().unwrap();
    let (store_path, book_path) = (dir.path().join("b.json"), dir.path().join("codebook.json"));
    let mut r = reader(&[]);
    let (store, _) = Store::open_file(store_path.clone(), "sample").unwrap();
    let persist = Persist::new(Some(store)).with_codebook_at(book_path.clone());
    r.shell.persist = Some(persist);
    r.keys("Cpricing/discounts<enter>jjCtiming<enter>");
    r.keys("kkC");
    r.keys("tim<enter>");
    assert_eq!(r.state.message(), Some("coded timing"));
    // Quit: the store settles what it holds.
    let lines = r.shell.persist.as_mut().unwrap().close();
    assert!(lines.is_empty(), "{lines:?}");
    drop(r);

    let (store, _) = Store::open_file(store_path, "sample").unwrap();
    let (file, warnings) = CodebookFile::open_file(book_path);
    assert!(warnings.is_empty(), "{warnings:?}");
    let book = file.book().clone();
    let paths: Vec<String> = book
        .codes()
        .iter()
        .map(|c| book.path(&c.id).unwrap())
        .collect();
    assert_eq!(paths, ["pricing", "pricing/discounts", "timing"]);
    assert!(
        book.get(&book.find("timing").unwrap().id)
            .unwrap()
            .used
            .is_some()
    );
    let coded: Vec<Vec<String>> = store
        .list()
        .iter()
        .map(|b| b.codes.iter().map(|c| book.path(c).unwrap()).collect())
        .collect();
    assert_eq!(coded, [vec!["pricing/discounts", "timing"], vec!["timing"]]);

    // A new session shows them where they were.
    let mut again = Reader::new(120, 30);
    update(&mut again.state, Report::Codebook(book));
    update(&mut again.state, Report::Bookmarks(store.list().to_vec()));
    again.keys("]jj");
    assert!(
        again.row(29).contains("#pricing/discounts #timing"),
        "{}",
        again.row(29)
    );
}

/// Another window made `pricing` first: this session's `pricing` is the
/// same code, so its quotes are coded with the one the book keeps.
#[test]
fn a_code_made_first_elsewhere_is_the_one_quotes_keep() {
    let dir = tempfile::tempdir().unwrap();
    let book_path = dir.path().join("codebook.json");
    let (mut elsewhere, _) = CodebookFile::open_file(book_path.clone());
    let (mine, _) = CodebookFile::open_file(book_path.clone());
    let theirs = "00000000-0000-4000-8000-0000000000ff".to_string();
    elsewhere
        .change(&[CodeChange::Create {
            id: theirs.clone(),
            name: "Pricing".into(),
            parent: None,
            color: None,
        }])
        .unwrap();

    let mut r = reader(&[]);
    let (store, _) = Store::open_file(dir.path().join("b.json"), "sample").unwrap();
    r.shell.persist = Some(Persist::new(Some(store)).with_codebook(Some(mine)));
    r.keys("Cpricing<enter>");
    assert_eq!(
        r.state.message(),
        Some("Pricing was made in another window too: its quotes use that one")
    );
    assert_eq!(
        r.state.marks()[0].bookmark.codes,
        std::slice::from_ref(&theirs)
    );
    assert_eq!(r.state.coding().book().codes().len(), 1);
    // Coded with it again later in the session: the kept code.
    r.keys("jC1");
    assert_eq!(
        r.state.marks()[1].bookmark.codes,
        std::slice::from_ref(&theirs)
    );
    let persist = r.shell.persist.as_mut().unwrap();
    let store = persist.store.as_ref().unwrap();
    assert!(store.list().iter().all(|b| b.codes == [theirs.clone()]));
}

#[test]
fn a_codebook_that_cannot_be_saved_is_kept_retried_and_told_at_quit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let book_path = data.join("codebook.json");
    let (file, _) = CodebookFile::open_file(book_path.clone());
    let block = || {
        // A file where the directory must be: no save can succeed.
        std::fs::remove_dir_all(&data).unwrap();
        std::fs::write(&data, "x").unwrap();
    };
    block();
    let mut r = reader(&[]);
    let (store, _) = Store::open_file(dir.path().join("b.json"), "sample").unwrap();
    r.shell.persist = Some(Persist::new(Some(store)).with_codebook(Some(file)));
    r.keys("Cpricing<enter>");
    let warning = r.state.status_message().unwrap();
    assert!(warning.is_warning(), "{warning:?}");
    assert!(
        warning
            .text
            .starts_with("codes kept, not saved yet; will retry"),
        "{warning:?}"
    );
    assert_eq!(r.state.coding().book().codes().len(), 1, "kept here");
    assert_eq!(r.state.marks()[0].bookmark.codes.len(), 1);

    std::fs::remove_file(&data).unwrap();
    r.input(vec![tread::tty::run::Input::Idle]);
    assert_eq!(
        r.state.message(),
        Some("saved 2 codebook changes that were waiting")
    );
    let (saved, _) = CodebookFile::open_file(book_path.clone());
    assert_eq!(saved.book().codes().len(), 1);
    drop(saved);

    // Blocked again at quit: a line says what was not saved.
    block();
    r.keys("jCtiming<enter>");
    let lines = r.shell.persist.as_mut().unwrap().close();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2 codebook changes not saved in")),
        "{lines:?}"
    );
}

/// Another window codes a quote with a code it made: when its bookmarks
/// arrive here, the codebook is read again so the code has its name.
#[test]
fn a_code_made_in_another_window_arrives_with_its_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let (store_path, book_path) = (dir.path().join("b.json"), dir.path().join("codebook.json"));
    let open = |r: &mut Reader| {
        let (store, _) = Store::open_file(store_path.clone(), "sample").unwrap();
        let persist = Persist::new(Some(store)).with_codebook_at(book_path.clone());
        r.shell.persist = Some(persist);
    };
    let (mut here, mut there) = (reader(&[]), reader(&[]));
    open(&mut here);
    open(&mut there);
    there.keys("Cpricing<enter>");
    here.input(vec![tread::tty::run::Input::Idle]);
    assert_eq!(here.state.marks().len(), 1);
    assert!(here.state.coding().book().find("pricing").is_some());
    assert!(here.row(29).contains("· #pricing ·"), "{}", here.row(29));
}

/// A code another window made, or renamed, without coding any quote of
/// this document: the picker lists it after the next idle moment, with no
/// save here needed to bring it.
#[test]
fn codes_made_or_renamed_elsewhere_arrive_without_a_save_here() {
    let dir = tempfile::tempdir().unwrap();
    let (store_path, book_path) = (dir.path().join("b.json"), dir.path().join("codebook.json"));
    let mut here = reader(&[]);
    let (store, _) = Store::open_file(store_path, "sample").unwrap();
    here.shell.persist = Some(Persist::new(Some(store)).with_codebook_at(book_path.clone()));

    // The first codebook is another window's.
    let (mut there, _) = CodebookFile::open_file(book_path);
    let create = CodeChange::Create {
        id: "c1".into(),
        name: "pricing".into(),
        parent: None,
        color: None,
    };
    there.change(&[create]).unwrap();
    here.input(vec![tread::tty::run::Input::Idle]);
    assert!(here.state.coding().book().find("pricing").is_some());

    let rename = CodeChange::Rename {
        id: "c1".into(),
        name: "价格".into(),
    };
    there.change(&[rename]).unwrap();
    here.input(vec![tread::tty::run::Input::Idle]);
    here.keys("C");
    assert!(here.screen().contains("价格"), "{}", here.screen());
}
