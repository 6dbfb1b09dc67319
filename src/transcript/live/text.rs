//! [`LiveText`]: the text of a growing file, fed the bytes appended to it,
//! settled as a terminal would show it.
//!
//! What arrives is what a recogniser printed for a terminal:
//! - a carriage return not followed by a line feed rewrites the line in
//!   progress: `text\r`, `better text\r`, `best text\n` settle as the one
//!   line `best text` (the line is replaced when the next version's first
//!   character arrives, so `text\r\n` and a `\r` at the end of what has
//!   arrived leave the line as it is). CRLF stays an ordinary line end;
//! - ANSI control sequences (`ESC [ … letter`: whisper.cpp's `stream` clears
//!   the line with `ESC[2K` before each rewrite; colours) are dropped, since
//!   they were meant for a terminal, not the reader;
//! - bytes split at a chunk boundary (a UTF-8 character, a control sequence,
//!   a `\r` whose `\n` has not come yet) wait for the rest; invalid UTF-8 is
//!   U+FFFD, as lossy decoding does. Live text is UTF-8: what recognisers
//!   write.
//!
//! A line feed settles its line for good; only the line in progress is ever
//! rewritten, so everything before it is only ever appended to.

/// How many of a file's first bytes [`LiveText::check`] compares.
pub const HEAD: usize = 256;

/// The longest control sequence held back waiting for its final byte; a
/// longer one is not a control sequence and stays text.
const MAX_SEQUENCE: usize = 64;

/// What the file is now, next to what was read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Growth {
    /// Nothing new.
    Same,
    /// Bytes were appended: read from [`LiveText::consumed`].
    Appended,
    /// Truncated or rewritten from the top: [`LiveText::reset`] and read it
    /// again from the start.
    Rewritten,
}

/// The settled text of a growing file. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct LiveText {
    text: String,
    /// Where the line in progress starts in `text`.
    line_start: usize,
    /// A carriage return came: the next character starts a new version of
    /// the line in progress.
    rewrite: bool,
    /// Bytes that wait for the rest of their character or sequence.
    held: Vec<u8>,
    /// Raw bytes pushed since the last reset, and the first [`HEAD`] of them.
    consumed: u64,
    head: Vec<u8>,
    generation: u64,
    append_only: bool,
}

impl LiveText {
    pub fn new() -> LiveText {
        LiveText::default()
    }

    /// The settled text: every settled line, then the latest version of the
    /// line in progress.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The settled lines alone (up to and including the last line feed):
    /// the part that will never change until a reset.
    pub fn settled_lines(&self) -> &str {
        &self.text[..self.line_start]
    }

    /// Raised by every change of [`text`](Self::text), and by a reset.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the last change only appended to the text (no line was
    /// rewritten, no reset): a reader can then keep what it built.
    pub fn append_only(&self) -> bool {
        self.append_only
    }

    /// How many bytes of the file have been pushed: where to read on.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Forget everything, for a file truncated or rewritten from the top.
    pub fn reset(&mut self) {
        let generation = self.generation + 1;
        *self = LiveText {
            generation,
            ..LiveText::default()
        };
    }

    /// The cheap check of a file against what was read of it: its length
    /// and its first bytes (up to [`HEAD`] of them). A file shorter than
    /// what was read, or one whose first bytes changed, was rewritten. (A
    /// rewrite that keeps the first bytes and only grows looks like an
    /// append: the caller who sees a new inode knows better.)
    pub fn check(&self, len: u64, head: &[u8]) -> Growth {
        let n = self.head.len().min(head.len());
        if len < self.consumed || self.head[..n] != head[..n] {
            Growth::Rewritten
        } else if len == self.consumed {
            Growth::Same
        } else {
            Growth::Appended
        }
    }

    /// Append bytes read from the file; whether the text changed.
    pub fn push(&mut self, bytes: &[u8]) -> bool {
        self.consumed += bytes.len() as u64;
        let room = HEAD.saturating_sub(self.head.len()).min(bytes.len());
        self.head.extend_from_slice(&bytes[..room]);
        let mut change = Change {
            before: self.text.len(),
            cut: None,
        };
        let mut input = std::mem::take(&mut self.held);
        input.extend_from_slice(bytes);
        let mut rest = &input[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    let held = self.feed(s, &mut change);
                    self.held = s.as_bytes()[s.len() - held..].to_vec();
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    let Some(bad) = e.error_len() else {
                        // An incomplete character at the end: hold it, and a
                        // sequence just before it.
                        let held = self.feed(valid, &mut change);
                        self.held = rest[valid.len() - held..].to_vec();
                        break;
                    };
                    let held = self.feed(valid, &mut change);
                    // What was held is followed by a bad byte: it was text.
                    self.write(&valid[valid.len() - held..], &mut change);
                    self.write("\u{FFFD}", &mut change);
                    rest = &after[bad..];
                }
            }
        }
        self.finish(change)
    }

    /// Settle `s`; how many bytes at its end wait for more (an unfinished
    /// control sequence).
    fn feed(&mut self, s: &str, change: &mut Change) -> usize {
        let b = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(k) = memchr::memchr3(b'\r', b'\n', 0x1b, &b[i..]) {
            let at = i + k;
            self.write(&s[run..at], change);
            i = at + 1;
            match b[at] {
                b'\n' => {
                    self.rewrite = false;
                    self.text.push('\n');
                    self.line_start = self.text.len();
                }
                b'\r' => self.rewrite = true,
                _ => match sequence(&b[at..]) {
                    Sequence::Complete(len) => i = at + len,
                    Sequence::Unfinished => return b.len() - at,
                    Sequence::Not => self.write("\u{1b}", change),
                },
            }
            run = i;
        }
        self.write(&s[run..], change);
        0
    }

    /// Add text to the line in progress, first clearing it if a carriage
    /// return asked for a new version.
    fn write(&mut self, s: &str, change: &mut Change) {
        if s.is_empty() {
            return;
        }
        if self.rewrite {
            self.rewrite = false;
            if self.text.len() > self.line_start {
                self.text.truncate(self.line_start);
                change.cut = Some(change.cut.unwrap_or(usize::MAX).min(self.line_start));
            }
        }
        self.text.push_str(s);
    }

    fn finish(&mut self, change: Change) -> bool {
        let changed = change.cut.is_some() || self.text.len() != change.before;
        if changed {
            self.generation += 1;
            self.append_only = change.cut.is_none_or(|cut| cut >= change.before);
        }
        changed
    }
}

/// What a push did to the text: its length before, and the lowest point a
/// rewrite cut it back to.
struct Change {
    before: usize,
    cut: Option<usize>,
}

/// What an ESC starts.
enum Sequence {
    /// A control sequence of this many bytes, to drop.
    Complete(usize),
    /// One that has not ended yet.
    Unfinished,
    /// Not a control sequence: the ESC stays text.
    Not,
}

/// The CSI sequence at the start of `b` (which starts with ESC): `ESC [`,
/// parameter bytes `0x30–0x3F`, intermediate bytes `0x20–0x2F`, a final
/// byte `0x40–0x7E`.
fn sequence(b: &[u8]) -> Sequence {
    match b.get(1) {
        None => return Sequence::Unfinished,
        Some(b'[') => {}
        Some(_) => return Sequence::Not,
    }
    for (i, &c) in b.iter().enumerate().skip(2).take(MAX_SEQUENCE) {
        match c {
            0x20..=0x3f => continue,
            0x40..=0x7e => return Sequence::Complete(i + 1),
            _ => return Sequence::Not,
        }
    }
    if b.len() < MAX_SEQUENCE + 2 {
        Sequence::Unfinished
    } else {
        Sequence::Not
    }
}

#[cfg(test)]
mod tests;
