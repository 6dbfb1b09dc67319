//! The query language end to end over real citations: every paragraph of
//! the bundled sample (Chinese, sections numbered `01`…), of a Markdown
//! fixture (unnumbered sections) and of SRT captions bookmarked, coded by a
//! rule, and each query's answer checked against the document model itself.

use tread::store::Bookmark;
use tread::store::anchor::{Anchor, Span};
use tread::store::cite::{Citation, cite_all};
use tread::store::codes::Codebook;
use tread::store::query::Query;
use tread::transcript::{Document, LoadOptions, load};

fn load_file(path: &str) -> Document {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let options = LoadOptions {
        extension: full.extension().map(|e| e.to_string_lossy().into_owned()),
        ..LoadOptions::default()
    };
    load(&std::fs::read(full).unwrap(), &options).unwrap()
}

/// Every paragraph bookmarked whole.
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

fn codebook(paths: &[&str]) -> Codebook {
    let mut book = Codebook::default();
    for p in paths {
        let changes = book
            .plan_create(
                p,
                tread::store::codes::new_id(),
                tread::store::codes::new_id,
            )
            .unwrap();
        for c in changes {
            book.apply(&c).unwrap();
        }
    }
    book
}

struct Case {
    doc: Document,
    marks: Vec<Bookmark>,
    book: Codebook,
}

impl Case {
    fn new(path: &str) -> Case {
        let doc = load_file(path);
        let mut marks = every_paragraph(&doc);
        let book = codebook(&["价格/折扣", "timing"]);
        let discount = book.find("价格/折扣").unwrap().id.clone();
        let timing = book.find("timing").unwrap().id.clone();
        // Every third quote is coded 价格/折扣, every fifth timing.
        for (i, b) in marks.iter_mut().enumerate() {
            if i % 3 == 0 {
                b.codes.push(discount.clone());
            }
            if i % 5 == 0 {
                b.codes.push(timing.clone());
            }
        }
        Case { doc, marks, book }
    }

    fn cited(&self) -> Vec<(&Bookmark, Citation)> {
        cite_all(&self.doc, &self.marks)
    }

    /// The ids `query` picks.
    fn pick(&self, query: &str) -> Vec<String> {
        let q = Query::parse_for(query, &self.book).unwrap_or_else(|e| panic!("{query}: {e}"));
        q.filter(self.cited(), &self.book)
            .iter()
            .map(|(b, _)| b.id.clone())
            .collect()
    }

    /// The ids of the quotes for which `keep` holds, in the same order.
    fn expect(&self, keep: impl Fn(&Bookmark, &Citation) -> bool) -> Vec<String> {
        self.cited()
            .iter()
            .filter(|(b, c)| keep(b, c))
            .map(|(b, _)| b.id.clone())
            .collect()
    }
}

#[test]
fn the_sample_by_speaker_section_code_and_words() {
    let case = Case::new("assets/llamacon-2025.txt");
    assert!(case.marks.len() > 40);
    let speaker =
        |name: &'static str| move |_: &Bookmark, c: &Citation| c.speaker.as_deref() == Some(name);
    let zuck = case.pick("spk:扎克伯格");
    assert!(!zuck.is_empty());
    assert_eq!(zuck, case.expect(speaker("扎克伯格")));
    assert_eq!(case.pick("speaker:纳德拉"), case.expect(speaker("纳德拉")));
    assert_eq!(case.pick("spk:-"), case.expect(|_, c| c.speaker.is_none()));

    // Sections are numbered `01`… in the sample: `§2` and `§02` are `02`.
    let second = case.expect(|_, c| c.section.number.as_deref() == Some("02"));
    assert!(!second.is_empty());
    assert_eq!(case.pick("§02"), second);
    assert_eq!(case.pick("§2"), second);
    assert_eq!(case.pick("sec:2"), second);

    let discount = case.book.find("价格/折扣").unwrap().id.clone();
    let coded = case.expect(|b, _| b.codes.contains(&discount));
    assert_eq!(case.pick("code:价格/折扣"), coded);
    assert_eq!(
        case.pick("code:价格"),
        coded,
        "a parent matches its children's quotes"
    );
    assert_eq!(case.pick("code:-"), case.expect(|b, _| b.codes.is_empty()));

    let words = case.pick("智能体");
    assert!(!words.is_empty());
    assert_eq!(words, case.expect(|_, c| c.quote.contains("智能体")));
    // Full-width letters fold to the half-width ones the text has.
    assert_eq!(
        case.pick("ＡＩ"),
        case.expect(|_, c| c.quote.contains("AI"))
    );

    let timing = case.book.find("timing").unwrap().id.clone();
    let both = case.pick("spk:纳德拉 §03 -code:timing");
    let expected = case.expect(|b, c| {
        c.speaker.as_deref() == Some("纳德拉")
            && c.section.number.as_deref() == Some("03")
            && !b.codes.contains(&timing)
    });
    assert!(!both.is_empty());
    assert_eq!(both, expected);
}

#[test]
fn unnumbered_markdown_sections_go_by_their_place() {
    let case = Case::new("tests/fixtures/citations/hardwrap.md");
    let labels: Vec<String> = case
        .cited()
        .iter()
        .map(|(_, c)| c.section.label.clone())
        .collect();
    assert!(labels.iter().any(|l| l == "§2 Laptops"), "{labels:?}");
    let laptops = case.expect(|_, c| c.section.index == 1);
    assert_eq!(case.pick("§2"), laptops);
    assert_eq!(case.pick("sec:02"), laptops);
    assert_eq!(case.pick("-§2").len(), case.marks.len() - laptops.len());
    let ben = case.pick("spk:ben \"older laptops\"");
    assert_eq!(
        ben,
        case.expect(|_, c| c.speaker.as_deref() == Some("Ben") && c.quote.contains("older laptops"))
    );
    assert!(!ben.is_empty());
}

#[test]
fn captions_by_speaker_and_smart_case_words() {
    let case = Case::new("tests/fixtures/citations/captions.srt");
    assert_eq!(
        case.pick("spk:BEN"),
        case.expect(|_, c| c.speaker.as_deref() == Some("Ben"))
    );
    let lower = case.pick("support");
    assert_eq!(
        lower,
        case.expect(|_, c| c.quote.to_lowercase().contains("support"))
    );
    assert_eq!(
        case.pick("Support"),
        case.expect(|_, c| c.quote.contains("Support"))
    );
}
