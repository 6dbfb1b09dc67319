//! Telling text from binary, and finding UTF-16 that has no byte order mark.
//!
//! All of it looks at a bounded prefix ([`SAMPLE`] bytes), so the cost does
//! not grow with the file.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How much of the input the heuristics look at.
pub(super) const SAMPLE: usize = 64 * 1024;

/// File signatures of formats people open by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"!<arch>\n", "ar archive"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "Microsoft Office document",
    ),
    (b"OggS\x00", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
];

/// The kind of binary file `bytes` starts like, if it matches a signature.
pub(super) fn magic(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = MAGIC.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or(&[]);
    // Signatures with a version byte or an offset, checked narrowly so that
    // a text starting with "BZh" or "RIFF" is still text.
    if bytes.starts_with(b"BZh") && at(4..10) == b"1AY&SY" {
        return Some("bzip2 archive");
    }
    if bytes.starts_with(b"RIFF") && matches!(at(8..12), b"WAVE" | b"AVI " | b"WEBP") {
        return Some("RIFF media");
    }
    if at(4..8) == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    if bytes.starts_with(b"ID3") && matches!(at(3..5), [2..=4, 0]) {
        return Some("MP3 audio");
    }
    if at(257..262) == b"ustar" {
        return Some("tar archive");
    }
    if bytes.starts_with(b"MZ") && at(2..64).contains(&0) {
        return Some("Windows executable");
    }
    None
}

/// Whether a byte is a control that text files do not contain. Tab, LF,
/// VT, FF, CR and ESC (colour codes in captured logs) are allowed.
fn is_binary_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// Describes why `sample` looks binary: more than 1% (and at least 8) of its
/// bytes are controls that text does not use; fewer than 8 are shown as
/// symbols instead. Legacy CJK encodings use only
/// bytes from 0x40 up in multi-byte sequences, so they pass.
pub(super) fn binary_controls(sample: &[u8]) -> Option<&'static str> {
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    if controls >= 8 && controls * 100 > sample.len() {
        Some(if sample.contains(&0) {
            "contains NUL bytes"
        } else {
            "contains control bytes"
        })
    } else {
        None
    }
}

/// UTF-16 without a BOM. Every line ends in LF, `0A 00` or `00 0A`, so
/// UTF-16 text has NUL bytes. In ASCII-heavy text they cluster on one side;
/// in Chinese they are few and `一` (U+4E00) puts some on the other side,
/// so then the byte order that reads as text wins. Must run before UTF-8
/// validation, because such input is valid UTF-8.
pub(super) fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let sample = &sample[..sample.len() & !1];
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if even + odd == 0 {
        return None;
    }
    // UTF-16 that is valid UTF-8 consists of 7-bit bytes: a UTF-8
    // multi-byte character means UTF-8 text with stray NULs.
    let valid_utf8 = match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if valid_utf8 && !sample.is_ascii() {
        return None;
    }
    let (dominant, other, encoding) = if odd > even {
        (odd, even, UTF_16LE)
    } else {
        (even, odd, UTF_16BE)
    };
    if dominant >= 2 && dominant * 64 >= pairs && dominant > 2 * other {
        let (text, _) = encoding.decode_without_bom_handling(sample);
        let (chars, _, bad) = census(&text);
        // One bad character may be a surrogate pair cut by the sample's end.
        return (bad.saturating_sub(1) * 100 <= chars).then_some(encoding);
    }
    if valid_utf8 {
        return None;
    }
    let score = |encoding: &'static Encoding| {
        let (text, _) = encoding.decode_without_bom_handling(sample);
        let (chars, texty, _) = census(&text);
        (texty * 100).checked_div(chars).unwrap_or(0)
    };
    let (le, be) = (score(UTF_16LE), score(UTF_16BE));
    match le.max(be) {
        s if s < 90 => None,
        _ if le > be => Some(UTF_16LE),
        _ if be > le => Some(UTF_16BE),
        _ => None,
    }
}

/// Characters, how many of them are usual in transcripts, and how many are
/// controls or replacement characters.
fn census(text: &str) -> (usize, usize, usize) {
    let (mut chars, mut texty, mut bad) = (0, 0, 0);
    for c in text.chars() {
        chars += 1;
        texty += usize::from(matches!(c,
            '\n' | '\r' | '\t' | ' '..='~' | '\u{A0}'..='\u{24F}' | '\u{370}'..='\u{4FF}'
            | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}' | '\u{FF00}'..='\u{FFEF}'));
        let control = c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0c' | '\x1b');
        bad += usize::from(control || c == '\u{FFFD}');
    }
    (chars, texty, bad)
}
