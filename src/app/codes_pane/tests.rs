//! The overview's update: selecting, each edit's `CodeChange`, and the
//! errors that keep the editor open.

use super::*;
use crate::app::action::{EditKey, Effect};
use crate::app::keymap::Keymap;
use crate::app::startup::Startup;
use crate::app::update;
use crate::store::codes::{CodeChange, Codebook};
use crate::store::{Anchor, Bookmark, Span};
use crate::transcript::{LoadOptions, load};

const TEXT: &str = "Ana: One.\n\n张伟:二。\n\nAna: Three.\n";

/// `pricing`, `pricing/discounts`, `timing`, with ids `c1`, `c2`, `c3`.
fn book() -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("c{n}")
    };
    for p in ["pricing", "pricing/discounts", "timing"] {
        let id = next();
        for c in b.plan_create(p, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

/// [`TEXT`] with each turn a bookmark: Ana's first uncoded, 张伟's coded
/// `pricing` and `timing`, Ana's second `discounts`.
fn state() -> State {
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    let mut up = Startup::new(&doc);
    up.codebook = book();
    up.session = "t".into();
    let codes = [vec![], vec!["c1", "c3"], vec!["c2"]];
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
        let mut b = Bookmark::fresh(&doc, span, "").unwrap();
        b.id = format!("b{turn}");
        b.codes = codes.iter().map(|c| c.to_string()).collect();
        up.bookmarks.push(b);
    }
    State::start(doc, "t.txt", Keymap::default_keymap(), up)
}

fn opened() -> State {
    let mut s = state();
    update(&mut s, Action::Codes);
    s
}

fn selected(s: &State) -> Option<&str> {
    pane(s)?.selected_id()
}

fn type_in(s: &mut State, text: &str) -> Option<Effect> {
    for c in text.chars() {
        update(s, Action::Edit(EditKey::Char(c)));
    }
    update(s, Action::Edit(EditKey::Submit))
}

/// Clear the prefilled line, type `text` and submit.
fn replace_with(s: &mut State, text: &str) -> Option<Effect> {
    update(s, Action::Edit(EditKey::End));
    for _ in 0..80 {
        update(s, Action::Edit(EditKey::Backspace));
    }
    type_in(s, text)
}

#[test]
fn the_table_counts_this_documents_quotes_per_code_and_speaker() {
    let s = opened();
    let t = table(&s);
    assert_eq!(t.quotes, 3);
    assert_eq!(t.speakers, [Some("Ana".into()), Some("张伟".into())]);
    let rows: Vec<(&str, usize, &[usize])> = (t.rows.iter())
        .map(|r| {
            (
                r.path.as_str(),
                r.tally.total,
                r.tally.by_speaker.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("pricing", 2, &[1, 1][..]),
            ("pricing/discounts", 1, &[1, 0][..]),
            ("timing", 1, &[0, 1][..]),
        ]
    );
    assert_eq!(t.uncoded.total, 1);
}

#[test]
fn j_and_k_select_a_code_stopping_at_either_end_and_esc_closes() {
    let mut s = opened();
    assert_eq!(selected(&s), Some("c1"), "the cursor's quote has no code");
    update(&mut s, Action::SelectUp);
    assert_eq!(selected(&s), Some("c1"));
    for _ in 0..5 {
        update(&mut s, Action::SelectDown);
    }
    assert_eq!(selected(&s), Some("c3"));
    update(&mut s, Action::SelectUp);
    assert_eq!(selected(&s), Some("c2"));
    update(&mut s, Action::CloseOverlay);
    assert!(s.overlay().is_none());
    update(&mut s, Action::Codes);
    update(&mut s, Action::Codes);
    assert!(s.overlay().is_none(), "# closes it too");
    // On a coded quote it opens on the quote's code.
    update(&mut s, Action::Bottom);
    update(&mut s, Action::Codes);
    assert_eq!(selected(&s), Some("c2"));
}

#[test]
fn rename_is_prefilled_and_gives_a_rename() {
    let mut s = opened();
    update(&mut s, Action::RenameCode);
    let (kind, line) = pane(&s).unwrap().editing().unwrap();
    assert_eq!((kind, line.text.as_str()), (EditKind::Rename, "pricing"));
    // j is text while the editor is open.
    let effect = replace_with(&mut s, "价格j");
    assert_eq!(
        effect,
        Some(Effect::ChangeCodes(vec![CodeChange::Rename {
            id: "c1".into(),
            name: "价格j".into(),
        }]))
    );
    assert!(pane(&s).unwrap().editing().is_none());
    assert_eq!(s.coding().path("c2").as_deref(), Some("价格j/discounts"));
    assert_eq!(s.message(), Some("renamed pricing to 价格j"));
}

#[test]
fn a_rename_to_a_taken_name_keeps_the_editor_open_with_the_reason() {
    let mut s = opened();
    update(&mut s, Action::RenameCode);
    assert_eq!(replace_with(&mut s, "Timing"), None);
    let p = pane(&s).unwrap();
    assert_eq!(p.error(), Some("there is already a code Timing"));
    assert!(p.editing().is_some());
    // Typing clears it; Esc leaves the book as it was.
    update(&mut s, Action::Edit(EditKey::Char('x')));
    assert_eq!(pane(&s).unwrap().error(), None);
    update(&mut s, Action::Edit(EditKey::Cancel));
    assert!(pane(&s).unwrap().editing().is_none());
    assert!(
        s.overlay().is_some(),
        "Esc in the editor closes the editor only"
    );
    assert_eq!(s.coding().path("c1").as_deref(), Some("pricing"));
}

#[test]
fn recolour_takes_hex_a_palette_name_or_nothing() {
    let mut s = opened();
    update(&mut s, Action::RecolorCode);
    let effect = type_in(&mut s, "ff8800");
    let recolor = |color: Option<&str>| {
        Some(Effect::ChangeCodes(vec![CodeChange::Recolor {
            id: "c1".into(),
            color: color.map(str::to_string),
        }]))
    };
    assert_eq!(effect, recolor(Some("#FF8800")));
    update(&mut s, Action::RecolorCode);
    assert_eq!(pane(&s).unwrap().editing().unwrap().1.text, "#FF8800");
    assert_eq!(replace_with(&mut s, "Teal"), recolor(Some("#008282")));
    update(&mut s, Action::RecolorCode);
    assert_eq!(replace_with(&mut s, ""), recolor(None));
    assert_eq!(s.coding().colour("c1"), Some((None, 0)));
    update(&mut s, Action::RecolorCode);
    assert_eq!(type_in(&mut s, "mauve"), None);
    let e = pane(&s).unwrap().error().unwrap();
    assert!(e.starts_with("not a colour: mauve"), "{e}");
}

#[test]
fn describe_gives_a_description() {
    let mut s = opened();
    update(&mut s, Action::DescribeCode);
    assert_eq!(
        type_in(&mut s, " what we charge "),
        Some(Effect::ChangeCodes(vec![CodeChange::Describe {
            id: "c1".into(),
            description: "what we charge".into(),
        }]))
    );
    assert_eq!(
        s.coding().book().get("c1").unwrap().description,
        "what we charge"
    );
    // The same again changes nothing and saves nothing.
    update(&mut s, Action::DescribeCode);
    assert_eq!(type_in(&mut s, ""), None);
    assert!(pane(&s).unwrap().editing().is_none());
}

#[test]
fn move_nests_one_level_only_with_the_models_error() {
    let mut s = opened();
    update(&mut s, Action::SelectDown);
    update(&mut s, Action::SelectDown);
    assert_eq!(selected(&s), Some("c3"));
    update(&mut s, Action::MoveCode);
    assert_eq!(
        type_in(&mut s, "pricing/discounts"),
        None,
        "under a code that is under another"
    );
    let e = pane(&s).unwrap().error().unwrap().to_string();
    assert_eq!(
        e,
        "codes nest one level: discounts is already under another code"
    );
    assert_eq!(
        replace_with(&mut s, "PRICING"),
        Some(Effect::ChangeCodes(vec![CodeChange::Reparent {
            id: "c3".into(),
            parent: Some("c1".into()),
        }]))
    );
    assert_eq!(s.coding().path("c3").as_deref(), Some("pricing/timing"));
    assert_eq!(selected(&s), Some("c3"), "the moved code stays selected");
    // A parent cannot go under another; empty makes a top code.
    update(&mut s, Action::SelectUp);
    update(&mut s, Action::SelectUp);
    update(&mut s, Action::SelectUp);
    assert_eq!(selected(&s), Some("c1"));
    update(&mut s, Action::MoveCode);
    assert_eq!(type_in(&mut s, "nowhere"), None);
    assert_eq!(pane(&s).unwrap().error(), Some("no such code nowhere"));
    update(&mut s, Action::Edit(EditKey::Cancel));
    for _ in 0..3 {
        update(&mut s, Action::SelectDown);
    }
    update(&mut s, Action::MoveCode);
    assert_eq!(pane(&s).unwrap().editing().unwrap().1.text, "pricing");
    assert_eq!(
        replace_with(&mut s, ""),
        Some(Effect::ChangeCodes(vec![CodeChange::Reparent {
            id: "c3".into(),
            parent: None,
        }]))
    );
    assert_eq!(s.message(), Some("timing is a top code now"));
}

#[test]
fn a_parent_with_children_cannot_move_under_another() {
    let mut s = opened();
    update(&mut s, Action::MoveCode);
    assert_eq!(type_in(&mut s, "timing"), None);
    assert_eq!(
        pane(&s).unwrap().error(),
        Some("pricing has codes under it, so it cannot go under another")
    );
    update(&mut s, Action::Edit(EditKey::Cancel));
    update(&mut s, Action::MoveCode);
    assert_eq!(replace_with(&mut s, "pricing"), None);
    assert_eq!(
        pane(&s).unwrap().error(),
        Some("a code cannot go under itself")
    );
}

#[test]
fn new_makes_a_code_and_its_parent_with_session_ids() {
    let mut s = opened();
    update(&mut s, Action::NewCode);
    let Some(Effect::ChangeCodes(changes)) = type_in(&mut s, "scope/risks") else {
        panic!("no change");
    };
    assert_eq!(changes.len(), 2, "the parent, then the code");
    assert!(
        matches!(&changes[0], CodeChange::Create { name, parent: None, .. } if name == "scope")
    );
    let CodeChange::Create { id, name, .. } = &changes[1] else {
        panic!()
    };
    assert_eq!(name, "risks");
    assert_eq!(selected(&s), Some(id.as_str()));
    assert_eq!(s.message(), Some("made scope/risks"));
    update(&mut s, Action::NewCode);
    assert_eq!(type_in(&mut s, " "), None);
    assert_eq!(pane(&s).unwrap().error(), Some("a code needs a name"));
}

#[test]
fn a_name_longer_than_maxqda_keeps_is_made_with_a_warning() {
    let mut s = opened();
    let long = "a".repeat(70);
    update(&mut s, Action::NewCode);
    assert!(matches!(
        type_in(&mut s, &long),
        Some(Effect::ChangeCodes(_))
    ));
    let m = s.status_message().unwrap();
    assert!(m.is_warning(), "{m:?}");
    assert!(
        m.text
            .ends_with("MAXQDA cuts code names at 63 characters (this one has 70)"),
        "{}",
        m.text
    );
    update(&mut s, Action::RenameCode);
    assert!(matches!(
        replace_with(&mut s, &long[..64]),
        Some(Effect::ChangeCodes(_))
    ));
    assert!(s.message().unwrap().contains("(this one has 64)"));
}

#[test]
fn with_no_codes_only_new_works() {
    let doc = load(TEXT.as_bytes(), &LoadOptions::default()).unwrap();
    let mut s = State::new(doc, "t.txt", Keymap::default_keymap());
    update(&mut s, Action::Codes);
    update(&mut s, Action::RenameCode);
    assert_eq!(
        pane(&s).unwrap().error(),
        Some("no codes yet: make one first")
    );
    assert!(pane(&s).unwrap().editing().is_none());
    update(&mut s, Action::NewCode);
    assert!(type_in(&mut s, "pricing").is_some());
    assert_eq!(s.coding().book().codes().len(), 1);
}
