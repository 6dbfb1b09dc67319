//! Inputs the fuzz targets in `fuzz/` found failing, kept as regression
//! tests on stable Rust. Each names the target and the invariant it broke.

use tread::transcript::decode::decode;
use tread::transcript::parse::{check_lossless, parse};

fn lossless(text: &str) {
    let doc = parse(text);
    check_lossless(text, &doc).unwrap_or_else(|e| panic!("{e}\n{doc:#?}"));
}

/// fuzz `parse`: a lower-case `by Name` header line became metadata with
/// the key `By`, so the model lost the `b` (check_lossless: "'b' of
/// \"by 者：王芳\" is missing from its owner \"By者：王芳\"").
#[test]
fn lower_case_by_line_keeps_its_case() {
    lossless("人工智能与教育：专访李明\n\nby 王芳\n\n问：您怎么看？\n答：很好。\n");
    lossless("标题\nby 者：王芳\n\n问：您怎么看？\n答：很好。\n");
    let doc = parse("标题\nby 王芳\n\n问：您怎么看？\n答：很好。\n");
    assert!(
        doc.metadata.iter().all(|m| m.key != "By"),
        "{:?}",
        doc.metadata
    );
}

/// The same input as found, end to end through the decoder.
#[test]
fn lower_case_by_line_as_found() {
    let decoded = decode(include_bytes!("fixtures/fuzz/parse-by-lowercase.txt"), None).unwrap();
    lossless(&decoded.text);
}
