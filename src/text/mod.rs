//! Text made safe to show: the one table of characters that could drive a
//! terminal or reorder what it shows, and the sanitiser every output path
//! (reader, printers, exports, stderr) sends text through.
//!
//! Pure and below every layer: the decoder uses the same table
//! ([`classify`]) for transcript text, so a name, a note or a message is
//! shown exactly as a transcript line holding the same characters would be.
//!
//! | input | [`sanitise`] | [`sanitise_lines`] |
//! |---|---|---|
//! | LF | `␊` | kept |
//! | U+2028, U+2029 | `␊` | `␊` |
//! | other C0 controls (tab, CR, ESC, BEL…) and DEL | Control Pictures (`␛`, `␇`, `␡`) | the same |
//! | C1 controls U+0080–U+009F | `<9B>`: the code point in hex | the same |
//! | bidi embeddings, overrides, isolates, LRM, RLM, ALM | removed | removed |
//!
//! Nothing the sanitiser writes is something it would change, so it is
//! idempotent, and transcript text already cleaned by the decoder passes
//! through unchanged (and unallocated).
//!
//! Below the sanitiser's table sit the other pure text helpers the reader
//! and its widgets share: [`wrap`] (CJK-correct wrapping into byte ranges,
//! and display [`wrap::width`]) and [`fit`] (sanitise and cut to a width).
//! This module imports nothing else of the crate, so both `app` and `ui`
//! can use it without pointing up.

mod fit;
mod join;
pub mod wrap;

pub use fit::fit;

pub use join::one_line;

use std::borrow::Cow;
use std::fmt::Write;

/// A character that must not reach a terminal as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsafe {
    /// A C0 control or DEL, shown as this Control Picture (`ESC` → `␛`).
    Control(char),
    /// A C1 control (U+0080–U+009F; U+009B is a one-character CSI), shown
    /// as its code point in hex between angle brackets.
    C1(u8),
    /// A bidi embedding, override, isolate or mark: it would reorder the
    /// text around it (U+202E reverses a file name's extension), so it is
    /// dropped.
    Bidi,
    /// U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: a line break
    /// to some programs and not to others.
    LineBreak,
}

/// The table: what `c` is, if it is not plain text.
#[inline]
pub fn classify(c: char) -> Option<Unsafe> {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + u32::from(c)).map(Unsafe::Control),
        '\x7f' => Some(Unsafe::Control('\u{2421}')),
        // The range pattern guarantees the value fits a byte.
        '\u{80}'..='\u{9f}' => Some(Unsafe::C1(c as u8)),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Unsafe::Bidi),
        '\u{2028}' | '\u{2029}' => Some(Unsafe::LineBreak),
        _ => None,
    }
}

/// Whether `b` can start a character [`classify`] flags: ASCII controls
/// and DEL, and the UTF-8 lead bytes of C1 (0xC2), ALM (0xD8) and the
/// U+2000 block (0xE2). Arithmetic rather than a `match`, so a byte scan
/// over it compiles to vector compares.
#[inline(always)]
pub const fn may_start_unsafe(b: u8) -> bool {
    (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xD8) | (b == 0xE2)
}

/// Append how a control character is shown: its Control Picture, or `<9B>`
/// for C1. Bidi controls and line breaks add nothing (the caller decides
/// what a line break becomes).
pub fn push_shown(out: &mut String, u: Unsafe) {
    match u {
        Unsafe::Control(picture) => out.push(picture),
        // Writing to a String cannot fail.
        Unsafe::C1(byte) => _ = write!(out, "<{byte:02X}>"),
        Unsafe::Bidi | Unsafe::LineBreak => {}
    }
}

/// `text` made safe to print on one line: every character of the table
/// shown or dropped as the module's table says, line breaks as `␊`.
/// Borrowed when there is nothing to change.
pub fn sanitise(text: &str) -> Cow<'_, str> {
    sanitise_with(text, false)
}

/// [`sanitise`], keeping line feeds: for output made of lines, such as the
/// Markdown export. It makes no new ones (U+2028/2029 and CR show as
/// symbols), so the lines of the output stay the lines its writer made: a
/// stored speaker name cannot break out of its attribution line.
pub fn sanitise_lines(text: &str) -> Cow<'_, str> {
    sanitise_with(text, true)
}

/// What `c` becomes, or `None` to keep it as it is.
#[inline]
fn fix(c: char, keep_lines: bool) -> Option<Unsafe> {
    if keep_lines && c == '\n' {
        return None;
    }
    match classify(c)? {
        Unsafe::LineBreak => Some(Unsafe::Control('\u{240a}')),
        u => Some(u),
    }
}

fn sanitise_with(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let Some(first) = first_fix(text, keep_lines) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match fix(c, keep_lines) {
            None => out.push(c),
            Some(u) => push_shown(&mut out, u),
        }
    }
    Cow::Owned(out)
}

/// The byte offset of the first character to change, if any. Only bytes
/// that may start one are looked at closely (`“` also starts with 0xE2).
fn first_fix(text: &str, keep_lines: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|&b| may_start_unsafe(b)) {
        let i = from + k;
        let c = text[i..].chars().next()?;
        if fix(c, keep_lines).is_some() {
            return Some(i);
        }
        from = i + c.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_sent() {
        assert_eq!(sanitise("\x1b]52;c;aGk=\x07"), "␛]52;c;aGk=␇");
        assert_eq!(sanitise("\x1b]0;title\x07"), "␛]0;title␇");
        assert_eq!(sanitise("\x1b[2J\x1b[H"), "␛[2J␛[H");
        assert_eq!(sanitise("a\u{9b}2Jb"), "a<9B>2Jb");
        assert_eq!(sanitise("\u{90}1$r\u{9c}"), "<90>1$r<9C>");
        assert_eq!(sanitise("\0\x7f\t\r"), "␀␡␉␍");
    }

    #[test]
    fn the_whole_c1_range_is_shown_in_hex() {
        for n in 0x80u32..=0x9F {
            let c = char::from_u32(n).unwrap();
            assert_eq!(sanitise(&c.to_string()), format!("<{n:02X}>"));
        }
    }

    #[test]
    fn bidi_controls_are_removed() {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
        ] {
            assert_eq!(sanitise(&format!("a{c}b")), "ab", "{c:?}");
            assert_eq!(sanitise_lines(&format!("a{c}b")), "ab", "{c:?}");
        }
    }

    #[test]
    fn only_line_feeds_survive_and_only_in_lines() {
        assert_eq!(sanitise("a\nb\u{2028}c\u{2029}d"), "a␊b␊c␊d");
        assert_eq!(sanitise_lines("a\nb\u{2028}c\u{2029}d"), "a\nb␊c␊d");
        assert_eq!(sanitise_lines("a\r\nb\x1b"), "a␍\nb␛");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        for s in [
            "",
            "plain",
            "“引号”…—",
            "扎克伯格：蒸馏工厂",
            "café ٣",
            "␛ <9B> ␊",
        ] {
            assert!(matches!(sanitise(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(sanitise(s), s);
        }
        assert!(matches!(sanitise_lines("a\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_flagged_character_starts_with_a_flagged_byte() {
        // The decoder's and the sanitiser's byte scans trust this.
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if classify(c).is_some() {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_unsafe(lead), "{c:?}");
            }
        }
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn hostile() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                any::<char>().prop_map(String::from),
                (0u32..0x20).prop_map(|n| char::from_u32(n).unwrap().to_string()),
                (0x7Fu32..0xA0).prop_map(|n| char::from_u32(n).unwrap().to_string()),
                Just("\u{202e}".to_string()),
                Just("\u{2066}\u{2069}\u{200e}\u{200f}\u{061c}".to_string()),
                Just("\u{2028}\u{2029}".to_string()),
                Just("\x1b]52;c;aGk=\x07".to_string()),
                Just("“中文”".to_string()),
                Just("<9B>␛".to_string()),
            ];
            proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
        }

        const SEPARATORS: [char; 2] = ['\u{2028}', '\u{2029}'];

        fn is_bidi(c: char) -> bool {
            classify(c) == Some(Unsafe::Bidi)
        }

        proptest! {
            #[test]
            fn output_is_inert_and_idempotent(s in hostile()) {
                let one = sanitise(&s);
                prop_assert!(!one.chars().any(|c| c.is_control() || is_bidi(c)), "{one:?}");
                prop_assert!(!one.contains(SEPARATORS), "{one:?}");
                prop_assert_eq!(sanitise(&one), one.clone());

                let lines = sanitise_lines(&s);
                prop_assert!(
                    !lines.chars().any(|c| (c.is_control() && c != '\n') || is_bidi(c)),
                    "{lines:?}"
                );
                prop_assert!(!lines.contains(SEPARATORS), "{lines:?}");
                prop_assert_eq!(sanitise_lines(&lines), lines.clone());
                // Lines differ from one line only in the line feeds.
                prop_assert_eq!(sanitise(&lines), one);
            }
        }
    }
}
