//! Helpers shared by the citation tests: fixtures, loading, spans by text,
//! and an edited transcript with a bookmark of every status.

#![allow(dead_code)]

use std::path::Path;

use tread::store::Bookmark;
use tread::store::anchor::{Anchor, Span};
use tread::transcript::{Document, LoadOptions, load};

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/citations")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Load text the way the binary does, with the extension as the hint.
pub fn parse(text: &str, ext: &str) -> Document {
    let options = LoadOptions {
        extension: Some(ext.into()),
        ..LoadOptions::default()
    };
    load(text.as_bytes(), &options).unwrap()
}

/// The span of the first occurrence of `needle` inside one paragraph.
pub fn span_of(doc: &Document, needle: &str) -> Span {
    for (si, sec) in doc.sections.iter().enumerate() {
        for (ti, turn) in sec.turns.iter().enumerate() {
            for (pi, text) in turn.paragraphs.iter().enumerate() {
                if let Some(byte) = text.find(needle) {
                    let offset = text[..byte].chars().count();
                    let at = |offset| Anchor {
                        section: si,
                        turn: ti,
                        paragraph: pi,
                        offset,
                    };
                    let end = offset + needle.chars().count();
                    return Span {
                        start: at(offset),
                        end: at(end),
                    };
                }
            }
        }
    }
    panic!("{needle:?} is in no paragraph");
}

pub fn mark(doc: &Document, needle: &str) -> Bookmark {
    Bookmark::fresh(doc, span_of(doc, needle), "").unwrap()
}

/// A transcript and an edit of it that exercises every status: one quote
/// stays, one moves, one has a typo fixed, one is deleted.
pub fn mixed() -> (Document, Vec<Bookmark>) {
    let before = "Ana: We should ship on Friday.\n\n\
                  Ben: The installer stil fails on older laptops.\n\n\
                  Ana: Then we wait a week.\n\n\
                  Ben: Or we ship without them.\n\n\
                  Cy: The budget is gone by June.\n";
    let after = "Ana: We should ship on Friday.\n\n\
                 Ben: The installer still fails on older laptops.\n\n\
                 Ana: Then we wait a week.\n\n\
                 Dee: Let me add something first.\n\n\
                 Ben: Or we ship without them.\n";
    let d = parse(before, "txt");
    let marks = vec![
        mark(&d, "We should ship on Friday."),
        mark(&d, "The installer stil fails on older laptops."),
        mark(&d, "Or we ship without them."),
        mark(&d, "The budget is gone by June."),
    ];
    (parse(after, "txt"), marks)
}
