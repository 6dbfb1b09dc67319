//! Making decoded text safe and regular for a terminal: one kind of line end,
//! no tabs, no control or bidi-formatting characters, ASCII indentation.
//!
//! What each character becomes:
//!
//! | input | output |
//! |---|---|
//! | CRLF, lone CR, U+2028, U+2029 | LF |
//! | tab | spaces to the next multiple of 8 display columns |
//! | other C0 controls and DEL | Control Pictures (`ESC` → `␛`, `NUL` → `␀`, DEL → `␡`) |
//! | C1 controls U+0080–U+009F | `<9B>`: the code point in hex between angle brackets |
//! | bidi embeddings, overrides, isolates, LRM, RLM, ALM | removed |
//! | U+00A0 in a line's leading white space | one space |
//! | U+3000 in a line's leading white space | two spaces (its display width) |
//!
//! Which characters are controls and bidi formatting, and how a control is
//! shown, is the table in [`crate::text`], shared with every other output.
//!
//! Most text needs none of this, so a scan finds the first byte that needs
//! work and everything before it is copied in one go.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::text::{self as table, Unsafe};

const TAB_STOP: usize = 8;

/// Bytes that may start something to clean (or, with `LF`, reset the line
/// state): the shared table's ([`table::may_start_unsafe`]) plus 0xC2 and
/// 0xE3, which start the NBSP and U+3000 of indentation. Written as
/// arithmetic so the compiler can turn it into vector compares.
#[inline(always)]
fn special<const LF: bool>(c: u8) -> bool {
    (table::may_start_unsafe(c) & (LF | (c != b'\n'))) | (c == 0xC2) | (c == 0xE3)
}

/// The first special byte at or after `from`. Skips 16-byte blocks with a
/// branch-free test first: in Chinese text about four blocks in five hold
/// nothing special.
fn find_special<const LF: bool>(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut skipped = 0;
    for block in rest.chunks_exact(16) {
        let Ok(block) = <&[u8; 16]>::try_from(block) else {
            break;
        };
        if block.iter().fold(false, |hit, &c| hit | special::<LF>(c)) {
            break;
        }
        skipped += 16;
    }
    let k = rest[skipped..].iter().position(|&c| special::<LF>(c))?;
    Some(from + skipped + k)
}

/// What to do at a special byte.
enum Fix {
    /// Not something to clean after all (e.g. `“` also starts with 0xE2).
    Keep,
    Newline {
        len: usize,
    },
    Tab,
    /// A control character, shown as the shared table says.
    Show {
        len: usize,
        with: Unsafe,
    },
    Remove {
        len: usize,
    },
    Indent {
        len: usize,
        spaces: usize,
    },
}

/// What the special byte at `i` starts. Line ends, tabs and indentation
/// are the cleaner's own; every other character goes by the shared table,
/// so a control in a transcript looks as it does in a name or a note.
fn classify(text: &str, i: usize, at_indent: bool) -> Fix {
    let b = text.as_bytes();
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        b'\n' => return Fix::Newline { len: 1 },
        b'\r' => {
            return Fix::Newline {
                len: if at(1) == b'\n' { 2 } else { 1 },
            };
        }
        b'\t' => return Fix::Tab,
        0xC2 if at_indent && at(1) == 0xA0 => return Fix::Indent { len: 2, spaces: 1 },
        0xE3 if at_indent && at(1) == 0x80 && at(2) == 0x80 => {
            return Fix::Indent { len: 3, spaces: 2 };
        }
        _ => {}
    }
    // Special bytes are ASCII or UTF-8 lead bytes, so `i` is a boundary.
    let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
        return Fix::Keep;
    };
    match table::classify(c) {
        None => Fix::Keep,
        Some(u @ (Unsafe::Control(_) | Unsafe::C1(_))) => Fix::Show {
            len: c.len_utf8(),
            with: u,
        },
        Some(Unsafe::Bidi) => Fix::Remove { len: c.len_utf8() },
        Some(Unsafe::LineBreak) => Fix::Newline { len: c.len_utf8() },
    }
}

/// Where the first byte needing work is, if any. Conservative about
/// indentation (any NBSP or U+3000 counts), which only costs a slower pass.
fn first_dirty(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        i = find_special::<false>(b, i)?;
        if !matches!(classify(text, i, true), Fix::Keep) {
            return Some(i);
        }
        i += 1;
    }
}

/// Clean `text`, noting what was neutralised in `warnings`.
pub(super) fn clean(text: Cow<'_, str>, warnings: &mut Vec<String>) -> String {
    let Some(dirty) = first_dirty(&text) else {
        return text.into_owned();
    };
    // Restart at the beginning of the dirty line so indentation is known.
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..dirty]).map_or(0, |p| p + 1);
    let mut c = Cleaner {
        out: String::with_capacity(text.len() + 64),
        at_indent: true,
        measured: 0,
        col: 0,
        controls: 0,
        bidi: 0,
    };
    c.out.push_str(&text[..start]);
    c.newline_done();
    c.run(&text, start);

    if c.controls > 0 {
        warnings.push(format!(
            "{} control {} shown as symbols",
            c.controls,
            if c.controls == 1 {
                "character"
            } else {
                "characters"
            }
        ));
    }
    if c.bidi > 0 {
        warnings.push(format!(
            "{} bidirectional formatting {} removed",
            c.bidi,
            if c.bidi == 1 {
                "character"
            } else {
                "characters"
            }
        ));
    }
    c.out
}

struct Cleaner {
    out: String,
    /// Only white space so far on the current output line.
    at_indent: bool,
    /// Output offset up to which `col` has been measured (tabs only).
    measured: usize,
    col: usize,
    controls: usize,
    bidi: usize,
}

impl Cleaner {
    fn run(&mut self, text: &str, from: usize) {
        let b = text.as_bytes();
        let mut run = from;
        let mut i = from;
        while i < b.len() {
            match find_special::<true>(b, i) {
                Some(k) => i = k,
                None => break,
            }
            let indent = self.at_indent && b[run..i].iter().all(|&x| x == b' ');
            let fix = classify(text, i, indent);
            if let Fix::Keep = fix {
                i += 1;
                continue;
            }
            self.flush(&text[run..i]);
            i += self.apply(fix);
            run = i;
        }
        self.flush(&text[run..]);
    }

    /// Copy a stretch of clean text.
    fn flush(&mut self, s: &str) {
        if self.at_indent && !s.bytes().all(|x| x == b' ') {
            self.at_indent = false;
        }
        self.out.push_str(s);
    }

    /// Apply a fix; returns how many input bytes it consumed.
    fn apply(&mut self, fix: Fix) -> usize {
        match fix {
            Fix::Keep => 1,
            Fix::Newline { len } => {
                self.out.push('\n');
                self.newline_done();
                len
            }
            Fix::Tab => {
                self.col += self.out[self.measured..].width();
                let n = TAB_STOP - self.col % TAB_STOP;
                self.out.extend(std::iter::repeat_n(' ', n));
                self.col += n;
                self.measured = self.out.len();
                1
            }
            Fix::Show { len, with } => {
                table::push_shown(&mut self.out, with);
                self.controls += 1;
                self.at_indent = false;
                len
            }
            Fix::Remove { len } => {
                self.bidi += 1;
                len
            }
            Fix::Indent { len, spaces } => {
                self.out.extend(std::iter::repeat_n(' ', spaces));
                len
            }
        }
    }

    fn newline_done(&mut self) {
        self.at_indent = true;
        self.measured = self.out.len();
        self.col = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sanitise, sanitise_lines};
    use proptest::prelude::*;

    fn cleaned(s: &str) -> String {
        clean(Cow::Borrowed(s), &mut Vec::new())
    }

    #[test]
    fn controls_and_bidi_go_by_the_shared_table() {
        let s = "a\x1b]0;t\x07 \u{9b}2J \u{202e}x\u{2069}\u{2028}b\x7f";
        assert_eq!(cleaned(s), "a␛]0;t␇ <9B>2J x\nb␡");
        // What the sanitiser would show on a line of its own.
        assert_eq!(
            cleaned("\x1b\u{9b}\u{202e}"),
            sanitise("\x1b\u{9b}\u{202e}")
        );
    }

    proptest! {
        /// Cleaned text is already what the sanitiser makes: nothing the
        /// decoder showed as a symbol is mapped twice.
        #[test]
        fn cleaned_text_is_a_fixed_point_of_the_sanitiser(
            s in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}\\u{a0}\\u{3000}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{2028}\\u{2029}])*"
        ) {
            let out = cleaned(&s);
            prop_assert!(matches!(sanitise_lines(&out), Cow::Borrowed(_)), "{out:?}");
            let once = sanitise(&out).into_owned();
            prop_assert_eq!(sanitise(&once), once.as_str());
        }
    }
}
