//! The code overview (`#`) through the real run loop: the table drawn at
//! 80×24 and 60×20 (speakers as columns, then as one list), the swatches
//! in each code's colour and none without colour, and editing the
//! codebook from it: a rename saved in the codebook file and seen in the
//! code picker and the bookmarks list.

mod support;

use ratatui::crossterm::event::MouseEventKind;
use ratatui::style::Color;
use support::app::{Reader, started};
use tread::app::Effect;
use tread::app::codes_pane;
use tread::app::keymap::Keymap;
use tread::app::shell::Persist;
use tread::app::state::Overlay;
use tread::store::codes::{CodeChange, Codebook, CodebookFile};
use tread::store::{Anchor, Bookmark, Span};
use tread::transcript::{Document, LoadOptions, load};
use tread::ui::codes::FOOTER;
use tread::ui::theme::CODE_COLORS;

const TEXT: &str = "Ana: We raised prices twice last year.\n\n\
    张伟：折扣太多了。\n\n\
    Dr. Margaret Okonkwo: Discounts train customers to wait.\n\n\
    Ben Carter: I disagree.\n\n\
    Ana: Timing matters more than price.\n\n\
    张伟：价格是关键。\n\n\
    Ben Carter: Scope first.\n\n\
    Dr. Margaret Okonkwo: Agreed.\n";

const ORANGE: Color = Color::Rgb(255, 136, 0);

/// The codes made in order, with ids `…0001`, `…0002`…: `pricing` (its
/// own colour, orange, and a description), `pricing/discounts`, `timing`,
/// `scope`.
fn changes() -> Vec<CodeChange> {
    let id = |n: u32| format!("00000000-0000-4000-8000-{n:012}");
    let code = |n, name: &str, parent: Option<u32>| CodeChange::Create {
        id: id(n),
        name: name.into(),
        parent: parent.map(id),
        color: (n == 1).then(|| "#ff8800".into()),
    };
    vec![
        code(1, "pricing", None),
        CodeChange::Describe {
            id: id(1),
            description: "what customers pay, and how they hear of it".into(),
        },
        code(2, "discounts", Some(1)),
        code(3, "timing", None),
        code(4, "scope", None),
    ]
}

fn book() -> Codebook {
    let mut b = Codebook::default();
    for c in changes() {
        b.apply(&c).unwrap();
    }
    b
}

/// Turns 0 to 5 bookmarked whole, coded by the ids' last digits.
fn bookmarks(doc: &Document) -> Vec<Bookmark> {
    let codes: [&[u32]; 6] = [&[1, 3], &[2], &[2], &[], &[3], &[1]];
    let mut out = Vec::new();
    for (turn, codes) in codes.iter().enumerate() {
        let at = |offset| Anchor {
            section: 0,
            turn,
            paragraph: 0,
            offset,
        };
        let len = doc.sections[0].turns[turn].paragraphs[0].chars().count();
        let span = Span {
            start: at(0),
            end: at(len),
        };
        let mut b = Bookmark::fresh(doc, span, "").unwrap();
        b.id = format!("b{turn}");
        b.codes = (codes.iter())
            .map(|n| format!("00000000-0000-4000-8000-{n:012}"))
            .collect();
        out.push(b);
    }
    out
}

fn reader(w: u16, h: u16, color: bool, book: Codebook) -> Reader {
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    let marks = bookmarks(&doc);
    let state = started(doc, "talk.txt", Keymap::default_keymap(), |up| {
        up.codebook = book;
        up.bookmarks = marks;
        up.color = color;
        up.session = "test".into();
    });
    Reader::with_state(state, w, h)
}

#[test]
fn at_80_columns_each_speaker_has_a_column() {
    let mut r = reader(80, 24, true, book());
    r.keys("#");
    let screen = r.screen();
    assert!(
        screen.contains("codes · 6 quotes in this document"),
        "{screen}"
    );
    assert!(screen.contains(FOOTER), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn at_60_columns_the_speakers_are_one_list_most_quotes_first() {
    let mut r = reader(60, 20, true, book());
    r.keys("#j");
    let screen = r.screen();
    assert!(screen.contains("张伟 1, Dr. Margare… 1"), "{screen}");
    assert!(screen.contains(FOOTER), "{screen}");
    insta::assert_snapshot!(screen);
}

/// The swatch's cell on the row naming `name`.
fn swatch(r: &Reader, name: &str) -> (String, Color) {
    let y = (0..r.buffer().area.height)
        .find(|&y| r.row(y).contains(&format!(" {name} ")))
        .unwrap();
    let x = r
        .cells(y)
        .find(|&x| matches!(r.buffer()[(x, y)].symbol(), "■" | "#"))
        .unwrap();
    let cell = &r.buffer()[(x, y)];
    (cell.symbol().to_string(), cell.fg)
}

#[test]
fn the_swatch_is_the_codes_colour_and_plain_without_colour() {
    let mut r = reader(80, 24, true, book());
    r.keys("#");
    assert_eq!(swatch(&r, "pricing"), ("■".into(), ORANGE));
    assert_eq!(swatch(&r, "timing"), ("■".into(), CODE_COLORS[2]));
    // The selected row keeps the swatch's colour.
    r.keys("jj");
    assert_eq!(swatch(&r, "timing"), ("■".into(), CODE_COLORS[2]));
    let mut plain = reader(80, 24, false, book());
    plain.keys("#");
    assert_eq!(swatch(&plain, "pricing"), ("#".into(), Color::Reset));
    assert_eq!(swatch(&plain, "timing"), ("#".into(), Color::Reset));
}

#[test]
fn the_mouse_wheel_selects_a_code() {
    let mut r = reader(80, 24, true, book());
    r.keys("#");
    let wheel = |kind| support::app::mouse(kind, (40, 10));
    r.input(vec![
        wheel(MouseEventKind::ScrollDown),
        wheel(MouseEventKind::ScrollDown),
    ]);
    let selected = codes_pane::pane(&r.state).unwrap().selected_id();
    assert_eq!(selected, Some("00000000-0000-4000-8000-000000000003"));
    r.input(vec![wheel(MouseEventKind::ScrollUp)]);
    let selected = codes_pane::pane(&r.state).unwrap().selected_id();
    assert_eq!(selected, Some("00000000-0000-4000-8000-000000000002"));
}

#[test]
fn an_edit_error_is_one_line_in_the_overlay_and_the_keys_come_from_the_keymap() {
    let mut keymap = Keymap::default_keymap();
    keymap
        .merge_str(
            "[keys.codes]\n\"c\" = \"noop\"\n\"K\" = \"recolor-code\"\n",
            "t.toml",
        )
        .unwrap();
    let mut r = reader(80, 24, true, book());
    r.state = started(
        load(TEXT.as_bytes(), &LoadOptions::default()).unwrap(),
        "talk.txt",
        keymap,
        |up| up.codebook = book(),
    );
    r.keys("#");
    let screen = r.screen();
    assert!(
        screen.contains("r rename · K colour · d describe"),
        "{screen}"
    );
    // Prefilled with the code's colour.
    r.keys("K");
    assert!(r.screen().contains("colour: #FF8800"), "{}", r.screen());
    r.keys("<bs><bs><bs><bs><bs><bs><bs>mauve<enter>");
    let screen = r.screen();
    assert!(
        screen.contains("not a colour: mauve (#RRGGBB, or blue, orange"),
        "{screen}"
    );
    assert!(screen.contains("colour: mauve"), "the editor stays open");
    r.keys("<esc><esc>");
    assert!(r.state.overlay().is_none());
}

#[test]
fn a_rename_is_saved_and_shows_in_the_picker_and_the_bookmarks_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codebook.json");
    let (mut file, _) = CodebookFile::open_file(path.clone());
    file.change(&changes()).unwrap();
    let mut r = reader(100, 30, true, file.book().clone());
    r.shell.persist = Some(Persist::new(None).with_codebook(Some(file)));
    r.keys("#");
    let p = codes_pane::pane(&r.state).unwrap();
    assert_eq!(
        p.selected_id(),
        Some("00000000-0000-4000-8000-000000000001")
    );
    r.keys("r<bs><bs><bs>es<enter>");
    assert_eq!(r.state.message(), Some("renamed pricing to prices"));
    assert!(
        r.shell
            .effects
            .contains(&Effect::ChangeCodes(vec![CodeChange::Rename {
                id: "00000000-0000-4000-8000-000000000001".into(),
                name: "prices".into(),
            }]))
    );
    assert!(r.screen().contains("■ prices"), "{}", r.screen());
    // Saved in the file, under its lock, as the shell saves every change.
    let (saved, _) = CodebookFile::open_file(path);
    assert_eq!(
        saved.book().path("00000000-0000-4000-8000-000000000002"),
        Some("prices/discounts".into())
    );
    r.keys("<esc>C");
    assert!(matches!(r.state.overlay(), Some(Overlay::Picker(_))));
    assert!(r.screen().contains("prices/discounts"), "{}", r.screen());
    r.keys("<esc>'");
    let screen = r.screen();
    assert!(screen.contains("#prices #timing"), "{screen}");
    assert!(!screen.contains("pricing"), "{screen}");
}

#[test]
fn the_help_lists_the_overview_keys() {
    let mut r = reader(120, 40, true, book());
    r.keys("?");
    assert!(
        r.screen().contains("In the code overview"),
        "{}",
        r.screen()
    );
    assert!(
        tread::app::help::lines(r.state.keymap())
            .iter()
            .any(|(l, _)| l.contains("rename / describe the code"))
    );
}

#[test]
fn a_code_made_in_the_picker_with_a_name_maxqda_would_cut_is_made_with_a_warning() {
    let mut r = reader(100, 30, true, book());
    let name = "a".repeat(64);
    r.keys(&format!("C{name}<enter>"));
    assert!(r.state.coding().book().find(&name).is_some());
    let m = r.state.status_message().unwrap();
    assert!(m.is_warning(), "{m:?}");
    assert_eq!(
        m.text,
        format!(
            "coded {name} (a new code); MAXQDA cuts code names at 63 characters (this one has 64)"
        )
    );
}
