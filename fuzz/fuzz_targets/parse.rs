//! Decode + parse on arbitrary bytes, in every input format: the first byte
//! picks detection or a forced encoding. Asserts what the decoder promises
//! (no character that could control a terminal survives) and that the
//! parser is lossless.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::transcript::decode::decode;
use tread::transcript::formats::{self, Format};
use tread::transcript::parse::{check_lossless, parse};

const FORCED: &[Option<&str>] = &[
    None,
    None,
    None,
    None,
    Some("utf-8"),
    Some("gbk"),
    Some("big5"),
    Some("shift_jis"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("windows-1252"),
    Some("euc-kr"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let forced = FORCED[usize::from(pick) % FORCED.len()];
    let Ok(decoded) = decode(bytes, forced) else {
        return;
    };
    let text = &decoded.text;
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
            || matches!(c, '\u{2028}' | '\u{2029}');
        assert!(!bad, "decoded text keeps {c:?}");
    }
    let doc = parse(text);
    assert!(!doc.sections.is_empty(), "no sections");
    if let Err(e) = check_lossless(text, &doc) {
        panic!("not lossless: {e}");
    }
    // Every other format's reader: a document or a clear error, never a
    // panic; and detection always yields a document.
    for format in Format::ALL {
        if let Ok(doc) = formats::read(text, format) {
            assert!(!doc.sections.is_empty(), "{format:?}: no sections");
        }
    }
    let (_, doc) = formats::read_auto(text, None);
    assert!(!doc.sections.is_empty(), "read_auto: no sections");
});
