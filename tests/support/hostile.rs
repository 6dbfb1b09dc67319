//! A transcript full of characters and sequences that must not reach a
//! terminal as controls.

/// Every C0 and C1 control, the escape sequences that set the clipboard,
/// the title, clear the screen, DCS and 8-bit CSI, bidi overrides,
/// zero-width characters, leading combining marks, ZWJ emoji and
/// ambiguous-width punctuation.
///
/// A long ordinary turn after it keeps the controls under the decoder's
/// binary threshold (1% of the first 64 KiB), so the file is read as text.
pub fn hostile_transcript() -> String {
    let mut s = String::from("Mallory: every C0 control:");
    for c in (0u8..0x20).chain([0x7f]) {
        if c != b'\n' {
            s.push(' ');
            s.push(char::from(c));
        }
    }
    s.push_str("\nMallory: every C1 control:");
    for c in 0x80u32..0xA0 {
        s.push(' ');
        s.push(char::from_u32(c).unwrap());
    }
    s.push_str("\nMallory: clipboard \x1b]52;c;cHduZWQ=\x07 and \x1b]52;c;cHduZWQ=\x1b\\ done.\n");
    s.push_str("Mallory: title \x1b]0;pwned\x07 and \x1b]2;pwned\x1b\\ done.\n");
    s.push_str("Mallory: clear \x1b[2J\x1b[H\x1b[3J and reset \x1bc done.\n");
    s.push_str("Mallory: DCS \x1bP1$r0m\x1b\\ and 8-bit \u{9b}2J and \u{9d}0;pwned\u{9c} done.\n");
    s.push_str("Mallory: bidi \u{202E}evil\u{202C} \u{2066}iso\u{2069} zero\u{200B}width\u{200D}joiner\u{FEFF}.\n");
    s.push_str("\u{301}\u{308}Mallory: combining marks at the start of a line.\n");
    s.push_str("Mallory: family 👨\u{200D}👩\u{200D}👧\u{200D}👦 flag 🏳\u{FE0F}\u{200D}🌈 dashes —— and dots …… end.\n");
    s.push_str("Bob:");
    for _ in 0..60 {
        s.push_str(" And more ordinary dialogue after it, so the file stays text.");
    }
    s.push('\n');
    s
}
