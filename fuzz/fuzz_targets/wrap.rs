//! Wrapping arbitrary text at an arbitrary width (the first byte): ranges in
//! order on grapheme boundaries, nothing but whitespace between them, and no
//! line wider than the width unless it is a single grapheme.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::text::wrap::{width, wrap};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

fuzz_target!(|data: &[u8]| {
    let Some((&w, bytes)) = data.split_first() else {
        return;
    };
    let w = usize::from(w % 120);
    let text = String::from_utf8_lossy(bytes);
    let ranges = wrap(&text, w);
    assert!(!ranges.is_empty(), "no lines");
    if text.trim().is_empty() {
        assert_eq!(ranges, [0..0], "blank text");
        return;
    }
    let mut prev = 0;
    for r in &ranges {
        assert!(
            r.start >= prev && r.start < r.end && r.end <= text.len(),
            "bad range {r:?} after {prev}"
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let gap = &text[prev..r.start];
        assert!(gap.chars().all(char::is_whitespace), "lost {gap:?}");
        let line = &text[r.clone()];
        // Only a single grapheme wider than the line may exceed it.
        if width(line) > w.max(1) {
            assert!(
                line.graphemes(true).count() == 1,
                "line {line:?} is {} wide > {w}",
                width(line)
            );
        }
        assert!(
            is_boundary(&text, r.start) && is_boundary(&text, r.end),
            "range {r:?} splits a grapheme"
        );
        prev = r.end;
    }
    let tail = &text[prev..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "lost {tail:?} at the end"
    );
});

fn is_boundary(text: &str, pos: usize) -> bool {
    GraphemeCursor::new(pos, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}
