//! Unit tests of the query language: each term alone and combined, CJK
//! names and text, negation, every error.

use super::*;
use crate::store::anchor::{Anchor, Span};
use crate::store::cite::cite_all;
use crate::store::codes::CodeChange;
use crate::transcript::{Document, LoadOptions, load};

const NUMBERED: &str = "Panel on schools\n\n\
    01 Pricing\n\n\
    Ana: Our list price is too high for schools.\n\n\
    Mark Zuckerberg: Discounts for schools would help, said the note.\n\n\
    02 Timing\n\n\
    Mark Zuckerberg: We ship the open source model in May.\n\n\
    张伟:价格太高了,学校买不起。\n\n\
    03 Close\n\n\
    Ana: Thank you all.\n";

fn doc(text: &str, ext: &str) -> Document {
    let options = LoadOptions {
        extension: Some(ext.into()),
        ..LoadOptions::default()
    };
    load(text.as_bytes(), &options).unwrap()
}

/// Every paragraph of `doc` bookmarked whole.
fn every_paragraph(doc: &Document) -> Vec<Bookmark> {
    let mut out = Vec::new();
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            for (pi, text) in turn.paragraphs.iter().enumerate() {
                let at = |offset| Anchor {
                    section: si,
                    turn: ti,
                    paragraph: pi,
                    offset,
                };
                let span = Span {
                    start: at(0),
                    end: at(text.chars().count()),
                };
                out.extend(Bookmark::fresh(doc, span, ""));
            }
        }
    }
    out
}

fn book() -> Codebook {
    let mut b = Codebook::default();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("00000000-0000-4000-8000-{n:012}")
    };
    for path in ["pricing/discounts", "pricing/list", "timing", "价格"] {
        let id = next();
        for c in b.plan_create(path, id, &mut next).unwrap() {
            b.apply(&c).unwrap();
        }
    }
    b
}

fn code(book: &Codebook, path: &str) -> String {
    book.find(path).unwrap().id.clone()
}

/// The numbered panel, each paragraph a quote, some coded and noted.
fn panel() -> (Document, Vec<Bookmark>, Codebook) {
    let d = doc(NUMBERED, "txt");
    let book = book();
    let mut marks = every_paragraph(&d);
    for b in &mut marks {
        if b.quote.contains("list price") {
            b.codes = vec![code(&book, "pricing/list")];
        } else if b.quote.contains("Discounts") {
            b.codes = vec![code(&book, "pricing/discounts")];
            b.note = "Follow up: ask about ＴＯＤＯ items".into();
        } else if b.quote.contains("May") {
            b.codes = vec![code(&book, "timing")];
        } else if b.quote.contains("价格") {
            b.codes = vec![code(&book, "价格"), code(&book, "pricing")];
        }
    }
    (d, marks, book)
}

/// The quotes `query` picks out of the panel (their first words).
fn run(query: &str) -> Vec<String> {
    let (d, marks, book) = panel();
    let q = Query::parse_for(query, &book).unwrap_or_else(|e| panic!("{query}: {e}"));
    q.filter(cite_all(&d, &marks), &book)
        .iter()
        .map(|(b, _)| b.quote.chars().take(6).collect())
        .collect()
}

#[test]
fn the_panel_is_numbered_as_written() {
    let (d, marks, _) = panel();
    let labels: Vec<String> = cite_all(&d, &marks)
        .iter()
        .map(|(_, c)| c.section.label.clone())
        .collect();
    assert_eq!(
        labels,
        [
            "§01 Pricing",
            "§01 Pricing",
            "§02 Timing",
            "§02 Timing",
            "§03 Close"
        ]
    );
}

#[test]
fn the_empty_query_matches_everything() {
    assert!(Query::parse("  ").unwrap().is_empty());
    assert_eq!(run("").len(), 5);
}

#[test]
fn code_matches_the_code_and_the_codes_under_it() {
    assert_eq!(run("code:pricing/discounts"), ["Discou"]);
    assert_eq!(run("code:pricing"), ["Our li", "Discou", "价格太高了,"]);
    assert_eq!(run("code:PRICING/List"), ["Our li"]);
    assert_eq!(run("code:价格"), ["价格太高了,"]);
    assert_eq!(run("code:-"), ["Thank "]);
    assert_eq!(run("code:\"pricing/list\""), ["Our li"]);
}

#[test]
fn speaker_is_the_name_or_its_first_whole_words() {
    assert_eq!(run("spk:ana"), ["Our li", "Thank "]);
    assert_eq!(run("spk:mark").len(), 2);
    assert_eq!(run("speaker:\"mark zuckerberg\"").len(), 2);
    assert!(run("spk:zuck").is_empty(), "not a prefix of a word");
    assert!(run("spk:zuckerberg").is_empty(), "not the first word");
    assert_eq!(run("spk:张伟"), ["价格太高了,"]);
    assert!(run("spk:张").is_empty());
    assert!(run("spk:-").is_empty(), "no narration in the panel");
}

#[test]
fn narration_is_spk_dash() {
    let d = doc(
        "Title\n\nSome narration first, a long sentence of prose.\n\nAna: Hello there.\n\nBen: Hi.\n",
        "txt",
    );
    let marks = every_paragraph(&d);
    let book = Codebook::default();
    let pick = |q: &str| {
        let q = Query::parse(q).unwrap();
        q.filter(cite_all(&d, &marks), &book).len()
    };
    assert_eq!(
        (pick("spk:-"), pick("spk:Narration"), pick("-spk:-")),
        (1, 1, 2)
    );
}

#[test]
fn section_by_its_number_as_written() {
    assert_eq!(run("§2").len(), 2);
    assert_eq!(run("§02").len(), 2);
    assert_eq!(run("sec:02"), run("§2"));
    assert_eq!(run("sec:§3"), ["Thank "]);
    assert!(run("§4").is_empty());
}

#[test]
fn unnumbered_sections_go_by_their_place() {
    let text = "# Talk\n\nAna: Before any heading.\n\n## Pricing\n\nBen: Too dear.\n\n## Timing\n\nAna: Soon.\n";
    let d = doc(text, "md");
    let marks = every_paragraph(&d);
    let book = Codebook::default();
    let cited = cite_all(&d, &marks);
    let labels: Vec<&str> = cited
        .iter()
        .map(|(_, c)| c.section.label.as_str())
        .collect();
    let pick = |q: &str| -> Vec<String> {
        let q = Query::parse(q).unwrap();
        q.filter(cite_all(&d, &marks), &book)
            .iter()
            .map(|(b, _)| b.quote.clone())
            .collect()
    };
    let n = labels.len();
    assert_eq!(pick(&format!("§{n}")), ["Soon."], "{labels:?}");
    assert_eq!(pick(&format!("§0{n}")), ["Soon."], "{labels:?}");
    let first = &labels[0][..labels[0].find(' ').unwrap_or(labels[0].len())];
    assert_eq!(pick(first)[0], marks[0].quote, "{labels:?}");
}

#[test]
fn note_and_words_fold_width_and_case() {
    assert_eq!(run("note:todo"), ["Discou"]);
    assert_eq!(run("note:follow"), ["Discou"]);
    assert!(
        run("note:Todo").is_empty(),
        "a capital makes it case-sensitive"
    );
    assert_eq!(run("schools"), ["Our li", "Discou"]);
    assert_eq!(run("\"open source\""), ["We shi"]);
    assert_eq!(
        run("ＭＡＹ"),
        [] as [&str; 0],
        "full-width capitals are capitals"
    );
    assert_eq!(run("ｍａｙ"), ["We shi"]);
    assert_eq!(run("学校"), ["价格太高了,"]);
    assert_eq!(run("\\vsch(o)+ls"), ["Our li", "Discou"]);
}

#[test]
fn terms_combine_and_negate() {
    assert_eq!(run("code:pricing spk:ana"), ["Our li"]);
    assert_eq!(run("code:pricing -spk:ana"), ["Discou", "价格太高了,"]);
    assert_eq!(run("-code:pricing"), ["We shi", "Thank "]);
    assert_eq!(run("-§1 -§2"), ["Thank "]);
    assert_eq!(run("schools -note:todo"), ["Our li"]);
    assert_eq!(run("spk:mark §02 \"open source\" code:timing"), ["We shi"]);
    assert_eq!(run("-\"open source\"").len(), 4);
}

#[test]
fn a_changed_quote_matches_its_current_words_too() {
    let before = doc("Ana: The installer stil fails on older laptops.\n", "txt");
    let after = doc("Ana: The installer still fails on older laptops.\n", "txt");
    let marks = every_paragraph(&before);
    let cited = cite_all(&after, &marks);
    assert!(cited[0].1.current.is_some());
    let book = Codebook::default();
    for q in ["still", "stil fails"] {
        let q = Query::parse(q).unwrap();
        assert_eq!(q.filter(cite_all(&after, &marks), &book).len(), 1);
    }
}

#[test]
fn errors_are_one_line_and_name_the_problem() {
    let err = |q: &str| Query::parse_for(q, &book()).unwrap_err().to_string();
    assert_eq!(
        err("foo:bar"),
        "unknown term \"foo:\"; terms are code:, spk:, §N, note:, or words"
    );
    assert_eq!(err("code:"), "\"code:\" needs a value");
    assert_eq!(err("-spk:\"\""), "\"spk:\" needs a value");
    assert_eq!(err("§"), "\"§\" needs a value");
    assert_eq!(err("-"), "\"-\" needs a value");
    assert_eq!(err("\"\""), "empty quotes in the query");
    assert_eq!(err("spk:\"Mark"), "unbalanced quote in the query");
    assert_eq!(err("code:pricng"), "no code \"pricng\"");
    assert_eq!(
        err("code:discounts"),
        "no code \"discounts\" (did you mean \"pricing/discounts\"?)"
    );
    assert_eq!(err("\\v(a"), "invalid regex: unclosed group");
    for q in ["foo:bar", "code:", "\"a", "code:nope", "\\v(a"] {
        assert_eq!(err(q).lines().count(), 1);
    }
}

#[test]
fn a_quoted_word_or_a_clock_time_is_words_not_a_term() {
    assert!(Query::parse("\"http://example.com\"").is_ok());
    assert!(Query::parse("12:30").is_ok());
    assert!(Query::parse("说明：价格").is_ok());
    assert_eq!(run("\"pricing:\"").len(), 0);
}

#[test]
fn a_renamed_code_is_found_by_its_new_name() {
    let (d, marks, mut book) = panel();
    let id = code(&book, "timing");
    book.apply(&CodeChange::Rename {
        id,
        name: "schedule".into(),
    })
    .unwrap();
    let q = Query::parse_for("code:schedule", &book).unwrap();
    assert_eq!(q.filter(cite_all(&d, &marks), &book).len(), 1);
    assert!(Query::parse_for("code:timing", &book).is_err());
}
