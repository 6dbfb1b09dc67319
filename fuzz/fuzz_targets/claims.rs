//! Claim detection on arbitrary text, alone and over a parsed document:
//! every claim lies inside one sentence of its paragraph, on character
//! boundaries, in order, with a score in 0..=1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::transcript::claims::{detect, detect_in};
use tread::transcript::parse::parse;
use tread::transcript::sentences::split;

fn check(text: &str) {
    let sentences = split(text);
    let mut last_end = 0;
    for f in detect_in(text) {
        assert!(
            f.start < f.end && f.start >= last_end,
            "{f:?} after {last_end}"
        );
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!(
            sentences
                .iter()
                .any(|s| s.start <= f.start && f.end <= s.end),
            "{f:?} crosses sentences {sentences:?}"
        );
        assert!((0.0..=1.0).contains(&f.score), "{f:?}");
        last_end = f.end;
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    let doc = parse(&text);
    for c in detect(&doc) {
        let p = &doc.sections[c.section].turns[c.turn].paragraphs[c.paragraph];
        assert!(c.start < c.end && c.end <= p.len(), "{c:?} in {p:?}");
        assert!(p.is_char_boundary(c.start) && p.is_char_boundary(c.end));
        assert!(
            split(p)
                .iter()
                .any(|s| s.start <= c.start && c.end <= s.end),
            "{c:?} crosses sentences in {p:?}"
        );
    }
});
