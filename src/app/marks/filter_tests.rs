//! Unit tests of the list's filter: each term of the query language on
//! placed marks, combined, a CJK speaker, a query that does not parse
//! keeping the last filter, and the selection's steps over hidden rows.
//! The panel here is also the fixture of the query line's flow tests.

use super::*;
use crate::app::flow::Flow;
use crate::app::marks::place_all;
use crate::store::anchor::{Anchor, Span};
use crate::store::bookmarks::{Bookmark, Origin};
use crate::transcript::{Document, LoadOptions, load};

const PANEL: &str = "Panel on schools\n\n\
    01 Pricing\n\n\
    Ana: Our list price is too high for schools.\n\n\
    张伟：价格太高了，学校买不起。\n\n\
    02 Timing\n\n\
    Mark Zuckerberg: We ship the open source model in May.\n\n\
    张伟：五月太晚了。\n\n\
    03 Close\n\n\
    Ana: Thank you all.\n";

pub(crate) fn panel_doc() -> Document {
    let options = LoadOptions {
        extension: Some("txt".into()),
        ..LoadOptions::default()
    };
    load(PANEL.as_bytes(), &options).unwrap()
}

/// Codes `pricing/discounts` (so `pricing` too) and `timing`, with fixed ids.
pub(crate) fn panel_book() -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    for path in ["pricing/discounts", "timing"] {
        let id = next();
        for c in b.plan_create(path, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

/// Every paragraph bookmarked, in document order: 0 Ana's price (coded
/// `pricing`), 1 张伟's 价格 (`pricing/discounts`), 2 Mark's May
/// (`timing`), 3 张伟's 五月 (`timing`, a note), 4 Ana's thanks.
pub(crate) fn panel_bookmarks(doc: &Document, book: &Codebook) -> Vec<Bookmark> {
    let code = |p: &str| book.find(p).unwrap().id.clone();
    let mut out = Vec::new();
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            let text = &turn.paragraphs[0];
            let at = |offset| Anchor {
                section: si,
                turn: ti,
                paragraph: 0,
                offset,
            };
            let span = Span {
                start: at(0),
                end: at(text.chars().count()),
            };
            let origin = Origin {
                id: format!("b{}", out.len()),
                created: "2025-01-01T00:00:00Z".into(),
                doc_hash: "h".into(),
            };
            out.extend(Bookmark::new(doc, span, "", origin));
        }
    }
    assert_eq!(out.len(), 5, "{out:?}");
    out[0].codes = vec![code("pricing")];
    out[1].codes = vec![code("pricing/discounts")];
    out[2].codes = vec![code("timing")];
    out[3].codes = vec![code("timing")];
    out[3].note = "follow up with the ministry".into();
    out
}

fn marks() -> (Vec<Mark>, Codebook) {
    let doc = panel_doc();
    let book = panel_book();
    let flow = Flow::new(&doc);
    let marks = place_all(&doc, &flow, panel_bookmarks(&doc, &book));
    (marks, book)
}

/// The rows `query` shows.
fn rows(query: &str) -> Vec<usize> {
    let (marks, book) = marks();
    let mut f = Filter::default();
    f.set(query, &book);
    assert_eq!(f.error(), None, "{query}");
    f.rows(&marks, &book)
}

/// Type `text` into the open line, a key per character.
fn type_in(f: &mut Filter, text: &str, book: &Codebook) {
    for c in text.chars() {
        assert_eq!(f.key(EditKey::Char(c), book), Typed::Changed);
    }
}

#[test]
fn the_panel_is_in_document_order() {
    let (marks, _) = marks();
    let who: Vec<_> = marks
        .iter()
        .map(|m| m.citation.speaker.clone().unwrap_or_default())
        .collect();
    assert_eq!(who, ["Ana", "张伟", "Mark Zuckerberg", "张伟", "Ana"]);
}

#[test]
fn each_term_alone_shows_its_marks() {
    assert_eq!(rows(""), [0, 1, 2, 3, 4]);
    assert_eq!(rows("code:pricing"), [0, 1]);
    assert_eq!(rows("code:pricing/discounts"), [1]);
    assert_eq!(rows("code:-"), [4]);
    assert_eq!(rows("spk:张伟"), [1, 3]);
    assert_eq!(rows("spk:mark"), [2]);
    assert_eq!(rows("§2"), [2, 3]);
    assert_eq!(rows("sec:03"), [4]);
    assert_eq!(rows("note:ministry"), [3]);
    assert_eq!(rows("price"), [0]);
    assert_eq!(rows("价格"), [1]);
}

#[test]
fn terms_combine_and_negate() {
    assert_eq!(rows("code:timing spk:张伟"), [3]);
    assert_eq!(rows("spk:ana §3"), [4]);
    assert_eq!(rows("-code:pricing spk:张伟"), [3]);
    assert_eq!(rows("code:pricing §1 太高"), [1]);
    assert_eq!(
        rows("spk:张伟 code:timing note:nothing"),
        Vec::<usize>::new()
    );
}

#[test]
fn a_query_that_does_not_parse_keeps_the_last_filter() {
    let (marks, book) = marks();
    let mut f = Filter::default();
    f.open();
    type_in(&mut f, "spk:张伟", &book);
    assert_eq!(f.rows(&marks, &book), [1, 3]);
    // An open quote does not parse, however much follows it: the list
    // keeps showing 张伟's quotes, with the error of the text typed.
    type_in(&mut f, " \"open sou", &book);
    assert_eq!(f.error(), Some("unbalanced quote in the query"));
    assert_eq!(f.text(), "spk:张伟");
    assert_eq!(f.rows(&marks, &book), [1, 3]);
    // While typing, each text that parses is the filter: words first.
    type_in(&mut f, "rce\"", &book);
    assert_eq!((f.error(), f.rows(&marks, &book)), (None, vec![]));
    type_in(&mut f, " code:", &book);
    assert_eq!(f.error(), Some("\"code:\" needs a value"));
    type_in(&mut f, "nope", &book);
    assert_eq!(f.error(), Some("no code \"nope\""));
    assert_eq!(f.text(), "spk:张伟 \"open source\" code");
    // Enter on it keeps the line open with the text, and says why.
    let refused = f.key(EditKey::Submit, &book);
    assert_eq!(refused, Typed::Refused("no code \"nope\"".into()));
    assert!(f.is_open());
    assert_eq!(f.text(), "spk:张伟 \"open source\" code");
    for _ in 0..4 {
        f.key(EditKey::Backspace, &book);
    }
    type_in(&mut f, "-", &book);
    assert_eq!(f.key(EditKey::Submit, &book), Typed::Kept);
    assert!(!f.is_open());
    assert_eq!(
        (f.text(), f.error()),
        ("spk:张伟 \"open source\" code:-", None)
    );
    // Reopened, the line holds the filter's text; Esc clears it.
    f.open();
    assert_eq!(f.line().unwrap().text, "spk:张伟 \"open source\" code:-");
    assert_eq!(f.key(EditKey::Cancel, &book), Typed::Cleared);
    assert!(!f.is_set() && !f.is_open());
    assert_eq!(f.rows(&marks, &book), [0, 1, 2, 3, 4]);
}

#[test]
fn an_unbalanced_quote_and_a_bad_regex_are_errors_too() {
    let (_, book) = marks();
    let mut f = Filter::default();
    f.set("code:timing", &book);
    for bad in ["\"open", "\\v(", "colour:red"] {
        f.set(bad, &book);
        assert!(f.error().is_some(), "{bad}");
        assert_eq!(f.text(), "code:timing", "{bad}");
    }
    // Emptied, the line filters nothing.
    f.set("  ", &book);
    assert!(!f.is_set());
}

#[test]
fn the_selection_steps_over_the_rows_the_filter_hides() {
    let (marks, book) = marks();
    let mut f = Filter::default();
    f.set("spk:张伟", &book);
    assert_eq!(f.first(&marks, &book), Some(1));
    assert_eq!(f.nearest(&marks, &book, 1), Some(1));
    assert_eq!(f.nearest(&marks, &book, 2), Some(3));
    // Past the last shown (as after deleting it), the last one before.
    assert_eq!(f.nearest(&marks, &book, 4), Some(3));
    assert_eq!(f.nearest(&marks, &book, 9), Some(3));
    assert_eq!(f.step(&marks, &book, 1, 1), Some(3));
    assert_eq!(f.step(&marks, &book, 3, 1), Some(3));
    assert_eq!(f.step(&marks, &book, 3, -1), Some(1));
    assert_eq!(f.step(&marks, &book, 3, -9), Some(1));
    f.set("spk:ana code:timing", &book);
    assert_eq!(f.first(&marks, &book), None);
    assert_eq!(f.step(&marks, &book, 0, 1), None);
}

#[test]
fn keys_outside_the_line_are_handed_back() {
    let (_, book) = marks();
    let mut f = Filter::default();
    assert_eq!(f.key(EditKey::Char('x'), &book), Typed::Moved);
    assert!(!f.is_set());
    f.open();
    assert_eq!(f.key(EditKey::Down, &book), Typed::Other(EditKey::Down));
    assert_eq!(f.key(EditKey::Left, &book), Typed::Moved);
}
